/* store.h - the store's internals (library-internal): the backend interface
 * that store_sqlite.c implements (the only file that sees sqlite3.h), the
 * prepared form of a report that workers build off the database thread, and the
 * database-free pieces: tokens, MinHash, merge rule, writers. docs/store.md.
 * SPDX-License-Identifier: MIT */
#ifndef ANNALS_STORE_H
#define ANNALS_STORE_H
#include "annals.h"
#include "events.h"

/* ---- tokens (bigram.c): what search indexes and MinHash shingles ---------- */

/* Token kinds handed to the callback. */
enum { TOK_WORD = 0, TOK_BIGRAM, TOK_UNIGRAM };
/* Modes: a document gets a unigram for the last character of each CJK run (so
 * a one-character prefix query finds every character); a query gets bigrams
 * only, or the lone character of a one-character run. */
enum { TOKENIZE_DOCUMENT = 0, TOKENIZE_QUERY };

#define TOKEN_MAX_BYTES 64 /* longer Latin words are cut here */

/* tok: folded, lower-cased bytes; start/end: byte offsets of the token in the
 * input. Return nonzero to stop (the value is passed back). */
typedef int (*token_fn)(void *ctx, int kind, const char *tok, size_t len, size_t start,
	size_t end);
/* Split UTF-8 text: CJK runs (whitespace inside a run is skipped, so a line
 * broken by print layout still reads as one run) into overlapping bigrams;
 * Latin letters and digits into lower-cased words; everything else separates. */
int annals_tokenize(const char *s, size_t n, int mode, token_fn fn, void *ctx);
/* 1 when cp is a CJK character (ideographs, kana, hangul). */
int annals_is_cjk(uint32_t cp);

/* ---- reprints (reprint.c) -------------------------------------------------- */

#define MINHASH_K 64     /* hash functions */
#define MINHASH_ROWS 3   /* LSH: a band is 3 values; two texts of Jaccard 0.4 */
#define MINHASH_BANDS 21 /* share a band with odds 0.75, of 0.6 with 0.99 */
#define MINHASH_MAX_SHINGLES 200000
/* A reprint: the same story with other chrome, headline or edits. Seeds 000
 * and 003 (one Xinhua story, simplified and a traditional reprint with more
 * around it) have Jaccard 0.38 and containment 0.62; two unrelated Xinhua
 * summit reports 0.11 and 0.2 from shared boilerplate. */
#define REPRINT_MIN_SIMILARITY 0.3
#define REPRINT_MIN_CONTAINMENT 0.5
#define REPRINT_MAX_LINKS 4 /* earlier reports a report is linked to, at most */

struct minhash {
	uint32_t v[MINHASH_K];
	uint64_t band[MINHASH_BANDS]; /* one key a band, band index mixed in */
	size_t shingles;               /* distinct shingles (3 tokens each) */
};

/* Signature of a folded text. */
ANNALS_WUR annals_status annals_minhash(const char *folded, size_t n, struct minhash *out);
/* The LSH band keys of a signature (annals_minhash fills them already). */
void annals_minhash_bands(struct minhash *m);
/* Estimated Jaccard similarity and containment (share of the smaller set in the
 * larger) of two signatures. */
void annals_minhash_compare(const uint32_t *a, size_t na, const uint32_t *b, size_t nb,
	double *similarity, double *containment);
int annals_reprint_is(double similarity, double containment);

/* ---- merge rule (merge.c) -------------------------------------------------- */

/* The class that decides which types merge: talks and meeting are one class;
 * phone_call and video_call only match themselves. Static string. */
const char *annals_merge_class(const char *type);
/* 1 when two dates (YYYY-MM-DD, YYYY-MM, YYYY, --MM-DD or NULL) can be one day. */
int annals_merge_date_compatible(const char *a, const char *b);
/* Specificity of a date for majority ties: 3 day, 2 month, 1 year, 0 none. */
int annals_merge_date_rank(const char *d);

/* What a candidate event looks like to the merge rule. */
struct merge_side {
	const char *type, *mdate, *time_of_day, *country, *city;
	size_t reports;
	long long id;
};
/* -1 when the record cannot join the event, else a score (higher is a better
 * fit). The caller has checked participants, class and status already. */
int annals_merge_score(const struct merge_side *event, const struct merge_side *rec);

/* ---- prepared reports (store.c) -------------------------------------------- */

struct store_actor {
	const char *name, *name_en, *country, *title, *role;
};

/* A record ready for the database: canonical actors, merge keys. */
struct store_record {
	const annals_event *e;       /* borrowed from the report's events */
	const char *mdate;           /* date, or the dateline's --MM-DD when the date is null */
	const char *pkey;            /* participants: sorted canonical names joined by '|' */
	const char *tclass;          /* annals_merge_class of the type */
	int mergeable;               /* two principals; reported, or dated */
	struct store_actor *actors;  /* canonical names */
	size_t nactors;
	struct store_actor *attendees;
	size_t nattendees;
	const char *exchanged_json;  /* or NULL */
};

/* The full-text tokens of a report's text, made on a worker so that the
 * database thread only hands them to FTS5 (store_sqlite.c replays them). */
struct store_token {
	uint32_t off, len;   /* in the pool */
	uint32_t start, end; /* bytes of the report text */
};

#define STORE_MAX_TOKENS ((size_t)16 << 20)

struct store_tokens {
	struct store_token *v;
	size_t n, cap;
	annals_buf pool;
};

struct store_prepared {
	const annals_report *r;
	char hash[17];              /* FNV-1a 64 of text and metadata, hex */
	const char *title, *outlet, *agency, *script;
	int has_doc;                /* 0: only enough to find it unchanged */
	struct minhash sig;
	struct store_tokens toks;   /* empty: the backend tokenizes itself */
	struct store_record *recs;
	size_t nrecs;
	struct annals_arena arena;  /* owns recs and their strings */
};

/* Build p (zeroed by the caller) for a report; x may be NULL (names then only
 * folded); d and ev may be NULL for a hash-only preparation. Thread-safe for
 * distinct x. Free with store_prepared_free even on failure. */
ANNALS_WUR annals_status store_prepare(struct store_prepared *p, annals_extractor *x,
	const annals_report *r, const annals_doc *d, const annals_events *ev);
void store_prepared_free(struct store_prepared *p);
/* The content hash alone. */
void store_report_hash(const annals_report *r, char out[17]);

/* ---- the backend interface ------------------------------------------------- */

/* A query after the store resolved its names. */
struct store_query {
	const char *actor[2];    /* canonical name, or what the user typed, folded */
	const char *actor_raw[2]; /* as typed: English names match name_en */
	const char *country[2];  /* ISO alpha-3 */
	const char *type, *status, *since, *until;
	long long id;
	size_t limit;
	int evidence;
};

struct store_backend {
	const char *name;
	annals_status (*open)(void **db, const char *path);
	void (*close)(void *db);
	annals_status (*begin)(void *db);
	annals_status (*commit)(void *db);
	void (*rollback)(void *db);
	annals_status (*check)(void *db, const char *id, const char *hash, annals_ingest_kind *kind);
	annals_status (*put)(void *db, const struct store_prepared *p, annals_ingest_outcome *out);
	annals_status (*events)(void *db, const struct store_query *q, annals_stored_event_fn fn,
		void *ctx);
	/* fts: a query in FTS5 syntax built by store.c */
	annals_status (*search)(void *db, const char *fts, size_t limit, annals_search_hit_fn fn,
		void *ctx);
	annals_status (*reprints)(void *db, const char *report, annals_reprint_fn fn, void *ctx);
	annals_status (*counts)(void *db, annals_store_counts *out);
	/* 1 when an actor of that canonical name or English name is stored */
	annals_status (*has_actor)(void *db, const char *name, int *found);
	/* the last error's message; db NULL: why the last open failed (this thread) */
	const char *(*errmsg)(void *db);
};

extern const struct store_backend annals_store_sqlite;

/* ---- writers (storewrite.c) ------------------------------------------------ */

/* Append s as one CSV field (quoted when it holds a comma, quote or newline). */
ANNALS_WUR annals_status annals_csv_field(annals_buf *o, const char *s, int last);

/* ---- search queries (bigram.c) --------------------------------------------- */

/* An FTS5 query for what a user typed: folded, each word a quoted phrase, a
 * trailing single CJK character made a prefix. Empty when nothing searchable. */
ANNALS_WUR annals_status annals_fts_query(const char *q, annals_buf *out);
#endif
