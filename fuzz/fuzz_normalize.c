/* fuzz_normalize.c - libFuzzer entry for the normaliser (src/normalize.c,
 * src/dateline.c, src/docwrite.c): any bytes become a report, then a document,
 * then its JSON; every paragraph and sentence must map back inside the report
 * text, and the JSON must be valid UTF-8 and parse.
 * SPDX-License-Identifier: MIT */
#include "annals.h"
#include "utf8.h"

#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A segment must lie inside both texts it points into, in all three units. */
static void check_segment(const annals_segment *s, size_t text_len, size_t ncp, size_t fold_len)
{
	if (s->orig_start > s->orig_end || s->orig_end > text_len)
		abort();
	if (s->cp_start > s->cp_end || s->cp_end > ncp)
		abort();
	if (s->fold_start > s->fold_end || s->fold_end > fold_len)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	annals_report *r = NULL;
	annals_doc *d = NULL;
	annals_buf out;
	annals_status st;
	annals_span folded;
	const annals_meta *m;
	size_t i, ncp, npara, nsent;
	json_t *j;

	annals_buf_init(&out, 0);
	st = annals_report_new(&r, "fuzz", size ? (const char *)data : "", size);
	if (st == ANNALS_E_NOMEM)
		return 0;
	if (st != ANNALS_OK)
		abort(); /* any bytes make a report: invalid ones are repaired */
	if (annals_utf8_check(r->text, r->text_len) != r->text_len)
		abort();
	st = annals_doc_new(&d, r);
	if (st != ANNALS_OK) {
		if (st != ANNALS_E_NOMEM && st != ANNALS_E_TOO_LARGE)
			abort();
		goto out;
	}
	ncp = annals_utf8_count(r->text, r->text_len);
	folded = annals_doc_folded(d);
	if (annals_doc_orig_offset(d, folded.len) > r->text_len)
		abort();
	npara = annals_doc_paragraph_count(d);
	nsent = annals_doc_sentence_count(d);
	for (i = 0; i < npara; i++) {
		const annals_paragraph *p = annals_doc_paragraph(d, i);
		check_segment(&p->seg, r->text_len, ncp, folded.len);
		if (p->first_sentence > nsent || p->nsentences > nsent - p->first_sentence)
			abort();
		if (p->duplicate_of >= (int)i || p->duplicate_of < -1)
			abort();
	}
	for (i = 0; i < nsent; i++)
		check_segment(annals_doc_sentence(d, i), r->text_len, ncp, folded.len);
	m = annals_doc_meta(d);
	if (m->dateline_cp < -1 || (m->dateline_cp >= 0 && (size_t)m->dateline_cp > ncp))
		abort();

	st = annals_doc_write_json(d, &out);
	if (st == ANNALS_OK) {
		if (annals_utf8_check(out.ptr ? out.ptr : "", out.len) != out.len)
			abort();
		j = json_loadb(out.ptr ? out.ptr : "", out.len, 0, NULL);
		if (!j)
			abort();
		json_decref(j);
	} else if (st != ANNALS_E_NOMEM && st != ANNALS_E_TOO_LARGE) {
		abort();
	}
	annals_buf_reset(&out);
	st = annals_doc_write_text(d, &out);
	if (st != ANNALS_OK && st != ANNALS_E_NOMEM && st != ANNALS_E_TOO_LARGE)
		abort();
out:
	annals_buf_free(&out);
	annals_doc_free(d);
	annals_report_free(r);
	return 0;
}
