/* jsonl.c - one JSON Lines report object to plain C strings, the format of
 * "Input: reports" in ../shared/spec/event-record.md. Keeps jansson out of the
 * rest of the library; the reader does the files, lines and diagnostics.
 * SPDX-License-Identifier: MIT */
#include "jsonl.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *dup_mem(const char *s, size_t n)
{
	char *p = malloc(n + 1);
	if (p) {
		memcpy(p, s, n);
		p[n] = '\0';
	}
	return p;
}

/* An optional string field: absent and null are the same; any other type is
 * the crawler's mistake, not a reason to lose the report. */
static annals_status opt_field(json_t *obj, const char *key, char **dst,
	annals_jsonl_warn_fn warn, void *warn_ctx)
{
	json_t *v = json_object_get(obj, key);
	char msg[96];
	if (!v || json_is_null(v))
		return ANNALS_OK;
	if (!json_is_string(v)) {
		if (warn) {
			snprintf(msg, sizeof msg, "field \"%s\" is not a string, ignored", key);
			warn(warn_ctx, msg);
		}
		return ANNALS_OK;
	}
	*dst = dup_mem(json_string_value(v), json_string_length(v));
	return *dst ? ANNALS_OK : ANNALS_E_NOMEM;
}

annals_status annals_jsonl_parse(const char *line, size_t len, annals_jsonl_rec *rec,
	long long *err_pos, char *msg, size_t msgsz, annals_jsonl_warn_fn warn, void *warn_ctx)
{
	static const char *const keys[] = { "id", "url", "published", "outlet", "title" };
	char **dsts[5];
	json_error_t err;
	json_t *root = NULL, *text;
	annals_status st = ANNALS_OK;
	size_t i;

	memset(rec, 0, sizeof *rec);
	*err_pos = -1;
	if (msgsz)
		msg[0] = '\0';
	/* NULs inside strings are dropped later with a diagnostic, not fatal here */
	root = json_loadb(line, len, JSON_ALLOW_NUL, &err);
	if (!root) {
		*err_pos = err.position;
		snprintf(msg, msgsz, "malformed JSON: %s", err.text);
		st = ANNALS_E_PARSE;
		goto out;
	}
	if (!json_is_object(root)) {
		*err_pos = 0;
		snprintf(msg, msgsz, "line is not a JSON object");
		st = ANNALS_E_PARSE;
		goto out;
	}
	text = json_object_get(root, "text");
	if (!text || !json_is_string(text)) {
		snprintf(msg, msgsz, text ? "field \"text\" is not a string" :
			"no \"text\" field");
		st = ANNALS_E_PARSE;
		goto out;
	}
	rec->text_len = json_string_length(text);
	rec->text = dup_mem(json_string_value(text), rec->text_len);
	if (!rec->text) {
		st = ANNALS_E_NOMEM;
		goto out;
	}
	dsts[0] = &rec->id;
	dsts[1] = &rec->url;
	dsts[2] = &rec->published;
	dsts[3] = &rec->outlet;
	dsts[4] = &rec->title;
	for (i = 0; i < 5; i++) {
		st = opt_field(root, keys[i], dsts[i], warn, warn_ctx);
		if (st)
			goto out;
	}
out:
	json_decref(root);
	if (st)
		annals_jsonl_rec_free(rec);
	return st;
}

void annals_jsonl_rec_free(annals_jsonl_rec *rec)
{
	if (!rec)
		return;
	free(rec->id);
	free(rec->text);
	free(rec->url);
	free(rec->published);
	free(rec->outlet);
	free(rec->title);
	memset(rec, 0, sizeof *rec);
}
