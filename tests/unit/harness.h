/* harness.h - a tiny assertion harness for the C unit tests (cmark's api_test
 * style). Each test binary ends with a line "NAME: N passed, N failed" that
 * tests/run.sh adds up.
 * SPDX-License-Identifier: MIT */
#ifndef ANNALS_HARNESS_H
#define ANNALS_HARNESS_H
#include <stdio.h>
#include <string.h>

static int h_pass, h_fail;

#define OK(cond, ...) do { \
	if (cond) { h_pass++; } else { h_fail++; \
		fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__); \
		fprintf(stderr, __VA_ARGS__); fputc('\n', stderr); } } while (0)
#define INT_EQ(a, b) do { long long _a = (long long)(a), _b = (long long)(b); \
	OK(_a == _b, "%s == %lld, expected %lld", #a, _a, _b); } while (0)
#define STR_EQ(a, b) do { const char *_a = (a), *_b = (b); \
	OK(_a && _b && strcmp(_a, _b) == 0, "%s == \"%s\", expected \"%s\"", #a, \
		_a ? _a : "(null)", _b ? _b : "(null)"); } while (0)

static int h_done(const char *name)
{
	printf("%s: %d passed, %d failed\n", name, h_pass, h_fail);
	return h_fail ? 1 : 0;
}
#endif
