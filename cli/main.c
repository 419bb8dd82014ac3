/* main.c - the annals command: dispatches `annals VERB ...` to the verbs in
 * cli/cmd_*.c, and prints help and version. A client of annals.h only.
 * SPDX-License-Identifier: MIT */
#include "cli.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

const char *cli_prog = "annals";

const struct cli_verb cli_verbs[] = {
	{"read", cmd_read, "read reports and print their metadata and classified paragraphs",
		"usage: annals read [--json] [--max-report-bytes N] INPUT...\n"
		"\n"
		"Reads reports (.txt files, .jsonl files, directories, or - for JSON Lines on\n"
		"stdin), decodes them (UTF-8, GB18030, Big5, UTF-16) and normalises them.\n"
		"Prints per report the title, dateline (agency, place, date), reporters,\n"
		"outlet, publication date found in the page, and every paragraph with its\n"
		"class (title, lead, body, caption, chrome) and script. --json prints one\n"
		"JSON object a report with the folded text and original code point offsets.\n"},
	{"extract", cmd_extract, "extract encounter event records from reports",
		"usage: annals extract [--format jsonl|table] [--published YYYY-MM-DD]\n"
		"                      [--max-report-bytes N] INPUT...\n"
		"\n"
		"Prints the diplomatic encounters (talks, meetings, phone and video calls)\n"
		"each report tells, one record per encounter per report, as JSON Lines\n"
		"(the contract in spec/event-record.md) or as a readable table.\n"
		"--published gives the publication date for reports that carry none.\n"},
	{NULL, NULL, NULL, NULL}};

static void print_help(FILE *fp)
{
	const struct cli_verb *v;
	fprintf(fp, "annals %s - a record of diplomatic encounters from news reports\n\n"
		"usage: annals VERB [OPTIONS] INPUT...\n\nverbs:\n", ANNALS_VERSION);
	for (v = cli_verbs; v->name; v++)
		fprintf(fp, "  %-10s %s\n", v->name, v->summary);
	fprintf(fp, "  %-10s %s\n", "help", "help VERB prints a verb's options");
	fprintf(fp, "\nExit status: 0 ok, 1 some report had errors, 2 usage error.\n");
}

static const struct cli_verb *find_verb(const char *name)
{
	const struct cli_verb *v;
	for (v = cli_verbs; v->name; v++)
		if (strcmp(v->name, name) == 0)
			return v;
	return NULL;
}

int cli_usage_error(const char *verb, const char *fmt, ...)
{
	va_list ap;
	const struct cli_verb *v = verb ? find_verb(verb) : NULL;
	fprintf(stderr, "%s: ", cli_prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (v)
		fputs(v->usage, stderr);
	else
		fprintf(stderr, "Try 'annals --help'.\n");
	return EXIT_USAGE;
}

int main(int argc, char **argv)
{
	const struct cli_verb *v;
	if (argc < 2) {
		print_help(stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		print_help(stdout);
		return 0;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) {
		printf("annals %s\n", ANNALS_VERSION);
		return 0;
	}
	if (!strcmp(argv[1], "help")) {
		if (argc < 3) {
			print_help(stdout);
			return 0;
		}
		v = find_verb(argv[2]);
		if (!v)
			return cli_usage_error(NULL, "no such verb '%s'", argv[2]);
		fputs(v->usage, stdout);
		return 0;
	}
	v = find_verb(argv[1]);
	if (!v)
		return cli_usage_error(NULL, "no such verb '%s'", argv[1]);
	if (argc > 2 && (!strcmp(argv[2], "--help") || !strcmp(argv[2], "-h"))) {
		fputs(v->usage, stdout);
		return 0;
	}
	return v->run(argc - 1, argv + 1);
}
