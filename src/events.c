/* events.c - the list of event records a document yields: an arena owns every
 * string and array of the records, so one annals_events_free releases all; and
 * the one JSON Lines writer of a record (spec/event-record.md).
 * SPDX-License-Identifier: MIT */
#include "events.h"

#include <stdlib.h>
#include <string.h>

#define ARENA_BLOCK 16384

struct arena_block {
	struct arena_block *next;
	size_t used, cap;
	max_align_t data[];
};

void *annals_arena_alloc(struct annals_arena *a, size_t n)
{
	struct arena_block *b = a->head;
	size_t need = (n + sizeof(max_align_t) - 1) / sizeof(max_align_t);
	void *p;
	if (!b || b->used + need > b->cap) {
		size_t cap = need > ARENA_BLOCK / sizeof(max_align_t) ? need : ARENA_BLOCK / sizeof(max_align_t);
		if (a->total + cap * sizeof(max_align_t) > ANNALS_ARENA_MAX)
			return NULL;
		b = malloc(sizeof *b + cap * sizeof(max_align_t));
		if (!b)
			return NULL;
		b->next = a->head;
		b->used = 0;
		b->cap = cap;
		a->head = b;
		a->total += cap * sizeof(max_align_t);
	}
	p = &b->data[b->used];
	b->used += need;
	memset(p, 0, n);
	return p;
}

const char *annals_arena_strndup(struct annals_arena *a, const char *s, size_t n)
{
	char *p;
	if (!s)
		return NULL;
	p = annals_arena_alloc(a, n + 1);
	if (!p)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

const char *annals_arena_strdup(struct annals_arena *a, const char *s)
{
	return s ? annals_arena_strndup(a, s, strlen(s)) : NULL;
}

void annals_arena_free(struct annals_arena *a)
{
	struct arena_block *b = a->head;
	while (b) {
		struct arena_block *n = b->next;
		free(b);
		b = n;
	}
	a->head = NULL;
	a->total = 0;
}

annals_status annals_events_new(annals_events **out)
{
	*out = calloc(1, sizeof **out);
	return *out ? ANNALS_OK : ANNALS_E_NOMEM;
}

annals_event *annals_events_add(annals_events *ev)
{
	if (ev->n == ev->cap) {
		size_t cap = ev->cap ? ev->cap * 2 : 8;
		annals_event *v;
		if (cap > ANNALS_MAX_EVENTS)
			return NULL;
		v = realloc(ev->v, cap * sizeof *v);
		if (!v)
			return NULL;
		ev->v = v;
		ev->cap = cap;
	}
	memset(&ev->v[ev->n], 0, sizeof ev->v[0]);
	return &ev->v[ev->n++];
}

size_t annals_events_count(const annals_events *ev) { return ev ? ev->n : 0; }

const annals_event *annals_events_get(const annals_events *ev, size_t i)
{
	return ev && i < ev->n ? &ev->v[i] : NULL;
}

void annals_events_free(annals_events *ev)
{
	if (!ev)
		return;
	annals_arena_free(&ev->arena);
	free(ev->v);
	free(ev);
}

/* ---- JSON ------------------------------------------------------------------ */

annals_status annals_json_str(annals_buf *o, const char *s)
{
	if (!s)
		return annals_buf_adds(o, "null");
	return annals_buf_add_json_str(o, s, strlen(s));
}

annals_status annals_json_kv(annals_buf *o, const char *k, const char *v, int comma)
{
	annals_status st = annals_buf_printf(o, "%s\"%s\":", comma ? "," : "", k);
	return st ? st : annals_json_str(o, v);
}

static annals_status write_actor(annals_buf *o, const annals_actor *a, int full)
{
	annals_status st = annals_buf_adds(o, "{");
	if (!st) st = annals_json_kv(o, "name", a->name, 0);
	if (!st && full) st = annals_json_kv(o, "name_en", a->name_en, 1);
	if (!st) st = annals_json_kv(o, "country", a->country, 1);
	if (!st && full) st = annals_json_kv(o, "title", a->title, 1);
	if (!st && full) st = annals_json_kv(o, "role", a->role, 1);
	if (!st) st = annals_buf_adds(o, "}");
	return st;
}

annals_status annals_event_write_fields(const annals_event *e, annals_buf *o)
{
	annals_status st;
	size_t i;
	st = annals_json_kv(o, "type", e->type, 1);
	if (!st) st = annals_json_kv(o, "status", e->status, 1);
	if (!st) st = annals_json_kv(o, "cameo", e->cameo, 1);
	if (!st) st = annals_json_kv(o, "date", e->date, 1);
	if (!st) st = annals_json_kv(o, "date_basis", e->date_basis, 1);
	if (!st) st = annals_json_kv(o, "time_of_day", e->time_of_day, 1);
	if (!st) st = annals_buf_adds(o, ",\"place\":{");
	if (!st) st = annals_json_kv(o, "country", e->place.country, 0);
	if (!st) st = annals_json_kv(o, "city", e->place.city, 1);
	if (!st) st = annals_json_kv(o, "city_en", e->place.city_en, 1);
	if (!st) st = annals_json_kv(o, "venue", e->place.venue, 1);
	if (!st) st = annals_json_kv(o, "venue_en", e->place.venue_en, 1);
	if (!st) st = annals_buf_adds(o, "},\"actors\":[");
	for (i = 0; i < e->nactors && !st; i++) {
		if (i) st = annals_buf_addc(o, ',');
		if (!st) st = write_actor(o, &e->actors[i], 1);
	}
	if (!st) st = annals_buf_adds(o, "],\"attendees\":[");
	for (i = 0; i < e->nattendees && !st; i++) {
		if (i) st = annals_buf_addc(o, ',');
		if (!st) st = write_actor(o, &e->attendees[i], 0);
	}
	if (!st) st = annals_buf_adds(o, "],\"documents\":[");
	for (i = 0; i < e->ndocuments && !st; i++) {
		st = annals_buf_adds(o, i ? ",{" : "{");
		if (!st) st = annals_json_kv(o, "title", e->documents[i].title, 0);
		if (!st) st = annals_json_kv(o, "kind", e->documents[i].kind, 1);
		if (!st) st = annals_buf_adds(o, "}");
	}
	if (!st) st = annals_buf_adds(o, "]");
	if (!st && e->exchanged) {
		const annals_exchanged *x = e->exchanged;
		st = annals_buf_printf(o, ",\"exchanged\":{\"count\":%d,", x->count);
		if (!st) st = annals_json_kv(o, "approx", x->approx, 0);
		if (!st) st = annals_buf_adds(o, ",\"areas\":[");
		for (i = 0; i < x->nareas && !st; i++) {
			if (i) st = annals_buf_addc(o, ',');
			if (!st) st = annals_json_str(o, x->areas[i]);
		}
		if (!st) st = annals_buf_adds(o, "]}");
	}
	return st;
}

annals_status annals_event_write_json(const annals_event *e, annals_buf *o)
{
	annals_status st;
	size_t i;
	st = annals_buf_adds(o, "{");
	if (!st) st = annals_json_kv(o, "doc", e->doc, 0);
	if (!st) st = annals_event_write_fields(e, o);
	if (!st) st = annals_buf_adds(o, ",\"evidence\":[");
	for (i = 0; i < e->nevidence && !st; i++)
		st = annals_buf_printf(o, "%s{\"start\":%zu,\"end\":%zu}", i ? "," : "",
			e->evidence[i].start, e->evidence[i].end);
	if (!st) st = annals_buf_adds(o, "]}\n");
	return st;
}
