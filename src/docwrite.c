/* docwrite.c - renders a normalised document for `annals read`: one JSON object
 * (metadata, paragraphs with folded text and original offsets) or readable text.
 * SPDX-License-Identifier: MIT */
#include "doc.h"

#include <string.h>

static annals_status kv_str(annals_buf *o, const char *k, const char *v, int comma)
{
	annals_status st = annals_buf_printf(o, "%s\"%s\":", comma ? "," : "", k);
	if (st)
		return st;
	if (!v)
		return annals_buf_adds(o, "null");
	return annals_buf_add_json_str(o, v, strlen(v));
}

static annals_status date_str(char *out, size_t n, const annals_date *dt)
{
	if (dt->year && dt->month && dt->day)
		snprintf(out, n, "%04d-%02d-%02d", dt->year, dt->month, dt->day);
	else if (dt->month && dt->day)
		snprintf(out, n, "--%02d-%02d", dt->month, dt->day);
	else if (dt->day)
		snprintf(out, n, "---%02d", dt->day);
	else
		out[0] = '\0';
	return ANNALS_OK;
}

annals_status annals_doc_write_json(const annals_doc *d, annals_buf *o)
{
	const annals_meta *m = &d->meta;
	const annals_report *r = d->r;
	char dl[32], pub[32];
	size_t i;
	annals_status st;
	date_str(dl, sizeof dl, &m->dateline);
	date_str(pub, sizeof pub, &m->published);
	st = annals_buf_adds(o, "{");
	if (!st) st = kv_str(o, "id", r->id, 0);
	if (!st) st = kv_str(o, "encoding", r->encoding, 1);
	if (!st) st = kv_str(o, "title", m->title, 1);
	if (!st) st = kv_str(o, "outlet", m->outlet, 1);
	if (!st) st = kv_str(o, "agency", m->agency, 1);
	if (!st) st = kv_str(o, "dateline_place", m->place, 1);
	if (!st) st = kv_str(o, "dateline_date", dl[0] ? dl : NULL, 1);
	if (!st) st = kv_str(o, "reporters", m->reporters, 1);
	if (!st) st = kv_str(o, "published_in_page", pub[0] ? pub : NULL, 1);
	if (!st && m->published_hour >= 0)
		st = annals_buf_printf(o, ",\"published_time\":\"%02d:%02d\"", m->published_hour,
			m->published_minute);
	if (!st) st = kv_str(o, "published", r->published, 1);
	if (!st) st = kv_str(o, "url", r->url, 1);
	if (!st) st = annals_buf_adds(o, ",\"paragraphs\":[");
	for (i = 0; i < d->npara && !st; i++) {
		const annals_paragraph *p = &d->paras[i];
		st = annals_buf_printf(o, "%s{\"kind\":\"%s\",\"script\":\"%s\",\"start\":%zu,\"end\":%zu,"
			"\"sentences\":%zu,", i ? "," : "", annals_para_kind_str(p->kind),
			annals_script_str(p->script), p->seg.cp_start, p->seg.cp_end, p->nsentences);
		if (!st && p->duplicate_of >= 0)
			st = annals_buf_printf(o, "\"duplicate_of\":%d,", p->duplicate_of);
		if (!st)
			st = annals_buf_adds(o, "\"text\":");
		if (!st)
			st = annals_buf_add_json_str(o, d->fold.ptr + p->seg.fold_start,
				p->seg.fold_end - p->seg.fold_start);
		if (!st)
			st = annals_buf_adds(o, "}");
	}
	if (!st)
		st = annals_buf_adds(o, "]}\n");
	return st;
}

annals_status annals_doc_write_text(const annals_doc *d, annals_buf *o)
{
	const annals_meta *m = &d->meta;
	char dl[32], pub[32];
	size_t i;
	annals_status st;
	date_str(dl, sizeof dl, &m->dateline);
	date_str(pub, sizeof pub, &m->published);
	st = annals_buf_printf(o, "== %s  [%s]\n", d->r->id, d->r->encoding ? d->r->encoding : "UTF-8");
	if (!st && m->title) st = annals_buf_printf(o, "title:     %s\n", m->title);
	if (!st && (m->agency || m->place || dl[0]))
		st = annals_buf_printf(o, "dateline:  %s %s %s\n", m->agency ? m->agency : "-",
			m->place ? m->place : "-", dl[0] ? dl : "-");
	if (!st && m->reporters) st = annals_buf_printf(o, "reporters: %s\n", m->reporters);
	if (!st && m->outlet) st = annals_buf_printf(o, "outlet:    %s\n", m->outlet);
	if (!st && pub[0]) st = annals_buf_printf(o, "published: %s (in page)\n", pub);
	else if (!st && d->r->published) st = annals_buf_printf(o, "published: %s\n", d->r->published);
	for (i = 0; i < d->npara && !st; i++) {
		const annals_paragraph *p = &d->paras[i];
		st = annals_buf_printf(o, "  [%-7s %-7s] ", annals_para_kind_str(p->kind),
			annals_script_str(p->script));
		if (!st)
			st = annals_buf_add(o, d->fold.ptr + p->seg.fold_start,
				p->seg.fold_end - p->seg.fold_start);
		if (!st)
			st = annals_buf_addc(o, '\n');
	}
	return st;
}
