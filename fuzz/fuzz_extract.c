/* fuzz_extract.c - libFuzzer entry for the extractor (src/extract.c and the
 * modules it calls): any bytes become a report, a document and its events, each
 * written as a JSON line. A leading 0x01 byte sets the published-date fallback.
 * Every evidence span must lie inside the report text, in code points.
 * SPDX-License-Identifier: MIT */
#include "annals.h"
#include "utf8.h"

#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Building the matcher costs far more than one input: it is built once and
 * lives for the process, as in the CLI. */
static annals_extractor *extractor(void)
{
	static annals_extractor *x;
	if (!x && annals_extractor_new(&x) != ANNALS_OK)
		abort();
	return x;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	annals_report *r = NULL;
	annals_doc *d = NULL;
	annals_events *ev = NULL;
	annals_extract_opts eo = {0};
	annals_buf out;
	annals_status st;
	size_t i, k, ncp;
	annals_extractor *x = extractor();

	if (size && data[0] == 0x01) {
		eo.published = "2024-05-08";
		data++;
		size--;
	}
	annals_buf_init(&out, 0);
	st = annals_report_new(&r, "fuzz", size ? (const char *)data : "", size);
	if (st == ANNALS_E_NOMEM)
		return 0;
	if (st != ANNALS_OK)
		abort();
	st = annals_doc_new(&d, r);
	if (st == ANNALS_OK)
		st = annals_extract(x, d, &eo, &ev);
	if (st != ANNALS_OK) {
		if (st != ANNALS_E_NOMEM && st != ANNALS_E_TOO_LARGE)
			abort();
		goto out;
	}
	ncp = annals_utf8_count(r->text, r->text_len);
	for (i = 0; i < annals_events_count(ev); i++) {
		const annals_event *e = annals_events_get(ev, i);
		json_t *j;
		if (!e)
			abort();
		for (k = 0; k < e->nevidence; k++)
			if (e->evidence[k].start > e->evidence[k].end || e->evidence[k].end > ncp)
				abort();
		annals_buf_reset(&out);
		st = annals_event_write_json(e, &out);
		if (st == ANNALS_E_NOMEM || st == ANNALS_E_TOO_LARGE)
			continue;
		if (st != ANNALS_OK || !out.len || out.ptr[out.len - 1] != '\n')
			abort();
		if (annals_utf8_check(out.ptr, out.len) != out.len)
			abort();
		j = json_loadb(out.ptr, out.len, 0, NULL);
		if (!j)
			abort();
		json_decref(j);
	}
	if (annals_events_get(ev, annals_events_count(ev)) != NULL)
		abort();
out:
	annals_buf_free(&out);
	annals_events_free(ev);
	annals_doc_free(d);
	annals_report_free(r);
	return 0;
}
