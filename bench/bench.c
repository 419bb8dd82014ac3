/* bench.c - throughput and memory benchmark of libannals over a JSON Lines
 * corpus, one report at a time so that peak RSS shows whether memory stays
 * flat as the corpus grows. Modes: read (reader + normalise), extract (the
 * same + annals_extract), fold (annals_fold alone, for comparison with opencc).
 * Built and run by bench/run.sh; figures are recorded in BENCHMARKS.md.
 * SPDX-License-Identifier: MIT */
#include "annals.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

enum mode { M_READ, M_EXTRACT, M_FOLD };

struct diag_count {
	unsigned long shown;
};

/* A benchmark that silently skips reports measures less work than it claims,
 * so diagnostics are shown (the first few) and errors fail the run. */
static void on_diag(void *ctx, const annals_diag *d)
{
	struct diag_count *c = ctx;
	if (c->shown++ < 5)
		annals_diag_print(stderr, d);
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* CPU time next to wall time: on a shared machine the gap shows how much of
 * a slow figure was waiting for a core rather than work */
static double cpu_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static double peak_rss_mib(void)
{
	struct rusage ru;
	if (getrusage(RUSAGE_SELF, &ru) != 0)
		return -1.0;
	return (double)ru.ru_maxrss / 1024.0; /* Linux reports KiB */
}

static int usage(void)
{
	fprintf(stderr, "usage: bench read|extract|fold CORPUS.jsonl\n");
	return 2;
}

int main(int argc, char **argv)
{
	enum mode mode;
	annals_reader *rd = NULL;
	annals_extractor *x = NULL;
	annals_reader_opts ro;
	struct diag_count dc = {0};
	annals_buf fold;
	annals_status st;
	unsigned long long nreports = 0, nevents = 0, text_bytes = 0, in_bytes;
	double t0, t1, c0, c1, setup = 0.0, busy = 0.0, cbusy = 0.0, secs, cpu, mb;
	double norm_s = 0.0, ext_s = 0.0;
	int rc = 0;

	if (argc != 3)
		return usage();
	if (!strcmp(argv[1], "read"))
		mode = M_READ;
	else if (!strcmp(argv[1], "extract"))
		mode = M_EXTRACT;
	else if (!strcmp(argv[1], "fold"))
		mode = M_FOLD;
	else
		return usage();

	memset(&ro, 0, sizeof ro);
	ro.diag = on_diag;
	ro.diag_ctx = &dc;
	annals_buf_init(&fold, 0);

	/* building the matcher is a one-off cost per process, not per megabyte:
	 * it is timed apart and reported as setup */
	t0 = now();
	st = mode == M_EXTRACT ? annals_extractor_new(&x) : ANNALS_OK;
	setup = now() - t0;
	if (!st)
		st = annals_reader_new(&rd, &ro);
	if (!st)
		st = annals_reader_add(rd, argv[2]);
	if (st) {
		fprintf(stderr, "bench: %s\n", annals_status_str(st));
		rc = 1;
		goto out;
	}

	t0 = now();
	c0 = cpu_now();
	for (;;) {
		annals_report *r = NULL;
		annals_doc *d = NULL;
		annals_events *ev = NULL;
		st = annals_reader_next(rd, &r);
		if (st || !r)
			break;
		nreports++;
		text_bytes += r->text_len;
		if (mode == M_FOLD) {
			/* only the fold is timed, so that it compares with a
			 * plain-text converter; the CPU clock is a system call
			 * and so stays outside the wall-clock span */
			double fc0 = cpu_now(), f0 = now();
			annals_buf_reset(&fold);
			st = annals_fold(r->text, r->text_len, &fold);
			busy += now() - f0;
			cbusy += cpu_now() - fc0;
		} else {
			/* each stage is timed on its own too, so that the normaliser's
			 * and the extractor's speed can be told from the JSON reader's */
			double s0 = now(), s1;
			st = annals_doc_new(&d, r);
			s1 = now();
			norm_s += s1 - s0;
			if (!st && mode == M_EXTRACT) {
				st = annals_extract(x, d, NULL, &ev);
				ext_s += now() - s1;
				if (!st)
					nevents += annals_events_count(ev);
			}
		}
		if (st)
			fprintf(stderr, "bench: %s: %s\n", r->where, annals_status_str(st));
		annals_events_free(ev);
		annals_doc_free(d);
		annals_report_free(r);
		if (st)
			break;
	}
	t1 = now();
	c1 = cpu_now();
	if (st) {
		rc = 1;
		goto out;
	}
	if (annals_reader_errors(rd)) {
		fprintf(stderr, "bench: %zu reports could not be read\n", annals_reader_errors(rd));
		rc = 1;
	}

	in_bytes = annals_reader_bytes(rd);
	if (mode == M_FOLD) {
		secs = busy;
		cpu = cbusy;
		mb = (double)text_bytes / 1e6;
	} else {
		secs = t1 - t0;
		cpu = c1 - c0;
		mb = (double)in_bytes / 1e6;
	}
	if (secs <= 0.0)
		secs = 1e-9;
	/* key=value so that run.sh can pick fields without caring about order */
	printf("mode=%s mb=%.2f seconds=%.3f cpu_s=%.3f mb_s=%.1f reports=%llu reports_s=%.0f "
	       "rss_mib=%.1f text_mb=%.2f text_mb_s=%.1f events=%llu setup_s=%.3f "
	       "normalise_mb_s=%.1f extract_only_mb_s=%.1f\n",
		argv[1], mb, secs, cpu, mb / secs, nreports, (double)nreports / secs, peak_rss_mib(),
		(double)text_bytes / 1e6, (double)text_bytes / 1e6 / secs, nevents, setup,
		norm_s > 0 ? (double)text_bytes / 1e6 / norm_s : 0.0,
		ext_s > 0 ? (double)text_bytes / 1e6 / ext_s : 0.0);
out:
	annals_buf_free(&fold);
	annals_reader_free(rd);
	annals_extractor_free(x);
	return rc;
}
