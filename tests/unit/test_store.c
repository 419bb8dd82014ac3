/* test_store.c - unit tests of the store (docs/store.md) on the real reports of
 * ${ANNALS_SHARED:-../shared}: idempotent ingest, a changed report replacing only
 * its own records, threads giving the same database, reprints, merging, names
 * in any script, and search in either script. SPDX-License-Identifier: MIT */
#include "annals.h"
#include "store.h"
#include "harness.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char tmpdir[64];
static char shared_dir[4096];
static annals_extractor *X;

static const char *shared(const char *rel)
{
	static char path[8192];
	snprintf(path, sizeof path, "%s/%s", shared_dir, rel);
	return path;
}

static const char *dbpath(const char *name)
{
	static char path[256];
	snprintf(path, sizeof path, "%s/%s", tmpdir, name);
	return path;
}

static annals_store *open_db(const char *name)
{
	annals_store *s = NULL;
	annals_status st = annals_store_open(&s, dbpath(name));
	OK(st == ANNALS_OK, "open %s: %s %s", name, annals_status_str(st), annals_store_errmsg(NULL));
	if (s)
		annals_store_set_extractor(s, X);
	return s;
}

static annals_ingest_stats ingest(annals_store *s, const char *path, int threads)
{
	annals_reader *rd = NULL;
	annals_ingest_opts o;
	annals_ingest_stats stats;
	annals_status st;
	memset(&o, 0, sizeof o);
	memset(&stats, 0, sizeof stats);
	o.threads = threads;
	o.batch = 7; /* several batches even on the small sets */
	st = annals_reader_new(&rd, NULL);
	if (!st)
		st = annals_reader_add(rd, path);
	if (!st)
		st = annals_store_ingest_reader(s, rd, &o, &stats);
	OK(st == ANNALS_OK, "ingest %s: %s %s", path, annals_status_str(st), annals_store_errmsg(s));
	annals_reader_free(rd);
	return stats;
}

static annals_store_counts counts(annals_store *s)
{
	annals_store_counts c;
	annals_status st = annals_store_counts_get(s, &c);
	OK(st == ANNALS_OK, "counts");
	return c;
}

/* All events as JSON Lines: what a user sees, to compare two databases. */
static int collect_json(void *ctx, const annals_stored_event *e)
{
	annals_buf *b = ctx;
	return annals_stored_event_write_json(e, b) != ANNALS_OK;
}

static char *export_all(annals_store *s)
{
	annals_buf b;
	annals_buf_init(&b, 0);
	OK(annals_store_events(s, NULL, collect_json, &b) == ANNALS_OK, "export");
	return b.ptr ? annals_buf_take(&b) : strdup("");
}

/* (record id, report) of every source of every event */
struct recs {
	long long id[4096];
	char report[4096][64];
	size_t n;
};

static int collect_recs(void *ctx, const annals_stored_event *e)
{
	struct recs *r = ctx;
	size_t i;
	for (i = 0; i < e->nsources && r->n < 4096; i++) {
		r->id[r->n] = e->sources[i].record;
		snprintf(r->report[r->n], 64, "%s", e->sources[i].report);
		r->n++;
	}
	return 0;
}

static int has_rec(const struct recs *r, long long id, const char *report)
{
	size_t i;
	for (i = 0; i < r->n; i++)
		if (r->id[i] == id && !strcmp(r->report[i], report))
			return 1;
	return 0;
}

/* Read one report of a JSONL file by id. */
static annals_report *report_by_id(const char *path, const char *id)
{
	annals_reader *rd = NULL;
	annals_report *r = NULL, *found = NULL;
	if (annals_reader_new(&rd, NULL) || annals_reader_add(rd, path))
		return NULL;
	while (!annals_reader_next(rd, &r) && r) {
		if (!found && !strcmp(r->id, id))
			found = r;
		else
			annals_report_free(r);
	}
	annals_reader_free(rd);
	return found;
}

static annals_status ingest_one(annals_store *s, const annals_report *r, const char *published,
	annals_ingest_outcome *oc)
{
	annals_doc *d = NULL;
	annals_events *ev = NULL;
	annals_extract_opts eo;
	annals_status st;
	memset(&eo, 0, sizeof eo);
	eo.published = published;
	st = annals_doc_new(&d, r);
	if (!st)
		st = annals_extract(X, d, &eo, &ev);
	if (!st)
		st = annals_store_ingest(s, r, d, ev, oc);
	annals_events_free(ev);
	annals_doc_free(d);
	return st;
}

static void test_idempotent_and_threads(void)
{
	annals_store *a = open_db("dev1.db"), *b = open_db("dev2.db");
	annals_ingest_stats s1, s2, s3;
	annals_store_counts c1, c2, c3;
	char *j1, *j3;
	const char *dev = shared("eval/dev/reports.jsonl");
	if (!a || !b)
		return;
	s1 = ingest(a, dev, 1);
	c1 = counts(a);
	INT_EQ(s1.reports, 23);
	INT_EQ(s1.new_reports, 23);
	INT_EQ(c1.reports, 23);
	OK(c1.records > 0 && c1.events > 0 && c1.events <= c1.records, "records %zu events %zu",
		c1.records, c1.events);
	INT_EQ(s1.records, c1.records);
	INT_EQ(s1.new_events, c1.events);
	/* again: nothing new */
	s2 = ingest(a, dev, 1);
	c2 = counts(a);
	INT_EQ(s2.reports, 23);
	INT_EQ(s2.unchanged, 23);
	INT_EQ(s2.new_reports + s2.changed, 0);
	INT_EQ(s2.records, 0);
	INT_EQ(c2.reports, c1.reports);
	INT_EQ(c2.records, c1.records);
	INT_EQ(c2.events, c1.events);
	INT_EQ(c2.reprints, c1.reprints);
	INT_EQ(c2.actors, c1.actors);
	/* with worker threads: the same database, event for event */
	s3 = ingest(b, dev, 3);
	c3 = counts(b);
	INT_EQ(s3.new_reports, 23);
	INT_EQ(c3.records, c1.records);
	INT_EQ(c3.events, c1.events);
	INT_EQ(c3.reprints, c1.reprints);
	j1 = export_all(a);
	j3 = export_all(b);
	OK(j1 && j3 && !strcmp(j1, j3), "threads=3 gives other events than threads=1");
	free(j1);
	free(j3);
	annals_store_close(a);
	annals_store_close(b);
}

static void test_changed_report(void)
{
	annals_store *s = open_db("dev1.db");
	const char *dev = shared("eval/dev/reports.jsonl");
	annals_report *r = NULL, *r2 = NULL;
	annals_ingest_outcome oc;
	annals_store_counts before, after;
	struct recs *old = calloc(1, sizeof *old), *now = calloc(1, sizeof *now);
	annals_buf text;
	char id[64];
	size_t i, mine_old = 0, mine_new = 0, kept = 0;
	if (!s || !old || !now) {
		OK(0, "setup of the changed-report test");
		goto out;
	}
	before = counts(s);
	OK(annals_store_events(s, NULL, collect_recs, old) == ANNALS_OK, "events");
	/* a report that has records, whatever the extractor finds today */
	snprintf(id, sizeof id, "%s", old->n ? old->report[old->n / 2] : "t006");
	r = report_by_id(dev, id);
	if (!r) {
		OK(0, "no report %s in the dev set", id);
		goto out;
	}
	/* same report again: unchanged */
	OK(ingest_one(s, r, NULL, &oc) == ANNALS_OK, "ingest %s", id);
	INT_EQ(oc.kind, ANNALS_INGEST_UNCHANGED);
	/* same id, new text */
	annals_buf_init(&text, 0);
	OK(annals_buf_add(&text, r->text, r->text_len) == ANNALS_OK &&
		annals_buf_adds(&text, "\n\n(本文已更新)\n") == ANNALS_OK, "text");
	OK(annals_report_new(&r2, id, text.ptr, text.len) == ANNALS_OK, "report");
	annals_buf_free(&text);
	if (r2) {
		free(r2->published);
		r2->published = r->published ? strdup(r->published) : NULL;
		OK(ingest_one(s, r2, NULL, &oc) == ANNALS_OK, "ingest changed %s", id);
		INT_EQ(oc.kind, ANNALS_INGEST_CHANGED);
		OK(oc.records > 0, "%s has records", id);
	}
	after = counts(s);
	OK(annals_store_events(s, NULL, collect_recs, now) == ANNALS_OK, "events");
	INT_EQ(after.reports, before.reports);
	for (i = 0; i < old->n; i++) {
		if (!strcmp(old->report[i], id)) {
			mine_old++;
			OK(!has_rec(now, old->id[i], id), "old record %lld of %s survived", old->id[i], id);
		} else {
			kept++;
			OK(has_rec(now, old->id[i], old->report[i]), "record %lld of %s was touched",
				old->id[i], old->report[i]);
		}
	}
	for (i = 0; i < now->n; i++)
		mine_new += !strcmp(now->report[i], id);
	INT_EQ(now->n, kept + mine_new);
	INT_EQ(mine_new, oc.records);
	INT_EQ(after.records, before.records - mine_old + mine_new);
	OK(mine_old > 0, "%s had records before", id);
out:
	annals_report_free(r);
	annals_report_free(r2);
	free(old);
	free(now);
	annals_store_close(s);
}

struct find {
	const char *want[2];
	long long id;
	size_t nsources;
	int both;
};

static int find_sources(void *ctx, const annals_stored_event *e)
{
	struct find *f = ctx;
	size_t i;
	int a = 0, b = 0;
	for (i = 0; i < e->nsources; i++) {
		a |= !strcmp(e->sources[i].report, f->want[0]);
		b |= f->want[1] && !strcmp(e->sources[i].report, f->want[1]);
	}
	if (a && (b || !f->want[1])) {
		f->id = e->id;
		f->nsources = e->nsources;
		f->both = a && b;
		return 1;
	}
	return 0;
}

static int find_reprint(void *ctx, const annals_reprint *p)
{
	const char **w = ctx;
	if ((!strcmp(p->a, w[0]) && !strcmp(p->b, w[1])) || (!strcmp(p->a, w[1]) && !strcmp(p->b, w[0])))
		w[2] = "yes";
	return 0;
}

static void test_seeds_merge(void)
{
	annals_store *s = open_db("seeds.db");
	struct find f;
	const char *pair[3] = {"000_90d79a2c7416a819", "003_8d59b7260dcf5e9f", NULL};
	if (!s)
		return;
	ingest(s, shared("corpus/seeds"), 2);
	memset(&f, 0, sizeof f);
	f.want[0] = pair[0];
	f.want[1] = pair[1];
	OK(annals_store_events(s, NULL, find_sources, &f) == ANNALS_OK, "events");
	OK(f.both, "seeds 000 and 003 are not one event");
	INT_EQ(f.nsources, 2);
	OK(annals_store_reprints(s, NULL, find_reprint, pair) == ANNALS_OK, "reprints");
	OK(pair[2] != NULL, "seeds 000 and 003 are not linked as reprints");
	annals_store_close(s);
}

/* A stored event of an id, copied out of the callback. */
struct got {
	long long id;
	char type[32], date[16], tod[16], city[64];
	size_t nsources;
	char dis[256];
};

static int get_event(void *ctx, const annals_stored_event *e)
{
	struct got *g = ctx;
	size_t i, k;
	g->id = e->id;
	snprintf(g->type, sizeof g->type, "%s", e->ev.type ? e->ev.type : "");
	snprintf(g->date, sizeof g->date, "%s", e->ev.date ? e->ev.date : "");
	snprintf(g->tod, sizeof g->tod, "%s", e->ev.time_of_day ? e->ev.time_of_day : "");
	snprintf(g->city, sizeof g->city, "%s", e->ev.place.city ? e->ev.place.city : "");
	g->nsources = e->nsources;
	g->dis[0] = '\0';
	for (i = 0; i < e->ndisagreements; i++) {
		const annals_disagreement *d = &e->disagreements[i];
		size_t n = strlen(g->dis);
		snprintf(g->dis + n, sizeof g->dis - n, "%s:", d->field);
		for (k = 0; k < d->nvalues; k++) {
			n = strlen(g->dis);
			snprintf(g->dis + n, sizeof g->dis - n, "%s=%zu,", d->values[k].value,
				d->values[k].nreports);
		}
	}
	return 1;
}

static long long event_of(annals_store *s, const char *report)
{
	struct find f;
	memset(&f, 0, sizeof f);
	f.want[0] = report;
	if (annals_store_events(s, NULL, find_sources, &f))
		return -1;
	return f.id;
}

static annals_report *mk(const char *id, const char *text, const char *published)
{
	annals_report *r = NULL;
	if (annals_report_new(&r, id, text, strlen(text)))
		return NULL;
	r->published = strdup(published);
	return r;
}

static void test_two_encounters(void)
{
	static const struct {
		const char *id, *text, *published;
	} reps[] = {
		{"a4", "新华社北京12月4日电 国家主席习近平4日上午在北京人民大会堂同来华进行国事访问的"
			"法国总统马克龙举行会谈。\n", "2025-12-04"},
		{"b5", "新华社成都12月5日电 国家主席习近平5日下午在成都会见法国总统马克龙。\n",
			"2025-12-05"},
		{"c4", "BEIJING, Dec. 4 (Xinhua) -- Chinese President Xi Jinping held talks with French "
			"President Emmanuel Macron in Beijing on Thursday.\n", "2025-12-04"},
		{"d4", "新华社北京12月4日电 國家主席習近平4日下午在北京同法國總統馬克宏舉行會談。\n",
			"2025-12-04"},
		{"e4", "中新社北京12月4日电 国家主席习近平4日上午在人民大会堂与法国总统马克龙会谈。\n",
			"2025-12-04"},
	};
	annals_store *s = open_db("two.db");
	annals_ingest_outcome oc;
	struct got g;
	annals_event_query q;
	long long ev[5];
	size_t i;
	if (!s)
		return;
	for (i = 0; i < 5; i++) {
		annals_report *r = mk(reps[i].id, reps[i].text, reps[i].published);
		OK(r && ingest_one(s, r, NULL, &oc) == ANNALS_OK, "ingest %s", reps[i].id);
		OK(oc.records == 1, "%s: %zu records", reps[i].id, oc.records);
		annals_report_free(r);
		ev[i] = event_of(s, reps[i].id);
	}
	OK(ev[0] > 0 && ev[1] > 0 && ev[0] != ev[1], "the 4th and the 5th merged: %lld %lld", ev[0],
		ev[1]);
	INT_EQ(ev[2], ev[0]); /* English, no time of day */
	INT_EQ(ev[3], ev[0]); /* traditional, 马克宏, afternoon */
	INT_EQ(ev[4], ev[0]);
	memset(&q, 0, sizeof q);
	q.id = ev[0];
	memset(&g, 0, sizeof g);
	OK(annals_store_events(s, &q, get_event, &g) == ANNALS_OK, "event");
	INT_EQ(g.nsources, 4);
	STR_EQ(g.date, "2025-12-04");
	STR_EQ(g.tod, "morning"); /* two morning, one afternoon, one unsaid */
	STR_EQ(g.dis, "time_of_day:morning=2,afternoon=1,");
	STR_EQ(g.type, "talks");
	q.id = ev[1];
	OK(annals_store_events(s, &q, get_event, &g) == ANNALS_OK, "event");
	INT_EQ(g.nsources, 1);
	STR_EQ(g.city, "成都");
	q.id = 999999;
	INT_EQ(annals_store_events(s, &q, get_event, &g), ANNALS_E_NOT_FOUND);
	annals_store_close(s);
}

/* ---- names ------------------------------------------------------------------------ */

static int collect_ids(void *ctx, const annals_stored_event *e)
{
	annals_buf *b = ctx;
	return annals_buf_printf(b, "%lld,", e->id) != ANNALS_OK;
}

static char *ids_for(annals_store *s, const char *actor, const char *country)
{
	annals_event_query q;
	annals_buf b;
	memset(&q, 0, sizeof q);
	q.actor = actor;
	q.country = country;
	annals_buf_init(&b, 0);
	OK(annals_store_events(s, &q, collect_ids, &b) == ANNALS_OK, "query");
	return b.ptr ? annals_buf_take(&b) : strdup("");
}

static void test_names(void)
{
	annals_store *s = open_db("dev1.db");
	char *a, *b, *c, *d, *e, *f;
	annals_name_kind k;
	const char *canon;
	if (!s)
		return;
	a = ids_for(s, "普京", NULL);
	b = ids_for(s, "普丁", NULL);
	c = ids_for(s, "Putin", NULL);
	d = ids_for(s, "Vladimir Putin", NULL);
	OK(a && strlen(a) > 4, "events of 普京: %s", a);
	STR_EQ(b, a);
	STR_EQ(c, a);
	STR_EQ(d, a);
	e = ids_for(s, NULL, "RUS");
	f = ids_for(s, NULL, "俄羅斯");
	OK(e && strlen(e) >= strlen(a), "events of RUS: %s", e);
	STR_EQ(f, e);
	free(a); free(b); free(c); free(d); free(e); free(f);
	a = ids_for(s, "Nobody Atall", NULL);
	STR_EQ(a, "");
	free(a);
	OK(annals_store_resolve(s, "Russia", &k, &canon) == ANNALS_OK, "resolve");
	INT_EQ(k, ANNALS_NAME_COUNTRY);
	STR_EQ(canon, "RUS");
	OK(annals_store_resolve(s, "rus", &k, &canon) == ANNALS_OK, "resolve");
	INT_EQ(k, ANNALS_NAME_COUNTRY);
	OK(annals_store_resolve(s, "普丁", &k, &canon) == ANNALS_OK, "resolve");
	INT_EQ(k, ANNALS_NAME_ACTOR);
	STR_EQ(canon, "普京");
	OK(annals_store_resolve(s, "zzzz", &k, &canon) == ANNALS_OK, "resolve");
	INT_EQ(k, ANNALS_NAME_UNKNOWN);
	annals_store_close(s);
}

/* ---- search ----------------------------------------------------------------------- */

static int collect_hits(void *ctx, const annals_search_hit *h)
{
	annals_buf *b = ctx;
	OK(h->snippet && strchr(h->snippet, '['), "no match marked in the snippet of %s", h->report);
	return annals_buf_printf(b, "%s,", h->report) != ANNALS_OK;
}

static char *hits(annals_store *s, const char *query)
{
	annals_buf b;
	annals_buf_init(&b, 0);
	OK(annals_store_search(s, query, 0, collect_hits, &b) == ANNALS_OK, "search %s", query);
	return b.ptr ? annals_buf_take(&b) : strdup("");
}

static size_t count_commas(const char *s)
{
	size_t n = 0;
	for (; s && *s; s++)
		n += *s == ',';
	return n;
}

/* Reports whose folded text holds needle: the scan the index must agree with.
 * Whitespace between two CJK characters is dropped first, as the tokenizer
 * reads a line broken by print layout as one run. */
static size_t scan(const char *path, const char *needle, int caseless, int plain)
{
	annals_reader *rd = NULL;
	annals_report *r = NULL;
	annals_buf nf;
	size_t n = 0;
	annals_buf_init(&nf, 0);
	if (annals_fold(needle, strlen(needle), &nf) || annals_reader_new(&rd, NULL) ||
		annals_reader_add(rd, path))
		return (size_t)-1;
	while (!annals_reader_next(rd, &r) && r) {
		annals_doc *d = NULL;
		if (!annals_doc_new(&d, r)) {
			annals_span f = annals_doc_folded(d);
			char *t = malloc(f.len + 1);
			size_t i, k = 0;
			for (i = 0; t && i < f.len; i++) {
				char c = f.p[i];
				if (!plain && (c == ' ' || c == '\n' || c == '\t' || c == '\r')) {
					size_t e = i;
					while (e < f.len && (f.p[e] == ' ' || f.p[e] == '\n' || f.p[e] == '\t' ||
						f.p[e] == '\r'))
						e++;
					/* CJK characters are 3 or 4 bytes, both neighbours >= 0xE3 */
					if (k && (unsigned char)t[k - 1] >= 0x80 && e < f.len &&
						(unsigned char)f.p[e] >= 0xE3) {
						i = e - 1;
						continue;
					}
				}
				t[k++] = caseless && c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
			}
			if (t) {
				t[k] = '\0';
				n += strstr(t, nf.ptr) != NULL;
			}
			free(t);
		}
		annals_doc_free(d);
		annals_report_free(r);
	}
	annals_reader_free(rd);
	annals_buf_free(&nf);
	return n;
}

static int contains(const char *list, const char *id)
{
	char want[80];
	snprintf(want, sizeof want, "%s,", id);
	return list && (strstr(list, want) == list || (strstr(list, want) && strstr(list, want)[-1] == ','));
}

static void test_search(void)
{
	annals_store *s = open_db("seeds.db"), *dev = open_db("dev1.db");
	const char *devset = shared("eval/dev/reports.jsonl");
	char *a, *b;
	if (!s || !dev)
		return;
	/* either script finds both */
	a = hits(s, "会谈");
	b = hits(s, "會談");
	STR_EQ(b, a);
	OK(contains(a, "003_8d59b7260dcf5e9f") && contains(a, "002_469096754e13f2d8"),
		"会谈 finds %s", a);
	free(a);
	free(b);
	a = hits(s, "会晤");
	OK(contains(a, "001_1797282344cdefbc"), "会晤 does not find traditional 001: %s", a);
	free(a);
	/* two characters, one character, many: as many as a scan of the folded texts */
	a = hits(dev, "普京");
	INT_EQ(count_commas(a), scan(devset, "普京", 0, 0));
	OK(count_commas(a) >= scan(devset, "普京", 0, 1), "普京 misses what a plain scan finds");
	OK(count_commas(a) >= 5, "普京: %s", a);
	free(a);
	a = hits(dev, "京");
	INT_EQ(count_commas(a), scan(devset, "京", 0, 0));
	free(a);
	a = hits(dev, "習近平");
	INT_EQ(count_commas(a), scan(devset, "习近平", 0, 0));
	free(a);
	a = hits(dev, "克里姆林宫");
	INT_EQ(count_commas(a), scan(devset, "克里姆林宫", 0, 0));
	OK(count_commas(a) >= scan(devset, "克里姆林宫", 0, 1), "克里姆林宫: fewer than a plain scan");
	free(a);
	/* Latin words, any case; two words both */
	a = hits(dev, "putin");
	OK(count_commas(a) >= 1 && count_commas(a) <= scan(devset, "putin", 1, 1), "putin: %s", a);
	b = hits(dev, "PUTIN");
	STR_EQ(b, a);
	free(a);
	free(b);
	a = hits(dev, "Putin Biden");
	OK(contains(a, "e013"), "Putin Biden: %s", a);
	free(a);
	a = hits(dev, "\"Biden Putin\"");
	OK(count_commas(a) <= 1, "a phrase in the wrong order: %s", a);
	free(a);
	a = hits(dev, "。,");
	STR_EQ(a, "");
	free(a);
	annals_store_close(s);
	annals_store_close(dev);
}

/* ---- pieces ------------------------------------------------------------------------ */

struct toks {
	char out[512];
};

static int tok_cb(void *ctx, int kind, const char *tok, size_t len, size_t start, size_t end)
{
	struct toks *t = ctx;
	size_t n = strlen(t->out);
	snprintf(t->out + n, sizeof t->out - n, "%.*s%s@%zu-%zu ", (int)len, tok,
		kind == TOK_UNIGRAM ? "*" : "", start, end);
	return 0;
}

static void test_pieces(void)
{
	struct toks t;
	annals_buf b;
	int known;
	memset(&t, 0, sizeof t);
	annals_tokenize("習近平\n會見Putin, G20", strlen("習近平\n會見Putin, G20"), TOKENIZE_DOCUMENT,
		tok_cb, &t);
	STR_EQ(t.out, "习近@0-6 近平@3-9 平会@6-13 会见@10-16 见*@13-16 putin@16-21 g20@23-26 ");
	memset(&t, 0, sizeof t);
	annals_tokenize("普京 京", strlen("普京 京"), TOKENIZE_QUERY, tok_cb, &t);
	STR_EQ(t.out, "普京@0-6 京京@3-10 ");
	annals_buf_init(&b, 0);
	OK(annals_fts_query("普京 會談 京 \"Xi Jinping\" a\"b", &b) == ANNALS_OK, "fts query");
	STR_EQ(b.ptr, "\"普京\" \"会谈\" \"京\"* \"Xi Jinping\" \"a\"\"b\"");
	annals_buf_reset(&b);
	OK(annals_csv_field(&b, "a,\"b\"", 0) == ANNALS_OK && annals_csv_field(&b, "c", 1) == ANNALS_OK,
		"csv");
	STR_EQ(b.ptr, "\"a,\"\"b\"\"\",c\r\n");
	annals_buf_free(&b);
	OK(annals_goldstein("040", &known) == 1.0 && known, "040");
	OK(annals_goldstein("042", &known) == 1.9, "042");
	OK(annals_goldstein("043", &known) == 2.8, "043");
	OK(annals_goldstein("057", &known) == 8.0, "057");
	annals_goldstein("999", &known);
	INT_EQ(known, 0);
	OK(annals_merge_date_compatible("2025-05-08", "--05-08"), "dates");
	OK(!annals_merge_date_compatible("2025-05-08", "--03-21"), "dates");
	OK(annals_merge_date_compatible("2025-05", "2025-05-08"), "dates");
	OK(!annals_merge_date_compatible("2025-05-09", "2025-05-08"), "dates");
	OK(annals_merge_date_compatible(NULL, "2025-05-08"), "dates");
	STR_EQ(annals_merge_class("talks"), annals_merge_class("meeting"));
	OK(strcmp(annals_merge_class("phone_call"), annals_merge_class("video_call")) != 0, "calls");
}

int main(void)
{
	const char *sh = getenv("ANNALS_SHARED");
	snprintf(shared_dir, sizeof shared_dir, "%s", sh && *sh ? sh : "../shared");
	snprintf(tmpdir, sizeof tmpdir, "/tmp/annals-store-XXXXXX");
	if (!mkdtemp(tmpdir) || annals_extractor_new(&X) != ANNALS_OK) {
		fprintf(stderr, "test_store: setup failed\n");
		return 1;
	}
	test_pieces();
	test_idempotent_and_threads();
	test_changed_report();
	test_seeds_merge();
	test_two_encounters();
	test_names();
	test_search();
	annals_extractor_free(X);
	if (!getenv("ANNALS_KEEP_TMP")) {
		char cmd[128];
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
		if (system(cmd) != 0)
			fprintf(stderr, "test_store: could not remove %s\n", tmpdir);
	}
	return h_done("store");
}
