/* cmd_store.c - the store's verbs: `annals ingest` fills a database with reports
 * and their events; `events`, `show`, `timeline`, `search` and `export` read it
 * back as a table, JSON Lines or CSV. The work is in the library (annals_store_*);
 * this file parses options and lays out tables. docs/store.md.
 * SPDX-License-Identifier: MIT */
#include "cli.h"

#include <ftw.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { FMT_TABLE, FMT_JSONL, FMT_CSV };

#define DEFAULT_DB "annals.db"

/* Options every store verb takes: --db and --format. 1 when argv[*i] was one,
 * 0 when not, EXIT_USAGE (after the message) when it was bad. */
static int common_opt(const char *verb, int argc, char **argv, int *i, const char **db,
	int *format)
{
	const char *v;
	int k;
	if ((k = cli_opt(argc, argv, i, "--db", &v)) != 0) {
		if (k < 0 || !*v)
			return -cli_usage_error(verb, "--db needs a file name");
		*db = v;
		return 1;
	}
	if ((k = cli_opt(argc, argv, i, "--format", &v)) != 0) {
		if (k < 0)
			return -cli_usage_error(verb, "--format needs table, jsonl or csv");
		if (!strcmp(v, "table"))
			*format = FMT_TABLE;
		else if (!strcmp(v, "jsonl"))
			*format = FMT_JSONL;
		else if (!strcmp(v, "csv"))
			*format = FMT_CSV;
		else
			return -cli_usage_error(verb, "--format is table, jsonl or csv");
		return 1;
	}
	return 0;
}

static int default_format(int format)
{
	return format >= 0 ? format : isatty(STDOUT_FILENO) ? FMT_TABLE : FMT_JSONL;
}

/* Open an existing database for reading; with an extractor when x is given,
 * for names in any form (building one takes a few hundred ms). */
static int open_store(const char *verb, const char *db, annals_store **s, annals_extractor **x)
{
	annals_status st;
	if (access(db, F_OK) != 0) {
		fprintf(stderr, "annals: %s: no database at %s (fill one with annals ingest)\n", verb,
			db);
		return 1;
	}
	st = annals_store_open(s, db);
	if (st) {
		fprintf(stderr, "annals: %s: %s: %s: %s\n", verb, db, annals_status_str(st),
			annals_store_errmsg(NULL));
		return 1;
	}
	if (!x)
		return 0;
	st = annals_extractor_new(x);
	if (st) {
		fprintf(stderr, "annals: %s: %s\n", verb, annals_status_str(st));
		annals_store_close(*s);
		*s = NULL;
		return 1;
	}
	annals_store_set_extractor(*s, *x);
	return 0;
}

static int fail(const char *verb, annals_store *s, annals_status st)
{
	const char *m = annals_store_errmsg(s);
	fprintf(stderr, "annals: %s: %s%s%s\n", verb, annals_status_str(st), *m ? ": " : "", m);
	return 1;
}

/* ---- ingest ------------------------------------------------------------------------ */

static unsigned long long walk_total;

static int walk_add(const char *path, const struct stat *sb, int type, struct FTW *f)
{
	size_t n = strlen(path);
	if (type == FTW_F && ((n > 4 && !strcmp(path + n - 4, ".txt")) ||
		(n > 6 && !strcmp(path + n - 6, ".jsonl"))))
		walk_total += (unsigned long long)sb->st_size;
	return 0;
}

/* Bytes of input when every input is a file or directory; 0 when unknown. */
static unsigned long long input_size(int argc, char **argv, int first)
{
	int i;
	walk_total = 0;
	for (i = first; i < argc; i++) {
		struct stat sb;
		if (!strcmp(argv[i], "-") || stat(argv[i], &sb) != 0)
			return 0;
		if (S_ISDIR(sb.st_mode)) {
			if (nftw(argv[i], walk_add, 16, FTW_PHYS) != 0)
				return 0;
		} else if (S_ISREG(sb.st_mode)) {
			walk_total += (unsigned long long)sb.st_size;
		} else {
			return 0;
		}
	}
	return walk_total;
}

struct progress {
	double last;
	int shown;
};

static void show_progress(void *ctx, const annals_ingest_stats *st)
{
	struct progress *p = ctx;
	double rate, mbs;
	if (st->seconds - p->last < 0.25 && st->seconds > 0.0)
		return;
	p->last = st->seconds;
	p->shown = 1;
	rate = st->seconds > 0 ? st->reports / st->seconds : 0;
	mbs = st->seconds > 0 ? st->bytes / st->seconds / 1e6 : 0;
	fprintf(stderr, "\r\033[K%zu reports, %.0f reports/s, %.1f MB/s", st->reports, rate, mbs);
	if (st->total_bytes && st->bytes && st->bytes < st->total_bytes && mbs > 0) {
		double left = (st->total_bytes - st->bytes) / 1e6 / mbs;
		fprintf(stderr, ", ETA %d:%02d", (int)left / 60, (int)left % 60);
	}
	fflush(stderr);
}

int cmd_ingest(int argc, char **argv)
{
	const char *db = DEFAULT_DB, *published = NULL, *v;
	int i, k, first = 0, rc = 0, format = -1;
	size_t max = 0;
	annals_ingest_opts o;
	annals_ingest_stats stats;
	struct progress pr = {0.0, 0};
	annals_reader *rd = NULL;
	annals_store *s = NULL;
	annals_status st;
	memset(&o, 0, sizeof o);
	for (i = 1; i < argc; i++) {
		if ((k = common_opt("ingest", argc, argv, &i, &db, &format)) != 0) {
			if (k < 0)
				return -k;
		} else if ((k = cli_opt(argc, argv, &i, "--published", &v)) != 0) {
			int y, m, d;
			char tail;
			if (k < 0 || sscanf(v, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
				return cli_usage_error("ingest", "--published needs a date YYYY-MM-DD");
			published = v;
		} else if ((k = cli_opt(argc, argv, &i, "--batch", &v)) != 0) {
			if (k < 0 || (o.batch = (size_t)atol(v)) < 1)
				return cli_usage_error("ingest", "--batch needs a number of reports");
		} else if ((k = cli_opt(argc, argv, &i, "--threads", &v)) != 0) {
			if (k < 0 || (o.threads = atoi(v)) < 1)
				return cli_usage_error("ingest", "--threads needs a number");
		} else if ((k = cli_opt(argc, argv, &i, "--max-report-bytes", &v)) != 0) {
			if (k < 0 || !(max = cli_parse_size(v)))
				return cli_usage_error("ingest", "--max-report-bytes needs a size");
		} else if (!strcmp(argv[i], "--")) {
			first = i + 1;
			break;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			return cli_usage_error("ingest", "unknown option '%s'", argv[i]);
		} else {
			first = i;
			break;
		}
	}
	if (!first || first >= argc)
		return cli_usage_error("ingest", "no input given");
	o.published = published;
	o.diag = cli_diag;
	if (isatty(STDERR_FILENO)) {
		o.total_bytes = input_size(argc, argv, first);
		o.progress = show_progress;
		o.progress_ctx = &pr;
	}
	st = annals_store_open(&s, db);
	if (st) {
		fprintf(stderr, "annals: ingest: %s: %s: %s\n", db, annals_status_str(st),
			annals_store_errmsg(NULL));
		return 1;
	}
	st = cli_open_reader(&rd, argc, argv, first, max);
	if (!st)
		st = annals_store_ingest_reader(s, rd, &o, &stats);
	else
		memset(&stats, 0, sizeof stats);
	if (pr.shown)
		fprintf(stderr, "\r\033[K");
	if (st)
		rc = fail("ingest", s, st);
	fprintf(stderr, "ingested %zu reports (%zu new, %zu changed, %zu unchanged), %zu records, "
		"%zu events", stats.reports, stats.new_reports, stats.changed, stats.unchanged,
		stats.records, stats.new_events);
	if (stats.failed)
		fprintf(stderr, ", %zu failed", stats.failed);
	fputc('\n', stderr);
	if (stats.failed || (rd && annals_reader_errors(rd)))
		rc = 1;
	annals_reader_free(rd);
	annals_store_close(s);
	return rc;
}

/* ---- tables ------------------------------------------------------------------------ */

/* Columns a UTF-8 string takes on a terminal: East Asian wide characters two. */
static size_t cols(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t w = 0;
	while (s && *u) {
		unsigned cp = *u;
		int n = cp < 0x80 ? 1 : cp < 0xE0 ? 2 : cp < 0xF0 ? 3 : 4, k;
		if (n > 1) {
			cp &= 0x3F >> (n - 1);
			for (k = 1; k < n && u[k]; k++)
				cp = (cp << 6) | (u[k] & 0x3F);
			n = k;
		}
		w += (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
			(cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
			(cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
			(cp >= 0xFFE0 && cp <= 0xFFE6) || cp >= 0x20000 ? 2 : 1;
		u += n;
	}
	return w;
}

static annals_status pad(annals_buf *o, const char *s, size_t width)
{
	size_t w = cols(s);
	annals_status st = annals_buf_adds(o, s ? s : "");
	while (!st && w++ < width)
		st = annals_buf_addc(o, ' ');
	return st;
}

static annals_status place_str(annals_buf *t, const annals_event *e)
{
	annals_status st = ANNALS_OK;
	annals_buf_reset(t);
	if (e->place.country)
		st = annals_buf_adds(t, e->place.country);
	if (!st && e->place.city)
		st = annals_buf_printf(t, "%s%s", t->len ? " " : "", e->place.city);
	if (!st && e->place.venue)
		st = annals_buf_printf(t, "%s%s", t->len ? " " : "", e->place.venue);
	if (!st && !t->len)
		st = annals_buf_adds(t, "-");
	return st;
}

static annals_status actors_str(annals_buf *t, const annals_event *e, int titles)
{
	annals_status st = ANNALS_OK;
	size_t i;
	annals_buf_reset(t);
	for (i = 0; i < e->nactors && !st; i++) {
		const annals_actor *a = &e->actors[i];
		st = annals_buf_printf(t, "%s%s%s%s (%s%s%s)", i ? " & " : "",
			titles && a->title ? a->title : "", titles && a->title ? " " : "", a->name,
			a->country ? a->country : "?", titles && a->role ? ", " : "",
			titles && a->role ? a->role : "");
	}
	if (!st && !t->len)
		st = annals_buf_adds(t, "-");
	return st;
}

struct out {
	int format;
	annals_buf o, t;
	size_t n;
	int header;
	int io_error;
};

static int event_row(void *ctx, const annals_stored_event *se)
{
	struct out *w = ctx;
	const annals_event *e = &se->ev;
	annals_status st = ANNALS_OK;
	char id[24], n[24];
	w->n++;
	if (w->format == FMT_JSONL) {
		st = annals_stored_event_write_json(se, &w->o);
	} else if (w->format == FMT_CSV) {
		if (!w->header++)
			st = annals_stored_event_csv_header(&w->o);
		if (!st)
			st = annals_stored_event_write_csv(se, &w->o);
	} else {
		if (!w->header++)
			st = annals_buf_printf(&w->o, "%6s  %-10s  %-10s  %-9s  %-22s  %-36s  %s\n", "ID",
				"DATE", "TYPE", "TIME", "PLACE", "ACTORS", "REPORTS");
		snprintf(id, sizeof id, "%lld", se->id);
		snprintf(n, sizeof n, "%zu", se->nreports);
		if (!st) st = annals_buf_printf(&w->o, "%6s  ", id);
		if (!st) st = pad(&w->o, e->date ? e->date : "?", 10);
		if (!st) st = annals_buf_adds(&w->o, "  ");
		if (!st) st = pad(&w->o, e->type, 10);
		if (!st) st = annals_buf_adds(&w->o, "  ");
		if (!st) st = pad(&w->o, e->time_of_day ? e->time_of_day : "", 9);
		if (!st) st = annals_buf_adds(&w->o, "  ");
		if (!st) st = place_str(&w->t, e);
		if (!st) st = pad(&w->o, w->t.ptr, 22);
		if (!st) st = annals_buf_adds(&w->o, "  ");
		if (!st) st = actors_str(&w->t, e, 0);
		if (!st) st = pad(&w->o, w->t.ptr, 36);
		if (!st) st = annals_buf_printf(&w->o, "  %s%s%s\n", n,
			strcmp(e->status ? e->status : "", "reported") ? " " : "",
			strcmp(e->status ? e->status : "", "reported") ? e->status : "");
	}
	if (st || cli_flush(&w->o)) {
		w->io_error = 1;
		return 1;
	}
	return 0;
}

/* Options shared by events and timeline, into q; 1 if argv[*i] was one. */
static int filter_opt(const char *verb, int argc, char **argv, int *i, annals_event_query *q)
{
	static const char *const names[] = {"--actor", "--with", "--country", "--type", "--status",
		"--since", "--until", "--limit"};
	const char *v;
	int k, n;
	for (n = 0; n < 8; n++) {
		if ((k = cli_opt(argc, argv, i, names[n], &v)) == 0)
			continue;
		if (k < 0)
			return -cli_usage_error(verb, "%s needs a value", names[n]);
		switch (n) {
		case 0: q->actor = v; break;
		case 1: q->actor2 = v; break;
		case 2: q->country = v; break;
		case 3: q->type = v; break;
		case 4: q->status = v; break;
		case 5: q->since = v; break;
		case 6: q->until = v; break;
		default:
			if (atol(v) < 1)
				return -cli_usage_error(verb, "--limit needs a number");
			q->limit = (size_t)atol(v);
		}
		return 1;
	}
	return 0;
}

static int run_events(const char *verb, const char *db, int format, annals_event_query *q)
{
	annals_store *s = NULL;
	annals_extractor *x = NULL;
	struct out w;
	annals_status st;
	int rc;
	/* only a person's name needs the extractor */
	if ((rc = open_store(verb, db, &s, q->actor || q->actor2 ? &x : NULL)) != 0)
		return rc;
	memset(&w, 0, sizeof w);
	w.format = default_format(format);
	annals_buf_init(&w.o, 0);
	annals_buf_init(&w.t, 1 << 20);
	st = annals_store_events(s, q, event_row, &w);
	if (st)
		rc = fail(verb, s, st);
	else if (w.io_error)
		rc = 1;
	annals_buf_free(&w.o);
	annals_buf_free(&w.t);
	annals_store_close(s);
	annals_extractor_free(x);
	return rc;
}

int cmd_events(int argc, char **argv)
{
	const char *db = DEFAULT_DB;
	int i, k, format = -1;
	annals_event_query q;
	memset(&q, 0, sizeof q);
	for (i = 1; i < argc; i++) {
		if ((k = common_opt("events", argc, argv, &i, &db, &format)) != 0 ||
			(k = filter_opt("events", argc, argv, &i, &q)) != 0) {
			if (k < 0)
				return -k;
		} else {
			return cli_usage_error("events", "unknown argument '%s'", argv[i]);
		}
	}
	return run_events("events", db, format, &q);
}

int cmd_timeline(int argc, char **argv)
{
	const char *db = DEFAULT_DB, *who[2] = {NULL, NULL};
	int i, k, n = 0, format = -1, rc;
	annals_event_query q;
	annals_store *s = NULL;
	annals_extractor *x = NULL;
	memset(&q, 0, sizeof q);
	for (i = 1; i < argc; i++) {
		if ((k = common_opt("timeline", argc, argv, &i, &db, &format)) != 0 ||
			(k = filter_opt("timeline", argc, argv, &i, &q)) != 0) {
			if (k < 0)
				return -k;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			return cli_usage_error("timeline", "unknown option '%s'", argv[i]);
		} else if (n < 2) {
			who[n++] = argv[i];
		} else {
			return cli_usage_error("timeline", "one or two names, not more");
		}
	}
	if (!n)
		return cli_usage_error("timeline", "whose timeline? give an actor or a country");
	/* an actor or a country: the store knows which */
	if ((rc = open_store("timeline", db, &s, &x)) != 0)
		return rc;
	for (i = 0; i < n; i++) {
		annals_name_kind kind;
		const char *c;
		annals_status st = annals_store_resolve(s, who[i], &kind, &c);
		if (st) {
			rc = fail("timeline", s, st);
			break;
		}
		if (kind == ANNALS_NAME_UNKNOWN) {
			fprintf(stderr, "annals: timeline: no actor or country called '%s'\n", who[i]);
			rc = 1;
			break;
		}
		if (kind == ANNALS_NAME_COUNTRY) {
			if (q.country) q.country2 = who[i]; else q.country = who[i];
		} else {
			if (q.actor) q.actor2 = who[i]; else q.actor = who[i];
		}
	}
	annals_store_close(s);
	annals_extractor_free(x);
	return rc ? rc : run_events("timeline", db, format, &q);
}

int cmd_export(int argc, char **argv)
{
	const char *db = DEFAULT_DB;
	int i, k, format = -1;
	annals_event_query q;
	memset(&q, 0, sizeof q);
	for (i = 1; i < argc; i++) {
		if ((k = common_opt("export", argc, argv, &i, &db, &format)) != 0) {
			if (k < 0)
				return -k;
		} else {
			return cli_usage_error("export", "unknown argument '%s'", argv[i]);
		}
	}
	return run_events("export", db, format, &q);
}

/* ---- show ---------------------------------------------------------------------------- */

struct show {
	int format, tty;
	annals_buf o, t;
	int found, io_error;
};

/* Text of t[from, to) on one line: a line break between two CJK characters
 * (print layout) goes away, any other run of whitespace becomes one space. */
static annals_status add_flat(annals_buf *o, const char *t, size_t from, size_t to)
{
	annals_status st = ANNALS_OK;
	size_t i = from;
	while (i < to && !st) {
		if (t[i] == '\n' || t[i] == '\r' || t[i] == '\t' || t[i] == ' ') {
			size_t e = i;
			int before, after, nl = 0;
			while (e < to && (t[e] == '\n' || t[e] == '\r' || t[e] == '\t' || t[e] == ' '))
				nl |= t[e++] == '\n';
			before = i > 0 && (unsigned char)t[i - 1] >= 0x80;
			after = t[e] && (unsigned char)t[e] >= 0x80;
			if (!(nl && before && after) && i > 0 && t[e])
				st = annals_buf_addc(o, ' ');
			i = e;
			continue;
		}
		st = annals_buf_addc(o, t[i++]);
	}
	return st;
}

static annals_status marked(annals_buf *o, const annals_stored_evidence *ev, int tty)
{
	annals_status st = ANNALS_OK;
	size_t i, at = 0, n = strlen(ev->text);
	for (i = 0; i < ev->nmarks && !st; i++) {
		const annals_mark *m = &ev->marks[i];
		if (m->start < at || m->end > n || m->start >= m->end)
			continue;
		st = add_flat(o, ev->text, at, m->start);
		if (!st) st = annals_buf_adds(o, tty ? "\033[1m" : "[");
		if (!st) st = add_flat(o, ev->text, m->start, m->end);
		if (!st) st = annals_buf_adds(o, tty ? "\033[0m" : "]");
		at = m->end;
	}
	if (!st)
		st = add_flat(o, ev->text, at, n);
	return st;
}

static annals_status show_table(struct show *w, const annals_stored_event *se)
{
	const annals_event *e = &se->ev;
	annals_buf *o = &w->o;
	annals_status st;
	size_t i, k;
	int known;
	double g = annals_goldstein(e->cameo, &known);
	st = place_str(&w->t, e);
	if (!st) st = annals_buf_printf(o, "event %lld: %s, %s%s%s, %s", se->id, e->type,
		e->date ? e->date : "date unknown", e->time_of_day ? " " : "",
		e->time_of_day ? e->time_of_day : "", w->t.ptr);
	if (!st && (e->place.venue_en || e->place.city_en))
		st = annals_buf_printf(o, " (%s%s%s)", e->place.city_en ? e->place.city_en : "",
			e->place.city_en && e->place.venue_en ? ", " : "",
			e->place.venue_en ? e->place.venue_en : "");
	if (!st) st = annals_buf_printf(o, "\n  status %s, CAMEO %s", e->status, e->cameo ? e->cameo : "-");
	if (!st && known) st = annals_buf_printf(o, " (Goldstein %.1f)", g);
	if (!st) st = annals_buf_printf(o, ", %zu report%s\n", se->nreports, se->nreports == 1 ? "" : "s");
	if (!st) st = actors_str(&w->t, e, 1);
	if (!st) st = annals_buf_printf(o, "  actors:    %s\n", w->t.ptr);
	for (i = 0; i < e->nattendees && !st; i++)
		st = annals_buf_printf(o, "%s%s (%s)%s", i ? ", " : "  attendees: ", e->attendees[i].name,
			e->attendees[i].country ? e->attendees[i].country : "?",
			i + 1 == e->nattendees ? "\n" : "");
	for (i = 0; i < e->ndocuments && !st; i++)
		st = annals_buf_printf(o, "  %s 《%s》 (%s)\n", i ? "          " : "documents:",
			e->documents[i].title, e->documents[i].kind ? e->documents[i].kind : "?");
	if (!st && e->exchanged)
		st = annals_buf_printf(o, "  exchanged: %s%d documents\n",
			e->exchanged->approx && !strcmp(e->exchanged->approx, "more_than") ? "more than " :
			e->exchanged->approx && !strcmp(e->exchanged->approx, "about") ? "about " : "",
			e->exchanged->count);
	for (i = 0; i < se->ndisagreements && !st; i++) {
		const annals_disagreement *d = &se->disagreements[i];
		st = annals_buf_printf(o, "%s    %s:", i ? "" : "  sources disagree:\n", d->field);
		for (k = 0; k < d->nvalues && !st; k++) {
			size_t r;
			st = annals_buf_printf(o, "%s %s (", k ? ";" : "", d->values[k].value);
			for (r = 0; r < d->values[k].nreports && !st; r++)
				st = annals_buf_printf(o, "%s%s", r ? ", " : "", d->values[k].reports[r]);
			if (!st) st = annals_buf_addc(o, ')');
		}
		if (!st) st = annals_buf_addc(o, '\n');
	}
	if (!st) st = annals_buf_adds(o, "sources:\n");
	for (i = 0; i < se->nsources && !st; i++) {
		const annals_stored_source *s = &se->sources[i];
		st = annals_buf_printf(o, "  %s  %s%s%s  [%s %s%s%s]\n", s->report,
			s->outlet ? s->outlet : "-", s->url ? "  " : "", s->url ? s->url : "",
			s->type ? s->type : "?", s->date ? s->date : "date?", s->time_of_day ? " " : "",
			s->time_of_day ? s->time_of_day : "");
	}
	if (!st) st = annals_buf_adds(o, "evidence:\n");
	for (i = 0; i < se->nevidence && !st; i++) {
		st = annals_buf_printf(o, "  %s @%zu: ", se->evidence[i].report, se->evidence[i].start);
		if (!st) st = marked(o, &se->evidence[i], w->tty);
		if (!st) st = annals_buf_addc(o, '\n');
	}
	return st;
}

static int show_one(void *ctx, const annals_stored_event *se)
{
	struct show *w = ctx;
	annals_status st;
	w->found = 1;
	if (w->format == FMT_JSONL)
		st = annals_stored_event_write_json(se, &w->o);
	else if (w->format == FMT_CSV) {
		st = annals_stored_event_csv_header(&w->o);
		if (!st)
			st = annals_stored_event_write_csv(se, &w->o);
	} else
		st = show_table(w, se);
	if (st || cli_flush(&w->o))
		w->io_error = 1;
	return 1;
}

int cmd_show(int argc, char **argv)
{
	const char *db = DEFAULT_DB;
	int i, k, format = -1, rc;
	char *end;
	long long id = 0;
	annals_event_query q;
	annals_store *s = NULL;
	annals_extractor *x = NULL;
	struct show w;
	annals_status st;
	for (i = 1; i < argc; i++) {
		if ((k = common_opt("show", argc, argv, &i, &db, &format)) != 0) {
			if (k < 0)
				return -k;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			return cli_usage_error("show", "unknown option '%s'", argv[i]);
		} else if (id) {
			return cli_usage_error("show", "one event id");
		} else {
			id = strtoll(argv[i], &end, 10);
			if (*end || id < 1)
				return cli_usage_error("show", "'%s' is not an event id", argv[i]);
		}
	}
	if (!id)
		return cli_usage_error("show", "which event? give its id");
	if ((rc = open_store("show", db, &s, &x)) != 0)
		return rc;
	memset(&q, 0, sizeof q);
	q.id = id;
	q.evidence = 1;
	memset(&w, 0, sizeof w);
	w.format = default_format(format);
	w.tty = isatty(STDOUT_FILENO) && getenv("NO_COLOR") == NULL;
	annals_buf_init(&w.o, 0);
	annals_buf_init(&w.t, 1 << 20);
	st = annals_store_events(s, &q, show_one, &w);
	if (st == ANNALS_E_NOT_FOUND) {
		fprintf(stderr, "annals: show: no event %lld\n", id);
		rc = 1;
	} else if (st) {
		rc = fail("show", s, st);
	} else if (w.io_error) {
		rc = 1;
	}
	annals_buf_free(&w.o);
	annals_buf_free(&w.t);
	annals_store_close(s);
	annals_extractor_free(x);
	return rc;
}

/* ---- search ---------------------------------------------------------------------------- */

static int hit_row(void *ctx, const annals_search_hit *h)
{
	struct out *w = ctx;
	annals_status st = ANNALS_OK;
	w->n++;
	if (w->format == FMT_JSONL) {
		st = annals_search_hit_write_json(h, &w->o);
	} else if (w->format == FMT_CSV) {
		if (!w->header++)
			st = annals_buf_adds(&w->o, "report,published,outlet,url,title,snippet\r\n");
		if (!st)
			st = annals_search_hit_write_csv(h, &w->o);
	} else {
		st = annals_buf_printf(&w->o, "%s  %s  %s\n    %s\n", h->report,
			h->outlet ? h->outlet : "-", h->title ? h->title : "", h->snippet);
	}
	if (st || cli_flush(&w->o)) {
		w->io_error = 1;
		return 1;
	}
	return 0;
}

int cmd_search(int argc, char **argv)
{
	const char *db = DEFAULT_DB, *v;
	int i, k, format = -1, rc;
	size_t limit = 20;
	annals_buf query;
	annals_store *s = NULL;
	struct out w;
	annals_status st = ANNALS_OK;
	annals_buf_init(&query, 1 << 16);
	for (i = 1; i < argc && !st; i++) {
		if ((k = common_opt("search", argc, argv, &i, &db, &format)) != 0) {
			if (k < 0) {
				annals_buf_free(&query);
				return -k;
			}
		} else if ((k = cli_opt(argc, argv, &i, "--limit", &v)) != 0) {
			if (k < 0 || (atol(v) < 0)) {
				annals_buf_free(&query);
				return cli_usage_error("search", "--limit needs a number (0: all)");
			}
			limit = (size_t)atol(v);
		} else if (argv[i][0] == '-' && argv[i][1] && strcmp(argv[i], "--")) {
			annals_buf_free(&query);
			return cli_usage_error("search", "unknown option '%s'", argv[i]);
		} else if (strcmp(argv[i], "--") || query.len) {
			if (query.len)
				st = annals_buf_addc(&query, ' ');
			if (!st)
				st = annals_buf_adds(&query, argv[i]);
		}
	}
	if (st || !query.len) {
		annals_buf_free(&query);
		return cli_usage_error("search", "search for what? give words");
	}
	if ((rc = open_store("search", db, &s, NULL)) != 0) {
		annals_buf_free(&query);
		return rc;
	}
	memset(&w, 0, sizeof w);
	w.format = default_format(format);
	annals_buf_init(&w.o, 0);
	st = annals_store_search(s, query.ptr, limit, hit_row, &w);
	if (st)
		rc = fail("search", s, st);
	else if (w.io_error)
		rc = 1;
	annals_buf_free(&w.o);
	annals_buf_free(&query);
	annals_store_close(s);
	return rc;
}
