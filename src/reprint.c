/* reprint.c - MinHash signatures of folded report text, to find reprints: the
 * same wire story in another script, with other page chrome or line breaks.
 * Shingles are three consecutive tokens of bigram.c (four CJK characters or
 * three words), so layout and script do not matter. docs/store.md "Reprints".
 * SPDX-License-Identifier: MIT */
#include "store.h"

#include <stdlib.h>
#include <string.h>

static uint64_t mix64(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	x ^= x >> 31;
	return x;
}

static uint64_t fnv(const char *s, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t i;
	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

void annals_minhash_bands(struct minhash *m)
{
	size_t k, i;
	for (k = 0; k < MINHASH_BANDS; k++) {
		uint64_t h = mix64(k + 1);
		for (i = 0; i < MINHASH_ROWS; i++)
			h = mix64(h ^ m->v[k * MINHASH_ROWS + i]);
		/* SQLite integers are signed 64-bit; keep the key positive */
		m->band[k] = h >> 1;
	}
}

/* One permutation hashing: each shingle is hashed once, its top bits choose
 * one of the MINHASH_K bins and the bin keeps its smallest value; bins no
 * shingle fell into borrow from the next full bin (densification), so short
 * texts still compare. A set of the hashes counts distinct shingles. */
struct shingler {
	uint64_t last[2];
	size_t ntok;
	uint32_t *bins;
	uint64_t *set;     /* open addressing, 0 = empty */
	size_t setcap, distinct;
	annals_status st;
};

static int set_add(struct shingler *sh, uint64_t h)
{
	size_t i;
	if (!h)
		h = 1;
	if (2 * (sh->distinct + 1) > sh->setcap) {
		size_t cap = sh->setcap ? sh->setcap * 2 : 4096, k;
		uint64_t *n;
		if (sh->distinct >= MINHASH_MAX_SHINGLES)
			return 1; /* enough of the text to judge it by */
		n = calloc(cap, sizeof *n);
		if (!n) {
			sh->st = ANNALS_E_NOMEM;
			return 1;
		}
		for (k = 0; k < sh->setcap; k++)
			if (sh->set[k]) {
				for (i = sh->set[k] & (cap - 1); n[i]; i = (i + 1) & (cap - 1))
					;
				n[i] = sh->set[k];
			}
		free(sh->set);
		sh->set = n;
		sh->setcap = cap;
	}
	for (i = h & (sh->setcap - 1); sh->set[i]; i = (i + 1) & (sh->setcap - 1))
		if (sh->set[i] == h)
			return 0;
	sh->set[i] = h;
	sh->distinct++;
	return 0;
}

static int add_token(void *ctx, int kind, const char *tok, size_t len, size_t start, size_t end)
{
	struct shingler *sh = ctx;
	uint64_t h = fnv(tok, len);
	if (sh->ntok >= 2) {
		uint64_t x = mix64(sh->last[0] * 0x9E3779B97F4A7C15ULL ^
			mix64(sh->last[1] + 0x632BE59BD9B4E019ULL) ^ h);
		uint32_t bin = (uint32_t)(x >> 58), v = (uint32_t)x;
		if (v < sh->bins[bin])
			sh->bins[bin] = v;
		if (set_add(sh, x))
			return 1;
	}
	sh->last[0] = sh->last[1];
	sh->last[1] = h;
	sh->ntok++;
	return 0;
}

annals_status annals_minhash(const char *folded, size_t n, struct minhash *out)
{
	struct shingler sh;
	size_t k, j;
	memset(&sh, 0, sizeof sh);
	for (k = 0; k < MINHASH_K; k++)
		out->v[k] = UINT32_MAX;
	sh.bins = out->v;
	annals_tokenize(folded, n, TOKENIZE_QUERY, add_token, &sh);
	free(sh.set);
	if (sh.st)
		return sh.st;
	out->shingles = sh.distinct;
	if (sh.distinct) {
		/* the rotation rule: an empty bin takes the next full bin's value,
		 * moved by the distance, the same way in every text */
		uint32_t orig[MINHASH_K];
		memcpy(orig, out->v, sizeof orig);
		for (k = 0; k < MINHASH_K; k++) {
			if (orig[k] != UINT32_MAX)
				continue;
			for (j = 1; j < MINHASH_K && orig[(k + j) % MINHASH_K] == UINT32_MAX; j++)
				;
			out->v[k] = (uint32_t)mix64(((uint64_t)orig[(k + j) % MINHASH_K] << 8) + j) | 1u;
		}
	}
	annals_minhash_bands(out);
	return ANNALS_OK;
}

void annals_minhash_compare(const uint32_t *a, size_t na, const uint32_t *b, size_t nb,
	double *similarity, double *containment)
{
	size_t k, same = 0, small = na < nb ? na : nb;
	double j, inter;
	for (k = 0; k < MINHASH_K; k++)
		same += a[k] == b[k];
	j = (double)same / MINHASH_K;
	/* |A and B| = J (|A| + |B|) / (1 + J) */
	inter = j * (double)(na + nb) / (1.0 + j);
	*similarity = j;
	*containment = small ? inter / (double)small : 0.0;
	if (*containment > 1.0)
		*containment = 1.0;
}

int annals_reprint_is(double similarity, double containment)
{
	return similarity >= REPRINT_MIN_SIMILARITY || containment >= REPRINT_MIN_CONTAINMENT;
}
