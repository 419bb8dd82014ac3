/* match.c - the literal matcher behind the lexicons, on Hyperscan: one scan of
 * the folded text finds every name, title, place and event word at once, at
 * hundreds of MB/s, however many thousand patterns the gazetteers hold.
 * SPDX-License-Identifier: MIT */
#include "match.h"

#include <hs/hs.h>
#include <stdlib.h>

struct annals_matcher {
	hs_database_t *db;
	hs_scratch_t *scratch;
};

struct scan_ctx {
	annals_match_fn fn;
	void *ctx;
};

annals_status annals_matcher_new(annals_matcher **out, const char *const *pats,
	const size_t *lens, const unsigned char *caseless, unsigned n)
{
	annals_matcher *m = NULL;
	unsigned *flags = NULL, *ids = NULL, i;
	hs_compile_error_t *err = NULL;
	annals_status st = ANNALS_OK;
	*out = NULL;
	m = calloc(1, sizeof *m);
	flags = malloc((n ? n : 1) * sizeof *flags);
	ids = malloc((n ? n : 1) * sizeof *ids);
	if (!m || !flags || !ids) {
		st = ANNALS_E_NOMEM;
		goto out;
	}
	for (i = 0; i < n; i++) {
		flags[i] = caseless && caseless[i] ? HS_FLAG_CASELESS : 0;
		ids[i] = i;
	}
	if (hs_compile_lit_multi(pats, flags, ids, lens, n, HS_MODE_BLOCK, NULL, &m->db, &err) !=
		HS_SUCCESS) {
		hs_free_compile_error(err);
		st = ANNALS_E_PARSE;
		goto out;
	}
	if (hs_alloc_scratch(m->db, &m->scratch) != HS_SUCCESS) {
		st = ANNALS_E_NOMEM;
		goto out;
	}
out:
	free(flags);
	free(ids);
	if (st) {
		annals_matcher_free(m);
		return st;
	}
	*out = m;
	return ANNALS_OK;
}

static int on_match(unsigned int id, unsigned long long from, unsigned long long to,
	unsigned int flags, void *ctx)
{
	struct scan_ctx *c = ctx;
	(void)from;
	(void)flags;
	return c->fn(c->ctx, id, (size_t)to);
}

annals_status annals_matcher_scan(annals_matcher *m, const char *text, size_t n,
	annals_match_fn fn, void *ctx)
{
	struct scan_ctx c = {fn, ctx};
	hs_error_t e;
	if (n > 0xFFFFFFFFu)
		return ANNALS_E_TOO_LARGE;
	e = hs_scan(m->db, text, (unsigned)n, 0, m->scratch, on_match, &c);
	return (e == HS_SUCCESS || e == HS_SCAN_TERMINATED) ? ANNALS_OK : ANNALS_E_NOMEM;
}

void annals_matcher_free(annals_matcher *m)
{
	if (!m)
		return;
	hs_free_scratch(m->scratch);
	hs_free_database(m->db);
	free(m);
}
