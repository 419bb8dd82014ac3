/* test_reader.c - the report reader (src/reader.c, src/jsonl.c, src/report.c):
 * .txt and .jsonl files, directories, stdin, caps, diagnostics with places and
 * offsets, and the real dev set. The shared dir is $ANNALS_SHARED or ../shared;
 * run from the repository root. Files are made in a temp dir, removed at the end.
 * SPDX-License-Identifier: MIT */
#include "annals.h"
#include "utf8.h"
#include "harness.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define FFFD "\xEF\xBF\xBD"
#define MAX_DIAGS 64
#define MAX_REPORTS 64

static char tmpdir[] = "/tmp/annals-test-reader-XXXXXX";

struct seen_diag {
	annals_severity sev;
	annals_status code;
	char where[1024];
	long long off;
	char msg[1024];
};

static struct seen_diag diags[MAX_DIAGS];
static size_t ndiags;

static void collect(void *ctx, const annals_diag *d)
{
	struct seen_diag *s;
	(void)ctx;
	if (ndiags == MAX_DIAGS)
		return;
	s = &diags[ndiags++];
	s->sev = d->severity;
	s->code = d->code;
	snprintf(s->where, sizeof s->where, "%s", d->where ? d->where : "(null)");
	s->off = d->offset;
	snprintf(s->msg, sizeof s->msg, "%s", d->message);
	if (getenv("ANNALS_TEST_VERBOSE"))
		annals_diag_print(stderr, d);
}

static const char *shared_dir(void)
{
	const char *s = getenv("ANNALS_SHARED");
	return s && *s ? s : "../shared";
}

static char *tmp_path(const char *name)
{
	static char bufs[8][1024];
	static int k;
	char *p = bufs[k++ & 7];
	snprintf(p, 1024, "%s/%s", tmpdir, name);
	return p;
}

static void put_file(const char *name, const void *data, size_t n)
{
	FILE *fp = fopen(tmp_path(name), "wb");
	OK(fp != NULL, "create %s", name);
	if (!fp)
		return;
	OK(fwrite(data, 1, n, fp) == n, "write %s", name);
	fclose(fp);
}

static void put_str(const char *name, const char *s)
{
	put_file(name, s, strlen(s));
}

static char *slurp(const char *path, size_t *n)
{
	FILE *fp = fopen(path, "rb");
	char *p = NULL;
	long len;
	*n = 0;
	if (!fp)
		return NULL;
	if (fseek(fp, 0, SEEK_END) == 0 && (len = ftell(fp)) >= 0 && fseek(fp, 0, SEEK_SET) == 0) {
		p = malloc((size_t)len + 1);
		if (p && fread(p, 1, (size_t)len, fp) != (size_t)len) {
			free(p);
			p = NULL;
		}
		if (p) {
			p[len] = '\0';
			*n = (size_t)len;
		}
	}
	fclose(fp);
	return p;
}

/* The reports of some inputs, read with a cap (0 = default). */
struct run {
	annals_report *rep[MAX_REPORTS];
	size_t n, errors;
	unsigned long long bytes;
};

static void run_reader(struct run *run, size_t max, const char *const *paths)
{
	annals_reader_opts opts;
	annals_reader *r = NULL;
	annals_report *rep;
	annals_status st;
	memset(run, 0, sizeof *run);
	ndiags = 0;
	opts.max_report_bytes = max;
	opts.diag = collect;
	opts.diag_ctx = NULL;
	st = annals_reader_new(&r, &opts);
	INT_EQ(st, ANNALS_OK);
	if (st)
		return;
	for (; *paths; paths++)
		INT_EQ(annals_reader_add(r, *paths), ANNALS_OK);
	for (;;) {
		st = annals_reader_next(r, &rep);
		INT_EQ(st, ANNALS_OK);
		if (st || !rep)
			break;
		OK(annals_utf8_check(rep->text, rep->text_len) == rep->text_len, "%s valid UTF-8",
			rep->id);
		OK(strlen(rep->text) == rep->text_len, "%s has no NUL", rep->id);
		OK(rep->text_len > 0, "%s not empty", rep->id);
		if (run->n < MAX_REPORTS)
			run->rep[run->n++] = rep;
		else
			annals_report_free(rep);
	}
	run->errors = annals_reader_errors(r);
	run->bytes = annals_reader_bytes(r);
	annals_reader_free(r);
}

static void run_free(struct run *run)
{
	size_t i;
	for (i = 0; i < run->n; i++)
		annals_report_free(run->rep[i]);
	run->n = 0;
}

static const struct seen_diag *find_diag(annals_status code)
{
	size_t i;
	for (i = 0; i < ndiags; i++)
		if (diags[i].code == code)
			return &diags[i];
	return NULL;
}

#define PATHS(...) ((const char *const[]){ __VA_ARGS__, NULL })

static void test_txt(void)
{
	struct run run;
	static const char text[] = "习近平同俄罗斯总统普京会谈\n\n新华社莫斯科5月8日电\n";
	put_str("one.txt", text);
	put_str("a.b.txt", "Xi met Putin.");
	run_reader(&run, 0, PATHS(tmp_path("one.txt"), tmp_path("a.b.txt")));
	INT_EQ(run.n, 2);
	INT_EQ(ndiags, 0);
	INT_EQ(run.errors, 0);
	INT_EQ(run.bytes, strlen(text) + 13);
	if (run.n == 2) {
		STR_EQ(run.rep[0]->id, "one");
		STR_EQ(run.rep[0]->where, tmp_path("one.txt"));
		STR_EQ(run.rep[0]->text, text);
		STR_EQ(run.rep[0]->encoding, "UTF-8");
		INT_EQ(run.rep[0]->repaired, 0);
		OK(run.rep[0]->url == NULL && run.rep[0]->published == NULL, "no metadata");
		STR_EQ(run.rep[1]->id, "a.b");
	}
	run_free(&run);
}

/* A seed converted with the iconv command reads back as the UTF-8 text. */
static void test_seed(const char *seed, const char *charset, const char *want_enc)
{
	struct run run;
	char src[1024], name[256], back[1024], cmd[8192];
	char *want;
	size_t wn;
	snprintf(src, sizeof src, "%s/corpus/seeds/%s", shared_dir(), seed);
	snprintf(name, sizeof name, "%s-%s.txt", charset, seed);
	snprintf(back, sizeof back, "%s/%s.back", tmpdir, charset);
	/* -c drops what the charset cannot hold; the expected text goes the same way */
	snprintf(cmd, sizeof cmd, "iconv -c -f UTF-8 -t %s '%s' > '%s' 2>/dev/null; "
		"iconv -f %s -t UTF-8 '%s' > '%s'", charset, src, tmp_path(name), charset,
		tmp_path(name), back);
	OK(system(cmd) == 0, "%s", cmd);
	want = slurp(back, &wn);
	OK(want && wn > 1000, "%s converted back", seed);
	run_reader(&run, 0, PATHS(tmp_path(name)));
	INT_EQ(run.n, 1);
	INT_EQ(ndiags, 0);
	if (run.n == 1 && want) {
		STR_EQ(run.rep[0]->encoding, want_enc);
		OK(run.rep[0]->text_len == wn && memcmp(run.rep[0]->text, want, wn) == 0,
			"%s in %s reads back identical", seed, charset);
		INT_EQ(run.rep[0]->repaired, 0);
	}
	if (strcmp(charset, "GB18030") == 0) {
		char *orig;
		size_t on;
		orig = slurp(src, &on);
		OK(orig && run.n == 1 && run.rep[0]->text_len == on &&
			memcmp(run.rep[0]->text, orig, on) == 0, "GB18030 gives the original back");
		free(orig);
	}
	free(want);
	run_free(&run);
}

static void test_repairs(void)
{
	struct run run;
	static const char nul[] = "习近平同普京\0会谈。\0Xi and Putin held talks.";
	static const char broken[] = "习近平同俄罗斯总统普京会谈。\xE4\xB8两国元首就中俄关系深入交换意见。"
		"新华社莫斯科5月8日电";
	const struct seen_diag *d;
	put_file("nul.txt", nul, sizeof nul - 1);
	put_file("broken.txt", broken, sizeof broken - 1);
	run_reader(&run, 0, PATHS(tmp_path("nul.txt"), tmp_path("broken.txt")));
	INT_EQ(run.n, 2);
	INT_EQ(run.errors, 0);
	INT_EQ(ndiags, 2);
	if (run.n == 2) {
		STR_EQ(run.rep[0]->text, "习近平同普京会谈。Xi and Putin held talks.");
		INT_EQ(run.rep[0]->repaired, 1);
		OK(strstr(run.rep[1]->text, "会谈。" FFFD "两国") != NULL, "repaired in place");
		INT_EQ(run.rep[1]->repaired, 1);
		STR_EQ(run.rep[1]->encoding, "UTF-8");
	}
	if (ndiags == 2) {
		d = &diags[0];
		INT_EQ(d->sev, ANNALS_WARN);
		INT_EQ(d->code, ANNALS_E_ENCODING);
		STR_EQ(d->where, tmp_path("nul.txt"));
		INT_EQ(d->off, 18);
		OK(strstr(d->msg, "2 NUL") && strstr(d->msg, "byte 18"), "NUL message: %s", d->msg);
		d = &diags[1];
		INT_EQ(d->sev, ANNALS_WARN);
		INT_EQ(d->code, ANNALS_E_ENCODING);
		STR_EQ(d->where, tmp_path("broken.txt"));
		INT_EQ(d->off, 42);
		OK(strstr(d->msg, "replaced 1 invalid") && strstr(d->msg, "byte 42"),
			"repair message: %s", d->msg);
	}
	run_free(&run);
}

static void test_skipped(void)
{
	struct run run;
	unsigned char bin[100];
	unsigned x = 7;
	size_t i;
	char big[150];

	for (i = 0; i < sizeof bin; i++) {
		x = x * 1103515245u + 12345u;
		bin[i] = (unsigned char)(x >> 16);
	}
	put_file("bin.txt", bin, sizeof bin);
	put_str("empty.txt", "");
	put_str("blank.txt", " \n\t\r\n\xE3\x80\x80\n");
	memset(big, 'x', sizeof big);
	put_file("big.txt", big, sizeof big);
	put_file("cap.txt", big, 100);
	run_reader(&run, 100, PATHS(tmp_path("bin.txt"), tmp_path("empty.txt"),
		tmp_path("blank.txt"), tmp_path("big.txt"), tmp_path("cap.txt")));
	INT_EQ(run.n, 1);
	if (run.n == 1)
		STR_EQ(run.rep[0]->id, "cap");
	INT_EQ(run.errors, 4);
	INT_EQ(ndiags, 4);
	if (ndiags == 4) {
		INT_EQ(diags[0].code, ANNALS_E_BINARY);
		INT_EQ(diags[0].sev, ANNALS_ERROR);
		STR_EQ(diags[0].where, tmp_path("bin.txt"));
		OK(diags[0].off >= 0 && diags[0].off < 100, "binary offset %lld", diags[0].off);
		INT_EQ(diags[1].code, ANNALS_E_EMPTY);
		STR_EQ(diags[1].where, tmp_path("empty.txt"));
		INT_EQ(diags[2].code, ANNALS_E_EMPTY);
		STR_EQ(diags[2].where, tmp_path("blank.txt"));
		INT_EQ(diags[3].code, ANNALS_E_TOO_LARGE);
		INT_EQ(diags[3].sev, ANNALS_ERROR);
		STR_EQ(diags[3].where, tmp_path("big.txt"));
		INT_EQ(diags[3].off, 100);
	}
	run_free(&run);

	/* JSON text over the cap; a line over the line cap (2 * cap + 64 KiB) */
	{
		size_t n = 70000, k;
		char *line = malloc(n + 256);
		FILE *fp = fopen(tmp_path("caps.jsonl"), "wb");
		OK(line && fp, "caps.jsonl");
		if (!line || !fp) {
			free(line);
			if (fp)
				fclose(fp);
			return;
		}
		k = (size_t)snprintf(line, 256, "{\"id\":\"long\",\"text\":\"");
		memset(line + k, 'y', n);
		k += n;
		memcpy(line + k, "\"}\n", 3);
		k += 3;
		fprintf(fp, "{\"id\":\"big\",\"text\":\"%.*s\"}\n", 150, line + 30);
		fwrite(line, 1, k, fp);
		fprintf(fp, "{\"id\":\"ok\",\"text\":\"short\"}\n");
		fclose(fp);
		run_reader(&run, 100, PATHS(tmp_path("caps.jsonl")));
		INT_EQ(run.n, 1);
		if (run.n == 1)
			STR_EQ(run.rep[0]->id, "ok");
		INT_EQ(ndiags, 2);
		if (ndiags == 2) {
			char where[1100];
			INT_EQ(diags[0].code, ANNALS_E_TOO_LARGE);
			snprintf(where, sizeof where, "%s:1", tmp_path("caps.jsonl"));
			STR_EQ(diags[0].where, where);
			INT_EQ(diags[0].off, 0);
			INT_EQ(diags[1].code, ANNALS_E_TOO_LARGE);
			snprintf(where, sizeof where, "%s:2", tmp_path("caps.jsonl"));
			STR_EQ(diags[1].where, where);
			/* line 2 starts after the 173 bytes of line 1; the cap is 200 + 65536 */
			INT_EQ(diags[1].off, 173 + 200 + 65536);
		}
		INT_EQ(run.bytes, 173 + k + 27);
		free(line);
		run_free(&run);
	}
}

static void test_jsonl(void)
{
	struct run run;
	const struct seen_diag *d;
	char where[1100];
	static const char l1[] = "\xEF\xBB\xBF{\"id\":\"x1\",\"text\":\"习近平同普京会谈\",\"url\":\"https://a/1\","
		"\"published\":\"2024-10-23\",\"outlet\":\"新华网\",\"title\":\"会谈\",\"lang\":\"zh\"}\r\n";
	static const char l2[] = "{\"id\": \"x2\", \"text\": \"broken\",, \"url\": 1}\n";
	static const char l3[] = "{\"text\":\"no id here\",\"title\":5,\"url\":null}\n";
	static const char l4[] = "\n";
	static const char l5[] = "{\"id\":\"x5\",\"url\":\"u\"}\n";
	static const char l6[] = "{\"id\":\"x6\",\"text\":42}\n";
	static const char l7[] = "[1,2]\n";
	static const char l8[] = "{\"id\":\"x8\",\"text\":\"a\\u0000b\"}\n";
	static const char l9[] = "{\"id\":\"x9\",\"text\":\"bad \xFF byte\"}\n";
	static const char l10[] = "{\"id\":\"x10\",\"text\":\" \\n\\t\"}\n";
	static const char l11[] = "{\"id\":\"x11\",\"text\":\"last line, no newline\"}";
	char all[2048];
	size_t off2 = sizeof l1 - 1, off9;
	snprintf(all, sizeof all, "%s%s%s%s%s%s%s%s%s%s%s", l1, l2, l3, l4, l5, l6, l7, l8, l9,
		l10, l11);
	off9 = strstr(all, "{\"id\":\"x9\"") - all;
	put_str("feed.jsonl", all);
	run_reader(&run, 0, PATHS(tmp_path("feed.jsonl")));
	INT_EQ(run.n, 5);
	INT_EQ(run.bytes, strlen(all));
	if (run.n == 5) {
		STR_EQ(run.rep[0]->id, "x1");
		STR_EQ(run.rep[0]->text, "习近平同普京会谈");
		STR_EQ(run.rep[0]->url, "https://a/1");
		STR_EQ(run.rep[0]->published, "2024-10-23");
		STR_EQ(run.rep[0]->outlet, "新华网");
		STR_EQ(run.rep[0]->title, "会谈");
		STR_EQ(run.rep[0]->encoding, "UTF-8");
		snprintf(where, sizeof where, "%s:1", tmp_path("feed.jsonl"));
		STR_EQ(run.rep[0]->where, where);
		STR_EQ(run.rep[1]->id, "feed:3");
		STR_EQ(run.rep[1]->text, "no id here");
		OK(run.rep[1]->title == NULL && run.rep[1]->url == NULL, "bad fields ignored");
		STR_EQ(run.rep[2]->id, "x8");
		STR_EQ(run.rep[2]->text, "ab");
		INT_EQ(run.rep[2]->repaired, 1);
		STR_EQ(run.rep[3]->id, "x9");
		STR_EQ(run.rep[3]->text, "bad " FFFD " byte");
		STR_EQ(run.rep[4]->id, "x11");
		STR_EQ(run.rep[4]->text, "last line, no newline");
	}
	/* line 2 malformed, 3 a warning, 5 6 7 errors, 8 9 warnings, 10 empty */
	INT_EQ(run.errors, 5);
	d = find_diag(ANNALS_E_PARSE);
	OK(d != NULL, "parse diagnostic");
	if (d) {
		snprintf(where, sizeof where, "%s:2", tmp_path("feed.jsonl"));
		STR_EQ(d->where, where);
		INT_EQ(d->sev, ANNALS_ERROR);
		OK(d->off > (long long)off2 && d->off < (long long)(off2 + sizeof l2 - 1),
			"offset %lld inside line 2 (%zu..%zu)", d->off, off2, off2 + sizeof l2 - 1);
		OK(strstr(d->msg, "malformed JSON") != NULL, "message: %s", d->msg);
	}
	{
		size_t i, warn3 = 0, err5 = 0, err6 = 0, err7 = 0, warn8 = 0, warn9 = 0, empty10 = 0;
		char w[16][1100];
		for (i = 1; i <= 11; i++)
			snprintf(w[i], sizeof w[i], "%s:%zu", tmp_path("feed.jsonl"), i);
		for (i = 0; i < ndiags; i++) {
			d = &diags[i];
			warn3 += !strcmp(d->where, w[3]) && d->sev == ANNALS_WARN &&
				strstr(d->msg, "\"title\"");
			err5 += !strcmp(d->where, w[5]) && d->sev == ANNALS_ERROR;
			err6 += !strcmp(d->where, w[6]) && d->sev == ANNALS_ERROR;
			err7 += !strcmp(d->where, w[7]) && d->sev == ANNALS_ERROR;
			warn8 += !strcmp(d->where, w[8]) && d->sev == ANNALS_WARN &&
				strstr(d->msg, "NUL");
			warn9 += !strcmp(d->where, w[9]) && d->sev == ANNALS_WARN &&
				d->off == (long long)(off9 + 23);
			empty10 += !strcmp(d->where, w[10]) && d->code == ANNALS_E_EMPTY;
			OK(strcmp(d->where, w[4]) != 0, "a blank line is no problem");
		}
		INT_EQ(warn3, 1);
		INT_EQ(err5, 1);
		INT_EQ(err6, 1);
		INT_EQ(err7, 1);
		INT_EQ(warn8, 1);
		INT_EQ(warn9, 1);
		INT_EQ(empty10, 1);
		INT_EQ(ndiags, 8);
	}
	run_free(&run);
}

/* An id longer than any fixed buffer is still just an id. */
static void test_long_id(void)
{
	struct run run;
	size_t n = 100000;
	char *line = malloc(n + 64);
	OK(line != NULL, "alloc");
	if (!line)
		return;
	memcpy(line, "{\"id\":\"", 7);
	memset(line + 7, 'i', n);
	memcpy(line + 7 + n, "\",\"text\":\"t\"}\n", 14);
	put_file("longid.jsonl", line, 7 + n + 14);
	run_reader(&run, 0, PATHS(tmp_path("longid.jsonl")));
	INT_EQ(run.n, 1);
	INT_EQ(ndiags, 0);
	if (run.n == 1)
		INT_EQ(strlen(run.rep[0]->id), n);
	run_free(&run);
	free(line);
}

static void test_dirs(void)
{
	struct run run;
	static const char *const want[] = { "a", "b", "c", "d1", "d:2", "e", "z" };
	size_t i;
	OK(mkdir(tmp_path("d"), 0700) == 0, "mkdir d");
	OK(mkdir(tmp_path("d/sub"), 0700) == 0, "mkdir d/sub");
	OK(mkdir(tmp_path("d/sub/deeper"), 0700) == 0, "mkdir d/sub/deeper");
	put_str("d/b.txt", "text b");
	put_str("d/a.txt", "text a");
	put_str("d/notes.md", "not a report");
	put_str("d/image.png", "\x89PNG\r\n\x1a\n");
	put_str("d/sub/c.txt", "text c");
	put_str("d/sub/d.jsonl", "{\"id\":\"d1\",\"text\":\"one\"}\n{\"text\":\"two\"}\n");
	put_str("d/sub/deeper/e.txt", "text e");
	put_str("d/z.txt", "text z");
	OK(symlink("..", tmp_path("d/sub/loop")) == 0, "symlink loop");
	OK(symlink("missing.txt", tmp_path("d/sub/zz-dangling.md")) == 0, "dangling link");
	run_reader(&run, 0, PATHS(tmp_path("d")));
	INT_EQ(run.n, 7);
	for (i = 0; i < run.n && i < 7; i++)
		STR_EQ(run.rep[i]->id, want[i]);
	if (run.n == 7) {
		STR_EQ(run.rep[2]->where, tmp_path("d/sub/c.txt"));
		STR_EQ(run.rep[5]->text, "text e");
	}
	/* the loop back to d is noticed, not followed */
	INT_EQ(run.errors, 0);
	INT_EQ(ndiags, 1);
	if (ndiags == 1) {
		INT_EQ(diags[0].sev, ANNALS_WARN);
		STR_EQ(diags[0].where, tmp_path("d/sub/loop"));
	}
	run_free(&run);

	/* nesting is capped at 64 directories below the argument */
	{
		char rel[1024] = "deep";
		int depth;
		OK(mkdir(tmp_path(rel), 0700) == 0, "mkdir deep");
		put_str("deep/top.txt", "top");
		for (depth = 1; depth <= 66; depth++) {
			strcat(rel, "/d");
			OK(mkdir(tmp_path(rel), 0700) == 0, "mkdir depth %d", depth);
			if (depth == 64 || depth == 65) {
				char f[1100];
				snprintf(f, sizeof f, "%s/at%d.txt", rel, depth);
				put_str(f, "deep down");
			}
		}
		run_reader(&run, 0, PATHS(tmp_path("deep")));
		INT_EQ(run.n, 2);
		if (run.n == 2) {
			STR_EQ(run.rep[0]->id, "at64");
			STR_EQ(run.rep[1]->id, "top");
		}
		INT_EQ(run.errors, 1);
		INT_EQ(ndiags, 1);
		if (ndiags == 1) {
			INT_EQ(diags[0].code, ANNALS_E_TOO_LARGE);
			OK(strstr(diags[0].msg, "deeper than 64") != NULL, "%s", diags[0].msg);
		}
		run_free(&run);
	}

	/* a trailing slash gives no double slash */
	{
		char p[1100];
		snprintf(p, sizeof p, "%s/", tmp_path("d/sub/deeper"));
		run_reader(&run, 0, PATHS(p));
		INT_EQ(run.n, 1);
		if (run.n == 1)
			STR_EQ(run.rep[0]->where, tmp_path("d/sub/deeper/e.txt"));
		run_free(&run);
	}
}

static void test_missing(void)
{
	struct run run;
	put_str("there.txt", "here I am");
	run_reader(&run, 0, PATHS(tmp_path("nowhere.txt"), tmp_path("nowhere.jsonl"),
		tmp_path("there.txt")));
	INT_EQ(run.n, 1);
	INT_EQ(run.errors, 2);
	INT_EQ(ndiags, 2);
	if (ndiags == 2) {
		STR_EQ(diags[0].where, tmp_path("nowhere.txt"));
		INT_EQ(diags[0].code, ANNALS_E_IO);
		INT_EQ(diags[0].sev, ANNALS_ERROR);
		STR_EQ(diags[1].where, tmp_path("nowhere.jsonl"));
	}
	run_free(&run);
}

static void test_stdin(void)
{
	struct run run;
	int saved = dup(STDIN_FILENO), fd;
	put_str("in.jsonl", "{\"id\":\"s1\",\"text\":\"one\"}\nnot json\n{\"text\":\"three\"}\n");
	fd = open(tmp_path("in.jsonl"), O_RDONLY);
	OK(saved >= 0 && fd >= 0 && dup2(fd, STDIN_FILENO) == STDIN_FILENO, "stdin redirected");
	run_reader(&run, 0, PATHS("-"));
	INT_EQ(run.n, 2);
	if (run.n == 2) {
		STR_EQ(run.rep[0]->id, "s1");
		STR_EQ(run.rep[1]->id, "stdin:3");
	}
	INT_EQ(ndiags, 1);
	if (ndiags == 1)
		STR_EQ(diags[0].where, "stdin:2");
	run_free(&run);
	dup2(saved, STDIN_FILENO);
	close(saved);
	close(fd);
}

static void test_dev_set(void)
{
	static const char *const ids[] = {
		"000_90d79a2c7416a819", "001_1797282344cdefbc", "002_469096754e13f2d8",
		"003_8d59b7260dcf5e9f", "004_a9c9841912dcbb44", "e001", "e005", "e008", "e013",
		"s003", "s006", "s008", "s009", "s011", "s014", "s023", "s026", "t005", "t006",
		"t007", "t009", "t017", "t019",
	};
	struct run run;
	char path[1024];
	size_t i;
	snprintf(path, sizeof path, "%s/eval/dev/reports.jsonl", shared_dir());
	run_reader(&run, 0, PATHS(path));
	INT_EQ(run.n, 23);
	INT_EQ(ndiags, 0);
	for (i = 0; i < run.n && i < 23; i++)
		STR_EQ(run.rep[i]->id, ids[i]);
	if (run.n == 23) {
		OK(run.rep[0]->published == NULL, "seed has no published");
		OK(run.rep[5]->published && run.rep[5]->url, "e001 has published and url");
		snprintf(path + strlen(path), sizeof path - strlen(path), ":6");
		STR_EQ(run.rep[5]->where, path);
	}
	run_free(&run);
}

static void test_report_new(void)
{
	annals_report *r = NULL;
	INT_EQ(annals_report_new(&r, NULL, "ok \xFF\0x", 6), ANNALS_OK);
	if (r) {
		STR_EQ(r->id, "stdin");
		STR_EQ(r->text, "ok " FFFD "x");
		INT_EQ(r->text_len, 7);
		INT_EQ(r->repaired, 1);
		STR_EQ(r->encoding, "UTF-8");
	}
	annals_report_free(r);
	INT_EQ(annals_report_new(&r, "id", "", 0), ANNALS_OK);
	if (r) {
		STR_EQ(r->id, "id");
		STR_EQ(r->text, "");
		INT_EQ(r->repaired, 0);
	}
	annals_report_free(r);
	INT_EQ(annals_report_new(&r, "id", NULL, 3), ANNALS_E_USAGE);
	OK(r == NULL, "nothing on failure");
	annals_report_free(NULL);
	annals_reader_free(NULL);
}

static void test_usage(void)
{
	annals_reader *r = NULL;
	annals_report *rep = (annals_report *)1;
	INT_EQ(annals_reader_new(&r, NULL), ANNALS_OK);
	INT_EQ(annals_reader_add(r, NULL), ANNALS_E_USAGE);
	INT_EQ(annals_reader_next(r, &rep), ANNALS_OK);
	OK(rep == NULL, "no input, no report");
	INT_EQ(annals_reader_errors(r), 0);
	INT_EQ(annals_reader_bytes(r), 0);
	/* queued but never read: freed with the reader */
	INT_EQ(annals_reader_add(r, "/nonexistent"), ANNALS_OK);
	annals_reader_free(r);
}

int main(void)
{
	char cmd[256];
	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		return 1;
	}
	test_txt();
	test_seed("002_469096754e13f2d8.txt", "GB18030", "GB18030");
	test_seed("001_1797282344cdefbc.txt", "BIG5", "BIG5");
	test_repairs();
	test_skipped();
	test_jsonl();
	test_long_id();
	test_dirs();
	test_missing();
	test_stdin();
	test_dev_set();
	test_report_new();
	test_usage();
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", tmpdir);
	return h_done("test_reader");
}
