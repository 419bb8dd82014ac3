/* buf.c - the owning growable byte buffer (annals_buf) with a hard cap.
 * Appends past the cap fail with ANNALS_E_TOO_LARGE and leave the buffer as it
 * was, so a caller never sees a half-appended value.
 * SPDX-License-Identifier: MIT */
#include "annals.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void annals_buf_init(annals_buf *b, size_t max)
{
	b->ptr = NULL;
	b->len = b->cap = 0;
	b->max = max ? max : ANNALS_BUF_DEFAULT_MAX;
}

static annals_status grow(annals_buf *b, size_t extra)
{
	size_t need, cap;
	char *p;
	if (extra > b->max || b->len > b->max - extra)
		return ANNALS_E_TOO_LARGE;
	need = b->len + extra + 1; /* room for the NUL */
	if (need <= b->cap)
		return ANNALS_OK;
	cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap = cap > ((size_t)-1) / 2 ? need : cap * 2;
	p = realloc(b->ptr, cap);
	if (!p)
		return ANNALS_E_NOMEM;
	b->ptr = p;
	b->cap = cap;
	return ANNALS_OK;
}

annals_status annals_buf_reserve(annals_buf *b, size_t extra)
{
	return grow(b, extra);
}

annals_status annals_buf_add(annals_buf *b, const void *p, size_t n)
{
	annals_status st = grow(b, n);
	if (st)
		return st;
	if (n)
		memcpy(b->ptr + b->len, p, n);
	b->len += n;
	b->ptr[b->len] = '\0';
	return ANNALS_OK;
}

annals_status annals_buf_adds(annals_buf *b, const char *s)
{
	return annals_buf_add(b, s, strlen(s));
}

annals_status annals_buf_addc(annals_buf *b, char c)
{
	return annals_buf_add(b, &c, 1);
}

annals_status annals_buf_printf(annals_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;
	annals_status st;
	char small[256];
	va_start(ap, fmt);
	n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0)
		return ANNALS_E_USAGE;
	if ((size_t)n < sizeof small)
		return annals_buf_add(b, small, (size_t)n);
	st = grow(b, (size_t)n);
	if (st)
		return st;
	va_start(ap, fmt);
	vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return ANNALS_OK;
}

annals_status annals_buf_add_json_str(annals_buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t i, run = 0;
	annals_status st = annals_buf_addc(b, '"');
	for (i = 0; !st && i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		char esc[7];
		const char *e = NULL;
		size_t elen = 2;
		switch (c) {
		case '"': e = "\\\""; break;
		case '\\': e = "\\\\"; break;
		case '\n': e = "\\n"; break;
		case '\r': e = "\\r"; break;
		case '\t': e = "\\t"; break;
		default:
			if (c < 0x20) {
				esc[0] = '\\'; esc[1] = 'u'; esc[2] = '0'; esc[3] = '0';
				esc[4] = hex[c >> 4]; esc[5] = hex[c & 15]; esc[6] = 0;
				e = esc;
				elen = 6;
			}
		}
		if (e) {
			st = annals_buf_add(b, s + i - run, run);
			run = 0;
			if (!st)
				st = annals_buf_add(b, e, elen);
		} else {
			run++;
		}
	}
	if (!st)
		st = annals_buf_add(b, s + n - run, run);
	if (!st)
		st = annals_buf_addc(b, '"');
	return st;
}

char *annals_buf_take(annals_buf *b)
{
	char *p = b->ptr;
	if (!p) {
		p = malloc(1);
		if (p)
			*p = '\0';
	}
	b->ptr = NULL;
	b->len = b->cap = 0;
	return p;
}

void annals_buf_reset(annals_buf *b)
{
	b->len = 0;
	if (b->ptr)
		b->ptr[0] = '\0';
}

void annals_buf_free(annals_buf *b)
{
	if (!b)
		return;
	free(b->ptr);
	b->ptr = NULL;
	b->len = b->cap = 0;
}
