/* numeral.c - reads the numbers in dates and counts: ASCII digits and Chinese
 * numerals (三月二十一日, 二〇二五年, 两国, 20多份), so that date and count rules
 * are written once over both forms.
 * SPDX-License-Identifier: MIT */
#include "numeral.h"
#include "utf8.h"

static int digit_value(uint32_t c)
{
	switch (c) {
	case 0x3007: case 0x96F6: return 0; /* 〇 零 */
	case 0x4E00: return 1; /* 一 */
	case 0x4E8C: case 0x4E24: return 2; /* 二 两 */
	case 0x4E09: return 3;
	case 0x56DB: return 4;
	case 0x4E94: return 5;
	case 0x516D: return 6;
	case 0x4E03: return 7;
	case 0x516B: return 8;
	case 0x4E5D: return 9;
	}
	if (c >= '0' && c <= '9')
		return (int)(c - '0');
	return -1;
}

static int unit_value(uint32_t c)
{
	switch (c) {
	case 0x5341: return 10;   /* 十 */
	case 0x767E: return 100;  /* 百 */
	case 0x5343: return 1000; /* 千 */
	}
	return 0;
}

int annals_numeral_is_digit(uint32_t c)
{
	return digit_value(c) >= 0 || unit_value(c) > 0;
}

size_t annals_numeral_parse_cp(const uint32_t *cp, size_t n, int *out)
{
	size_t i = 0;
	long total = 0, cur = -1;
	int ascii = n > 0 && cp[0] >= '0' && cp[0] <= '9';
	int positional = 1; /* 二〇二五: digits only, no units */
	if (ascii) {
		long v = 0;
		while (i < n && cp[i] >= '0' && cp[i] <= '9' && i < 9)
			v = v * 10 + (long)(cp[i++] - '0');
		*out = (int)v;
		return i;
	}
	for (i = 0; i < n && i < 12; i++) {
		int dv = digit_value(cp[i]), uv = unit_value(cp[i]);
		if (dv >= 0 && !(cp[i] >= '0' && cp[i] <= '9')) {
			if (cur >= 0 && positional) {
				cur = cur * 10 + dv;
			} else {
				cur = dv;
			}
		} else if (uv) {
			positional = 0;
			total += (cur < 0 ? 1 : cur) * uv;
			cur = -1;
		} else {
			break;
		}
	}
	if (i == 0)
		return 0;
	if (positional) {
		*out = (int)cur;
	} else {
		*out = (int)(total + (cur < 0 ? 0 : cur));
	}
	/* a lone 两/一 is a word (两国, 一致), not a number: callers check context */
	return i;
}

int annals_numeral_parse(const char **cur, const char *end, int *out)
{
	uint32_t buf[12];
	const char *p = *cur;
	const char *stops[13];
	size_t n = 0, used;
	while (p < end && n < 12) {
		uint32_t c;
		int k = annals_utf8_decode((const unsigned char *)p, (size_t)(end - p), &c);
		if (c == ANNALS_UTF8_BAD || !annals_numeral_is_digit(c))
			break;
		if (n > 0 && ((buf[0] >= '0' && buf[0] <= '9') != (c >= '0' && c <= '9')))
			break;
		stops[n] = p;
		buf[n++] = c;
		p += k;
	}
	stops[n] = p;
	used = annals_numeral_parse_cp(buf, n, out);
	if (!used)
		return 0;
	*cur = stops[used];
	return 1;
}
