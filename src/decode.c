/* decode.c - charset detection and conversion of one report to UTF-8.
 * Trust runs in this order: a byte order mark, then valid or mostly valid UTF-8
 * (repaired, never re-read as another charset), then uchardet's guess converted
 * by iconv. Serves "Input: reports" of ../shared/spec/event-record.md.
 * SPDX-License-Identifier: MIT */
#include "decode.h"
#include "utf8.h"

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <uchardet.h>

/* Binary sniffing looks at the head only: enough to tell, cheap for big inputs. */
#define SNIFF_BYTES 8192
/* uchardet is sure long before this; feeding it a whole big report costs time. */
#define DETECT_BYTES (256 * 1024)

static const char *const gb_names[] = {
	"GB18030", "GB2312", "GBK", "EUC-CN", "CP936", "X-GBK", NULL
};
static const char *const big5_names[] = {
	"BIG5", "BIG5-HKSCS", "BIG5HKSCS", "CP950", NULL
};

static int name_in(const char *name, const char *const *list)
{
	for (; *list; list++)
		if (strcasecmp(name, *list) == 0)
			return 1;
	return 0;
}

static void set_encoding(annals_decode_info *info, const char *name)
{
	snprintf(info->encoding, sizeof info->encoding, "%s", name);
}

/* C0 controls that text does not use: TAB..CR are layout, ESC starts ISO-2022
 * shifts. */
static int is_control(unsigned char c)
{
	return c < 0x20 && !(c >= '\t' && c <= '\r') && c != 0x1B;
}

static int looks_binary(const unsigned char *s, size_t n, long long *at)
{
	size_t i, m = n < SNIFF_BYTES ? n : SNIFF_BYTES, ctrl = 0, nul = 0;
	*at = -1;
	for (i = 0; i < m; i++) {
		if (!is_control(s[i]))
			continue;
		if (*at < 0)
			*at = (long long)i;
		ctrl++;
		nul += s[i] == 0;
	}
	/* A few stray NULs or controls get dropped or kept; binary data has them
	 * everywhere (random bytes: 10% controls, 0.4% NULs). */
	return (ctrl >= 4 && ctrl * 20 > m) || (nul >= 16 && nul * 64 > m);
}

/* UTF-16 without a BOM can only be told for mostly-Latin text, by the NUL in
 * every other byte; without this it would look binary. */
static const char *sniff_utf16(const unsigned char *s, size_t n)
{
	size_t i, even = 0, odd = 0, m = (n < SNIFF_BYTES ? n : SNIFF_BYTES) & ~(size_t)1;
	size_t half = m / 2;
	if (m < 16)
		return NULL;
	for (i = 0; i < m; i += 2) {
		even += s[i] == 0;
		odd += s[i + 1] == 0;
	}
	if (odd * 10 >= half * 4 && even * 20 <= half)
		return "UTF-16LE";
	if (even * 10 >= half * 4 && odd * 20 <= half)
		return "UTF-16BE";
	return NULL;
}

/* Broken UTF-8 or another charset? In GB18030 or Big5 text most high bytes
 * form invalid UTF-8 (the seeds: 3 to 15 invalid per accidentally valid
 * sequence); damaged UTF-8 has a few bad sequences among many good ones. */
static int mostly_utf8(const unsigned char *s, size_t n)
{
	size_t i = 0, good = 0, bad = 0;
	while (i < n) {
		uint32_t cp;
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		i += (size_t)annals_utf8_decode(s + i, n - i, &cp);
		if (cp == ANNALS_UTF8_BAD)
			bad++;
		else
			good++;
	}
	return good >= 4 * bad;
}

/* NUL characters are counted in the source, where their offsets mean something
 * to the user; a NUL is a zero code unit (1, 2 or 4 bytes, aligned). */
static void count_nuls(const char *s, size_t n, size_t unit, size_t base,
	annals_decode_info *info)
{
	size_t i, k;
	if (unit == 1) {
		const char *p = s, *end = s + n;
		while (p < end && (p = memchr(p, 0, (size_t)(end - p))) != NULL) {
			if (!info->nnul++)
				info->first_nul = (long long)(base + (size_t)(p - s));
			p++;
		}
		return;
	}
	for (i = 0; i + unit <= n; i += unit) {
		for (k = 0; k < unit && s[i + k] == 0; k++)
			;
		if (k == unit && !info->nnul++)
			info->first_nul = (long long)(base + i);
	}
}

/* Append p[0..n) without its NUL bytes. */
static annals_status put_text(annals_buf *out, const char *p, size_t n)
{
	annals_status st = ANNALS_OK;
	const char *z;
	while (!st && n && (z = memchr(p, 0, n)) != NULL) {
		st = annals_buf_add(out, p, (size_t)(z - p));
		n -= (size_t)(z - p) + 1;
		p = z + 1;
	}
	if (!st)
		st = annals_buf_add(out, p, n);
	return st;
}

static annals_status from_utf8(const char *s, size_t n, size_t base, annals_buf *out,
	annals_decode_info *info)
{
	size_t bad = annals_utf8_check(s, n), nbad;
	long long first;
	annals_status st;
	count_nuls(s, n, 1, base, info);
	if (bad == n && !info->nnul)
		return annals_buf_add(out, s, n);
	st = annals_utf8_repair(s, n, out, &nbad, &first);
	if (st)
		return st;
	/* the repair counts dropped NULs too */
	info->nbad = nbad - info->nnul;
	if (bad < n)
		info->first_bad = (long long)(base + bad);
	return ANNALS_OK;
}

/* The text must satisfy the report contract whatever iconv did. */
static annals_status ensure_utf8(annals_buf *out)
{
	annals_buf fixed;
	size_t nbad;
	long long first;
	annals_status st;
	if (annals_utf8_check(out->ptr, out->len) == out->len)
		return ANNALS_OK;
	annals_buf_init(&fixed, out->max);
	st = annals_utf8_repair(out->ptr, out->len, &fixed, &nbad, &first);
	if (st)
		goto out;
	annals_buf_free(out);
	*out = fixed;
	annals_buf_init(&fixed, 0);
out:
	annals_buf_free(&fixed);
	return st;
}

/* Convert with iconv, one U+FFFD per undecodable unit so that one bad byte
 * does not lose the report. ANNALS_E_USAGE: iconv does not know the charset
 * (nothing was done). */
static annals_status from_iconv(const char *s, size_t n, size_t base, const char *charset,
	size_t unit, annals_buf *out, annals_decode_info *info)
{
	iconv_t cd = iconv_open("UTF-8", charset);
	char *in = (char *)s, tmp[8192];
	size_t inleft = n;
	annals_status st = ANNALS_OK;
	if (cd == (iconv_t)-1)
		return ANNALS_E_USAGE;
	count_nuls(s, n, unit, base, info);
	for (;;) {
		char *o = tmp;
		size_t oleft = sizeof tmp, r, skip;
		int flushing = inleft == 0, e;
		errno = 0;
		if (flushing)
			r = iconv(cd, NULL, NULL, &o, &oleft);
		else
			r = iconv(cd, &in, &inleft, &o, &oleft);
		e = errno;
		st = put_text(out, tmp, (size_t)(o - tmp));
		if (st)
			goto out;
		if (r == (size_t)-1 && e == E2BIG)
			continue;
		if (flushing)
			break;
		if (r != (size_t)-1)
			continue;
		/* EILSEQ, or EINVAL: a sequence cut off by the end of the input */
		skip = e == EINVAL ? inleft : (unit < inleft ? unit : inleft);
		if (!info->nbad++)
			info->first_bad = (long long)(base + (size_t)(in - s));
		st = annals_buf_add(out, "\xEF\xBF\xBD", 3);
		if (st)
			goto out;
		in += skip;
		inleft -= skip;
	}
	st = ensure_utf8(out);
out:
	iconv_close(cd);
	return st;
}

/* Plain Big5 first; Hong Kong text needs HKSCS characters that Big5 lacks, so
 * when Big5 leaves bad bytes the HKSCS reading wins if it leaves fewer. */
static annals_status from_big5(const char *s, size_t n, size_t base, annals_buf *out,
	annals_decode_info *info)
{
	annals_decode_info alt_info = *info;
	annals_buf alt;
	annals_status st;
	annals_buf_init(&alt, out->max);
	st = from_iconv(s, n, base, "BIG5", 1, out, info);
	if (st == ANNALS_E_USAGE) {
		*info = alt_info;
		st = from_iconv(s, n, base, "BIG5-HKSCS", 1, out, info);
		if (!st)
			set_encoding(info, "BIG5-HKSCS");
		goto out;
	}
	if (st)
		goto out;
	set_encoding(info, "BIG5");
	if (!info->nbad)
		goto out;
	st = from_iconv(s, n, base, "BIG5-HKSCS", 1, &alt, &alt_info);
	if (st == ANNALS_E_USAGE) {
		st = ANNALS_OK;
		goto out;
	}
	if (st)
		goto out;
	if (alt_info.nbad < info->nbad) {
		annals_buf t = *out;
		*out = alt;
		alt = t;
		*info = alt_info;
		set_encoding(info, "BIG5-HKSCS");
	}
out:
	annals_buf_free(&alt);
	return st;
}

/* uchardet's name for the charset, "" when it has no idea. */
static annals_status detect(const char *s, size_t n, char *name, size_t namesz)
{
	uchardet_t ud = uchardet_new();
	const char *cs;
	annals_status st = ANNALS_OK;
	name[0] = '\0';
	if (!ud)
		return ANNALS_E_NOMEM;
	if (uchardet_handle_data(ud, s, n < DETECT_BYTES ? n : DETECT_BYTES) != 0) {
		st = ANNALS_E_NOMEM;
		goto out;
	}
	uchardet_data_end(ud);
	cs = uchardet_get_charset(ud);
	snprintf(name, namesz, "%s", cs ? cs : "");
out:
	uchardet_delete(ud);
	return st;
}

/* uchardet gives up for good on an illegal byte near the start (a GB18030
 * report with one stray 0xFF comes back as "unknown"). A second opinion: pieces
 * of the head, each starting after an ASCII byte, vote by their length, so one
 * bad spot is outvoted. */
static annals_status detect_vote(const char *s, size_t n, char *name, size_t namesz)
{
	enum { PIECES = 8 };
	const unsigned char *u = (const unsigned char *)s;
	char names[PIECES][64];
	size_t weight[PIECES], nnames = 0, m = n < DETECT_BYTES ? n : DETECT_BYTES;
	size_t piece = m / PIECES > 1024 ? m / PIECES : 1024, start, i, best = 0;
	annals_status st = ANNALS_OK;
	name[0] = '\0';
	for (start = 0; start < m; start += piece) {
		size_t a = start, b = m - start > piece ? start + piece : m;
		char cur[64];
		while (a && a < b && u[a - 1] >= 0x80)
			a++;
		if (b - a < 64)
			continue;
		st = detect(s + a, b - a, cur, sizeof cur);
		if (st)
			return st;
		/* a piece of plain ASCII says nothing about the high bytes */
		if (!cur[0] || strcasecmp(cur, "ASCII") == 0)
			continue;
		for (i = 0; i < nnames && strcmp(names[i], cur) != 0; i++)
			;
		if (i == nnames) {
			if (nnames == PIECES)
				continue;
			memcpy(names[nnames], cur, sizeof cur);
			weight[nnames++] = 0;
		}
		weight[i] += b - a;
	}
	for (i = 1; i < nnames; i++)
		if (weight[i] > weight[best])
			best = i;
	if (nnames)
		snprintf(name, namesz, "%s", names[best]);
	return st;
}

/* Many high bytes: likely a multi-byte charset (Chinese web pages in Big5 run
 * from 20%); accented Latin text has a few percent. */
static int many_high(const unsigned char *s, size_t n)
{
	size_t i, m = n < SNIFF_BYTES ? n : SNIFF_BYTES, high = 0;
	for (i = 0; i < m; i++)
		high += s[i] >= 0x80;
	return high * 10 >= m;
}

static int is_space_cp(uint32_t c)
{
	return c == ' ' || (c >= '\t' && c <= '\r') || c == 0x85 || c == 0xA0 ||
		c == 0x1680 || (c >= 0x2000 && c <= 0x200B) || c == 0x2028 ||
		c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

static int is_blank(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		uint32_t cp;
		i += (size_t)annals_utf8_decode((const unsigned char *)s + i, n - i, &cp);
		if (!is_space_cp(cp))
			return 0;
	}
	return 1;
}

annals_status annals_decode(const char *s, size_t n, unsigned flags, annals_buf *out,
	annals_decode_info *info)
{
	const unsigned char *u = (const unsigned char *)s;
	const char *charset = NULL; /* NULL: UTF-8 */
	char guess[64];
	size_t unit = 1, bom = 0;
	int big5 = 0;
	annals_status st = ANNALS_OK;

	memset(info, 0, sizeof *info);
	info->first_bad = info->first_nul = info->binary_at = -1;
	set_encoding(info, "UTF-8");
	if (n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
		bom = 3;
	} else if (flags & ANNALS_DECODE_UTF8) {
		/* no sniffing: a JSON string is UTF-8 */
	} else if (n >= 4 && u[0] == 0xFF && u[1] == 0xFE && u[2] == 0 && u[3] == 0) {
		charset = "UTF-32LE", unit = 4, bom = 4;
	} else if (n >= 4 && u[0] == 0 && u[1] == 0 && u[2] == 0xFE && u[3] == 0xFF) {
		charset = "UTF-32BE", unit = 4, bom = 4;
	} else if (n >= 2 && u[0] == 0xFF && u[1] == 0xFE) {
		charset = "UTF-16LE", unit = 2, bom = 2;
	} else if (n >= 2 && u[0] == 0xFE && u[1] == 0xFF) {
		charset = "UTF-16BE", unit = 2, bom = 2;
	} else if ((charset = sniff_utf16(u, n)) != NULL) {
		unit = 2;
	}
	info->bom = bom;
	if (!charset && looks_binary(u + bom, n - bom, &info->binary_at)) {
		info->binary_at += (long long)bom;
		st = ANNALS_E_BINARY;
		goto out;
	}
	if (!charset && !bom && !(flags & ANNALS_DECODE_UTF8) &&
		annals_utf8_check(s, n) < n && !mostly_utf8(u, n)) {
		st = detect(s, n, guess, sizeof guess);
		if (!st && !name_in(guess, gb_names) && !name_in(guess, big5_names) &&
			many_high(u, n))
			st = detect_vote(s, n, guess, sizeof guess);
		if (st)
			goto out;
		if (name_in(guess, gb_names))
			charset = "GB18030";
		else if (name_in(guess, big5_names))
			big5 = 1;
		else if (guess[0] && strcasecmp(guess, "UTF-8") && strcasecmp(guess, "ASCII"))
			charset = guess;
	}
	if (big5) {
		st = from_big5(s, n, 0, out, info);
	} else if (charset) {
		st = from_iconv(s + bom, n - bom, bom, charset, unit, out, info);
		if (!st)
			set_encoding(info, charset);
	}
	if (!big5 && !charset)
		st = from_utf8(s + bom, n - bom, bom, out, info);
	else if (st == ANNALS_E_USAGE)
		/* iconv does not know uchardet's name: repair as UTF-8 */
		st = from_utf8(s + bom, n - bom, bom, out, info);
	if (st)
		goto out;
	if (is_blank(out->ptr, out->len))
		st = ANNALS_E_EMPTY;
out:
	if (st)
		annals_buf_reset(out);
	return st;
}
