/* test_normalize.c - the normaliser's invariants over real reports: every folded
 * code point maps back to the original code point it was folded from (or, for a
 * joining space or paragraph break, to a line break or space), spans map back
 * inside the text, and paragraphs and sentences tile the folded text in order.
 * SPDX-License-Identifier: MIT */
#include "annals.h"
#include "doc.h"
#include "harness.h"
#include "utf8.h"

#include <stdlib.h>
#include <string.h>

static int is_ws(uint32_t c)
{
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == 0x3000 || c == 0xA0 ||
		(c >= 0x2000 && c <= 0x200B) || c == 0x202F || c == 0x205F || c == 0xFEFF;
}

static void check_doc(const char *name, const char *text, size_t len)
{
	annals_report *r = NULL;
	annals_doc *d = NULL;
	annals_span f;
	size_t i, bad = 0, k, ncp;
	OK(annals_report_new(&r, name, text, len) == ANNALS_OK, "%s: report", name);
	OK(annals_doc_new(&d, r) == ANNALS_OK, "%s: doc", name);
	if (!d) {
		annals_report_free(r);
		return;
	}
	f = annals_doc_folded(d);
	ncp = annals_utf8_count(r->text, r->text_len);
	/* every folded code point maps back to its original */
	for (i = 0; i < f.len;) {
		uint32_t fc, oc;
		int n = annals_utf8_decode((const unsigned char *)f.p + i, f.len - i, &fc);
		size_t o = annals_doc_orig_offset(d, i);
		annals_utf8_decode((const unsigned char *)r->text + o, r->text_len - o, &oc);
		if (fc == '\n' || fc == ' ') {
			if (!is_ws(oc) && annals_fold_cp(oc) != fc)
				bad++;
		} else if (annals_fold_cp(oc) != fc && !(oc < 0x20 && fc == ' ')) {
			bad++;
		}
		i += (size_t)n;
	}
	INT_EQ(bad, 0);
	/* paragraphs in order, inside the text, each a fold of its original */
	for (k = 0; k < annals_doc_paragraph_count(d); k++) {
		const annals_paragraph *p = annals_doc_paragraph(d, k);
		OK(p->seg.cp_start <= p->seg.cp_end && p->seg.cp_end <= ncp,
			"%s: paragraph %zu cp span %zu-%zu of %zu", name, k, p->seg.cp_start, p->seg.cp_end, ncp);
		OK(p->seg.orig_end <= r->text_len, "%s: paragraph %zu orig end", name, k);
		if (k > 0)
			OK(annals_doc_paragraph(d, k - 1)->seg.fold_end < p->seg.fold_start,
				"%s: paragraph %zu order", name, k);
		OK(p->first_sentence + p->nsentences <= annals_doc_sentence_count(d),
			"%s: paragraph %zu sentences", name, k);
		{
			/* folding the original span, without white space, gives the folded
			 * paragraph without white space */
			annals_buf a, b;
			size_t j;
			int same;
			annals_buf_init(&a, 0);
			annals_buf_init(&b, 0);
			OK(annals_fold(r->text + p->seg.orig_start, p->seg.orig_end - p->seg.orig_start, &a) == ANNALS_OK, "fold");
			for (j = p->seg.fold_start; j < p->seg.fold_end; j++)
				if (annals_buf_addc(&b, f.p[j]))
					break;
			same = 1;
			{
				annals_buf x, y;
				annals_buf *src[2] = {&a, &b}, *dst[2] = {&x, &y};
				int t;
				for (t = 0; t < 2; t++) {
					size_t q = 0;
					annals_buf_init(dst[t], 0);
					while (q < src[t]->len) {
						uint32_t cp;
						int n = annals_utf8_decode((const unsigned char *)src[t]->ptr + q, src[t]->len - q, &cp);
						if (!is_ws(cp) && annals_buf_add(dst[t], src[t]->ptr + q, (size_t)n))
							break;
						q += (size_t)n;
					}
				}
				same = x.len == y.len && (!x.len || memcmp(x.ptr, y.ptr, x.len) == 0);
				annals_buf_free(&x);
				annals_buf_free(&y);
			}
			OK(same, "%s: paragraph %zu is not the fold of its original span", name, k);
			annals_buf_free(&a);
			annals_buf_free(&b);
		}
	}
	for (k = 0; k < annals_doc_sentence_count(d); k++) {
		const annals_segment *s = annals_doc_sentence(d, k);
		OK(s->cp_start < s->cp_end && s->cp_end <= ncp, "%s: sentence %zu span", name, k);
	}
	annals_doc_free(d);
	annals_report_free(r);
}

static char *slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *buf;
	long n;
	if (!fp)
		return NULL;
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	fseek(fp, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	if (buf && fread(buf, 1, (size_t)n, fp) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(fp);
	if (buf) {
		buf[n] = 0;
		*len = (size_t)n;
	}
	return buf;
}

int main(void)
{
	const char *shared = getenv("ANNALS_SHARED") ? getenv("ANNALS_SHARED") : "../shared";
	static const char *const seeds[] = {"000_90d79a2c7416a819", "001_1797282344cdefbc",
		"002_469096754e13f2d8", "003_8d59b7260dcf5e9f", "004_a9c9841912dcbb44"};
	char path[4096];
	size_t i, n;
	annals_reader *rd = NULL;
	annals_report *r = NULL;
	int reports = 0;
	for (i = 0; i < 5; i++) {
		char *t;
		snprintf(path, sizeof path, "%s/corpus/seeds/%s.txt", shared, seeds[i]);
		t = slurp(path, &n);
		OK(t != NULL, "read %s", path);
		if (t)
			check_doc(seeds[i], t, n);
		free(t);
	}
	/* every real dev report */
	snprintf(path, sizeof path, "%s/eval/dev/reports.jsonl", shared);
	OK(annals_reader_new(&rd, NULL) == ANNALS_OK, "reader");
	OK(annals_reader_add(rd, path) == ANNALS_OK, "add");
	while (annals_reader_next(rd, &r) == ANNALS_OK && r) {
		check_doc(r->id, r->text, r->text_len);
		reports++;
		annals_report_free(r);
	}
	INT_EQ(reports, 23);
	annals_reader_free(rd);
	/* hostile shapes: only breaks, only spaces, a line of full-width spaces */
	check_doc("breaks", "\n\n\n\r\n", 5);
	check_doc("ideographic", "\xE3\x80\x80\xE3\x80\x80\n\xE3\x80\x80x", 10);
	check_doc("one", "a", 1);
	return h_done("normalize");
}
