/* utf8.h - internal UTF-8 decoding, encoding and repair (library-internal).
 * SPDX-License-Identifier: MIT */
#ifndef ANNALS_UTF8_H
#define ANNALS_UTF8_H
#include <stddef.h>
#include <stdint.h>
#include "annals.h"

#define ANNALS_UTF8_BAD 0xFFFFFFFFu

/* Decode one code point from s[0..n) (n >= 1). Returns the bytes consumed (1-4).
 * On a malformed sequence *cp = ANNALS_UTF8_BAD and the return value is the
 * length of the maximal invalid subpart (Unicode 3.9, "substitution of maximal
 * subparts"), at least 1. Overlongs, surrogates and > U+10FFFF are malformed. */
int annals_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);
/* Encode cp (must be valid) into out; returns 1-4. */
int annals_utf8_encode(uint32_t cp, char out[4]);
/* Offset of the first malformed byte, or n when s is valid UTF-8. */
size_t annals_utf8_check(const char *s, size_t n);
/* Append s to out with malformed subparts replaced by U+FFFD and NUL bytes
 * dropped; *nbad counts replacements+drops, *first_bad is the byte offset of the
 * first one (or -1). */
ANNALS_WUR annals_status annals_utf8_repair(const char *s, size_t n, annals_buf *out,
	size_t *nbad, long long *first_bad);
/* Decode the code point at s[*i] of text already known to be valid UTF-8 (a
 * report's text, a folded view) and advance *i; no checks, for hot loops. */
static inline uint32_t annals_utf8_next(const char *s, size_t *i)
{
	const unsigned char *u = (const unsigned char *)s + *i;
	uint32_t c = u[0];
	if (c < 0x80) {
		*i += 1;
		return c;
	}
	if (c < 0xE0) {
		*i += 2;
		return ((c & 0x1F) << 6) | (u[1] & 0x3F);
	}
	if (c < 0xF0) {
		*i += 3;
		return ((c & 0x0F) << 12) | ((uint32_t)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
	}
	*i += 4;
	return ((c & 0x07) << 18) | ((uint32_t)(u[1] & 0x3F) << 12) | ((uint32_t)(u[2] & 0x3F) << 6) |
		(u[3] & 0x3F);
}

/* Number of code points in s[0..n) (malformed subparts count as one each). */
size_t annals_utf8_count(const char *s, size_t n);
#endif
