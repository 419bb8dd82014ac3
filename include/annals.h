/* annals.h - the one public header of libannals: read news reports on diplomacy,
 * normalise their text, extract encounter event records, store and query them.
 * The CLI (cli/) and any server use only this header. Contract for records:
 * ../shared/spec/event-record.md. Ownership is stated on every function.
 * SPDX-License-Identifier: MIT */
#ifndef ANNALS_H
#define ANNALS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define ANNALS_VERSION "0.1.0"

#if defined(__GNUC__)
#define ANNALS_WUR __attribute__((warn_unused_result))
#else
#define ANNALS_WUR
#endif

/* One status enum for the whole library; ANNALS_OK is 0. */
typedef enum annals_status {
	ANNALS_OK = 0,
	ANNALS_E_NOMEM,     /* allocation failed */
	ANNALS_E_IO,        /* open/read/write failed */
	ANNALS_E_ENCODING,  /* undecodable bytes (repaired where possible) */
	ANNALS_E_TOO_LARGE, /* a cap was hit (report size, buffer cap) */
	ANNALS_E_PARSE,     /* malformed JSON line or data file */
	ANNALS_E_USAGE,     /* bad argument */
	ANNALS_E_BINARY,    /* input looks binary */
	ANNALS_E_EMPTY,     /* input has no text */
	ANNALS_E_DB,        /* store backend error */
	ANNALS_E_NOT_FOUND  /* no such item */
} annals_status;

/* Static English text for a status; never NULL, never freed. */
const char *annals_status_str(annals_status st);

/* ---- buffers ---------------------------------------------------------------
 * annals_buf owns its bytes (always NUL-terminated once non-empty); annals_span
 * borrows bytes owned by someone else. Every annals_buf has a cap: appends past
 * `max` fail with ANNALS_E_TOO_LARGE and leave the buffer unchanged. */
typedef struct annals_buf {
	char *ptr;
	size_t len, cap, max;
} annals_buf;

typedef struct annals_span {
	const char *p;
	size_t len;
} annals_span;

#define ANNALS_BUF_DEFAULT_MAX ((size_t)1 << 30)

/* Initialise an empty buffer with a cap (0 = ANNALS_BUF_DEFAULT_MAX). Cannot fail. */
void annals_buf_init(annals_buf *b, size_t max);
ANNALS_WUR annals_status annals_buf_add(annals_buf *b, const void *p, size_t n);
ANNALS_WUR annals_status annals_buf_adds(annals_buf *b, const char *s);
ANNALS_WUR annals_status annals_buf_addc(annals_buf *b, char c);
/* Make room for `extra` more bytes (and the NUL) without changing the content. */
ANNALS_WUR annals_status annals_buf_reserve(annals_buf *b, size_t extra);
ANNALS_WUR annals_status annals_buf_printf(annals_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;
/* Append `s` as a JSON string literal (quotes included). */
ANNALS_WUR annals_status annals_buf_add_json_str(annals_buf *b, const char *s, size_t n);
/* Hand the bytes to the caller (who frees them with free()); the buffer resets. */
char *annals_buf_take(annals_buf *b);
void annals_buf_reset(annals_buf *b);
/* Release the bytes; the buffer is left empty and reusable. NULL is a no-op. */
void annals_buf_free(annals_buf *b);

/* ---- diagnostics -----------------------------------------------------------
 * Bad input is data, not failure: each problem is reported through a callback
 * with the report it belongs to and a byte offset into that report's input. */
typedef enum annals_severity { ANNALS_WARN, ANNALS_ERROR } annals_severity;

typedef struct annals_diag {
	annals_severity severity;
	annals_status code;
	const char *where;  /* report name: path, or path:line for JSONL; borrowed */
	long long offset;   /* byte offset in that input, -1 when not applicable */
	const char *message; /* borrowed, valid during the callback */
} annals_diag;

typedef void (*annals_diag_fn)(void *ctx, const annals_diag *d);

/* Print a diagnostic as "annals: WHERE: byte OFFSET: error: MESSAGE". */
void annals_diag_print(FILE *fp, const annals_diag *d);

/* ---- reports and the reader ------------------------------------------------ */

/* One report, decoded to valid UTF-8. All strings are owned by the report and
 * freed by annals_report_free; optional fields are NULL when absent. */
typedef struct annals_report {
	char *id;        /* file stem, or the JSONL "id" */
	char *where;     /* where it came from, for diagnostics */
	char *text;      /* UTF-8, NUL-terminated, no NUL inside */
	size_t text_len; /* bytes */
	char *url, *published, *outlet, *title;
	char *encoding;  /* detected source encoding, e.g. "UTF-8", "GB18030" */
	int repaired;    /* 1 when invalid bytes were replaced */
} annals_report;

/* Build a report from UTF-8 text in memory (copied). id may be NULL ("stdin").
 * Caller frees *out with annals_report_free. */
ANNALS_WUR annals_status annals_report_new(annals_report **out, const char *id,
	const char *text, size_t len);
void annals_report_free(annals_report *r);

typedef struct annals_reader_opts {
	size_t max_report_bytes; /* 0 = 16 MiB */
	annals_diag_fn diag;     /* may be NULL: diagnostics are dropped */
	void *diag_ctx;
} annals_reader_opts;

typedef struct annals_reader annals_reader;

/* Create a reader. opts may be NULL. Caller frees with annals_reader_free. */
ANNALS_WUR annals_status annals_reader_new(annals_reader **out, const annals_reader_opts *opts);
/* Queue an input: a .txt or .jsonl file, a directory (recursive, name order,
 * .txt and .jsonl only), or "-" for JSON Lines on stdin. Fails only on usage
 * (NULL path); a missing path is diagnosed when it is reached. */
ANNALS_WUR annals_status annals_reader_add(annals_reader *r, const char *path);
/* Next report. *out is NULL at the end. Problems with individual reports are
 * diagnosed and the report skipped or repaired; the return value is not OK only
 * on out-of-memory. Caller frees *out with annals_report_free. */
ANNALS_WUR annals_status annals_reader_next(annals_reader *r, annals_report **out);
/* Number of ANNALS_ERROR diagnostics so far. */
size_t annals_reader_errors(const annals_reader *r);
/* Bytes of report input consumed so far (for progress and benchmarks). */
unsigned long long annals_reader_bytes(const annals_reader *r);
void annals_reader_free(annals_reader *r);

/* ---- normalised documents --------------------------------------------------
 * The original text stays untouched; the document holds a folded view for
 * matching (traditional->simplified per character, full-width->half-width,
 * quotes unified, broken lines joined) with a map from every folded byte back
 * to the original text, split into classified paragraphs and sentences. */

typedef enum annals_para_kind {
	ANNALS_PARA_BODY = 0,
	ANNALS_PARA_TITLE,
	ANNALS_PARA_LEAD,    /* the paragraph that opens with the dateline */
	ANNALS_PARA_CAPTION,
	ANNALS_PARA_CHROME
} annals_para_kind;

typedef enum annals_script {
	ANNALS_SCRIPT_NONE = 0,
	ANNALS_SCRIPT_HANS,
	ANNALS_SCRIPT_HANT,
	ANNALS_SCRIPT_EN
} annals_script;

const char *annals_para_kind_str(annals_para_kind k);
const char *annals_script_str(annals_script s); /* "zh-Hans", "zh-Hant", "en", "none" */

/* A paragraph or sentence: a folded span and the original span it came from.
 * Offsets are bytes into the folded text / the report text; cp_* are Unicode
 * code point offsets into the report text. */
typedef struct annals_segment {
	size_t fold_start, fold_end;
	size_t orig_start, orig_end;
	size_t cp_start, cp_end;
} annals_segment;

typedef struct annals_paragraph {
	annals_segment seg;
	annals_para_kind kind;
	annals_script script;
	size_t first_sentence, nsentences; /* index range into the sentence list */
	int duplicate_of;                  /* index of an earlier identical paragraph, or -1 */
} annals_paragraph;

/* A date as far as it is known: year/month/day 0 when unknown. */
typedef struct annals_date {
	int year, month, day;
} annals_date;

/* Metadata found in the page itself. Strings are owned by the document. */
typedef struct annals_meta {
	const char *title;      /* folded (simplified) title, or NULL */
	const char *agency;     /* dateline agency as written: "新华社", "Xinhua", "中央社" */
	const char *place;      /* dateline place as written (folded) */
	annals_date dateline;   /* dateline date (month/day; year rarely) */
	const char *reporters;  /* as written, folded; NULL if none */
	const char *outlet;     /* from the report, or "来源:" in the page */
	annals_date published;  /* date written in the page (發佈時間, 2022-03-09 19:47) */
	int published_hour, published_minute; /* -1 when not written */
	long dateline_cp;       /* code point offset of the dateline, -1 if none */
} annals_meta;

typedef struct annals_doc annals_doc;

/* Normalise a report. The report is borrowed and must outlive the document.
 * Caller frees *out with annals_doc_free. */
ANNALS_WUR annals_status annals_doc_new(annals_doc **out, const annals_report *r);
void annals_doc_free(annals_doc *d);

const annals_report *annals_doc_report(const annals_doc *d);
/* The folded text (borrowed, NUL-terminated, valid while d lives). */
annals_span annals_doc_folded(const annals_doc *d);
/* Original byte offset for a folded byte offset (0..folded len inclusive). */
size_t annals_doc_orig_offset(const annals_doc *d, size_t fold_off);
/* Code point offset into the report text for an original byte offset. */
size_t annals_doc_cp_offset(const annals_doc *d, size_t orig_off);
size_t annals_doc_paragraph_count(const annals_doc *d);
const annals_paragraph *annals_doc_paragraph(const annals_doc *d, size_t i);
size_t annals_doc_sentence_count(const annals_doc *d);
const annals_segment *annals_doc_sentence(const annals_doc *d, size_t i);
const annals_meta *annals_doc_meta(const annals_doc *d);

/* Write the document (metadata and paragraphs) as one JSON object, or as
 * readable text, onto `out`. */
ANNALS_WUR annals_status annals_doc_write_json(const annals_doc *d, annals_buf *out);
ANNALS_WUR annals_status annals_doc_write_text(const annals_doc *d, annals_buf *out);

/* ---- character folding (also used by the store and the CLI) ---------------- */

/* Fold UTF-8 text for matching (same rules as the document view, no line
 * repair): appends to out. Invalid bytes become U+FFFD. */
ANNALS_WUR annals_status annals_fold(const char *s, size_t n, annals_buf *out);
/* Fold one code point; returns the folded code point (may be the same). */
uint32_t annals_fold_cp(uint32_t cp);

/* ---- event records ---------------------------------------------------------
 * All strings of a record are owned by the annals_events list that holds it and
 * freed by annals_events_free. NULL means absent/null. */

typedef struct annals_actor {
	const char *name;    /* canonical, simplified script */
	const char *name_en;
	const char *country; /* ISO 3166-1 alpha-3 */
	const char *title;   /* as stated, simplified script */
	const char *role;    /* "host", "guest" or NULL */
} annals_actor;

typedef struct annals_place {
	const char *country, *city, *city_en, *venue, *venue_en;
} annals_place;

typedef struct annals_document {
	const char *title; /* without 《》, simplified */
	const char *kind;  /* joint_statement, treaty, agreement, memorandum, plan, ... */
} annals_document;

typedef struct annals_exchanged {
	int count;           /* 0 when not stated */
	const char *approx;  /* "exact", "more_than", "about" */
	const char **areas;
	size_t nareas;
} annals_exchanged;

typedef struct annals_evidence {
	size_t start, end; /* code points into the report text */
} annals_evidence;

typedef struct annals_event {
	const char *doc;
	const char *type;        /* talks, meeting, phone_call, video_call, ... */
	const char *status;      /* reported, recalled, planned */
	const char *cameo;
	const char *date;        /* YYYY-MM-DD, YYYY-MM, YYYY, or NULL */
	const char *date_basis;  /* text, dateline, published, anniversary, none */
	const char *time_of_day; /* morning, noon, afternoon, evening, or NULL */
	annals_place place;
	annals_actor *actors;
	size_t nactors;
	annals_actor *attendees; /* name and country only */
	size_t nattendees;
	annals_document *documents;
	size_t ndocuments;
	annals_exchanged *exchanged; /* NULL when absent */
	annals_evidence *evidence;
	size_t nevidence;
} annals_event;

typedef struct annals_events annals_events;

size_t annals_events_count(const annals_events *ev);
const annals_event *annals_events_get(const annals_events *ev, size_t i);
void annals_events_free(annals_events *ev);

/* Append one record as a single JSON line (with trailing newline). */
ANNALS_WUR annals_status annals_event_write_json(const annals_event *e, annals_buf *out);

/* ---- the extractor ---------------------------------------------------------
 * Holds the lexicons (countries, titles, people, places, venues, event words,
 * anniversaries) compiled into a matcher. Built once, used for many documents;
 * not thread-safe per instance. */
typedef struct annals_extractor annals_extractor;

typedef struct annals_extract_opts {
	const char *published; /* YYYY-MM-DD fallback publication date, or NULL */
} annals_extract_opts;

ANNALS_WUR annals_status annals_extractor_new(annals_extractor **out);
void annals_extractor_free(annals_extractor *x);
/* Extract the encounter events of a document. opts may be NULL. Caller frees
 * *out with annals_events_free. */
ANNALS_WUR annals_status annals_extract(annals_extractor *x, const annals_doc *d,
	const annals_extract_opts *opts, annals_events **out);

/* Canonical person for any known name form (普丁, Putin, 普京 -> 普京), or NULL.
 * The returned strings are owned by the extractor. */
ANNALS_WUR annals_status annals_extractor_lookup_person(annals_extractor *x,
	const char *name, const char **canonical, const char **name_en, const char **country);

/* ---- the store --------------------------------------------------------------
 * A database (SQLite, one file) of reports, their event records and EVENTS: one
 * event per real encounter, merged from the records of every report that tells
 * it, with reprints (near-duplicate reports) linked and the text searchable in
 * either script. Schema, merge rule and tokenizer: docs/store.md. A store handle
 * is used by one thread at a time. Strings handed to callbacks are borrowed and
 * valid only during the callback. */
typedef struct annals_store annals_store;

/* Open the database at path, creating it (and its schema) when missing.
 * Caller frees *out with annals_store_close. Example:
 *     annals_store *s; if (annals_store_open(&s, "annals.db") == ANNALS_OK) ... */
ANNALS_WUR annals_status annals_store_open(annals_store **out, const char *path);
/* Close the store; an open batch is rolled back. NULL is a no-op. */
void annals_store_close(annals_store *s);
/* The backend's message for the last error on s ("" if none); s NULL: why the
 * last annals_store_open on this thread failed. Borrowed, static or valid
 * until the next call on s. */
const char *annals_store_errmsg(const annals_store *s);
/* Lend the store an extractor (borrowed: it must outlive its use, or be unset
 * with NULL) to resolve names in any script or transliteration: actors of
 * records at ingest and --actor in queries (普丁 = 普京 = Putin). Without one,
 * names are only folded (traditional to simplified). */
void annals_store_set_extractor(annals_store *s, annals_extractor *x);

/* A batch: every ingest between begin and commit is one transaction, so a crash
 * keeps all of the batch or none of it. Ingest outside a batch commits alone. */
ANNALS_WUR annals_status annals_store_begin(annals_store *s);
ANNALS_WUR annals_status annals_store_commit(annals_store *s);
/* Drop the open batch (no-op without one). */
void annals_store_rollback(annals_store *s);

typedef enum annals_ingest_kind {
	ANNALS_INGEST_NEW = 0,  /* id not stored before */
	ANNALS_INGEST_CHANGED,  /* id stored with other text or metadata: replaced */
	ANNALS_INGEST_UNCHANGED /* stored as is: nothing written */
} annals_ingest_kind;

typedef struct annals_ingest_outcome {
	annals_ingest_kind kind;
	size_t records;    /* records stored for the report */
	size_t new_events; /* events the report's records created */
	size_t reprints;   /* reprint links made to earlier reports */
} annals_ingest_outcome;

/* How a report stands against the store, without reading it further: a caller
 * can skip normalising and extracting reports that are already stored. */
ANNALS_WUR annals_status annals_store_check(annals_store *s, const annals_report *r,
	annals_ingest_kind *kind);
/* Store one report with its document and records (all borrowed): replaces the
 * report's earlier version and its records, merges each record into an event
 * and links reprints. d and ev may be NULL when annals_store_check said
 * UNCHANGED. On failure the batch should be rolled back. */
ANNALS_WUR annals_status annals_store_ingest(annals_store *s, const annals_report *r,
	const annals_doc *d, const annals_events *ev, annals_ingest_outcome *out);

typedef struct annals_ingest_stats {
	size_t reports, new_reports, changed, unchanged, failed;
	size_t records, new_events;       /* written by this run */
	unsigned long long bytes;         /* input bytes consumed */
	unsigned long long total_bytes;   /* known input size, 0 when unknown */
	double seconds;
} annals_ingest_stats;

typedef void (*annals_ingest_progress_fn)(void *ctx, const annals_ingest_stats *st);

typedef struct annals_ingest_opts {
	size_t batch;     /* reports a transaction; 0 = 500 */
	int threads;      /* workers that normalise and extract; 0 = one a CPU (max 4), 1 = none */
	const char *published;              /* as annals_extract_opts.published */
	unsigned long long total_bytes;     /* input size for progress, 0 = unknown */
	annals_ingest_progress_fn progress; /* called after each report; may be NULL */
	void *progress_ctx;
	annals_diag_fn diag;                /* a report that failed to extract; may be NULL */
	void *diag_ctx;
} annals_ingest_opts;

/* Read every report of rd and ingest it in batches (normalising and extracting
 * on worker threads, writing in input order on this one). Stops on a store or
 * memory error (the open batch is rolled back; what was committed stays and a
 * rerun finishes the job). opts may be NULL. */
ANNALS_WUR annals_status annals_store_ingest_reader(annals_store *s, annals_reader *rd,
	const annals_ingest_opts *opts, annals_ingest_stats *out);

/* Events. A query's fields are ANDed; NULL/0 fields do not filter. */
typedef struct annals_event_query {
	const char *actor, *actor2;     /* persons, any script or transliteration */
	const char *country, *country2; /* ISO alpha-3 or a country name: an actor of it */
	const char *type;               /* talks, meeting, phone_call, video_call, ... */
	const char *status;             /* reported, recalled, planned */
	const char *since, *until;      /* YYYY[-MM[-DD]], inclusive; undated events drop out */
	long long id;                   /* one event */
	size_t limit;                   /* 0 = all */
	int evidence;                   /* load evidence sentences with marks (for show) */
} annals_event_query;

/* A report an event was read from. */
typedef struct annals_stored_source {
	const char *report; /* report id */
	const char *outlet, *url, *published, *title;
	const char *type, *date, *time_of_day; /* what this report said */
	long long record;   /* the record's id in the store */
} annals_stored_source;

/* A span of an evidence sentence that names a field of the event. */
typedef struct annals_mark {
	size_t start, end;  /* bytes into the sentence text */
	const char *field;  /* "actor", "place" */
} annals_mark;

typedef struct annals_stored_evidence {
	const char *report;
	size_t start, end;  /* code points into the report text */
	const char *text;   /* the sentence as written; NULL unless asked for */
	const annals_mark *marks;
	size_t nmarks;
} annals_stored_evidence;

/* One value of a field on which sources disagree, and who said it. */
typedef struct annals_stored_value {
	const char *value;
	const char **reports;
	size_t nreports;
} annals_stored_value;

typedef struct annals_disagreement {
	const char *field; /* "type", "date", "time_of_day", "place.country", "place.city", "place.venue" */
	const annals_stored_value *values; /* most reports first */
	size_t nvalues;
} annals_disagreement;

typedef struct annals_stored_event {
	long long id;
	annals_event ev; /* the merged record: majority values; ev.doc is the first source */
	size_t nreports;
	const annals_stored_source *sources;
	size_t nsources;
	const annals_stored_evidence *evidence;
	size_t nevidence;
	const annals_disagreement *disagreements;
	size_t ndisagreements;
} annals_stored_event;

/* Return nonzero to stop the walk. */
typedef int (*annals_stored_event_fn)(void *ctx, const annals_stored_event *e);

/* Call fn for each event matching q (NULL = all), by date (undated last) then
 * id. ANNALS_E_NOT_FOUND when q->id names no event. */
ANNALS_WUR annals_status annals_store_events(annals_store *s, const annals_event_query *q,
	annals_stored_event_fn fn, void *ctx);

typedef enum annals_name_kind {
	ANNALS_NAME_UNKNOWN = 0,
	ANNALS_NAME_ACTOR,  /* *canonical: the person's canonical name */
	ANNALS_NAME_COUNTRY /* *canonical: ISO alpha-3 */
} annals_name_kind;

/* What a name denotes: a stored or known person, or a country (code or name).
 * *canonical is borrowed from the store, valid until the next call. */
ANNALS_WUR annals_status annals_store_resolve(annals_store *s, const char *name,
	annals_name_kind *kind, const char **canonical);

/* Full-text search. query: words in any script (folded as the text is); all
 * must occur; "quoted phrases" keep their order. */
typedef struct annals_search_hit {
	const char *report, *title, *outlet, *url, *published;
	const char *snippet; /* from the original text, matches in [brackets] */
} annals_search_hit;

typedef int (*annals_search_hit_fn)(void *ctx, const annals_search_hit *h);

/* Call fn for each report matching query, last stored first; limit 0 = all. */
ANNALS_WUR annals_status annals_store_search(annals_store *s, const char *query, size_t limit,
	annals_search_hit_fn fn, void *ctx);

typedef struct annals_reprint {
	const char *a, *b;  /* report ids, a stored before b */
	double similarity;  /* estimated Jaccard similarity of the folded texts' shingles */
	double containment; /* estimated share of the shorter text found in the other */
} annals_reprint;

typedef int (*annals_reprint_fn)(void *ctx, const annals_reprint *p);

/* Reprint pairs involving report id (NULL = all pairs). */
ANNALS_WUR annals_status annals_store_reprints(annals_store *s, const char *report,
	annals_reprint_fn fn, void *ctx);

typedef struct annals_store_counts {
	size_t reports, records, events, reprints, actors, places, documents;
} annals_store_counts;

ANNALS_WUR annals_status annals_store_counts_get(annals_store *s, annals_store_counts *out);

/* Writers (append to out). JSON: one object and a newline; the fields of the
 * record contract plus id, reports, sources, outlets, urls, evidence and
 * disagreements (docs/store.md). CSV: RFC 4180 rows, columns in docs/store.md. */
ANNALS_WUR annals_status annals_stored_event_write_json(const annals_stored_event *e,
	annals_buf *out);
ANNALS_WUR annals_status annals_stored_event_csv_header(annals_buf *out);
ANNALS_WUR annals_status annals_stored_event_write_csv(const annals_stored_event *e,
	annals_buf *out);
ANNALS_WUR annals_status annals_search_hit_write_json(const annals_search_hit *h,
	annals_buf *out);
ANNALS_WUR annals_status annals_search_hit_write_csv(const annals_search_hit *h,
	annals_buf *out);
/* The Goldstein scale weight of a CAMEO code (the standard table); 0 and *known
 * = 0 for codes not in it. */
double annals_goldstein(const char *cameo, int *known);

#ifdef __cplusplus
}
#endif
#endif
