/* bigram.c - the tokens of the store's full-text index and of its reprint
 * shingles: overlapping bigrams over CJK runs and lower-cased words over Latin
 * letters and digits, both over folded text (traditional reads as simplified).
 * Stock FTS5 tokenizers cannot find two-character Chinese words; these can.
 * docs/store.md "The tokenizer". SPDX-License-Identifier: MIT */
#include "store.h"
#include "fold.h"
#include "utf8.h"

#include <string.h>

int annals_is_cjk(uint32_t cp)
{
	return annals_cp_is_han(cp) || (cp >= 0x3040 && cp <= 0x30FF) ||
		(cp >= 0x31F0 && cp <= 0x31FF) || (cp >= 0xAC00 && cp <= 0xD7AF) ||
		(cp >= 0x1100 && cp <= 0x11FF);
}

/* Letters of the alphabets reports quote names in, lower-cased; 0 if not one.
 * Digits count as letters so that G20 and 2025 are words. */
static uint32_t word_cp(uint32_t cp)
{
	if (cp < 0x80) {
		if (cp >= 'A' && cp <= 'Z')
			return cp + 32;
		return (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9') ? cp : 0;
	}
	if (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7)
		return cp <= 0xDE ? cp + 32 : cp;
	if (cp >= 0x391 && cp <= 0x3A9)
		return cp + 32;
	if (cp >= 0x3AC && cp <= 0x3FF)
		return cp;
	if (cp >= 0x410 && cp <= 0x42F)
		return cp + 32;
	if (cp >= 0x400 && cp <= 0x4FF)
		return cp;
	return 0;
}

static int is_space(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v';
}

struct run {
	char prev[4];
	int prevlen;
	size_t prev_start, prev_end;
	size_t len; /* characters in the CJK run so far */
};

/* The run ends: a document indexes its last character alone (a one-character
 * query is a prefix search and must find it); a query only when it is alone. */
static int end_run(struct run *r, int mode, token_fn fn, void *ctx)
{
	int rc = 0;
	if (r->len && (mode == TOKENIZE_DOCUMENT || r->len == 1))
		rc = fn(ctx, TOK_UNIGRAM, r->prev, (size_t)r->prevlen, r->prev_start, r->prev_end);
	r->len = 0;
	return rc;
}

int annals_tokenize(const char *s, size_t n, int mode, token_fn fn, void *ctx)
{
	const unsigned char *u = (const unsigned char *)s;
	struct run run;
	char word[TOKEN_MAX_BYTES + 4];
	size_t wlen = 0, wstart = 0, wend = 0, i = 0;
	int inword = 0, rc = 0;
	memset(&run, 0, sizeof run);
	while (i < n && !rc) {
		uint32_t cp, f, w;
		size_t at = i;
		int k = annals_utf8_decode(u + i, n - i, &cp);
		i += (size_t)k;
		if (cp == ANNALS_UTF8_BAD)
			cp = 0xFFFD;
		f = annals_fold_cp(cp);
		if (annals_is_cjk(f)) {
			char cur[4];
			int clen = annals_utf8_encode(f, cur);
			if (inword) {
				rc = fn(ctx, TOK_WORD, word, wlen, wstart, wend);
				inword = 0;
				if (rc)
					break;
			}
			if (run.len) {
				char bi[8];
				memcpy(bi, run.prev, (size_t)run.prevlen);
				memcpy(bi + run.prevlen, cur, (size_t)clen);
				rc = fn(ctx, TOK_BIGRAM, bi, (size_t)(run.prevlen + clen), run.prev_start, i);
			}
			memcpy(run.prev, cur, (size_t)clen);
			run.prevlen = clen;
			run.prev_start = at;
			run.prev_end = i;
			run.len++;
		} else if ((w = word_cp(f)) != 0) {
			if (run.len && (rc = end_run(&run, mode, fn, ctx)) != 0)
				break;
			if (!inword) {
				inword = 1;
				wlen = 0;
				wstart = at;
			}
			if (wlen + 4 <= TOKEN_MAX_BYTES)
				wlen += (size_t)annals_utf8_encode(w, word + wlen);
			wend = i;
		} else if (is_space(f) && run.len && !inword) {
			/* a line broken inside a CJK run: the run goes on */
		} else {
			if (inword) {
				rc = fn(ctx, TOK_WORD, word, wlen, wstart, wend);
				inword = 0;
			}
			if (!rc && run.len)
				rc = end_run(&run, mode, fn, ctx);
		}
	}
	if (!rc && inword)
		rc = fn(ctx, TOK_WORD, word, wlen, wstart, wend);
	if (!rc && run.len)
		rc = end_run(&run, mode, fn, ctx);
	return rc;
}

/* ---- queries ----------------------------------------------------------------
 * What a user types becomes an FTS5 expression of quoted phrases: the phrase
 * is tokenized by the same tokenizer inside FTS5, so folding and bigrams match
 * the index. Only the last character of a phrase needs care: a query ending in
 * a lone CJK character must match it as the first half of a document bigram. */

struct last_tok {
	int kind;
	int count;
};

static int note_last(void *ctx, int kind, const char *tok, size_t len, size_t start, size_t end)
{
	struct last_tok *l = ctx;
	l->kind = kind;
	l->count++;
	return 0;
}

static annals_status add_phrase(annals_buf *o, const char *p, size_t n)
{
	struct last_tok l = {0, 0};
	annals_status st = ANNALS_OK;
	size_t i;
	annals_tokenize(p, n, TOKENIZE_QUERY, note_last, &l);
	if (!l.count)
		return ANNALS_OK; /* punctuation only: nothing to look for */
	if (o->len)
		st = annals_buf_addc(o, ' ');
	if (!st)
		st = annals_buf_addc(o, '"');
	for (i = 0; i < n && !st; i++)
		st = p[i] == '"' ? annals_buf_adds(o, "\"\"") : annals_buf_addc(o, p[i]);
	if (!st)
		st = annals_buf_addc(o, '"');
	if (!st && l.kind == TOK_UNIGRAM)
		st = annals_buf_addc(o, '*');
	return st;
}

annals_status annals_fts_query(const char *q, annals_buf *out)
{
	annals_buf f;
	annals_status st;
	size_t i = 0, start;
	annals_buf_init(&f, (size_t)1 << 20);
	st = annals_fold(q, strlen(q), &f);
	while (!st && i < f.len) {
		while (i < f.len && is_space((unsigned char)f.ptr[i]))
			i++;
		if (i >= f.len)
			break;
		if (f.ptr[i] == '"' || (unsigned char)f.ptr[i] == 0xE2) {
			/* "a phrase" (also with the curly quotes folding leaves) */
			size_t q1 = f.ptr[i] == '"' ? 1 : 0;
			if (!q1 && i + 2 < f.len && (unsigned char)f.ptr[i + 1] == 0x80 &&
				((unsigned char)f.ptr[i + 2] == 0x9C))
				q1 = 3;
			if (q1) {
				size_t e;
				start = i + q1;
				for (e = start; e < f.len; e++)
					if (f.ptr[e] == '"' || (e + 2 < f.len && (unsigned char)f.ptr[e] == 0xE2 &&
						(unsigned char)f.ptr[e + 1] == 0x80 &&
						(unsigned char)f.ptr[e + 2] == 0x9D))
						break;
				st = add_phrase(out, f.ptr + start, e - start);
				i = e < f.len ? e + (f.ptr[e] == '"' ? 1 : 3) : e;
				continue;
			}
		}
		start = i;
		while (i < f.len && !is_space((unsigned char)f.ptr[i]))
			i++;
		st = add_phrase(out, f.ptr + start, i - start);
	}
	annals_buf_free(&f);
	return st;
}
