/* fold.c - character folding for matching across scripts: traditional to
 * simplified (src/t2s_table.inc, generated from OpenCC), full-width to ASCII,
 * quotes, spaces and name dots unified. Every code point folds to exactly one
 * code point, so code point offsets into the original hold in the folded view.
 * SPDX-License-Identifier: MIT */
#include "fold.h"
#include "utf8.h"

#include <string.h>

#include "t2s_table.inc"

/* Target of cp in the t2s table, or cp. Only reached for the supplementary
 * planes and for the rare BMP characters whose simplified form is not in the
 * BMP (marked 0xFFFF in the BMP table). */
static uint32_t t2s_find(uint32_t cp)
{
	size_t lo = 0, hi = T2S_NPAIRS;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (t2s_pairs[mid].from < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < T2S_NPAIRS && t2s_pairs[lo].from == cp ? t2s_pairs[lo].to : cp;
}

/* Punctuation and spaces below the CJK ideographs (U+0080-U+33FF). */
static uint32_t fold_low(uint32_t cp)
{
	switch (cp) {
	case 0x00A0: case 0x202F: case 0x205F: case 0x3000:
		return ' ';
	/* ’ is the English apostrophe (Russia’s) far more often than a closing
	 * quote, so single curly quotes become ' rather than “ ”. */
	case 0x2018: case 0x2019:
		return '\'';
	case 0x300C: case 0x300E: /* 「 『 */
		return 0x201C;
	case 0x300D: case 0x300F: /* 」 』 */
		return 0x201D;
	case 0x3008: /* 〈 is a title bracket in Chinese, as 《 */
		return 0x300A;
	case 0x3009:
		return 0x300B;
	/* Dots between the parts of a transliterated name (普京・弗拉基米尔); • is a
	 * list bullet, not a name dot, and stays. */
	case 0x2027: case 0x2219: case 0x22C5: case 0x30FB:
		return 0x00B7;
	default:
		return cp >= 0x2000 && cp <= 0x200A ? ' ' : cp;
	}
}

/* Full-width and vertical forms (U+FE00-U+FFFF). */
static uint32_t fold_high(uint32_t cp)
{
	if (cp >= 0xFF01 && cp <= 0xFF5E)
		return cp - 0xFEE0;
	switch (cp) {
	case 0xFE41: case 0xFE43: /* vertical 「 『 */
		return 0x201C;
	case 0xFE42: case 0xFE44:
		return 0x201D;
	case 0xFF65: /* half-width katakana middle dot */
		return 0x00B7;
	default:
		return cp;
	}
}

/* O(1) for everything but the 0xFFFF escapes: Han text is one range check and
 * two loads from a static table, with no initialisation at run time. */
static inline uint32_t fold_bmp(uint32_t cp)
{
	uint16_t t;
	if (cp < 0x3400)
		return cp < 0x80 ? cp : fold_low(cp);
	if (cp >= 0xFE00)
		return fold_high(cp);
	t = t2s_bmp_block[t2s_bmp_index[cp >> 8]][cp & 0xFF];
	if (!t)
		return cp;
	return t != 0xFFFF ? t : t2s_find(cp);
}

uint32_t annals_fold_cp(uint32_t cp)
{
	if (cp < 0x10000)
		return fold_bmp(cp);
	if (cp >= 0x20000 && cp <= 0x2FFFF)
		return t2s_find(cp);
	return cp;
}

int annals_cp_is_han(uint32_t cp)
{
	if (cp < 0x3005)
		return 0;
	if (cp < 0x3400) /* 々 〆 〇, Suzhou numerals 〡-〩, 〸-〻 */
		return cp <= 0x3007 || (cp >= 0x3021 && cp <= 0x3029) ||
			(cp >= 0x3038 && cp <= 0x303B);
	return (cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
		(cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3FFFF);
}

int annals_cp_is_trad(uint32_t cp)
{
	if (cp < 0x10000)
		return (t2s_trad_bmp[cp >> 5] >> (cp & 31)) & 1;
	/* GB 2312 has nothing outside the BMP, so every supplementary key counts */
	return cp >= 0x20000 && cp <= 0x2FFFF && t2s_find(cp) != cp;
}

int annals_cp_is_simp(uint32_t cp)
{
	size_t lo = 0, hi = T2S_NSIMP_SUPP;
	if (cp < 0x10000)
		return (t2s_simp_bmp[cp >> 5] >> (cp & 31)) & 1;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (t2s_simp_supp[mid] < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < T2S_NSIMP_SUPP && t2s_simp_supp[lo] == cp;
}

const struct annals_t2s_pair *annals_t2s_pairs(size_t *n)
{
	*n = T2S_NPAIRS;
	return t2s_pairs;
}

/* Output goes through a stack buffer so that the per-character cost is a few
 * stores instead of an annals_buf_add call; long ASCII runs skip it. On failure
 * `out` is truncated back to its length on entry. */
annals_status annals_fold(const char *s, size_t n, annals_buf *out)
{
	const unsigned char *u = (const unsigned char *)s;
	char tmp[4096];
	size_t i = 0, k = 0, len0 = out->len;
	annals_status st = ANNALS_OK;

	while (i < n) {
		unsigned char c = u[i];
		uint32_t cp, f;
		int len;
		if (k > sizeof tmp - 4) {
			st = annals_buf_add(out, tmp, k);
			k = 0;
			if (st)
				goto out;
		}
		if (c < 0x80) {
			size_t j = i + 1;
			while (j < n && u[j] < 0x80)
				j++;
			if (j - i <= sizeof tmp - k) {
				memcpy(tmp + k, s + i, j - i);
				k += j - i;
			} else {
				st = annals_buf_add(out, tmp, k);
				k = 0;
				if (!st)
					st = annals_buf_add(out, s + i, j - i);
				if (st)
					goto out;
			}
			i = j;
			continue;
		}
		/* Well-formed three-byte sequences (all of CJK) are decoded inline;
		 * anything else goes through the full decoder. */
		if (c >= 0xE0 && c <= 0xEF && n - i >= 3 && (u[i + 1] & 0xC0) == 0x80 &&
			(u[i + 2] & 0xC0) == 0x80 && (c != 0xE0 || u[i + 1] >= 0xA0) &&
			(c != 0xED || u[i + 1] < 0xA0)) {
			cp = ((uint32_t)(c & 0x0F) << 12) | ((uint32_t)(u[i + 1] & 0x3F) << 6) |
				(u[i + 2] & 0x3F);
			f = fold_bmp(cp);
			if (f == cp) {
				tmp[k] = (char)c;
				tmp[k + 1] = (char)u[i + 1];
				tmp[k + 2] = (char)u[i + 2];
				k += 3;
			} else {
				k += (size_t)annals_utf8_encode(f, tmp + k);
			}
			i += 3;
			continue;
		}
		len = annals_utf8_decode(u + i, n - i, &cp);
		if (cp == ANNALS_UTF8_BAD) {
			k += (size_t)annals_utf8_encode(0xFFFD, tmp + k);
		} else {
			f = annals_fold_cp(cp);
			if (f == cp) {
				memcpy(tmp + k, s + i, (size_t)len);
				k += (size_t)len;
			} else {
				k += (size_t)annals_utf8_encode(f, tmp + k);
			}
		}
		i += (size_t)len;
	}
	st = annals_buf_add(out, tmp, k);
out:
	if (st) {
		out->len = len0;
		if (out->ptr)
			out->ptr[len0] = '\0';
	}
	return st;
}
