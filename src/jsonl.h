/* jsonl.h - one line of a JSON Lines report file as plain C strings
 * (library-internal). jsonl.c is the only module that knows about jansson.
 * SPDX-License-Identifier: MIT */
#ifndef ANNALS_JSONL_H
#define ANNALS_JSONL_H
#include <stddef.h>
#include "annals.h"

/* The fields of one line; all owned, NULL when absent. */
typedef struct annals_jsonl_rec {
	char *id;
	char *text; /* may hold NUL bytes (from \u0000) */
	size_t text_len;
	char *url, *published, *outlet, *title;
} annals_jsonl_rec;

/* Called for a problem that does not lose the line; msg is borrowed. */
typedef void (*annals_jsonl_warn_fn)(void *ctx, const char *msg);

/* Parse line[0..len) (no newline, valid UTF-8 or jansson will say otherwise)
 * as {"id","text","url","published","outlet","title"}; other keys are ignored.
 * ANNALS_OK: *rec is filled, caller frees it with annals_jsonl_rec_free.
 * ANNALS_E_PARSE: the line is unusable; msg (msgsz bytes) says why and *err_pos
 * is the byte offset of the problem in the line, or -1. ANNALS_E_NOMEM. On any
 * status but ANNALS_OK *rec is left empty. warn may be NULL. */
ANNALS_WUR annals_status annals_jsonl_parse(const char *line, size_t len, annals_jsonl_rec *rec,
	long long *err_pos, char *msg, size_t msgsz, annals_jsonl_warn_fn warn, void *warn_ctx);
/* Free the strings of rec and empty it. NULL is a no-op. */
void annals_jsonl_rec_free(annals_jsonl_rec *rec);
#endif
