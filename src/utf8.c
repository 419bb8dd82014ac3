/* utf8.c - UTF-8 decoding with the Unicode "maximal subpart" rule, so that a
 * repaired report has one U+FFFD per broken sequence, the same as iconv, Python
 * and browsers produce; offsets stay predictable for diagnostics.
 * SPDX-License-Identifier: MIT */
#include "utf8.h"

int annals_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	unsigned char c = s[0];
	uint32_t v;
	unsigned char lo = 0x80, hi = 0xBF;
	int need, i;
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		need = 1;
		v = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		need = 2;
		v = c & 0x0F;
		if (c == 0xE0)
			lo = 0xA0; /* no overlongs */
		else if (c == 0xED)
			hi = 0x9F; /* no surrogates */
	} else if (c >= 0xF0 && c <= 0xF4) {
		need = 3;
		v = c & 0x07;
		if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F; /* <= U+10FFFF */
	} else {
		*cp = ANNALS_UTF8_BAD;
		return 1;
	}
	for (i = 1; i <= need; i++) {
		unsigned char t;
		if ((size_t)i >= n) {
			*cp = ANNALS_UTF8_BAD;
			return i;
		}
		t = s[i];
		if (t < lo || t > hi) {
			*cp = ANNALS_UTF8_BAD;
			return i;
		}
		lo = 0x80;
		hi = 0xBF;
		v = (v << 6) | (t & 0x3F);
	}
	*cp = v;
	return need + 1;
}

int annals_utf8_encode(uint32_t cp, char out[4])
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

size_t annals_utf8_check(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	while (i < n) {
		uint32_t cp;
		int k;
		if (u[i] < 0x80) {
			i++;
			continue;
		}
		k = annals_utf8_decode(u + i, n - i, &cp);
		if (cp == ANNALS_UTF8_BAD)
			return i;
		i += (size_t)k;
	}
	return n;
}

annals_status annals_utf8_repair(const char *s, size_t n, annals_buf *out,
	size_t *nbad, long long *first_bad)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, run = 0;
	annals_status st = ANNALS_OK;
	*nbad = 0;
	*first_bad = -1;
	while (i < n && !st) {
		uint32_t cp;
		int k = annals_utf8_decode(u + i, n - i, &cp);
		if (cp == ANNALS_UTF8_BAD || cp == 0) {
			st = annals_buf_add(out, s + i - run, run);
			run = 0;
			if (!st && cp == ANNALS_UTF8_BAD)
				st = annals_buf_add(out, "\xEF\xBF\xBD", 3);
			if (*first_bad < 0)
				*first_bad = (long long)i;
			(*nbad)++;
		} else {
			run += (size_t)k;
		}
		i += (size_t)k;
	}
	if (!st)
		st = annals_buf_add(out, s + n - run, run);
	return st;
}

size_t annals_utf8_count(const char *s, size_t n)
{
	size_t i, c = 0;
	const unsigned char *u = (const unsigned char *)s;
	for (i = 0; i < n; i++)
		c += (u[i] & 0xC0) != 0x80;
	return c;
}
