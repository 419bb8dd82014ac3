/* cmd_extract.c - `annals extract`: event records for every report, as JSON
 * Lines (the contract) or as a table a person can read.
 * SPDX-License-Identifier: MIT */
#include "cli.h"

#include <string.h>

static int valid_date(const char *s)
{
	int y, m, d;
	char tail;
	return sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 && m >= 1 && m <= 12 && d >= 1 &&
		d <= 31;
}

static annals_status write_table(const annals_report *r, const annals_events *ev, annals_buf *o)
{
	size_t i, k;
	annals_status st = annals_buf_printf(o, "== %s: %zu event%s\n", r->id, annals_events_count(ev),
		annals_events_count(ev) == 1 ? "" : "s");
	for (i = 0; i < annals_events_count(ev) && !st; i++) {
		const annals_event *e = annals_events_get(ev, i);
		st = annals_buf_printf(o, "  %-10s %-10s %-9s %-10s %s%s%s%s%s\n", e->date ? e->date : "?",
			e->type, e->time_of_day ? e->time_of_day : "", e->status,
			e->place.country ? e->place.country : "", e->place.city ? " " : "",
			e->place.city ? e->place.city : "", e->place.venue ? " " : "",
			e->place.venue ? e->place.venue : "");
		for (k = 0; k < e->nactors && !st; k++)
			st = annals_buf_printf(o, "      %s %s%s%s (%s)%s%s\n", k ? "&" : " ",
				e->actors[k].title ? e->actors[k].title : "", e->actors[k].title ? " " : "",
				e->actors[k].name, e->actors[k].country ? e->actors[k].country : "?",
				e->actors[k].role ? " " : "", e->actors[k].role ? e->actors[k].role : "");
		for (k = 0; k < e->ndocuments && !st; k++)
			st = annals_buf_printf(o, "      signed: 《%s》 (%s)\n", e->documents[k].title,
				e->documents[k].kind);
		if (!st && e->exchanged)
			st = annals_buf_printf(o, "      exchanged: %s%d documents\n",
				!strcmp(e->exchanged->approx, "more_than") ? "more than " : "",
				e->exchanged->count);
	}
	return st;
}

int cmd_extract(int argc, char **argv)
{
	int i, first = 0, rc = 0, table = 0;
	size_t max = 0;
	const char *published = NULL;
	annals_reader *rd = NULL;
	annals_extractor *x = NULL;
	annals_report *r = NULL;
	annals_buf out;
	annals_status st;
	annals_extract_opts eo;
	for (i = 1; i < argc; i++) {
		const char *v;
		int k;
		if ((k = cli_opt(argc, argv, &i, "--format", &v)) != 0) {
			if (k < 0 || (strcmp(v, "jsonl") && strcmp(v, "table")))
				return cli_usage_error("extract", "--format is jsonl or table");
			table = !strcmp(v, "table");
		} else if ((k = cli_opt(argc, argv, &i, "--published", &v)) != 0) {
			if (k < 0 || !valid_date(v))
				return cli_usage_error("extract", "--published needs a date YYYY-MM-DD");
			published = v;
		} else if ((k = cli_opt(argc, argv, &i, "--max-report-bytes", &v)) != 0) {
			if (k < 0 || !(max = cli_parse_size(v)))
				return cli_usage_error("extract", "--max-report-bytes needs a size");
		} else if (!strcmp(argv[i], "--")) {
			first = i + 1;
			break;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			return cli_usage_error("extract", "unknown option '%s'", argv[i]);
		} else {
			first = i;
			break;
		}
	}
	if (!first || first >= argc)
		return cli_usage_error("extract", "no input given");
	memset(&eo, 0, sizeof eo);
	eo.published = published;
	annals_buf_init(&out, 0);
	st = annals_extractor_new(&x);
	if (!st)
		st = cli_open_reader(&rd, argc, argv, first, max);
	while (!st) {
		annals_doc *d = NULL;
		annals_events *ev = NULL;
		st = annals_reader_next(rd, &r);
		if (st || !r)
			break;
		st = annals_doc_new(&d, r);
		if (!st)
			st = annals_extract(x, d, &eo, &ev);
		if (st) {
			fprintf(stderr, "annals: %s: error: %s\n", r->where, annals_status_str(st));
			rc = 1;
			st = ANNALS_OK;
		} else if (table) {
			st = write_table(r, ev, &out);
		} else {
			size_t k;
			for (k = 0; k < annals_events_count(ev) && !st; k++)
				st = annals_event_write_json(annals_events_get(ev, k), &out);
		}
		if (!st && cli_flush(&out))
			st = ANNALS_E_IO;
		annals_events_free(ev);
		annals_doc_free(d);
		annals_report_free(r);
		r = NULL;
	}
	if (st) {
		fprintf(stderr, "annals: extract: %s\n", annals_status_str(st));
		rc = 1;
	}
	if (rd && annals_reader_errors(rd))
		rc = 1;
	annals_reader_free(rd);
	annals_extractor_free(x);
	annals_buf_free(&out);
	return rc;
}
