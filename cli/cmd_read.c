/* cmd_read.c - `annals read`: decode and normalise reports and show what the
 * reader and normaliser made of them (metadata and classified paragraphs).
 * SPDX-License-Identifier: MIT */
#include "cli.h"

#include <string.h>

int cmd_read(int argc, char **argv)
{
	int i, json = 0, first = 0, rc = 0;
	size_t max = 0;
	annals_reader *rd = NULL;
	annals_report *r = NULL;
	annals_buf out;
	annals_status st;
	for (i = 1; i < argc; i++) {
		const char *v;
		int k;
		if (!strcmp(argv[i], "--json")) {
			json = 1;
		} else if ((k = cli_opt(argc, argv, &i, "--max-report-bytes", &v)) != 0) {
			if (k < 0 || !(max = cli_parse_size(v)))
				return cli_usage_error("read", "--max-report-bytes needs a size");
		} else if (!strcmp(argv[i], "--")) {
			first = i + 1;
			break;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			return cli_usage_error("read", "unknown option '%s'", argv[i]);
		} else {
			first = i;
			break;
		}
	}
	if (!first || first >= argc)
		return cli_usage_error("read", "no input given");
	annals_buf_init(&out, 0);
	st = cli_open_reader(&rd, argc, argv, first, max);
	while (!st) {
		annals_doc *d = NULL;
		st = annals_reader_next(rd, &r);
		if (st || !r)
			break;
		st = annals_doc_new(&d, r);
		if (st) {
			fprintf(stderr, "annals: %s: error: %s\n", r->where, annals_status_str(st));
			rc = 1;
			st = ANNALS_OK;
		} else {
			st = json ? annals_doc_write_json(d, &out) : annals_doc_write_text(d, &out);
			if (!st && !json)
				st = annals_buf_addc(&out, '\n');
			if (!st && cli_flush(&out))
				st = ANNALS_E_IO;
		}
		annals_doc_free(d);
		annals_report_free(r);
		r = NULL;
	}
	if (st) {
		fprintf(stderr, "annals: read: %s\n", annals_status_str(st));
		rc = 1;
	}
	if (rd && annals_reader_errors(rd))
		rc = 1;
	annals_reader_free(rd);
	annals_buf_free(&out);
	return rc;
}
