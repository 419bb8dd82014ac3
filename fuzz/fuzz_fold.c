/* fuzz_fold.c - libFuzzer entry for annals_fold: arbitrary bytes must fold
 * without fault to valid UTF-8, one code point per input code point when the
 * input is valid, and a second fold must change nothing.
 * SPDX-License-Identifier: MIT */
#include "annals.h"
#include "utf8.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	annals_buf a, b;
	annals_buf_init(&a, 0);
	annals_buf_init(&b, 0);
	if (annals_fold(s, size, &a) != ANNALS_OK)
		abort();
	if (annals_utf8_check(a.ptr, a.len) != a.len)
		abort();
	if (annals_utf8_check(s, size) == size &&
		annals_utf8_count(a.ptr, a.len) != annals_utf8_count(s, size))
		abort();
	if (annals_fold(a.ptr, a.len, &b) != ANNALS_OK || a.len != b.len ||
		memcmp(a.ptr, b.ptr, a.len) != 0)
		abort();
	annals_buf_free(&a);
	annals_buf_free(&b);
	return 0;
}
