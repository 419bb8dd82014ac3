/* match.h - many-literal matcher over folded text (library-internal). The only
 * backend is Hyperscan (match.c is the one file that includes hs.h).
 * SPDX-License-Identifier: MIT */
#ifndef ANNALS_MATCH_H
#define ANNALS_MATCH_H
#include "annals.h"

typedef struct annals_matcher annals_matcher;

/* Compile n literals (UTF-8 bytes, lens[i] each; caseless[i] for ASCII words).
 * Pattern ids are their indices. Caller frees with annals_matcher_free. */
ANNALS_WUR annals_status annals_matcher_new(annals_matcher **out, const char *const *pats,
	const size_t *lens, const unsigned char *caseless, unsigned n);
/* Called for every occurrence of every literal: pattern id and END offset
 * (exclusive). Return nonzero to stop the scan. */
typedef int (*annals_match_fn)(void *ctx, unsigned id, size_t end);
ANNALS_WUR annals_status annals_matcher_scan(annals_matcher *m, const char *text, size_t n,
	annals_match_fn fn, void *ctx);
void annals_matcher_free(annals_matcher *m);
#endif
