/* doc.h - the normalised document's internals, shared by normalize.c (which
 * builds it), dateline.c (which reads its metadata) and the extractor.
 * SPDX-License-Identifier: MIT */
#ifndef ANNALS_DOC_H
#define ANNALS_DOC_H
#include "annals.h"

struct annals_doc {
	const annals_report *r;  /* borrowed */
	annals_buf fold;         /* folded text, paragraphs separated by '\n' */
	uint32_t *map;           /* folded byte -> original byte; fold.len + 1 entries */
	size_t map_cap;
	uint32_t *cp_ckpt;       /* code points before original byte i*64 */
	size_t ncp_ckpt;
	annals_paragraph *paras;
	size_t npara, cap_para;
	annals_segment *sents;
	size_t nsent, cap_sent;
	annals_meta meta;
	annals_buf strings;      /* NUL-separated strings that meta points into */
	size_t meta_off[6];      /* offsets of meta strings inside `strings` */
	size_t dateline_fold_s, dateline_fold_e; /* the dateline in the folded text */
	struct para_stat {        /* script counts per paragraph, gathered while folding */
		unsigned han, trad, simp, latin;
	} *pstat;
};

/* Caps that keep a hostile report from growing a document without bound. */
#define ANNALS_MAX_PARAGRAPHS 200000
#define ANNALS_MAX_SENTENCES 1000000

/* Fill d->meta from the classified paragraphs (dateline.c). */
annals_status annals_doc_find_meta(annals_doc *d);
/* Folded span -> original span, both [start,end) bytes. */
void annals_doc_span_orig(const annals_doc *d, size_t fs, size_t fe, size_t *os, size_t *oe);
/* Fill a segment's orig and cp offsets from its folded offsets. */
void annals_doc_fill_segment(const annals_doc *d, annals_segment *s);
#endif
