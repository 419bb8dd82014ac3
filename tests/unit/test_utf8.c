/* test_utf8.c - UTF-8 decoding and repair: every class of malformed input gets
 * the Unicode "maximal subpart" number of U+FFFD, NULs are dropped, and valid
 * text passes through untouched (src/utf8.c).
 * SPDX-License-Identifier: MIT */
#include "annals.h"
#include "utf8.h"
#include "harness.h"

#include <stdlib.h>
#include <string.h>

#define FFFD "\xEF\xBF\xBD"

/* Repair s and compare with the expected text and replacement count. */
static void check_repair(const char *name, const char *s, size_t n, const char *want,
	size_t want_bad, long long want_first)
{
	annals_buf b;
	size_t nbad = 0;
	long long first = -2;
	annals_status st;
	annals_buf_init(&b, 0);
	st = annals_utf8_repair(s, n, &b, &nbad, &first);
	INT_EQ(st, ANNALS_OK);
	OK(nbad == want_bad, "%s: %zu replacements, expected %zu", name, nbad, want_bad);
	OK(first == want_first, "%s: first at %lld, expected %lld", name, first, want_first);
	OK(b.len == strlen(want) && memcmp(b.ptr ? b.ptr : "", want, b.len) == 0,
		"%s: repaired text differs", name);
	OK(annals_utf8_check(b.ptr ? b.ptr : "", b.len) == b.len, "%s: output valid", name);
	annals_buf_free(&b);
}

#define REPAIR(name, s, want, nbad, first) \
	check_repair(name, s, sizeof(s) - 1, want, nbad, first)

static void test_malformed_classes(void)
{
	REPAIR("lone continuation", "a\x80z", "a" FFFD "z", 1, 1);
	REPAIR("two continuations", "a\x80\xBFz", "a" FFFD FFFD "z", 2, 1);
	REPAIR("truncated 2-byte at end", "a\xC3", "a" FFFD, 1, 1);
	REPAIR("truncated 2-byte mid", "\xC3z", FFFD "z", 1, 0);
	REPAIR("truncated 3-byte", "\xE4\xB8z", FFFD "z", 1, 0);
	REPAIR("truncated 3-byte at end", "z\xE4\xB8", "z" FFFD, 1, 1);
	REPAIR("truncated 4-byte", "\xF0\x9F\x98z", FFFD "z", 1, 0);
	REPAIR("truncated 4-byte after 1", "\xF0\x9Fz", FFFD "z", 1, 0);
	REPAIR("overlong C0 80", "\xC0\x80", FFFD FFFD, 2, 0);
	REPAIR("overlong C1 BF", "\xC1\xBF", FFFD FFFD, 2, 0);
	REPAIR("overlong E0 80 80", "\xE0\x80\x80", FFFD FFFD FFFD, 3, 0);
	REPAIR("overlong E0 9F BF", "\xE0\x9F\xBF", FFFD FFFD FFFD, 3, 0);
	REPAIR("overlong F0 80 80 80", "\xF0\x80\x80\x80", FFFD FFFD FFFD FFFD, 4, 0);
	REPAIR("overlong F0 8F BF BF", "\xF0\x8F\xBF\xBF", FFFD FFFD FFFD FFFD, 4, 0);
	REPAIR("surrogate ED A0 80", "\xED\xA0\x80", FFFD FFFD FFFD, 3, 0);
	REPAIR("surrogate ED BF BF", "\xED\xBF\xBF", FFFD FFFD FFFD, 3, 0);
	REPAIR("above U+10FFFF F4 90", "\xF4\x90\x80\x80", FFFD FFFD FFFD FFFD, 4, 0);
	REPAIR("F5 lead", "\xF5\x80\x80\x80", FFFD FFFD FFFD FFFD, 4, 0);
	REPAIR("F8 lead (5-byte form)", "\xF8\x88\x80\x80\x80", FFFD FFFD FFFD FFFD FFFD, 5, 0);
	REPAIR("FC lead (6-byte form)", "\xFC\x84\x80\x80\x80\x80",
		FFFD FFFD FFFD FFFD FFFD FFFD, 6, 0);
	REPAIR("FE", "a\xFE", "a" FFFD, 1, 1);
	REPAIR("FF", "\xFF" "b", FFFD "b", 1, 0);
	REPAIR("FE FF", "\xFE\xFF", FFFD FFFD, 2, 0);
	/* Unicode 3.9, table 3-8: the reference example */
	REPAIR("table 3-8", "\x61\xF1\x80\x80\xE1\x80\xC2\x62\x80\x63\x80\xBF\x64",
		"a" FFFD FFFD FFFD "b" FFFD "c" FFFD FFFD "d", 6, 1);
	/* the edges that are valid stay */
	REPAIR("U+007F", "\x7F", "\x7F", 0, -1);
	REPAIR("U+0080", "\xC2\x80", "\xC2\x80", 0, -1);
	REPAIR("U+07FF", "\xDF\xBF", "\xDF\xBF", 0, -1);
	REPAIR("U+0800", "\xE0\xA0\x80", "\xE0\xA0\x80", 0, -1);
	REPAIR("U+D7FF", "\xED\x9F\xBF", "\xED\x9F\xBF", 0, -1);
	REPAIR("U+E000", "\xEE\x80\x80", "\xEE\x80\x80", 0, -1);
	REPAIR("U+FFFF", "\xEF\xBF\xBF", "\xEF\xBF\xBF", 0, -1);
	REPAIR("U+10000", "\xF0\x90\x80\x80", "\xF0\x90\x80\x80", 0, -1);
	REPAIR("U+10FFFF", "\xF4\x8F\xBF\xBF", "\xF4\x8F\xBF\xBF", 0, -1);
	REPAIR("chinese", "习近平", "习近平", 0, -1);
	REPAIR("chinese broken", "习\xE8\xBF平", "习" FFFD "平", 1, 3);
}

static void test_nul(void)
{
	static const char s[] = "a\0b\0\0c";
	REPAIR("NULs dropped", s, "abc", 3, 1);
}

static void test_check_decode_encode(void)
{
	uint32_t cp;
	char out[4];
	static const uint32_t cps[] = { 0, 0x41, 0x7F, 0x80, 0x7FF, 0x800, 0x4E60, 0xD7FF,
		0xE000, 0xFFFD, 0xFFFF, 0x10000, 0x1F600, 0x10FFFF };
	size_t i;
	INT_EQ(annals_utf8_check("abc", 3), 3);
	INT_EQ(annals_utf8_check("ab\xC3", 3), 2);
	INT_EQ(annals_utf8_check("习\xFF", 4), 3);
	INT_EQ(annals_utf8_check("", 0), 0);
	for (i = 0; i < sizeof cps / sizeof cps[0]; i++) {
		int k = annals_utf8_encode(cps[i], out), k2;
		k2 = annals_utf8_decode((const unsigned char *)out, (size_t)k, &cp);
		OK(k == k2 && cp == cps[i], "round trip U+%04X", (unsigned)cps[i]);
	}
	INT_EQ(annals_utf8_decode((const unsigned char *)"\xE4\xB8", 2, &cp), 2);
	OK(cp == ANNALS_UTF8_BAD, "truncated sequence is bad");
	INT_EQ(annals_utf8_count("习近平 a", 11), 5);
	INT_EQ(annals_utf8_count("\x80\x80", 2), 0);
}

static void test_cap(void)
{
	annals_buf b;
	size_t nbad;
	long long first;
	annals_buf_init(&b, 4);
	INT_EQ(annals_utf8_repair("\xFF\xFF", 2, &b, &nbad, &first), ANNALS_E_TOO_LARGE);
	annals_buf_free(&b);
}

int main(void)
{
	test_malformed_classes();
	test_nul();
	test_check_decode_encode();
	test_cap();
	return h_done("test_utf8");
}
