/* storewrite.c - writers for what the store hands out: stored events as JSON
 * Lines (the record contract plus sources and disagreements) and as GDELT-like
 * CSV with a Goldstein score, search hits as JSON or CSV. Column list and
 * meanings: docs/store.md "Export". SPDX-License-Identifier: MIT */
#include "events.h"
#include "store.h"

#include <string.h>

/* ---- Goldstein ----------------------------------------------------------------
 * The standard Goldstein (1992) weights of the CAMEO codes, for the verbal and
 * material cooperation roots (01-06) an encounter can be coded with. */
static const struct {
	const char *code;
	double w;
} goldstein[] = {
	{"01", 0.0}, {"010", 0.0}, {"011", -0.1}, {"012", -0.4}, {"013", 0.4}, {"014", 0.0},
	{"015", 0.0}, {"017", 0.0}, {"018", 3.4}, {"019", 3.4},
	{"02", 3.0}, {"020", 3.0}, {"021", 3.4}, {"022", 3.2}, {"023", 3.4}, {"026", 4.0},
	{"027", 4.0}, {"028", 4.0},
	{"03", 4.0}, {"030", 4.0}, {"031", 5.2}, {"032", 4.5}, {"033", 5.2}, {"034", 7.0},
	{"035", 7.0}, {"036", 4.0}, {"037", 5.0}, {"038", 7.0}, {"039", 5.0},
	{"04", 1.0}, {"040", 1.0}, {"041", 1.0}, {"042", 1.9}, {"043", 2.8}, {"044", 2.5},
	{"045", 5.0}, {"046", 7.0},
	{"05", 3.5}, {"050", 3.5}, {"051", 3.4}, {"052", 3.5}, {"053", 3.8}, {"054", 6.0},
	{"055", 7.0}, {"056", 7.0}, {"057", 8.0},
	{"06", 6.0}, {"060", 6.0}, {"061", 6.4}, {"062", 7.4}, {"063", 7.4}, {"064", 7.0},
};

double annals_goldstein(const char *cameo, int *known)
{
	size_t i;
	if (known)
		*known = 0;
	if (!cameo)
		return 0.0;
	for (i = 0; i < sizeof goldstein / sizeof goldstein[0]; i++)
		if (!strcmp(goldstein[i].code, cameo)) {
			if (known)
				*known = 1;
			return goldstein[i].w;
		}
	return 0.0;
}

/* ---- JSON ----------------------------------------------------------------------- */


/* 1 when s is among the first n strings of v (the lists are short) */
static int seen(const char *const *v, size_t n, const char *s)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (v[i] && s && !strcmp(v[i], s))
			return 1;
	return 0;
}

/* A list of the sources' distinct outlets or urls. */
static annals_status distinct(annals_buf *o, const annals_stored_event *e, int urls)
{
	annals_status st = annals_buf_addc(o, '[');
	size_t i, k, n = 0;
	for (i = 0; i < e->nsources && !st; i++) {
		const char *v = urls ? e->sources[i].url : e->sources[i].outlet;
		int dup = 0;
		if (!v)
			continue;
		for (k = 0; k < i && !dup; k++)
			dup = seen(urls ? &e->sources[k].url : &e->sources[k].outlet, 1, v);
		if (dup)
			continue;
		if (n++)
			st = annals_buf_addc(o, ',');
		if (!st)
			st = annals_json_str(o, v);
	}
	if (!st)
		st = annals_buf_addc(o, ']');
	return st;
}

/* The sentence with marked spans in [brackets]. */
static annals_status marked_text(annals_buf *o, const annals_stored_evidence *ev, int json)
{
	annals_buf t;
	annals_status st = ANNALS_OK;
	size_t i, at = 0, n = strlen(ev->text);
	annals_buf_init(&t, 1 << 20);
	for (i = 0; i < ev->nmarks && !st; i++) {
		const annals_mark *m = &ev->marks[i];
		if (m->start < at || m->end > n || m->start >= m->end)
			continue;
		st = annals_buf_add(&t, ev->text + at, m->start - at);
		if (!st) st = annals_buf_addc(&t, '[');
		if (!st) st = annals_buf_add(&t, ev->text + m->start, m->end - m->start);
		if (!st) st = annals_buf_addc(&t, ']');
		at = m->end;
	}
	if (!st)
		st = annals_buf_add(&t, ev->text + at, n - at);
	if (!st)
		st = json ? annals_buf_add_json_str(o, t.ptr ? t.ptr : "", t.len)
			  : annals_buf_add(o, t.ptr ? t.ptr : "", t.len);
	annals_buf_free(&t);
	return st;
}

annals_status annals_stored_event_write_json(const annals_stored_event *se, annals_buf *o)
{
	const annals_event *e = &se->ev;
	annals_status st;
	size_t i, k;
	int known;
	double g = annals_goldstein(e->cameo, &known);
	st = annals_buf_printf(o, "{\"id\":%lld", se->id);
	if (!st) st = annals_event_write_fields(e, o);
	if (!st) st = known ? annals_buf_printf(o, ",\"goldstein\":%.1f", g)
			    : annals_buf_adds(o, ",\"goldstein\":null");
	if (!st) st = annals_buf_printf(o, ",\"reports\":%zu,\"sources\":[", se->nreports);
	for (i = 0; i < se->nsources && !st; i++) {
		if (i) st = annals_buf_addc(o, ',');
		if (!st) st = annals_json_str(o, se->sources[i].report);
	}
	if (!st) st = annals_buf_adds(o, "],\"outlets\":");
	if (!st) st = distinct(o, se, 0);
	if (!st) st = annals_buf_adds(o, ",\"urls\":");
	if (!st) st = distinct(o, se, 1);
	if (!st) st = annals_buf_adds(o, ",\"evidence\":[");
	for (i = 0; i < se->nevidence && !st; i++) {
		const annals_stored_evidence *ev = &se->evidence[i];
		st = annals_buf_adds(o, i ? ",{" : "{");
		if (!st) st = annals_json_kv(o, "doc", ev->report, 0);
		if (!st) st = annals_buf_printf(o, ",\"start\":%zu,\"end\":%zu", ev->start, ev->end);
		if (!st && ev->text) st = annals_json_kv(o, "text", ev->text, 1);
		if (!st && ev->text) st = annals_buf_adds(o, ",\"marked\":");
		if (!st && ev->text) st = marked_text(o, ev, 1);
		if (!st) st = annals_buf_addc(o, '}');
	}
	if (!st) st = annals_buf_adds(o, "],\"disagreements\":{");
	for (i = 0; i < se->ndisagreements && !st; i++) {
		const annals_disagreement *d = &se->disagreements[i];
		size_t v;
		if (i) st = annals_buf_addc(o, ',');
		if (!st) st = annals_json_str(o, d->field);
		if (!st) st = annals_buf_adds(o, ":[");
		for (v = 0; v < d->nvalues && !st; v++) {
			st = annals_buf_adds(o, v ? ",{" : "{");
			if (!st) st = annals_json_kv(o, "value", d->values[v].value, 0);
			if (!st) st = annals_buf_adds(o, ",\"reports\":[");
			for (k = 0; k < d->values[v].nreports && !st; k++) {
				if (k) st = annals_buf_addc(o, ',');
				if (!st) st = annals_json_str(o, d->values[v].reports[k]);
			}
			if (!st) st = annals_buf_adds(o, "]}");
		}
		if (!st) st = annals_buf_addc(o, ']');
	}
	if (!st) st = annals_buf_adds(o, "}}\n");
	return st;
}

/* ---- CSV ------------------------------------------------------------------------ */

annals_status annals_csv_field(annals_buf *o, const char *s, int last)
{
	annals_status st = ANNALS_OK;
	if (s && s[strcspn(s, ",\"\r\n")]) {
		st = annals_buf_addc(o, '"');
		for (; *s && !st; s++)
			st = *s == '"' ? annals_buf_adds(o, "\"\"") : annals_buf_addc(o, *s);
		if (!st)
			st = annals_buf_addc(o, '"');
	} else if (s) {
		st = annals_buf_adds(o, s);
	}
	if (!st)
		st = last ? annals_buf_adds(o, "\r\n") : annals_buf_addc(o, ',');
	return st;
}

static const char *const csv_columns[] = {
	"event_id", "sqldate", "date", "year",
	"actor1_name", "actor1_name_en", "actor1_country", "actor1_title",
	"actor2_name", "actor2_name_en", "actor2_country", "actor2_title", "other_actors",
	"event_type", "status", "event_code", "event_root_code", "goldstein_scale",
	"time_of_day", "action_country", "action_city", "action_city_en", "action_venue",
	"action_venue_en", "documents", "num_reports", "num_sources", "source_urls",
	"report_ids", "disagreements",
};

annals_status annals_stored_event_csv_header(annals_buf *o)
{
	size_t i, n = sizeof csv_columns / sizeof csv_columns[0];
	annals_status st = ANNALS_OK;
	for (i = 0; i < n && !st; i++)
		st = annals_csv_field(o, csv_columns[i], i + 1 == n);
	return st;
}

/* Values of one kind joined by sep, into t (reset first). */
static annals_status join(annals_buf *t, const annals_stored_event *e, int what, const char *sep)
{
	size_t i, n = 0;
	annals_status st = ANNALS_OK;
	annals_buf_reset(t);
	switch (what) {
	case 0: /* actors after the first two */
		for (i = 2; i < e->ev.nactors && !st; i++)
			st = annals_buf_printf(t, "%s%s", n++ ? sep : "", e->ev.actors[i].name);
		break;
	case 1:
		for (i = 0; i < e->ev.ndocuments && !st; i++)
			st = annals_buf_printf(t, "%s%s", n++ ? sep : "", e->ev.documents[i].title);
		break;
	case 2:
		for (i = 0; i < e->nsources && !st; i++) {
			size_t k;
			int dup = 0;
			if (!e->sources[i].url)
				continue;
			for (k = 0; k < i; k++)
				dup |= e->sources[k].url && !strcmp(e->sources[k].url, e->sources[i].url);
			if (!dup)
				st = annals_buf_printf(t, "%s%s", n++ ? sep : "", e->sources[i].url);
		}
		break;
	case 3:
		for (i = 0; i < e->nsources && !st; i++)
			st = annals_buf_printf(t, "%s%s", n++ ? sep : "", e->sources[i].report);
		break;
	case 4:
		for (i = 0; i < e->ndisagreements && !st; i++)
			st = annals_buf_printf(t, "%s%s", n++ ? sep : "", e->disagreements[i].field);
		break;
	}
	return st;
}

annals_status annals_stored_event_write_csv(const annals_stored_event *se, annals_buf *o)
{
	const annals_event *e = &se->ev;
	const annals_actor *a1 = e->nactors > 0 ? &e->actors[0] : NULL;
	const annals_actor *a2 = e->nactors > 1 ? &e->actors[1] : NULL;
	char num[32], sqldate[16], year[8], root[4], gs[16], nrep[24], nsrc[24];
	const char *outlets[64];
	size_t i, nout = 0;
	int known;
	double g = annals_goldstein(e->cameo, &known);
	annals_buf t;
	annals_status st;
	annals_buf_init(&t, (size_t)64 << 20);
	snprintf(num, sizeof num, "%lld", se->id);
	sqldate[0] = year[0] = root[0] = gs[0] = '\0';
	if (e->date && strlen(e->date) == 10)
		snprintf(sqldate, sizeof sqldate, "%.4s%.2s%.2s", e->date, e->date + 5, e->date + 8);
	if (e->date && strlen(e->date) >= 4 && e->date[0] != '-')
		snprintf(year, sizeof year, "%.4s", e->date);
	if (e->cameo && strlen(e->cameo) >= 2)
		snprintf(root, sizeof root, "%.2s", e->cameo);
	if (known)
		snprintf(gs, sizeof gs, "%.1f", g);
	for (i = 0; i < se->nsources; i++)
		if (se->sources[i].outlet && !seen(outlets, nout, se->sources[i].outlet) && nout < 64)
			outlets[nout++] = se->sources[i].outlet;
	snprintf(nrep, sizeof nrep, "%zu", se->nreports);
	snprintf(nsrc, sizeof nsrc, "%zu", nout);
	st = annals_csv_field(o, num, 0);
	if (!st) st = annals_csv_field(o, sqldate, 0);
	if (!st) st = annals_csv_field(o, e->date, 0);
	if (!st) st = annals_csv_field(o, year, 0);
	if (!st) st = annals_csv_field(o, a1 ? a1->name : NULL, 0);
	if (!st) st = annals_csv_field(o, a1 ? a1->name_en : NULL, 0);
	if (!st) st = annals_csv_field(o, a1 ? a1->country : NULL, 0);
	if (!st) st = annals_csv_field(o, a1 ? a1->title : NULL, 0);
	if (!st) st = annals_csv_field(o, a2 ? a2->name : NULL, 0);
	if (!st) st = annals_csv_field(o, a2 ? a2->name_en : NULL, 0);
	if (!st) st = annals_csv_field(o, a2 ? a2->country : NULL, 0);
	if (!st) st = annals_csv_field(o, a2 ? a2->title : NULL, 0);
	if (!st) st = join(&t, se, 0, "|");
	if (!st) st = annals_csv_field(o, t.ptr, 0);
	if (!st) st = annals_csv_field(o, e->type, 0);
	if (!st) st = annals_csv_field(o, e->status, 0);
	if (!st) st = annals_csv_field(o, e->cameo, 0);
	if (!st) st = annals_csv_field(o, root, 0);
	if (!st) st = annals_csv_field(o, gs, 0);
	if (!st) st = annals_csv_field(o, e->time_of_day, 0);
	if (!st) st = annals_csv_field(o, e->place.country, 0);
	if (!st) st = annals_csv_field(o, e->place.city, 0);
	if (!st) st = annals_csv_field(o, e->place.city_en, 0);
	if (!st) st = annals_csv_field(o, e->place.venue, 0);
	if (!st) st = annals_csv_field(o, e->place.venue_en, 0);
	if (!st) st = join(&t, se, 1, "|");
	if (!st) st = annals_csv_field(o, t.ptr, 0);
	if (!st) st = annals_csv_field(o, nrep, 0);
	if (!st) st = annals_csv_field(o, nsrc, 0);
	if (!st) st = join(&t, se, 2, " ");
	if (!st) st = annals_csv_field(o, t.ptr, 0);
	if (!st) st = join(&t, se, 3, "|");
	if (!st) st = annals_csv_field(o, t.ptr, 0);
	if (!st) st = join(&t, se, 4, "|");
	if (!st) st = annals_csv_field(o, t.ptr, 1);
	annals_buf_free(&t);
	return st;
}

/* ---- search hits --------------------------------------------------------------------- */

annals_status annals_search_hit_write_json(const annals_search_hit *h, annals_buf *o)
{
	annals_status st = annals_buf_adds(o, "{");
	if (!st) st = annals_json_kv(o, "report", h->report, 0);
	if (!st) st = annals_json_kv(o, "title", h->title, 1);
	if (!st) st = annals_json_kv(o, "outlet", h->outlet, 1);
	if (!st) st = annals_json_kv(o, "url", h->url, 1);
	if (!st) st = annals_json_kv(o, "published", h->published, 1);
	if (!st) st = annals_json_kv(o, "snippet", h->snippet, 1);
	if (!st) st = annals_buf_adds(o, "}\n");
	return st;
}

annals_status annals_search_hit_write_csv(const annals_search_hit *h, annals_buf *o)
{
	annals_status st = annals_csv_field(o, h->report, 0);
	if (!st) st = annals_csv_field(o, h->published, 0);
	if (!st) st = annals_csv_field(o, h->outlet, 0);
	if (!st) st = annals_csv_field(o, h->url, 0);
	if (!st) st = annals_csv_field(o, h->title, 0);
	if (!st) st = annals_csv_field(o, h->snippet, 1);
	return st;
}
