/* cli.h - what the annals command's verbs share: the verb table entries, the
 * diagnostic printer and the loop over input reports. Uses only annals.h.
 * SPDX-License-Identifier: MIT */
#ifndef ANNALS_CLI_H
#define ANNALS_CLI_H
#include "annals.h"

#define EXIT_USAGE 2

struct cli_verb {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
	const char *usage; /* full help text */
};

/* Every verb: argv[0] is the verb name. Returns the process exit status. */
int cmd_read(int argc, char **argv);
int cmd_extract(int argc, char **argv);
/* The store's verbs (cmd_store.c). */
int cmd_ingest(int argc, char **argv);
int cmd_events(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_timeline(int argc, char **argv);
int cmd_search(int argc, char **argv);
int cmd_export(int argc, char **argv);

extern const struct cli_verb cli_verbs[];
extern const char *cli_prog;

/* Print usage for a verb on stderr and return EXIT_USAGE. */
int cli_usage_error(const char *verb, const char *fmt, ...);
/* Diagnostic callback printing to stderr. */
void cli_diag(void *ctx, const annals_diag *d);
/* Parse "--name=value" or "--name value"; returns 1 and sets *val when argv[*i]
 * is that option (advancing *i past a separate value), 0 otherwise, -1 when the
 * value is missing. */
int cli_opt(int argc, char **argv, int *i, const char *name, const char **val);
/* Open a reader over inputs argv[first..argc) with the given size cap. */
annals_status cli_open_reader(annals_reader **out, int argc, char **argv, int first,
	size_t max_bytes);
/* Write a buffer to stdout; returns 0 or 1 on a write error. */
int cli_flush(annals_buf *b);
/* Parse a byte size like 16M, 512k, 1048576; 0 on error. */
size_t cli_parse_size(const char *s);
#endif
