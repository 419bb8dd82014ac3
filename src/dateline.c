/* dateline.c - report metadata found in the page itself: the dateline (agency,
 * place, month/day: 新华社莫斯科5月8日电, (中央社记者张淑伶上海5日电),
 * KAZAN, Russia, Oct. 22 (Xinhua) --), reporters, the title, the outlet, and a
 * publication date written in page chrome (發佈時間:2024-10-23 08:59:26).
 * SPDX-License-Identifier: MIT */
#include "doc.h"
#include "numeral.h"
#include "utf8.h"

#include <stdlib.h>
#include <string.h>

#define PREFIX_CP 240 /* a dateline sits within the first code points of a paragraph */

struct cpv {
	uint32_t c[PREFIX_CP];
	size_t off[PREFIX_CP + 1]; /* folded byte offsets */
	size_t n;
};

static void load_cpv(const annals_doc *d, size_t fs, size_t fe, struct cpv *v)
{
	size_t i = fs;
	v->n = 0;
	while (i < fe && v->n < PREFIX_CP) {
		uint32_t c;
		int k = annals_utf8_decode((const unsigned char *)d->fold.ptr + i, fe - i, &c);
		v->off[v->n] = i;
		v->c[v->n++] = c;
		i += (size_t)k;
	}
	v->off[v->n] = i;
}

static int cp_is_han(uint32_t c)
{
	return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF);
}

/* Does v at position i spell the UTF-8 word w? Returns its length in code points. */
static size_t at_word(const struct cpv *v, size_t i, const char *w)
{
	size_t k = 0;
	const unsigned char *p = (const unsigned char *)w;
	size_t n = strlen(w), j = 0;
	while (j < n) {
		uint32_t c;
		int len = annals_utf8_decode(p + j, n - j, &c);
		if (i + k >= v->n || v->c[i + k] != c)
			return 0;
		j += (size_t)len;
		k++;
	}
	return k;
}

static const char *const agencies[] = {
	"新华社", "中新社", "中新网", "中央社", "人民网", "人民日报", "央视网", "央视新闻",
	"国际在线", "环球网", "中国新闻网", "中通社", "本报", "路透社", "法新社", "美联社",
	"塔斯社", "俄新社", "卫星通讯社", "共同社", "韩联社", "联合早报", "星岛", "大公网",
	"香港文汇报", "文汇报", "香港商报", "明报", "联合报", "自由时报", "东方日报", "南洋商报",
	"星洲日报", NULL};

static size_t match_agency(const struct cpv *v, size_t i, const char **which)
{
	int k;
	for (k = 0; agencies[k]; k++) {
		size_t n = at_word(v, i, agencies[k]);
		if (n) {
			*which = agencies[k];
			return n;
		}
	}
	return 0;
}

struct found {
	size_t agency_s, agency_e; /* cp indices, equal when absent */
	size_t place_s, place_e;
	size_t rep_s, rep_e;
	int month, day, year;
	size_t start;              /* cp index where the dateline starts */
	size_t end;                /* cp index just past it */
};

static size_t dateline_end(const struct cpv *v, const struct found *f)
{
	return f->end > f->start && f->end <= v->n ? f->end : f->start;
}

/* Chinese datelines: [(] [AGENCY] [记者 NAME] [PLACE] [N月] N日 电|讯|综合电|专电 [)] [(记者 …)] */
static int chinese_dateline(const struct cpv *v, struct found *f)
{
	size_t i, k;
	const char *ag = NULL;
	for (i = 1; i + 1 < v->n && i < 120; i++) {
		size_t end, j, ds, ms = 0, ps, pe, s0;
		int day, month = 0;
		if (v->c[i] != 0x65E5) /* 日 */
			continue;
		end = i + 1;
		if (v->c[end] == 0x7EFC && end + 1 < v->n && v->c[end + 1] == 0x5408) /* 综合 */
			end += 2;
		else if (v->c[end] == 0x4E13) /* 专 */
			end += 1;
		if (end + 2 < v->n && v->c[end] == 0x5916 && v->c[end + 1] == 0x7535 && /* 外电报导/报道 */
			v->c[end + 2] == 0x62A5)
			end += 2;
		if (end + 1 < v->n && v->c[end] == 0x62A5 && (v->c[end + 1] == 0x5BFC ||
			v->c[end + 1] == 0x9053)) /* 报导 报道: (中央社华盛顿25日综合外电报导) */
			end += 1;
		else if (end >= v->n || (v->c[end] != 0x7535 && v->c[end] != 0x8BAF)) /* 电 讯 */
			continue;
		/* day */
		j = i;
		while (j > 0 && annals_numeral_is_digit(v->c[j - 1]) && i - j < 4)
			j--;
		if (j == i || !annals_numeral_parse_cp(v->c + j, i - j, &day) || day < 1 || day > 31)
			continue;
		ds = j;
		pe = ds;
		if (ds > 0 && v->c[ds - 1] == 0x6708) { /* 月 */
			size_t m = ds - 1;
			while (m > 0 && annals_numeral_is_digit(v->c[m - 1]) && ds - 1 - m < 3)
				m--;
			if (m < ds - 1 && annals_numeral_parse_cp(v->c + m, ds - 1 - m, &month) &&
				month >= 1 && month <= 12) {
				ms = m;
				pe = m;
			} else {
				month = 0;
			}
		}
		(void)ms;
		/* the start: an opening parenthesis, or the paragraph start */
		s0 = pe;
		while (s0 > 0 && v->c[s0 - 1] != '(' && v->c[s0 - 1] != ')' &&
			v->c[s0 - 1] != ' ' && v->c[s0 - 1] != 0x3002 && v->c[s0 - 1] != ',' &&
			pe - s0 < 40)
			s0--;
		f->start = s0 > 0 && v->c[s0 - 1] == '(' ? s0 - 1 : s0;
		ps = s0;
		f->agency_s = f->agency_e = ps;
		k = match_agency(v, ps, &ag);
		if (k) {
			f->agency_e = ps + k;
			ps += k;
		}
		f->rep_s = f->rep_e = 0;
		if (at_word(v, ps, "记者")) {
			/* a reporter's name (2-3 characters) stands before the place */
			size_t left = pe - (ps + 2);
			size_t nm = left >= 5 ? 3 : (left >= 4 ? 2 : left);
			f->rep_s = ps + 2;
			f->rep_e = ps + 2 + nm;
			ps = f->rep_e;
		}
		while (ps < pe && !cp_is_han(v->c[ps]))
			ps++;
		f->place_s = ps;
		f->place_e = pe;
		f->day = day;
		f->month = month;
		f->year = 0;
		/* reporters in parentheses after the dateline: (记者 郝薇薇 黄河) */
		end++;
		if (end < v->n && v->c[end] == ')')
			end++;
		f->end = end;
		if (end + 2 < v->n && v->c[end] == '(' && at_word(v, end + 1, "记者")) {
			size_t q = end + 3;
			while (q < v->n && v->c[q] != ')' && q - end < 40)
				q++;
			if (q < v->n) {
				f->rep_s = end + 3;
				f->rep_e = q;
				f->end = q + 1;
			}
		}
		return 1;
	}
	return 0;
}

static int month_from_en(const struct cpv *v, size_t i, size_t *len)
{
	static const char *const names[] = {"January", "February", "March", "April", "May",
		"June", "July", "August", "September", "October", "November", "December"};
	static const char *const abbr[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul",
		"Aug", "Sept", "Oct", "Nov", "Dec"};
	int m;
	for (m = 0; m < 12; m++) {
		size_t n = at_word(v, i, names[m]);
		if (n) {
			*len = n;
			return m + 1;
		}
	}
	for (m = 0; m < 12; m++) {
		size_t n = at_word(v, i, abbr[m]);
		if (!n && m == 8)
			n = at_word(v, i, "Sep");
		if (n) {
			if (i + n < v->n && v->c[i + n] == '.')
				n++;
			*len = n;
			return m + 1;
		}
	}
	return 0;
}

/* English datelines: KAZAN, Russia, Oct. 22 (Xinhua) -- / SOCHI/WASHINGTON, December 7. /TASS/. */
static int english_dateline(const struct cpv *v, struct found *f)
{
	size_t i = 0, pe, j, mlen = 0;
	int month, day;
	/* the place: capitals (MOSCOW), or Title Case words (Woodside, California) */
	while (i < v->n && ((v->c[i] >= 'A' && v->c[i] <= 'Z') || v->c[i] == ' ' ||
		v->c[i] == '/' || v->c[i] == '.' || v->c[i] == '\'' || v->c[i] == '-' ||
		(i > 0 && v->c[i] >= 'a' && v->c[i] <= 'z')))
		i++;
	if (i < 2 || i >= v->n || !(v->c[0] >= 'A' && v->c[0] <= 'Z'))
		return 0;
	if (v->c[i] == '(' && i >= 3 && v->c[i - 1] == ' ') {
		/* "MOSCOW (AP) —": a place and an agency, no date */
		size_t k = i + 1;
		while (k < v->n && v->c[k] != ')' && k - i < 20)
			k++;
		if (k >= v->n || k - i < 2 || !(v->c[1] >= 'A' && v->c[1] <= 'Z'))
			return 0;
		memset(f, 0, sizeof *f);
		f->place_s = 0;
		f->place_e = i - 1;
		f->agency_s = i + 1;
		f->agency_e = k;
		f->end = k + 1;
		return 1;
	}
	if (v->c[i] != ',')
		return 0;
	pe = i;
	j = i + 1;
	while (j < v->n && v->c[j] == ' ')
		j++;
	month = month_from_en(v, j, &mlen);
	if (!month) {
		/* "KAZAN, Russia, Oct. 22": a country between the city and the date */
		size_t k = j;
		while (k < v->n && v->c[k] != ',' && k - j < 30)
			k++;
		if (k >= v->n)
			return 0;
		pe = k;
		j = k + 1;
		while (j < v->n && v->c[j] == ' ')
			j++;
		month = month_from_en(v, j, &mlen);
		if (!month)
			return 0;
	}
	j += mlen;
	while (j < v->n && v->c[j] == ' ')
		j++;
	if (!annals_numeral_parse_cp(v->c + j, v->n - j, &day) || day < 1 || day > 31)
		return 0;
	memset(f, 0, sizeof *f);
	f->place_s = 0;
	f->place_e = pe;
	f->month = month;
	f->day = day;
	while (j < v->n && v->c[j] >= '0' && v->c[j] <= '9')
		j++;
	if (j + 5 < v->n && v->c[j] == ',' && v->c[j + 1] == ' ') {
		int y;
		if (annals_numeral_parse_cp(v->c + j + 2, 4, &y) && y > 1900 && y < 2200) {
			f->year = y;
			j += 6;
		}
	}
	while (j < v->n && (v->c[j] == ' ' || v->c[j] == '.'))
		j++;
	if (j < v->n && (v->c[j] == '(' || v->c[j] == '/')) {
		size_t k = j + 1;
		while (k < v->n && v->c[k] != ')' && v->c[k] != '/' && k - j < 30)
			k++;
		f->agency_s = j + 1;
		f->agency_e = k;
		f->end = k + 1;
		while (f->end < v->n && (v->c[f->end] == ' ' || v->c[f->end] == '-' ||
			v->c[f->end] == '/' || v->c[f->end] == '.' || v->c[f->end] == 0x2014))
			f->end++;
		return 1;
	}
	return 0;
}

/* "(首尔综合电)", "(北京讯)": a place and a wire mark in brackets, no date. */
static int bracket_dateline(const struct cpv *v, struct found *f)
{
	size_t i;
	if (v->n < 4 || v->c[0] != '(')
		return 0;
	for (i = 2; i < v->n && i < 16; i++) {
		if (v->c[i] != ')')
			continue;
		if (v->c[i - 1] != 0x7535 && v->c[i - 1] != 0x8BAF) /* 电 讯 */
			return 0;
		memset(f, 0, sizeof f[0]);
		f->place_s = 1;
		f->place_e = i - 1;
		if (f->place_e >= 3 && v->c[f->place_e - 1] == 0x5408 && v->c[f->place_e - 2] == 0x7EFC)
			f->place_e -= 2; /* 综合 */
		f->end = i + 1;
		return f->place_e > f->place_s;
	}
	return 0;
}

/* "香港文汇报讯 据新华社报道": an outlet's own dateline without place or date. */
static int outlet_dateline(const struct cpv *v, struct found *f)
{
	size_t i;
	for (i = 2; i < v->n && i < 16; i++) {
		if (v->c[i] == 0x8BAF && (v->c[i - 1] == 0x62A5 || v->c[i - 1] == 0x793E)) {
			memset(f, 0, sizeof *f);
			f->agency_s = 0;
			while (f->agency_s < i && !cp_is_han(v->c[f->agency_s]))
				f->agency_s++;
			f->agency_e = i;
			f->end = i + 1;
			return 1;
		}
	}
	return 0;
}

static int is_digit(char c) { return c >= '0' && c <= '9'; }

static const char *const mon3[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug",
	"Sep", "Oct", "Nov", "Dec"};

/* English page dates: "June 25, 2024", "Jun 25, 2024", "29-May-2024", "18/02/2025"
 * (day first only when it cannot be a month). */
static int find_pubdate_en(const char *s, size_t n, annals_date *dt)
{
	size_t i;
	for (i = 0; i + 8 <= n; i++) {
		int m, k, d = 0, y = 0;
		const char *p, *e = s + n;
		if (i > 0 && ((s[i - 1] | 0x20) >= 'a' && (s[i - 1] | 0x20) <= 'z'))
			continue;
		for (m = 0; m < 12; m++)
			if (strncmp(s + i, mon3[m], 3) == 0)
				break;
		if (m < 12) {
			/* Month D, YYYY */
			p = s + i + 3;
			while (p < e && ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z'))
				p++;
			if (p < e && *p == '.')
				p++;
			while (p < e && *p == ' ')
				p++;
			if (annals_numeral_parse(&p, e, &d) && d >= 1 && d <= 31 && e - p >= 6 &&
				p[0] == ',' && p[1] == ' ') {
				p += 2;
				if (annals_numeral_parse(&p, e, &y) && y >= 1990 && y <= 2100) {
					dt->year = y;
					dt->month = m + 1;
					dt->day = d;
					return 1;
				}
			}
			continue;
		}
		if (!is_digit(s[i]) || (i > 0 && is_digit(s[i - 1])))
			continue;
		p = s + i;
		if (!annals_numeral_parse(&p, e, &d) || d < 1 || d > 31 || p >= e)
			continue;
		if (*p == ' ' && e - p >= 9) {
			/* 1 December 2022 */
			const char *q = p + 1;
			for (k = 0; k < 12; k++)
				if (strncmp(q, mon3[k], 3) == 0)
					break;
			if (k < 12) {
				while (q < e && ((*q | 0x20) >= 'a' && (*q | 0x20) <= 'z'))
					q++;
				while (q < e && *q == ' ')
					q++;
				if (annals_numeral_parse(&q, e, &y) && y >= 1990 && y <= 2100) {
					dt->year = y;
					dt->month = k + 1;
					dt->day = d;
					return 1;
				}
			}
		} else if (*p == '-' && e - p >= 9) {
			/* 29-May-2024 */
			for (k = 0; k < 12; k++)
				if (strncmp(p + 1, mon3[k], 3) == 0 && p[4] == '-')
					break;
			if (k < 12) {
				const char *q = p + 5;
				if (annals_numeral_parse(&q, e, &y) && y >= 1990 && y <= 2100) {
					dt->year = y;
					dt->month = k + 1;
					dt->day = d;
					return 1;
				}
			}
		} else if (*p == '/' && d > 12) {
			/* 18/02/2025: a day above 12 tells the order */
			const char *q = p + 1;
			if (annals_numeral_parse(&q, e, &m) && m >= 1 && m <= 12 && q < e && *q == '/') {
				q++;
				if (annals_numeral_parse(&q, e, &y) && y >= 1990 && y <= 2100) {
					dt->year = y;
					dt->month = m;
					dt->day = d;
					return 1;
				}
			}
		}
	}
	return 0;
}

/* A written publication date: 2024-10-23 08:59:26, 2017-10-26, 2023年8月23日 07:02. */
static int find_pubdate(const char *s, size_t n, annals_date *dt, int *hh, int *mm)
{
	size_t i;
	for (i = 0; i + 8 <= n; i++) {
		const char *p = s + i, *e = s + n;
		int y, m, dd;
		if (!(is_digit(p[0]) && is_digit(p[1]) && is_digit(p[2]) && is_digit(p[3])))
			continue;
		if (i > 0 && is_digit(s[i - 1]))
			continue;
		if (!annals_numeral_parse(&p, e, &y) || y < 1990 || y > 2100)
			continue;
		if (p < e && (*p == '-' || *p == '/' || *p == '.'))
			p++;
		else if (e - p >= 3 && memcmp(p, "年", 3) == 0)
			p += 3;
		else
			continue;
		if (!annals_numeral_parse(&p, e, &m) || m < 1 || m > 12)
			continue;
		if (p < e && (*p == '-' || *p == '/' || *p == '.'))
			p++;
		else if (e - p >= 3 && memcmp(p, "月", 3) == 0)
			p += 3;
		else
			continue;
		if (!annals_numeral_parse(&p, e, &dd) || dd < 1 || dd > 31)
			continue;
		if (e - p >= 3 && memcmp(p, "日", 3) == 0)
			p += 3;
		dt->year = y;
		dt->month = m;
		dt->day = dd;
		while (p < e && *p == ' ')
			p++;
		if (e - p >= 4 && is_digit(p[0]) && (p[1] == ':' || (is_digit(p[1]) && p[2] == ':'))) {
			int h, mi;
			if (annals_numeral_parse(&p, e, &h) && p < e && *p == ':' && (p++, 1) &&
				annals_numeral_parse(&p, e, &mi) && h < 24 && mi < 60) {
				*hh = h;
				*mm = mi;
			}
		}
		return 1;
	}
	return 0;
}

static annals_status save_str(annals_doc *d, int slot, const char *s, size_t n)
{
	annals_status st;
	d->meta_off[slot] = d->strings.len + 1;
	st = annals_buf_add(&d->strings, s, n);
	if (!st)
		st = annals_buf_addc(&d->strings, '\0');
	return st;
}

static const char *slot_ptr(const annals_doc *d, int slot)
{
	return d->meta_off[slot] ? d->strings.ptr + d->meta_off[slot] - 1 : NULL;
}

enum { S_TITLE, S_AGENCY, S_PLACE, S_REPORTERS, S_OUTLET };

static annals_status save_cp_range(annals_doc *d, int slot, const struct cpv *v, size_t a, size_t b)
{
	while (a < b && v->c[a] == ' ')
		a++;
	while (b > a && v->c[b - 1] == ' ')
		b--;
	if (b <= a)
		return ANNALS_OK;
	return save_str(d, slot, d->fold.ptr + v->off[a], v->off[b] - v->off[a]);
}

annals_status annals_doc_find_meta(annals_doc *d)
{
	annals_meta *m = &d->meta;
	annals_status st = ANNALS_OK;
	size_t i, lead = (size_t)-1, looked = 0;
	struct cpv *v = malloc(sizeof *v);
	if (!v)
		return ANNALS_E_NOMEM;
	memset(m, 0, sizeof *m);
	memset(d->meta_off, 0, sizeof d->meta_off);
	m->published_hour = m->published_minute = -1;
	m->dateline_cp = -1;
	/* the dateline: in the first body paragraphs */
	for (i = 0; i < d->npara && looked < 8 && lead == (size_t)-1; i++) {
		annals_paragraph *p = &d->paras[i];
		struct found f;
		if (p->kind == ANNALS_PARA_CHROME)
			continue;
		looked++;
		load_cpv(d, p->seg.fold_start, p->seg.fold_end, v);
		memset(&f, 0, sizeof f);
		if (chinese_dateline(v, &f) || english_dateline(v, &f) || bracket_dateline(v, &f) ||
			outlet_dateline(v, &f)) {
			if (p->kind == ANNALS_PARA_CAPTION)
				continue; /* a caption may repeat the lead's words but is not the lead */
			lead = i;
			p->kind = ANNALS_PARA_LEAD;
			m->dateline.month = f.month;
			m->dateline.day = f.day;
			m->dateline.year = f.year;
			d->dateline_fold_s = v->off[f.start];
			d->dateline_fold_e = v->off[dateline_end(v, &f)];
			m->dateline_cp = (long)annals_doc_cp_offset(d,
				annals_doc_orig_offset(d, v->off[f.start]));
			st = save_cp_range(d, S_AGENCY, v, f.agency_s, f.agency_e);
			if (!st)
				st = save_cp_range(d, S_PLACE, v, f.place_s, f.place_e);
			if (!st && f.rep_e > f.rep_s)
				st = save_cp_range(d, S_REPORTERS, v, f.rep_s, f.rep_e);
			if (st)
				goto out;
		}
	}
	if (lead == (size_t)-1) {
		for (i = 0; i < d->npara; i++)
			if (d->paras[i].kind == ANNALS_PARA_BODY) {
				d->paras[i].kind = ANNALS_PARA_LEAD;
				lead = i;
				break;
			}
	}
	/* a publication date written in the page chrome or a short meta line */
	for (i = 0; i < d->npara && !m->published.year; i++) {
		annals_paragraph *p = &d->paras[i];
		size_t n = p->seg.fold_end - p->seg.fold_start;
		const char *s = d->fold.ptr + p->seg.fold_start;
		/* after the lead only chrome, or a short line near the top ("February 12,
		 * 2025" under a Kremlin headline and its summary) */
		if (i > lead && lead != (size_t)-1 && p->kind != ANNALS_PARA_CHROME &&
			!(i <= lead + 3 && p->seg.cp_end - p->seg.cp_start < 30))
			continue;
		if (p->kind == ANNALS_PARA_CHROME || p->kind == ANNALS_PARA_TITLE ||
			(p->seg.cp_end - p->seg.cp_start < 40 && p->kind != ANNALS_PARA_LEAD &&
				p->kind != ANNALS_PARA_CAPTION))
			if (!find_pubdate(s, n, &m->published, &m->published_hour, &m->published_minute))
				find_pubdate_en(s, n, &m->published);
		if (!slot_ptr(d, S_OUTLET) && p->kind == ANNALS_PARA_CHROME) {
			const char *q = memmem(s, n, "来源:", strlen("来源:"));
			if (q) {
				const char *e = q + strlen("来源:"), *t = e;
				while (t < s + n && *t != ' ' && *t != '|')
					t++;
				if (t > e)
					st = save_str(d, S_OUTLET, e, (size_t)(t - e));
			}
		}
		if (st)
			goto out;
	}
	/* the title */
	if (d->r->title) {
		annals_buf tb;
		annals_buf_init(&tb, 0);
		st = annals_fold(d->r->title, strlen(d->r->title), &tb);
		if (!st)
			st = save_str(d, S_TITLE, tb.ptr ? tb.ptr : "", tb.len);
		annals_buf_free(&tb);
	} else {
		for (i = 0; i < d->npara; i++)
			if (d->paras[i].kind == ANNALS_PARA_TITLE) {
				st = save_str(d, S_TITLE, d->fold.ptr + d->paras[i].seg.fold_start,
					d->paras[i].seg.fold_end - d->paras[i].seg.fold_start);
				break;
			}
	}
	if (!st && d->r->outlet && !slot_ptr(d, S_OUTLET))
		st = save_str(d, S_OUTLET, d->r->outlet, strlen(d->r->outlet));
	if (st)
		goto out;
	m->title = slot_ptr(d, S_TITLE);
	m->agency = slot_ptr(d, S_AGENCY);
	m->place = slot_ptr(d, S_PLACE);
	m->reporters = slot_ptr(d, S_REPORTERS);
	m->outlet = slot_ptr(d, S_OUTLET);
out:
	free(v);
	return st;
}
