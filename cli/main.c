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
	{"ingest", cmd_ingest, "store reports, their records and merged events in a database",
		"usage: annals ingest [--db FILE] [--published YYYY-MM-DD] [--batch N] [--threads N]\n"
		"                     [--max-report-bytes N] INPUT...\n"
		"\n"
		"Reads reports (as extract does), extracts their records and stores reports,\n"
		"records, actors, places, documents and evidence in FILE (default ./annals.db),\n"
		"linking reprints and merging records of one encounter into one event.\n"
		"Re-ingesting a report adds nothing; a changed report replaces its own records.\n"
		"Writes are transactional, N reports a transaction (default 500): after a crash,\n"
		"running the same command again finishes the job. On a terminal a progress line\n"
		"is shown; a summary line ends every run: N reports (new, changed, unchanged),\n"
		"the records stored and the events created by this run. --threads sets the\n"
		"workers that extract (default: one a CPU, at most 4). Schema: docs/store.md.\n"},
	{"events", cmd_events, "list stored events, filtered",
		"usage: annals events [--db FILE] [--format table|jsonl|csv] [--actor NAME]\n"
		"                     [--with NAME] [--country ISO3|NAME] [--type T] [--status S]\n"
		"                     [--since DATE] [--until DATE] [--limit N]\n"
		"\n"
		"Prints the merged events by date. --actor finds a person by any name form\n"
		"(普丁 = 普京 = Putin); --with a second person; --country an actor's country;\n"
		"--type talks|meeting|phone_call|video_call; --status reported|recalled|planned;\n"
		"dates are YYYY[-MM[-DD]], inclusive. JSON lines carry the record fields, id,\n"
		"reports, sources, outlets, urls, evidence and disagreements. The format is a\n"
		"table on a terminal, JSON Lines otherwise.\n"},
	{"show", cmd_show, "show one event with its sources and marked evidence",
		"usage: annals show [--db FILE] [--format table|jsonl|csv] EVENT_ID\n"
		"\n"
		"Prints the event, the reports it was read from, where they disagree, and the\n"
		"evidence sentences with the actors and places marked ([brackets], or bold on a\n"
		"terminal; NO_COLOR turns bold off).\n"},
	{"timeline", cmd_timeline, "the events of an actor, a country or a pair, by date",
		"usage: annals timeline [--db FILE] [--format table|jsonl|csv] [filters] A [B]\n"
		"\n"
		"A and B are persons (any name form) or countries (ISO3 or a name: RUS, 俄罗斯,\n"
		"Russia). With B, only the events of both. Takes the filters of events.\n"},
	{"search", cmd_search, "full-text search over the stored reports",
		"usage: annals search [--db FILE] [--format table|jsonl|csv] [--limit N] QUERY...\n"
		"\n"
		"Finds reports holding every word of QUERY, in either script (会谈 finds 會談),\n"
		"Chinese without spaces, two-character words included; \"quoted words\" must\n"
		"appear in that order. Last stored first, N hits (default 20, 0 = all), each with\n"
		"a snippet of the original text, matches in [brackets].\n"},
	{"export", cmd_export, "every stored event as JSON Lines or CSV",
		"usage: annals export [--db FILE] [--format table|jsonl|csv]\n"
		"\n"
		"Writes every event. CSV has one row an event with GDELT-like columns (date,\n"
		"actor1/actor2 name and country, type, CAMEO code, Goldstein scale, place,\n"
		"number of reports and sources, source urls): see docs/store.md.\n"},
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
