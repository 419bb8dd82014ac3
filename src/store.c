/* store.c - the store's front: the public annals_store_* calls, which prepare
 * what the database needs (content hash, MinHash, canonical actors, merge keys)
 * without the database, resolve names in queries, run the threaded ingest
 * pipeline, and hand the rest to the backend (store_sqlite.c) through store.h.
 * docs/store.md. SPDX-License-Identifier: MIT */
#include "store.h"
#include "utf8.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <pthread.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#endif

struct annals_store {
	const struct store_backend *be;
	void *db;
	annals_extractor *x; /* borrowed */
	int in_batch;
	annals_buf resolved; /* what annals_store_resolve hands out */
};

annals_status annals_store_open(annals_store **out, const char *path)
{
	annals_store *s;
	annals_status st;
	*out = NULL;
	if (!path)
		return ANNALS_E_USAGE;
	s = calloc(1, sizeof *s);
	if (!s)
		return ANNALS_E_NOMEM;
	s->be = &annals_store_sqlite;
	annals_buf_init(&s->resolved, 4096);
	st = s->be->open(&s->db, path);
	if (st) {
		annals_buf_free(&s->resolved);
		free(s);
		return st;
	}
	*out = s;
	return ANNALS_OK;
}

void annals_store_close(annals_store *s)
{
	if (!s)
		return;
	if (s->in_batch)
		s->be->rollback(s->db);
	s->be->close(s->db);
	annals_buf_free(&s->resolved);
	free(s);
}

void annals_store_set_extractor(annals_store *s, annals_extractor *x)
{
	if (s)
		s->x = x;
}

const char *annals_store_errmsg(const annals_store *s)
{
	const char *m = s ? s->be->errmsg(s->db) : annals_store_sqlite.errmsg(NULL);
	return m ? m : "";
}

annals_status annals_store_begin(annals_store *s)
{
	annals_status st;
	if (!s || s->in_batch)
		return ANNALS_E_USAGE;
	st = s->be->begin(s->db);
	if (!st)
		s->in_batch = 1;
	return st;
}

annals_status annals_store_commit(annals_store *s)
{
	annals_status st;
	if (!s || !s->in_batch)
		return ANNALS_E_USAGE;
	st = s->be->commit(s->db);
	s->in_batch = 0;
	return st;
}

void annals_store_rollback(annals_store *s)
{
	if (s && s->in_batch) {
		s->be->rollback(s->db);
		s->in_batch = 0;
	}
}

/* ---- preparing a report ------------------------------------------------------ */

static void hash_part(uint64_t *h, const char *s, size_t n)
{
	size_t i;
	for (i = 0; s && i < n; i++) {
		*h ^= (unsigned char)s[i];
		*h *= 0x100000001b3ULL;
	}
	/* a separator that no string holds, so "ab"+"c" differs from "a"+"bc" */
	*h ^= 0x1FF;
	*h *= 0x100000001b3ULL;
}

static void hash_str(uint64_t *h, const char *s)
{
	hash_part(h, s, s ? strlen(s) : 0);
}

void store_report_hash(const annals_report *r, char out[17])
{
	uint64_t h = 0xcbf29ce484222325ULL;
	/* the engine version is hashed too: a new extractor re-reads everything */
	hash_str(&h, ANNALS_VERSION);
	hash_part(&h, r->text, r->text_len);
	hash_str(&h, r->url);
	hash_str(&h, r->published);
	hash_str(&h, r->outlet);
	hash_str(&h, r->title);
	snprintf(out, 17, "%016llx", (unsigned long long)h);
}

void store_prepared_free(struct store_prepared *p)
{
	if (!p)
		return;
	annals_arena_free(&p->arena);
	free(p->toks.v);
	annals_buf_free(&p->toks.pool);
	memset(p, 0, sizeof *p);
}

/* Keep one token; nonzero (giving up: the backend then tokenizes itself) when
 * out of memory or past the caps. */
static int keep_token(void *ctx, int kind, const char *tok, size_t len, size_t start, size_t end)
{
	struct store_tokens *t = ctx;
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 1024;
		struct store_token *v;
		if (cap > STORE_MAX_TOKENS || !(v = realloc(t->v, cap * sizeof *v)))
			return 1;
		t->v = v;
		t->cap = cap;
	}
	if (end > UINT32_MAX || annals_buf_add(&t->pool, tok, len))
		return 1;
	t->v[t->n].off = (uint32_t)(t->pool.len - len);
	t->v[t->n].len = (uint32_t)len;
	t->v[t->n].start = (uint32_t)start;
	t->v[t->n].end = (uint32_t)end;
	t->n++;
	return 0;
}

static const char *fold_dup(struct annals_arena *a, const char *s)
{
	annals_buf b;
	const char *r;
	if (!s)
		return NULL;
	annals_buf_init(&b, 1 << 16);
	if (annals_fold(s, strlen(s), &b)) {
		annals_buf_free(&b);
		return NULL;
	}
	r = annals_arena_strndup(a, b.ptr ? b.ptr : "", b.len);
	annals_buf_free(&b);
	return r;
}

/* The canonical form of an actor: the extractor's person for any form of the
 * name, or the folded name. Strings live in the arena or the extractor. */
static annals_status canon_actor(struct annals_arena *a, annals_extractor *x,
	const annals_actor *in, struct store_actor *out)
{
	const char *c = NULL, *en = NULL, *co = NULL;
	out->title = in->title;
	out->role = in->role;
	if (x && in->name && annals_extractor_lookup_person(x, in->name, &c, &en, &co) != ANNALS_OK)
		c = NULL;
	if (x && !c && in->name_en &&
		annals_extractor_lookup_person(x, in->name_en, &c, &en, &co) != ANNALS_OK)
		c = NULL;
	if (c) {
		out->name = c;
		out->name_en = in->name_en ? in->name_en : en;
		out->country = in->country ? in->country : co;
		return ANNALS_OK;
	}
	out->name = fold_dup(a, in->name ? in->name : in->name_en ? in->name_en : "?");
	out->name_en = in->name_en;
	out->country = in->country;
	return out->name ? ANNALS_OK : ANNALS_E_NOMEM;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static annals_status make_pkey(struct annals_arena *a, struct store_record *rec)
{
	const char *names[64];
	size_t i, n = 0, len = 0;
	char *p;
	for (i = 0; i < rec->nactors && n < 64; i++)
		names[n++] = rec->actors[i].name;
	qsort(names, n, sizeof names[0], cmp_str);
	for (i = 0; i < n; i++)
		len += strlen(names[i]) + 1;
	p = annals_arena_alloc(a, len + 1);
	if (!p)
		return ANNALS_E_NOMEM;
	rec->pkey = p;
	for (i = 0; i < n; i++) {
		if (i && !strcmp(names[i], names[i - 1]))
			continue; /* one person named twice is one participant */
		if (p != rec->pkey)
			*p++ = '|';
		memcpy(p, names[i], strlen(names[i]));
		p += strlen(names[i]);
	}
	*p = '\0';
	return ANNALS_OK;
}

static annals_status exchanged_json(struct annals_arena *a, const annals_exchanged *x,
	const char **out)
{
	annals_buf b;
	annals_status st;
	size_t i;
	annals_buf_init(&b, 1 << 20);
	st = annals_buf_printf(&b, "{\"count\":%d,\"approx\":", x->count);
	if (!st)
		st = x->approx ? annals_buf_add_json_str(&b, x->approx, strlen(x->approx))
			       : annals_buf_adds(&b, "null");
	if (!st)
		st = annals_buf_adds(&b, ",\"areas\":[");
	for (i = 0; i < x->nareas && !st; i++) {
		if (i)
			st = annals_buf_addc(&b, ',');
		if (!st)
			st = annals_buf_add_json_str(&b, x->areas[i], strlen(x->areas[i]));
	}
	if (!st)
		st = annals_buf_adds(&b, "]}");
	if (!st && !(*out = annals_arena_strndup(a, b.ptr, b.len)))
		st = ANNALS_E_NOMEM;
	annals_buf_free(&b);
	return st;
}

/* The script most of the report is written in. */
static const char *doc_script(const annals_doc *d)
{
	size_t bytes[4] = {0, 0, 0, 0}, i;
	int best = 0, k;
	for (i = 0; i < annals_doc_paragraph_count(d); i++) {
		const annals_paragraph *p = annals_doc_paragraph(d, i);
		if (p->kind != ANNALS_PARA_CHROME && (int)p->script >= 0 && (int)p->script < 4)
			bytes[p->script] += p->seg.fold_end - p->seg.fold_start;
	}
	for (k = 1; k < 4; k++)
		if (bytes[k] > bytes[best])
			best = k;
	return annals_script_str((annals_script)best);
}

annals_status store_prepare(struct store_prepared *p, annals_extractor *x, const annals_report *r,
	const annals_doc *d, const annals_events *ev)
{
	const annals_meta *m;
	annals_span f;
	char hint[16];
	size_t i, k, n;
	annals_status st = ANNALS_OK;
	p->r = r;
	store_report_hash(r, p->hash);
	if (!d)
		return ANNALS_OK;
	p->has_doc = 1;
	m = annals_doc_meta(d);
	p->title = r->title ? r->title : m->title;
	p->outlet = r->outlet ? r->outlet : m->outlet ? m->outlet : m->agency;
	p->agency = m->agency;
	p->script = doc_script(d);
	f = annals_doc_folded(d);
	st = annals_minhash(f.p, f.len, &p->sig);
	if (st)
		goto out;
	/* the index's tokens, off the database thread; the original text, as the
	 * index holds offsets into it */
	annals_buf_init(&p->toks.pool, (size_t)256 << 20);
	if (annals_tokenize(r->text, r->text_len, TOKENIZE_DOCUMENT, keep_token, &p->toks)) {
		free(p->toks.v);
		annals_buf_free(&p->toks.pool);
		memset(&p->toks, 0, sizeof p->toks);
	}
	/* A record without a date still has the dateline's day: not enough to show
	 * as its date, enough to keep two summits of the same leaders apart. */
	hint[0] = '\0';
	if (m->dateline.month && m->dateline.day) {
		if (m->dateline.year)
			snprintf(hint, sizeof hint, "%04d-%02d-%02d", m->dateline.year,
				m->dateline.month, m->dateline.day);
		else
			snprintf(hint, sizeof hint, "--%02d-%02d", m->dateline.month, m->dateline.day);
	}
	n = annals_events_count(ev);
	if (!n)
		goto out;
	p->recs = annals_arena_alloc(&p->arena, n * sizeof *p->recs);
	if (!p->recs) {
		st = ANNALS_E_NOMEM;
		goto out;
	}
	for (i = 0; i < n && !st; i++) {
		const annals_event *e = annals_events_get(ev, i);
		struct store_record *rec = &p->recs[i];
		int reported;
		rec->e = e;
		rec->tclass = annals_merge_class(e->type);
		reported = !e->status || !strcmp(e->status, "reported");
		/* the dateline's day is the day of the news, not of what it recalls */
		rec->mdate = e->date ? e->date
			: reported && hint[0] ? annals_arena_strdup(&p->arena, hint) : NULL;
		rec->actors = annals_arena_alloc(&p->arena, (e->nactors + 1) * sizeof *rec->actors);
		rec->attendees = annals_arena_alloc(&p->arena,
			(e->nattendees + 1) * sizeof *rec->attendees);
		if (!rec->actors || !rec->attendees || (reported && hint[0] && !e->date && !rec->mdate)) {
			st = ANNALS_E_NOMEM;
			break;
		}
		for (k = 0; k < e->nactors && !st; k++)
			st = canon_actor(&p->arena, x, &e->actors[k], &rec->actors[k]);
		rec->nactors = e->nactors;
		for (k = 0; k < e->nattendees && !st; k++)
			st = canon_actor(&p->arena, x, &e->attendees[k], &rec->attendees[k]);
		rec->nattendees = e->nattendees;
		if (!st)
			st = make_pkey(&p->arena, rec);
		if (!st && e->exchanged)
			st = exchanged_json(&p->arena, e->exchanged, &rec->exchanged_json);
		/* Two principals at least, or "Xi met guests" would swallow every
		 * meeting of the day. A recalled or planned encounter merges only
		 * with others of its status and only with a date of its own: it is
		 * never folded into the news of the day (docs/store.md). */
		rec->mergeable = rec->pkey && strchr(rec->pkey, '|') != NULL && (reported || e->date);
	}
	p->nrecs = i;
out:
	return st;
}

/* ---- ingest -------------------------------------------------------------------- */

annals_status annals_store_check(annals_store *s, const annals_report *r, annals_ingest_kind *kind)
{
	char h[17];
	if (!s || !r || !kind)
		return ANNALS_E_USAGE;
	store_report_hash(r, h);
	return s->be->check(s->db, r->id, h, kind);
}

static annals_status put_prepared(annals_store *s, const struct store_prepared *p,
	annals_ingest_outcome *out)
{
	annals_status st;
	int own = !s->in_batch;
	if (own && (st = annals_store_begin(s)) != ANNALS_OK)
		return st;
	st = s->be->put(s->db, p, out);
	if (own) {
		if (st)
			annals_store_rollback(s);
		else
			st = annals_store_commit(s);
	}
	return st;
}

annals_status annals_store_ingest(annals_store *s, const annals_report *r, const annals_doc *d,
	const annals_events *ev, annals_ingest_outcome *out)
{
	struct store_prepared p;
	annals_ingest_outcome o;
	annals_status st;
	if (!s || !r)
		return ANNALS_E_USAGE;
	memset(&p, 0, sizeof p);
	memset(&o, 0, sizeof o);
	if (!d) {
		annals_ingest_kind k;
		st = annals_store_check(s, r, &k);
		if (!st && k != ANNALS_INGEST_UNCHANGED)
			st = ANNALS_E_USAGE; /* a new text cannot be stored without reading it */
		o.kind = k;
		goto out;
	}
	st = store_prepare(&p, s->x, r, d, ev);
	if (!st)
		st = put_prepared(s, &p, &o);
out:
	store_prepared_free(&p);
	if (out)
		*out = o;
	return st;
}

/* ---- the ingest pipeline ----------------------------------------------------------
 * The reader and the database run on this thread; normalising and extracting,
 * the slow part, on workers. Jobs sit in a ring and are written in input order,
 * so a run with threads gives the same database as one without. */

#define RING_PER_THREAD 32 /* jobs in flight a worker: a slow report does not stall the writer */
#define WORKER_NICE 10      /* workers yield to the database thread when cores are short */

struct job {
	annals_report *r;
	annals_doc *d;
	annals_events *ev;
	struct store_prepared p;
	annals_status st;
	int done;
};

struct pipeline {
	pthread_mutex_t mu;
	pthread_cond_t work, done;
	struct job *ring;
	size_t cap;
	unsigned long long head, next, tail; /* put, take, add counters */
	int stop;
	const annals_extract_opts *eo;
	annals_status fatal;
};

struct worker {
	struct pipeline *pl;
	annals_extractor *x;
	pthread_t t;
	int started;
};

static void job_clear(struct job *j)
{
	store_prepared_free(&j->p);
	annals_events_free(j->ev);
	annals_doc_free(j->d);
	annals_report_free(j->r);
	memset(j, 0, sizeof *j);
}

static void job_run(struct job *j, annals_extractor *x, const annals_extract_opts *eo)
{
	annals_status st = annals_doc_new(&j->d, j->r);
	if (!st)
		st = annals_extract(x, j->d, eo, &j->ev);
	if (!st)
		st = store_prepare(&j->p, x, j->r, j->d, j->ev);
	j->st = st;
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	struct pipeline *pl = w->pl;
#ifdef __linux__
	/* The database thread is the one that cannot be parallel: workers yield
	 * to it when cores are short (on Linux a nice value is per thread). */
	(void)setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), WORKER_NICE);
#endif
	for (;;) {
		struct job *j;
		pthread_mutex_lock(&pl->mu);
		while (!pl->stop && pl->next == pl->tail)
			pthread_cond_wait(&pl->work, &pl->mu);
		if (pl->next == pl->tail) {
			pthread_mutex_unlock(&pl->mu);
			return NULL;
		}
		j = &pl->ring[pl->next++ % pl->cap];
		pthread_mutex_unlock(&pl->mu);
		job_run(j, w->x, pl->eo);
		pthread_mutex_lock(&pl->mu);
		j->done = 1;
		pthread_cond_broadcast(&pl->done);
		pthread_mutex_unlock(&pl->mu);
	}
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* With workers, the reader (JSON parsing, decoding) runs on a thread of its
 * own too, a few reports ahead: the database thread only writes. */
#define READ_AHEAD 64

struct read_item {
	annals_report *r;
	unsigned long long bytes; /* read so far, with this report */
};

struct read_ahead {
	pthread_mutex_t mu;
	pthread_cond_t put, took;
	annals_reader *rd;
	struct read_item q[READ_AHEAD];
	unsigned long long head, tail;
	int eof, stop;
	annals_status st;
};

static void *reader_main(void *arg)
{
	struct read_ahead *ra = arg;
	for (;;) {
		annals_report *r = NULL;
		annals_status st = annals_reader_next(ra->rd, &r);
		unsigned long long bytes = annals_reader_bytes(ra->rd);
		pthread_mutex_lock(&ra->mu);
		while (!ra->stop && r && ra->tail - ra->head == READ_AHEAD)
			pthread_cond_wait(&ra->took, &ra->mu);
		if (ra->stop) {
			pthread_mutex_unlock(&ra->mu);
			annals_report_free(r);
			return NULL;
		}
		if (st || !r) {
			ra->st = st;
			ra->eof = 1;
			annals_report_free(r);
		} else {
			ra->q[ra->tail % READ_AHEAD].r = r;
			ra->q[ra->tail % READ_AHEAD].bytes = bytes;
			ra->tail++;
		}
		pthread_cond_signal(&ra->put);
		pthread_mutex_unlock(&ra->mu);
		if (st || !r)
			return NULL;
	}
}

/* The next report (NULL at the end), as annals_reader_next. */
static annals_status read_ahead_next(struct read_ahead *ra, annals_report **out,
	unsigned long long *bytes)
{
	annals_status st = ANNALS_OK;
	*out = NULL;
	pthread_mutex_lock(&ra->mu);
	while (ra->head == ra->tail && !ra->eof)
		pthread_cond_wait(&ra->put, &ra->mu);
	if (ra->head < ra->tail) {
		*out = ra->q[ra->head % READ_AHEAD].r;
		*bytes = ra->q[ra->head % READ_AHEAD].bytes;
		ra->q[ra->head % READ_AHEAD].r = NULL;
		ra->head++;
		pthread_cond_signal(&ra->took);
	} else {
		st = ra->st;
	}
	pthread_mutex_unlock(&ra->mu);
	return st;
}

/* Stop the reader thread and free what it read ahead. */
static void read_ahead_stop(struct read_ahead *ra, pthread_t t)
{
	pthread_mutex_lock(&ra->mu);
	ra->stop = 1;
	pthread_cond_broadcast(&ra->took);
	pthread_mutex_unlock(&ra->mu);
	pthread_join(t, NULL);
	for (; ra->head < ra->tail; ra->head++)
		annals_report_free(ra->q[ra->head % READ_AHEAD].r);
	pthread_cond_destroy(&ra->took);
	pthread_cond_destroy(&ra->put);
	pthread_mutex_destroy(&ra->mu);
}

struct ingest_run {
	annals_store *s;
	annals_reader *rd;
	int ahead;                /* the reader runs on its own thread: bytes below */
	unsigned long long bytes; /* read so far, as of the last report taken */
	const annals_ingest_opts *o;
	annals_ingest_stats *stats;
	size_t batch, in_batch;
	double t0;
};

static void diag_report(const struct ingest_run *ir, const annals_report *r, annals_status st)
{
	annals_diag d;
	if (!ir->o->diag)
		return;
	memset(&d, 0, sizeof d);
	d.severity = ANNALS_ERROR;
	d.code = st;
	d.where = r->where ? r->where : r->id;
	d.offset = -1;
	d.message = annals_status_str(st);
	ir->o->diag(ir->o->diag_ctx, &d);
}

static void progress(struct ingest_run *ir)
{
	ir->stats->bytes = ir->ahead ? ir->bytes : annals_reader_bytes(ir->rd);
	ir->stats->seconds = now_s() - ir->t0;
	if (ir->o->progress)
		ir->o->progress(ir->o->progress_ctx, ir->stats);
}

/* Write one finished job (or count it unchanged) and commit full batches. */
static annals_status finish_job(struct ingest_run *ir, struct job *j)
{
	annals_ingest_outcome oc;
	annals_status st = ANNALS_OK;
	ir->stats->reports++;
	if (j->st == ANNALS_E_NOMEM) {
		st = j->st;
		goto out;
	}
	if (j->st) {
		ir->stats->failed++;
		diag_report(ir, j->r, j->st);
		goto out;
	}
	if (!ir->s->in_batch && (st = annals_store_begin(ir->s)) != ANNALS_OK)
		goto out;
	st = ir->s->be->put(ir->s->db, &j->p, &oc);
	if (st)
		goto out;
	switch (oc.kind) {
	case ANNALS_INGEST_NEW: ir->stats->new_reports++; break;
	case ANNALS_INGEST_CHANGED: ir->stats->changed++; break;
	default: ir->stats->unchanged++; break;
	}
	ir->stats->records += oc.records;
	ir->stats->new_events += oc.new_events;
	if (oc.kind != ANNALS_INGEST_UNCHANGED && ++ir->in_batch >= ir->batch) {
		st = annals_store_commit(ir->s);
		ir->in_batch = 0;
	}
out:
	job_clear(j);
	if (!st)
		progress(ir);
	return st;
}

/* 1 when a report of this id is still on its way to the database: then the
 * database cannot yet say whether this one is unchanged. */
static int in_flight(const struct pipeline *pl, const char *id)
{
	unsigned long long i;
	for (i = pl->head; i < pl->tail; i++)
		if (!strcmp(pl->ring[i % pl->cap].r->id, id))
			return 1;
	return 0;
}

static int default_threads(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > 4 ? 4 : (int)n;
}

annals_status annals_store_ingest_reader(annals_store *s, annals_reader *rd,
	const annals_ingest_opts *opts, annals_ingest_stats *out)
{
	annals_ingest_opts o0;
	annals_extract_opts eo;
	annals_ingest_stats stats;
	struct ingest_run ir;
	struct pipeline pl;
	struct worker *w = NULL;
	annals_extractor *x1 = NULL;
	annals_status st = ANNALS_OK;
	struct read_ahead ra;
	pthread_t reader;
	int nthreads, i, sync_ok = 0, eof = 0;
	if (!s || !rd)
		return ANNALS_E_USAGE;
	memset(&o0, 0, sizeof o0);
	if (!opts)
		opts = &o0;
	memset(&stats, 0, sizeof stats);
	stats.total_bytes = opts->total_bytes;
	memset(&eo, 0, sizeof eo);
	eo.published = opts->published;
	memset(&ir, 0, sizeof ir);
	ir.s = s;
	ir.rd = rd;
	ir.o = opts;
	ir.stats = &stats;
	ir.batch = opts->batch ? opts->batch : 500;
	ir.t0 = now_s();
	memset(&pl, 0, sizeof pl);
	pl.eo = &eo;
	nthreads = opts->threads > 0 ? opts->threads : default_threads();
	if (nthreads > 64)
		nthreads = 64;
	/* one thread: the jobs run here, no workers */
	pl.cap = nthreads > 1 ? (size_t)nthreads * RING_PER_THREAD : 1;
	pl.ring = calloc(pl.cap, sizeof *pl.ring);
	if (!pl.ring) {
		st = ANNALS_E_NOMEM;
		goto out;
	}
	if (nthreads > 1) {
		if (pthread_mutex_init(&pl.mu, NULL) != 0)
			goto nothreads;
		if (pthread_cond_init(&pl.work, NULL) != 0) {
			pthread_mutex_destroy(&pl.mu);
			goto nothreads;
		}
		if (pthread_cond_init(&pl.done, NULL) != 0) {
			pthread_cond_destroy(&pl.work);
			pthread_mutex_destroy(&pl.mu);
			goto nothreads;
		}
		sync_ok = 1;
		w = calloc((size_t)nthreads, sizeof *w);
		if (!w) {
			st = ANNALS_E_NOMEM;
			goto out;
		}
		for (i = 0; i < nthreads && !st; i++) {
			w[i].pl = &pl;
			st = annals_extractor_new(&w[i].x);
			if (!st && pthread_create(&w[i].t, NULL, worker_main, &w[i]) != 0)
				st = ANNALS_E_NOMEM; /* out of threads is out of memory here */
			w[i].started = !st;
		}
		if (st)
			goto out;
		memset(&ra, 0, sizeof ra);
		ra.rd = rd;
		if (pthread_mutex_init(&ra.mu, NULL) == 0) {
			if (pthread_cond_init(&ra.put, NULL) == 0) {
				if (pthread_cond_init(&ra.took, NULL) == 0) {
					ir.ahead = pthread_create(&reader, NULL, reader_main, &ra) == 0;
					if (!ir.ahead)
						pthread_cond_destroy(&ra.took);
				}
				if (!ir.ahead)
					pthread_cond_destroy(&ra.put);
			}
			if (!ir.ahead)
				pthread_mutex_destroy(&ra.mu);
		}
	}
nothreads:
	if (!sync_ok) {
		nthreads = 1;
		pl.cap = 1;
		st = annals_extractor_new(&x1);
		if (st)
			goto out;
	}
	while (!st) {
		annals_report *r = NULL;
		annals_ingest_kind kind;
		struct job *j;
		if (sync_ok) {
			/* write what is done, in order; wait when the ring is full */
			pthread_mutex_lock(&pl.mu);
			while (pl.head < pl.tail && (pl.ring[pl.head % pl.cap].done ||
				pl.tail - pl.head == pl.cap || eof)) {
				while (!pl.ring[pl.head % pl.cap].done)
					pthread_cond_wait(&pl.done, &pl.mu);
				j = &pl.ring[pl.head % pl.cap];
				pthread_mutex_unlock(&pl.mu);
				st = finish_job(&ir, j);
				pthread_mutex_lock(&pl.mu);
				pl.head++;
				if (st)
					break;
			}
			pthread_mutex_unlock(&pl.mu);
			if (st || (eof && pl.head == pl.tail))
				break;
		} else if (eof) {
			break;
		}
		st = ir.ahead ? read_ahead_next(&ra, &r, &ir.bytes) : annals_reader_next(rd, &r);
		if (st)
			break;
		if (!r) {
			eof = 1;
			continue;
		}
		st = annals_store_check(s, r, &kind);
		if (st) {
			annals_report_free(r);
			break;
		}
		if (kind == ANNALS_INGEST_UNCHANGED && !(sync_ok && in_flight(&pl, r->id))) {
			stats.reports++;
			stats.unchanged++;
			annals_report_free(r);
			progress(&ir);
			continue;
		}
		if (!sync_ok) {
			struct job one;
			memset(&one, 0, sizeof one);
			one.r = r;
			job_run(&one, x1, &eo);
			st = finish_job(&ir, &one);
			continue;
		}
		pthread_mutex_lock(&pl.mu);
		j = &pl.ring[pl.tail % pl.cap];
		memset(j, 0, sizeof *j);
		j->r = r;
		pl.tail++;
		pthread_cond_signal(&pl.work);
		pthread_mutex_unlock(&pl.mu);
	}
	if (!st && s->in_batch)
		st = annals_store_commit(s);
out:
	if (ir.ahead) {
		read_ahead_stop(&ra, reader);
		ir.ahead = 0; /* the reader is this thread's again */
	}
	if (sync_ok) {
		pthread_mutex_lock(&pl.mu);
		pl.stop = 1;
		pl.next = pl.tail; /* what is queued and not started is dropped */
		pthread_cond_broadcast(&pl.work);
		pthread_mutex_unlock(&pl.mu);
		for (i = 0; w && i < nthreads; i++)
			if (w[i].started)
				pthread_join(w[i].t, NULL);
		for (; pl.head < pl.tail; pl.head++)
			job_clear(&pl.ring[pl.head % pl.cap]);
		pthread_cond_destroy(&pl.done);
		pthread_cond_destroy(&pl.work);
		pthread_mutex_destroy(&pl.mu);
	}
	for (i = 0; w && i < nthreads; i++)
		annals_extractor_free(w[i].x);
	free(w);
	free(pl.ring);
	annals_extractor_free(x1);
	if (st)
		annals_store_rollback(s);
	progress(&ir);
	if (out)
		*out = stats;
	return st;
}

/* ---- names in queries ------------------------------------------------------------ */

struct annals_blob {
	const char *name;
	const unsigned char *data;
	size_t len;
};
extern const struct annals_blob annals_blobs[];

static int field_eq(const char *f, size_t n, const char *want, int caseless)
{
	return strlen(want) == n && (caseless ? strncasecmp(f, want, n) : strncmp(f, want, n)) == 0;
}

/* ISO alpha-3 of a country code or name (Chinese in either script, English,
 * or an alias of data/countries.tsv); 0 when it is none. */
static int country_code(const char *name, char iso[4])
{
	const struct annals_blob *b;
	const char *s, *e;
	annals_buf f;
	int found = 0;
	for (b = annals_blobs; b->name && strcmp(b->name, "countries.tsv"); b++)
		;
	if (!b->name)
		return 0;
	annals_buf_init(&f, 4096);
	if (annals_fold(name, strlen(name), &f) || !f.ptr) {
		annals_buf_free(&f);
		return 0;
	}
	s = (const char *)b->data;
	e = s + b->len;
	while (s < e && !found) {
		const char *nl = memchr(s, '\n', (size_t)(e - s)), *fld[5], *p;
		size_t flen[5];
		int k = 0;
		if (!nl)
			nl = e;
		if (*s != '#' && nl > s) {
			for (p = s, fld[0] = s; p <= nl && k < 5; p++)
				if (p == nl || *p == '\t') {
					flen[k] = (size_t)(p - fld[k]);
					if (++k < 5)
						fld[k] = p + 1;
				}
			if (k >= 3 && flen[0] == 3 && (field_eq(fld[0], 3, name, 1) ||
				field_eq(fld[1], flen[1], f.ptr, 0) || field_eq(fld[2], flen[2], name, 1)))
				found = 1;
			if (!found && k >= 4) {
				/* aliases, '|'-separated; traditional ones fold to f */
				const char *a = fld[3], *ae = fld[3] + flen[3];
				while (a < ae && !found) {
					const char *bar = memchr(a, '|', (size_t)(ae - a));
					annals_buf af;
					if (!bar)
						bar = ae;
					annals_buf_init(&af, 4096);
					if (!annals_fold(a, (size_t)(bar - a), &af) && af.ptr &&
						(field_eq(af.ptr, af.len, f.ptr, 0) ||
							field_eq(a, (size_t)(bar - a), name, 1)))
						found = 1;
					annals_buf_free(&af);
					a = bar + 1;
				}
			}
			if (found) {
				memcpy(iso, fld[0], 3);
				iso[3] = '\0';
			}
		}
		s = nl + 1;
	}
	annals_buf_free(&f);
	return found;
}

annals_status annals_store_resolve(annals_store *s, const char *name, annals_name_kind *kind,
	const char **canonical)
{
	const char *c = NULL, *en, *co;
	char iso[4];
	int found = 0;
	annals_status st;
	*kind = ANNALS_NAME_UNKNOWN;
	*canonical = NULL;
	if (!s || !name)
		return ANNALS_E_USAGE;
	annals_buf_reset(&s->resolved);
	if (strlen(name) == 3 && country_code(name, iso) && !strcasecmp(iso, name)) {
		*kind = ANNALS_NAME_COUNTRY;
		st = annals_buf_adds(&s->resolved, iso);
		goto out;
	}
	if (s->x && annals_extractor_lookup_person(s->x, name, &c, &en, &co) == ANNALS_OK && c) {
		*kind = ANNALS_NAME_ACTOR;
		st = annals_buf_adds(&s->resolved, c);
		goto out;
	}
	if (country_code(name, iso)) {
		*kind = ANNALS_NAME_COUNTRY;
		st = annals_buf_adds(&s->resolved, iso);
		goto out;
	}
	st = annals_fold(name, strlen(name), &s->resolved);
	if (st)
		goto out;
	st = s->be->has_actor(s->db, s->resolved.ptr ? s->resolved.ptr : "", &found);
	if (!st && !found)
		st = s->be->has_actor(s->db, name, &found);
	if (!st && found)
		*kind = ANNALS_NAME_ACTOR;
out:
	if (!st && *kind != ANNALS_NAME_UNKNOWN)
		*canonical = s->resolved.ptr;
	return st;
}

/* ---- events, with the evidence marked ------------------------------------------------- */

#define MAX_MARKS 64

/* Folded copy of a sentence with a map from folded bytes to original bytes:
 * each code point folds to one code point, but not always of the same width. */
struct folded {
	annals_buf b;
	size_t *map;
};

static annals_status fold_mapped(const char *s, size_t n, struct folded *f)
{
	size_t i = 0, cap = 2 * n + 2;
	int prev_cjk = 0;
	annals_status st = ANNALS_OK;
	annals_buf_init(&f->b, 1 << 20);
	/* a folded code point is never more than a third wider (3 -> 4 bytes) */
	f->map = malloc(cap * sizeof *f->map);
	if (!f->map)
		return ANNALS_E_NOMEM;
	while (i < n && !st) {
		uint32_t cp;
		char enc[4];
		size_t at = f->b.len, k;
		int len = annals_utf8_decode((const unsigned char *)s + i, n - i, &cp), el;
		if (cp == ANNALS_UTF8_BAD)
			cp = 0xFFFD;
		cp = annals_fold_cp(cp);
		if (cp >= 'A' && cp <= 'Z')
			cp += 32;
		if ((cp == ' ' || cp == '\n' || cp == '\r' || cp == '\t') && prev_cjk) {
			/* a line broken inside a CJK run (print layout): read on */
			size_t e = i + (size_t)len;
			uint32_t nx = 0;
			while (e < n && (s[e] == ' ' || s[e] == '\n' || s[e] == '\r' || s[e] == '\t'))
				e++;
			if (e < n)
				annals_utf8_decode((const unsigned char *)s + e, n - e, &nx);
			if (e < n && nx != ANNALS_UTF8_BAD && annals_is_cjk(annals_fold_cp(nx))) {
				i = e;
				continue;
			}
		}
		prev_cjk = annals_is_cjk(cp);
		el = annals_utf8_encode(cp, enc);
		if (at + (size_t)el >= cap)
			return ANNALS_E_TOO_LARGE;
		st = annals_buf_add(&f->b, enc, (size_t)el);
		for (k = at; k < f->b.len; k++)
			f->map[k] = i;
		i += (size_t)len;
	}
	f->map[f->b.len] = n;
	return st;
}

static void folded_free(struct folded *f)
{
	annals_buf_free(&f->b);
	free(f->map);
	f->map = NULL;
}

static int word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
}

/* Mark every occurrence of needle (folded, lower-cased) in the folded
 * sentence; marks are in folded bytes until to_original. */
static void mark_all(const struct folded *f, const char *needle, const char *field,
	int whole_word, annals_mark *m, size_t *nm)
{
	annals_buf nb;
	const char *hay = f->b.ptr, *p;
	size_t n;
	if (!needle || !*needle || !hay)
		return;
	annals_buf_init(&nb, 4096);
	if (annals_fold(needle, strlen(needle), &nb) || !nb.ptr) {
		annals_buf_free(&nb);
		return;
	}
	for (n = 0; n < nb.len; n++)
		if (nb.ptr[n] >= 'A' && nb.ptr[n] <= 'Z')
			nb.ptr[n] += 32;
	n = nb.len;
	for (p = strstr(hay, nb.ptr); p && *nm < MAX_MARKS; p = strstr(p + 1, nb.ptr)) {
		size_t st = (size_t)(p - hay), en = st + n, k;
		int overlap = 0;
		if (whole_word && ((st > 0 && (unsigned char)hay[st - 1] < 0x80 &&
			word_byte((unsigned char)hay[st - 1])) ||
			(en < f->b.len && (unsigned char)hay[en] < 0x80 &&
			word_byte((unsigned char)hay[en]))))
			continue;
		for (k = 0; k < *nm; k++)
			if (st < m[k].end && en > m[k].start)
				overlap = 1;
		if (overlap)
			continue;
		m[*nm].start = st;
		m[*nm].end = en;
		m[*nm].field = field;
		(*nm)++;
	}
	annals_buf_free(&nb);
}

/* lookup_person answers for the substrings of one event's evidence: a story
 * told by two hundred reports repeats the same sentences. */
#define NAME_CACHE 4096

struct name_cache {
	struct {
		char key[20];
		const char *canon; /* NULL: not a person */
		int used;
	} e[NAME_CACHE];
};

static const char *lookup_cached(annals_extractor *x, struct name_cache *c, const char *name)
{
	const char *canon = NULL, *en, *co;
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t i, k, n = strlen(name);
	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)name[i]) * 0x100000001b3ULL;
	for (k = 0, i = (size_t)h % NAME_CACHE; c && k < 8; k++, i = (i + 1) % NAME_CACHE) {
		if (!c->e[i].used)
			break;
		if (!strcmp(c->e[i].key, name))
			return c->e[i].canon;
	}
	if (annals_extractor_lookup_person(x, name, &canon, &en, &co) != ANNALS_OK)
		canon = NULL;
	if (c && k < 8 && n < sizeof c->e[0].key) {
		memcpy(c->e[i].key, name, n + 1);
		c->e[i].canon = canon;
		c->e[i].used = 1;
	}
	return canon;
}

/* Names written in a form only the extractor knows (普丁 for 普京): try the
 * CJK substrings of two to four characters against its person lexicon. */
static void mark_transliterations(annals_extractor *x, struct name_cache *cache,
	const struct folded *f, const annals_event *ev, annals_mark *m, size_t *nm)
{
	const unsigned char *u = (const unsigned char *)f->b.ptr;
	size_t i = 0, n = f->b.len;
	while (i < n && *nm < MAX_MARKS) {
		uint32_t cp;
		int len = annals_utf8_decode(u + i, n - i, &cp), chars;
		size_t e = i;
		for (chars = 0; chars < 4 && e < n; chars++) {
			uint32_t c2;
			int l2 = annals_utf8_decode(u + e, n - e, &c2);
			const char *c;
			char tmp[20];
			size_t a, k;
			int overlap = 0;
			if (!annals_is_cjk(c2))
				break;
			e += (size_t)l2;
			if (chars < 1 || e - i >= sizeof tmp)
				continue;
			memcpy(tmp, u + i, e - i);
			tmp[e - i] = '\0';
			if (!(c = lookup_cached(x, cache, tmp)))
				continue;
			for (a = 0; a < ev->nactors; a++)
				if (ev->actors[a].name && !strcmp(ev->actors[a].name, c))
					break;
			if (a == ev->nactors)
				continue;
			for (k = 0; k < *nm; k++)
				if (i < m[k].end && e > m[k].start)
					overlap = 1;
			if (!overlap) {
				m[*nm].start = i;
				m[*nm].end = e;
				m[*nm].field = "actor";
				(*nm)++;
			}
		}
		i += (size_t)len;
	}
}

static int cmp_mark(const void *a, const void *b)
{
	const annals_mark *x = a, *y = b;
	return x->start < y->start ? -1 : x->start > y->start;
}

/* Mark the actors and places of ev in one evidence sentence. */
static annals_status mark_sentence(annals_store *s, struct name_cache *cache,
	const annals_event *ev, const char *text, struct annals_arena *a, const annals_mark **out,
	size_t *nout)
{
	struct folded f;
	annals_mark m[MAX_MARKS], *res;
	size_t nm = 0, i;
	annals_status st;
	*out = NULL;
	*nout = 0;
	st = fold_mapped(text, strlen(text), &f);
	if (st || !f.b.ptr)
		goto out;
	for (i = 0; i < ev->nactors; i++) {
		const annals_actor *ac = &ev->actors[i];
		mark_all(&f, ac->name, "actor", 0, m, &nm);
		mark_all(&f, ac->name_en, "actor", 1, m, &nm);
		if (ac->name_en) {
			/* surnames and given names alone: "Putin", "Xi" */
			const char *w = ac->name_en;
			while (*w) {
				const char *sp = strchr(w, ' ');
				size_t wl = sp ? (size_t)(sp - w) : strlen(w);
				char word[64];
				if (wl >= 2 && wl < sizeof word) {
					memcpy(word, w, wl);
					word[wl] = '\0';
					mark_all(&f, word, "actor", 1, m, &nm);
				}
				w += wl;
				while (*w == ' ')
					w++;
			}
		}
	}
	if (s->x)
		mark_transliterations(s->x, cache, &f, ev, m, &nm);
	mark_all(&f, ev->place.venue, "place", 0, m, &nm);
	mark_all(&f, ev->place.venue_en, "place", 1, m, &nm);
	mark_all(&f, ev->place.city, "place", 0, m, &nm);
	mark_all(&f, ev->place.city_en, "place", 1, m, &nm);
	if (!nm)
		goto out;
	qsort(m, nm, sizeof m[0], cmp_mark);
	res = annals_arena_alloc(a, nm * sizeof *res);
	if (!res) {
		st = ANNALS_E_NOMEM;
		goto out;
	}
	for (i = 0; i < nm; i++) {
		res[i].start = f.map[m[i].start];
		res[i].end = f.map[m[i].end];
		res[i].field = m[i].field;
	}
	*out = res;
	*nout = nm;
out:
	folded_free(&f);
	return st;
}

struct marker {
	annals_store *s;
	annals_stored_event_fn fn;
	void *ctx;
	annals_status st;
};

static int mark_event(void *ctx, const annals_stored_event *e)
{
	struct marker *mk = ctx;
	struct annals_arena a;
	annals_stored_event copy = *e;
	annals_stored_evidence *ev = NULL;
	struct name_cache *cache = NULL;
	size_t i;
	int rc;
	memset(&a, 0, sizeof a);
	if (e->nevidence) {
		ev = annals_arena_alloc(&a, e->nevidence * sizeof *ev);
		cache = calloc(1, sizeof *cache); /* without one, only slower */
		if (!ev) {
			free(cache);
			mk->st = ANNALS_E_NOMEM;
			return 1;
		}
		for (i = 0; i < e->nevidence; i++) {
			size_t k;
			ev[i] = e->evidence[i];
			if (!ev[i].text || mk->st)
				continue;
			/* a sentence many reprints share is marked once */
			for (k = i; k-- > 0 && i - k <= 64;)
				if (ev[k].text && !strcmp(ev[k].text, ev[i].text))
					break;
			if (k < i && i - k <= 64 && ev[k].text && !strcmp(ev[k].text, ev[i].text)) {
				ev[i].marks = ev[k].marks;
				ev[i].nmarks = ev[k].nmarks;
				continue;
			}
			mk->st = mark_sentence(mk->s, cache, &e->ev, ev[i].text, &a, &ev[i].marks,
				&ev[i].nmarks);
		}
		copy.evidence = ev;
	}
	free(cache);
	rc = mk->st ? 1 : mk->fn(mk->ctx, &copy);
	annals_arena_free(&a);
	return rc;
}

/* Fill a backend query: names resolved, so that any script finds the person. */
static annals_status resolve_query(annals_store *s, const annals_event_query *q,
	struct store_query *sq, annals_buf *names)
{
	size_t off[4];
	int i;
	annals_status st = ANNALS_OK;
	memset(sq, 0, sizeof *sq);
	if (!q)
		return ANNALS_OK;
	sq->type = q->type;
	sq->status = q->status;
	sq->since = q->since;
	sq->until = q->until;
	sq->id = q->id;
	sq->limit = q->limit;
	sq->evidence = q->evidence;
	for (i = 0; i < 4 && !st; i++) {
		const char *in = i == 0 ? q->actor : i == 1 ? q->actor2 : i == 2 ? q->country : q->country2;
		annals_name_kind k;
		const char *c;
		off[i] = names->len;
		if (!in)
			continue;
		if (i < 2) {
			st = annals_store_resolve(s, in, &k, &c);
			if (!st && k == ANNALS_NAME_ACTOR)
				st = annals_buf_adds(names, c);
			else if (!st)
				st = annals_fold(in, strlen(in), names);
		} else {
			char iso[4];
			/* a country nobody knows matches nothing rather than everything */
			st = annals_buf_adds(names, country_code(in, iso) ? iso : "-");
		}
		if (!st)
			st = annals_buf_addc(names, '\0');
	}
	for (i = 0; i < 4 && !st; i++) {
		const char *in = i == 0 ? q->actor : i == 1 ? q->actor2 : i == 2 ? q->country : q->country2;
		if (!in)
			continue;
		if (i < 2) {
			sq->actor[i] = names->ptr + off[i];
			sq->actor_raw[i] = in;
		} else {
			sq->country[i - 2] = names->ptr + off[i];
		}
	}
	return st;
}

annals_status annals_store_events(annals_store *s, const annals_event_query *q,
	annals_stored_event_fn fn, void *ctx)
{
	struct store_query sq;
	struct marker mk;
	annals_buf names;
	annals_status st;
	if (!s || !fn)
		return ANNALS_E_USAGE;
	annals_buf_init(&names, 1 << 16);
	st = resolve_query(s, q, &sq, &names);
	if (st)
		goto out;
	if (sq.evidence) {
		mk.s = s;
		mk.fn = fn;
		mk.ctx = ctx;
		mk.st = ANNALS_OK;
		st = s->be->events(s->db, &sq, mark_event, &mk);
		if (!st)
			st = mk.st;
	} else {
		st = s->be->events(s->db, &sq, fn, ctx);
	}
out:
	annals_buf_free(&names);
	return st;
}

annals_status annals_store_search(annals_store *s, const char *query, size_t limit,
	annals_search_hit_fn fn, void *ctx)
{
	annals_buf fts;
	annals_status st;
	if (!s || !query || !fn)
		return ANNALS_E_USAGE;
	annals_buf_init(&fts, 1 << 16);
	st = annals_fts_query(query, &fts);
	if (!st && fts.len)
		st = s->be->search(s->db, fts.ptr, limit, fn, ctx);
	annals_buf_free(&fts);
	return st;
}

annals_status annals_store_reprints(annals_store *s, const char *report, annals_reprint_fn fn,
	void *ctx)
{
	if (!s || !fn)
		return ANNALS_E_USAGE;
	return s->be->reprints(s->db, report, fn, ctx);
}

annals_status annals_store_counts_get(annals_store *s, annals_store_counts *out)
{
	if (!s || !out)
		return ANNALS_E_USAGE;
	memset(out, 0, sizeof *out);
	return s->be->counts(s->db, out);
}
