/* report.c - the annals_report value: one news article as valid UTF-8 with the
 * metadata it came with ("Input: reports", ../shared/spec/event-record.md).
 * The reader fills reports itself; this builds one from text in memory and
 * keeps the contract (valid UTF-8, no NUL inside) for callers too.
 * SPDX-License-Identifier: MIT */
#include "annals.h"
#include "utf8.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static char *dup_str(const char *s)
{
	size_t n = strlen(s);
	char *p = malloc(n + 1);
	if (p)
		memcpy(p, s, n + 1);
	return p;
}

annals_status annals_report_new(annals_report **out, const char *id, const char *text,
	size_t len)
{
	annals_report *r = NULL;
	annals_buf b;
	size_t nbad = 0;
	long long first = -1;
	annals_status st = ANNALS_OK;

	/* the repair writes at most 3 bytes (U+FFFD) per input byte */
	annals_buf_init(&b, len > (SIZE_MAX - 16) / 3 ? 0 : len * 3 + 16);
	*out = NULL;
	if (!text && len) {
		st = ANNALS_E_USAGE;
		goto out;
	}
	r = calloc(1, sizeof *r);
	if (!r) {
		st = ANNALS_E_NOMEM;
		goto out;
	}
	if (!len) {
		/* nothing to copy; annals_buf_take gives an empty string */
	} else if (annals_utf8_check(text, len) == len && !memchr(text, 0, len)) {
		st = annals_buf_add(&b, text, len);
	} else {
		st = annals_utf8_repair(text, len, &b, &nbad, &first);
		r->repaired = 1;
	}
	if (st)
		goto out;
	r->text_len = b.len;
	r->text = annals_buf_take(&b);
	r->id = dup_str(id ? id : "stdin");
	r->where = dup_str(id ? id : "stdin");
	r->encoding = dup_str("UTF-8");
	if (!r->text || !r->id || !r->where || !r->encoding) {
		st = ANNALS_E_NOMEM;
		goto out;
	}
	*out = r;
	r = NULL;
out:
	annals_buf_free(&b);
	annals_report_free(r);
	return st;
}

void annals_report_free(annals_report *r)
{
	if (!r)
		return;
	free(r->id);
	free(r->where);
	free(r->text);
	free(r->url);
	free(r->published);
	free(r->outlet);
	free(r->title);
	free(r->encoding);
	free(r);
}
