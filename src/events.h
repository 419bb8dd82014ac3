/* events.h - internals of annals_events and the arena that owns record strings
 * (library-internal).
 * SPDX-License-Identifier: MIT */
#ifndef ANNALS_EVENTS_H
#define ANNALS_EVENTS_H
#include "annals.h"

#define ANNALS_ARENA_MAX ((size_t)256 << 20)
#define ANNALS_MAX_EVENTS 100000

struct annals_arena {
	struct arena_block *head;
	size_t total;
};

/* Zeroed memory owned by the arena; NULL on failure or past ANNALS_ARENA_MAX. */
void *annals_arena_alloc(struct annals_arena *a, size_t n);
const char *annals_arena_strndup(struct annals_arena *a, const char *s, size_t n);
const char *annals_arena_strdup(struct annals_arena *a, const char *s);
void annals_arena_free(struct annals_arena *a);

struct annals_events {
	annals_event *v;
	size_t n, cap;
	struct annals_arena arena;
};

annals_status annals_events_new(annals_events **out);
/* A zeroed record appended to the list; NULL on failure. */
annals_event *annals_events_add(annals_events *ev);

/* JSON pieces shared by the record writer and the store's event writer: a string
 * (or null), a ,"key":value pair, and a record's fields from "type" through
 * "documents" and "exchanged", each written with a leading comma. */
annals_status annals_json_str(annals_buf *o, const char *s);
annals_status annals_json_kv(annals_buf *o, const char *k, const char *v, int comma);
annals_status annals_event_write_fields(const annals_event *e, annals_buf *o);
#endif
