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

#ifdef __cplusplus
}
#endif
#endif
