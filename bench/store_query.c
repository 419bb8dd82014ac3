/* store_query.c - query latency of the store, through the library (the CLI's
 * start-up, mostly building the extractor, would swamp a 1 ms query): runs each
 * search and events query N times on a database and prints p50/p99 in ms.
 *   usage: store_query DB [N]          (bench/store_bench.sh runs it)
 * SPDX-License-Identifier: MIT */
#include "annals.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

struct sink {
	annals_buf out; /* what the CLI would print: JSON, so the writer is timed too */
	size_t n;
};

static int on_hit(void *ctx, const annals_search_hit *h)
{
	struct sink *s = ctx;
	s->n++;
	return annals_search_hit_write_json(h, &s->out) != ANNALS_OK;
}

static int on_event(void *ctx, const annals_stored_event *e)
{
	struct sink *s = ctx;
	s->n++;
	return annals_stored_event_write_json(e, &s->out) != ANNALS_OK;
}

static void report(const char *what, double *t, int n, size_t results)
{
	qsort(t, (size_t)n, sizeof *t, cmp_d);
	printf("%-44s p50 %8.3f ms  p99 %8.3f ms  (%zu results)\n", what, t[n / 2],
		t[(n * 99) / 100 < n ? (n * 99) / 100 : n - 1], results);
}

int main(int argc, char **argv)
{
	static const char *const searches[] = {"普京", "會談", "习近平 普京", "克里姆林宫",
		"Putin", "\"joint statement\"", "京"};
	struct {
		const char *name;
		annals_event_query q;
	} evq[6];
	annals_store *s = NULL;
	annals_extractor *x = NULL;
	struct sink sk;
	double *t;
	int n = argc > 2 ? atoi(argv[2]) : 50, i, k;
	size_t j;
	if (argc < 2 || n < 1) {
		fprintf(stderr, "usage: store_query DB [N]\n");
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0); /* a line as each query is measured */
	t = calloc((size_t)n, sizeof *t);
	if (!t || annals_store_open(&s, argv[1]) || annals_extractor_new(&x)) {
		fprintf(stderr, "store_query: cannot open %s: %s\n", argv[1], annals_store_errmsg(NULL));
		return 1;
	}
	annals_store_set_extractor(s, x);
	annals_buf_init(&sk.out, 0);
	for (j = 0; j < sizeof searches / sizeof searches[0]; j++) {
		char name[128];
		for (k = 0; k < 2; k++) /* warm the page cache */
			if (annals_store_search(s, searches[j], 20, on_hit, &sk))
				return 1;
		for (i = 0; i < n; i++) {
			double t0 = now_ms();
			sk.n = 0;
			annals_buf_reset(&sk.out);
			if (annals_store_search(s, searches[j], 20, on_hit, &sk))
				return 1;
			t[i] = now_ms() - t0;
		}
		snprintf(name, sizeof name, "search %s (20 hits)", searches[j]);
		report(name, t, n, sk.n);
	}
	memset(evq, 0, sizeof evq);
	evq[0].name = "events --actor 普丁 --limit 20";
	evq[0].q.actor = "普丁";
	evq[0].q.limit = 20;
	evq[1].name = "events --country FRA --limit 20";
	evq[1].q.country = "FRA";
	evq[1].q.limit = 20;
	evq[2].name = "events --type phone_call --since 2020";
	evq[2].q.type = "phone_call";
	evq[2].q.since = "2020";
	evq[3].name = "timeline 习近平 马克龙";
	evq[3].q.actor = "习近平";
	evq[3].q.actor2 = "马克龙";
	evq[4].name = "events --status recalled --limit 20";
	evq[4].q.status = "recalled";
	evq[4].q.limit = 20;
	evq[5].name = "show 1";
	evq[5].q.id = 1;
	evq[5].q.evidence = 1;
	for (j = 0; j < 6; j++) {
		for (i = 0; i < n; i++) {
			double t0 = now_ms();
			sk.n = 0;
			annals_buf_reset(&sk.out);
			if (annals_store_events(s, &evq[j].q, on_event, &sk))
				return 1;
			t[i] = now_ms() - t0;
		}
		report(evq[j].name, t, n, sk.n);
	}
	annals_buf_free(&sk.out);
	annals_store_close(s);
	annals_extractor_free(x);
	free(t);
	return 0;
}
