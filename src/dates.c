/* dates.c - finds the ways news writes a date or a time of day (2023年4月14日,
 * 三月二十一日, 4日, 今(18)日, 星期四, Dec. 4, Thursday, 当天, 前一天, 上午,
 * afternoon, 20:10) in folded text; resolution against the report's reference
 * dates happens in the extractor, which knows the dateline and publication date.
 * SPDX-License-Identifier: MIT */
#include "dates.h"
#include "numeral.h"
#include "utf8.h"

#include <string.h>
#include <strings.h>

static int at(const char *f, size_t i, size_t e, const char *w)
{
	size_t n = strlen(w);
	return i + n <= e && memcmp(f + i, w, n) == 0;
}

static int is_alpha(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static int word_at(const char *f, size_t s, size_t i, size_t e, const char *w)
{
	size_t n = strlen(w);
	if (!at(f, i, e, w))
		return 0;
	if (i > s && is_alpha(f[i - 1]))
		return 0;
	if (i + n < e && is_alpha(f[i + n]))
		return 0;
	return 1;
}

/* word_at ignoring case: phrases that open a sentence ("Later in the day, …") */
static int word_at_ci(const char *f, size_t s, size_t i, size_t e, const char *w)
{
	size_t n = strlen(w);
	if (i + n > e || strncasecmp(f + i, w, n) != 0)
		return 0;
	if (i > s && is_alpha(f[i - 1]))
		return 0;
	return !(i + n < e && is_alpha(f[i + n]));
}

static size_t cp_len(const char *f, size_t i, size_t e)
{
	uint32_t c;
	return (size_t)annals_utf8_decode((const unsigned char *)f + i, e - i, &c);
}

static const char *const en_months[] = {"January", "February", "March", "April", "May", "June",
	"July", "August", "September", "October", "November", "December"};
static const char *const en_mabbr[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug",
	"Sep", "Oct", "Nov", "Dec"};
static const char *const en_days[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday",
	"Friday", "Saturday"};

static int cn_weekday(const char *f, size_t i, size_t e, size_t *len)
{
	static const char *const pre[] = {"星期", "礼拜", "周", NULL};
	static const char *const dn[] = {"日", "一", "二", "三", "四", "五", "六"};
	int k, w;
	for (k = 0; pre[k]; k++) {
		size_t p = strlen(pre[k]);
		if (!at(f, i, e, pre[k]))
			continue;
		for (w = 0; w < 7; w++)
			if (at(f, i + p, e, dn[w])) {
				*len = p + 3;
				return w;
			}
		if (at(f, i + p, e, "天") && k < 2) {
			*len = p + 3;
			return 0;
		}
	}
	return -1;
}

/* An English month name (January or Jan) at p, on a word boundary: 1-12, or 0. */
static int en_month(const char *p, const char *e, size_t *len)
{
	int m;
	for (m = 0; m < 12; m++) {
		size_t fl = strlen(en_months[m]);
		if ((size_t)(e - p) >= fl && strncmp(p, en_months[m], fl) == 0 &&
			(p + fl >= e || !is_alpha(p[fl]))) {
			*len = fl;
			return m + 1;
		}
		if ((size_t)(e - p) >= 3 && strncmp(p, en_mabbr[m], 3) == 0 &&
			(p + 3 >= e || !is_alpha(p[3]) || (m == 8 && p[3] == 't'))) {
			*len = m == 8 && p + 3 < e && p[3] == 't' ? 4 : 3;
			return m + 1;
		}
	}
	return 0;
}

/* First characters of the Chinese date words: 今 昨 前 当 同 星 礼 周 */
static int date_lead(uint32_t c)
{
	return c == 0x4ECA || c == 0x6628 || c == 0x524D || c == 0x5F53 || c == 0x540C ||
		c == 0x661F || c == 0x793C || c == 0x5468;
}

size_t annals_dates_scan(const char *f, size_t s, size_t e, struct dexp *out, size_t max)
{
	size_t i = s, n = 0;
	while (i < e && n < max) {
		struct dexp x;
		const char *p = f + i;
		int v, m, d;
		size_t wl;
		unsigned char b0 = (unsigned char)f[i];
		/* most positions start nothing: skip them on their first character */
		if (b0 < 0x80) {
			if (!(b0 >= '0' && b0 <= '9') && !is_alpha((char)b0)) {
				i++;
				continue;
			}
			/* an English word can only start a date word at its start, and
			 * only with the initial of a day, a month, today, yesterday, the */
			if (is_alpha((char)b0) && ((i > s && is_alpha(f[i - 1])) ||
				!strchr("tTyYmMwWfFsSjJaAoOnNdDlLeE", b0))) {
				while (i < e && is_alpha(f[i]))
					i++;
				continue;
			}
		} else {
			uint32_t c0;
			size_t k0 = (size_t)annals_utf8_decode((const unsigned char *)f + i, e - i, &c0);
			if (!annals_numeral_is_digit(c0) && !date_lead(c0)) {
				i += k0;
				continue;
			}
		}
		memset(&x, 0, sizeof x);
		x.s = i;
		/* Chinese: [YYYY年][M月]D日 with digits or Chinese numerals */
		if (annals_numeral_parse(&p, f + e, &v)) {
			const char *q = p;
			size_t used = (size_t)(p - (f + i));
			/* a lone 一/两 is a word (一致, 两国) unless 月/日/年 follows */
			if (at(f, (size_t)(q - f), e, "年") && v >= 1900 && v <= 2200) {
				const char *r = q + 3;
				x.kind = DX_YEAR;
				x.y = v;
				x.e = (size_t)(r - f);
				if (annals_numeral_parse(&r, f + e, &m) && m >= 1 && m <= 12 &&
					at(f, (size_t)(r - f), e, "月")) {
					r += 3;
					x.kind = DX_FULL; /* a month: year-month at least */
					x.m = m;
					x.e = (size_t)(r - f);
					if (annals_numeral_parse(&r, f + e, &d) && d >= 1 && d <= 31 &&
						(at(f, (size_t)(r - f), e, "日") || at(f, (size_t)(r - f), e, "号"))) {
						x.d = d;
						x.e = (size_t)(r - f) + 3;
					}
				}
				out[n++] = x;
				i = x.e;
				continue;
			}
			if (at(f, (size_t)(q - f), e, "月") && v >= 1 && v <= 12) {
				const char *r = q + 3;
				if (annals_numeral_parse(&r, f + e, &d) && d >= 1 && d <= 31 &&
					(at(f, (size_t)(r - f), e, "日") || at(f, (size_t)(r - f), e, "号"))) {
					x.kind = DX_MD;
					x.m = v;
					x.d = d;
					x.e = (size_t)(r - f) + 3;
					out[n++] = x;
					i = x.e;
					continue;
				}
			}
			if ((at(f, (size_t)(q - f), e, "日") || at(f, (size_t)(q - f), e, "号")) && v >= 1 &&
				v <= 31 && !(i >= 3 && at(f, i - 3, e, "第"))) {
				/* not "3日电"'s month already taken; not 星期日 */
				x.kind = DX_D;
				x.d = v;
				x.e = (size_t)(q - f) + 3;
				out[n++] = x;
				i = x.e;
				continue;
			}
			/* day month year: "1 December 2022", "8 May 2024" */
			if (used <= 2 && v >= 1 && v <= 31 && (f[i] >= '0' && f[i] <= '9') &&
				q + 4 < f + e && *q == ' ') {
				size_t ml;
				int mm = en_month(q + 1, f + e, &ml);
				if (mm) {
					const char *r = q + 1 + ml;
					int yy;
					if (r < f + e && *r == '.')
						r++;
					x.kind = DX_MD;
					x.m = mm;
					x.d = v;
					x.e = (size_t)(r - f);
					if (r + 5 <= f + e && *r == ' ') {
						const char *t = r + 1;
						if (annals_numeral_parse(&t, f + e, &yy) && yy > 1900 && yy < 2200) {
							x.kind = DX_FULL;
							x.y = yy;
							x.e = (size_t)(t - f);
						}
					}
					out[n++] = x;
					i = x.e;
					continue;
				}
			}
			/* a bare year in English text: 2019, "in 2018" */
			if (used == 4 && v >= 1900 && v <= 2200 && (i == s || !is_alpha(f[i - 1])) &&
				(f[i] >= '0' && f[i] <= '9') && (q >= f + e || !is_alpha(*q))) {
				x.kind = DX_YEAR;
				x.y = v;
				x.e = (size_t)(q - f);
				out[n++] = x;
				i = x.e;
				continue;
			}
			/* English: "December 13, 2013" handled below; skip the number */
			i += used ? used : 1;
			continue;
		}
		/* 今(18)日: the number in brackets */
		if (at(f, i, e, "今(") || at(f, i, e, "今日") || at(f, i, e, "今天") ||
			word_at(f, s, i, e, "today")) {
			x.kind = DX_REL;
			x.rel = 0;
			x.e = i + (f[i] == 't' ? 5 : 6);
			if (at(f, i, e, "今(")) {
				const char *r = f + i + 4;
				if (annals_numeral_parse(&r, f + e, &d) && at(f, (size_t)(r - f), e, ")") &&
					at(f, (size_t)(r - f) + 1, e, "日")) {
					x.kind = DX_D;
					x.d = d;
					x.e = (size_t)(r - f) + 4;
				} else {
					i += 3;
					continue;
				}
			}
			out[n++] = x;
			i = x.e;
			continue;
		}
		if (at(f, i, e, "昨天") || at(f, i, e, "昨日") || word_at(f, s, i, e, "yesterday")) {
			x.kind = DX_REL;
			x.rel = -1;
			x.e = i + (f[i] == 'y' ? 9 : 6);
			out[n++] = x;
			i = x.e;
			continue;
		}
		if ((at(f, i, e, "前天") && !at(f, i, e, "前天津")) || at(f, i, e, "前日")) {
			x.kind = DX_REL;
			x.rel = -2;
			x.e = i + 6;
			out[n++] = x;
			i = x.e;
			continue;
		}
		{
			/* the same day and the day before, in words */
			static const struct {
				const char *w;
				int kind, en;
			} rel[] = {{"前一天", DX_PREV, 0}, {"前一日", DX_PREV, 0}, {"同一天", DX_SAME, 0},
				{"当天", DX_SAME, 0}, {"当日", DX_SAME, 0}, {"同日", DX_SAME, 0},
				{"同天", DX_SAME, 0}, {"the previous day", DX_PREV, 1},
				{"the day before", DX_PREV, 1}, {"the same day", DX_SAME, 1},
				{"later in the day", DX_SAME, 1}, {"earlier in the day", DX_SAME, 1},
				{"that day", DX_SAME, 1}, {NULL, 0, 0}};
			int r, hit = 0;
			for (r = 0; rel[r].w && !hit; r++)
				if (rel[r].en ? word_at_ci(f, s, i, e, rel[r].w) : at(f, i, e, rel[r].w)) {
					x.kind = rel[r].kind;
					x.e = i + strlen(rel[r].w);
					hit = 1;
				}
			if (hit) {
				out[n++] = x;
				i = x.e;
				continue;
			}
		}
		if ((v = cn_weekday(f, i, e, &wl)) >= 0) {
			x.kind = DX_WEEKDAY;
			x.wday = v;
			x.e = i + wl;
			out[n++] = x;
			i = x.e;
			continue;
		}
		if (is_alpha(f[i]) && (i == s || !is_alpha(f[i - 1]))) {
			int k, found = 0;
			for (k = 0; k < 7 && !found; k++)
				if (word_at(f, s, i, e, en_days[k])) {
					x.kind = DX_WEEKDAY;
					x.wday = k;
					x.e = i + strlen(en_days[k]);
					found = 1;
				}
			for (k = 0; k < 12 && !found; k++) {
				size_t ml = 0;
				if (word_at(f, s, i, e, en_months[k]))
					ml = strlen(en_months[k]);
				else if (word_at(f, s, i, e, en_mabbr[k]))
					ml = strlen(en_mabbr[k]);
				else if (k == 8 && word_at(f, s, i, e, "Sept"))
					ml = 4;
				if (ml) {
					const char *r = f + i + ml;
					if (r < f + e && *r == '.')
						r++;
					while (r < f + e && *r == ' ')
						r++;
					if (annals_numeral_parse(&r, f + e, &d) && d >= 1 && d <= 31) {
						x.kind = DX_MD;
						x.m = k + 1;
						x.d = d;
						x.e = (size_t)(r - f);
						if (r + 6 <= f + e && r[0] == ',' && r[1] == ' ') {
							const char *t = r + 2;
							int y;
							if (annals_numeral_parse(&t, f + e, &y) && y > 1900 && y < 2200) {
								x.kind = DX_FULL;
								x.y = y;
								x.e = (size_t)(t - f);
							}
						}
						found = 1;
					}
				}
			}
			if (!found && 0) {
				const char *r = f + i + (f[i + 1] == 'n' ? 3 : 6);
				int y;
				if (annals_numeral_parse(&r, f + e, &y) && y > 1900 && y < 2200 &&
					(r >= f + e || !(*r >= '0' && *r <= '9'))) {
					x.kind = DX_YEAR;
					x.y = y;
					x.e = (size_t)(r - f);
					found = 1;
				}
			}
			if (found) {
				out[n++] = x;
				i = x.e;
				continue;
			}
			while (i < e && is_alpha(f[i]))
				i++;
			continue;
		}
		i += cp_len(f, i, e);
	}
	return n;
}

/* First characters of the time-of-day words: 上 早 清 凌 中 午 下 晚 当 傍 夜 深 */
static int tod_lead(uint32_t c)
{
	return c == 0x4E0A || c == 0x65E9 || c == 0x6E05 || c == 0x51CC || c == 0x4E2D ||
		c == 0x5348 || c == 0x4E0B || c == 0x665A || c == 0x5F53 || c == 0x508D ||
		c == 0x591C || c == 0x6DF1;
}

size_t annals_tod_scan(const char *f, size_t s, size_t e, struct tod_exp *out, size_t max)
{
	static const struct {
		const char *w;
		int tod;
		int en;
	} words[] = {
		{"上午", TOD_MORNING, 0}, {"早上", TOD_MORNING, 0}, {"早晨", TOD_MORNING, 0},
		{"清晨", TOD_MORNING, 0}, {"凌晨", TOD_MORNING, 0}, {"中午", TOD_NOON, 0},
		{"午间", TOD_NOON, 0}, {"下午", TOD_AFTERNOON, 0}, {"午后", TOD_AFTERNOON, 0},
		{"晚上", TOD_EVENING, 0}, {"晚间", TOD_EVENING, 0}, {"当晚", TOD_EVENING, 0},
		{"傍晚", TOD_EVENING, 0}, {"夜间", TOD_EVENING, 0}, {"深夜", TOD_EVENING, 0},
		{"morning", TOD_MORNING, 1}, {"noon", TOD_NOON, 1}, {"midday", TOD_NOON, 1},
		{"afternoon", TOD_AFTERNOON, 1}, {"evening", TOD_EVENING, 1}, {"night", TOD_EVENING, 1},
		{NULL, 0, 0}};
	size_t i = s, n = 0;
	while (i < e && n < max) {
		int k, hit = 0;
		unsigned char b0 = (unsigned char)f[i];
		if (b0 < 0x80) {
			if (is_alpha((char)b0) && ((i > s && is_alpha(f[i - 1])) ||
				!(b0 == 'm' || b0 == 'n' || b0 == 'a' || b0 == 'e' || b0 == 'M' ||
					b0 == 'N' || b0 == 'A' || b0 == 'E'))) {
				while (i < e && is_alpha(f[i]))
					i++; /* not the start of a time word: skip the word */
				continue;
			}
			if (!(b0 >= '0' && b0 <= '9') && !is_alpha((char)b0)) {
				i++;
				continue;
			}
		} else {
			uint32_t c0;
			size_t k0 = (size_t)annals_utf8_decode((const unsigned char *)f + i, e - i, &c0);
			if (!tod_lead(c0)) {
				i += k0;
				continue;
			}
		}
		for (k = 0; words[k].w && !hit; k++) {
			if (words[k].en ? word_at(f, s, i, e, words[k].w) : at(f, i, e, words[k].w)) {
				out[n].tod = words[k].tod;
				out[n].s = i;
				out[n].e = i + strlen(words[k].w);
				n++;
				hit = 1;
			}
		}
		if (hit) {
			i = out[n - 1].e;
			continue;
		}
		/* 晚 alone after a day: (7月28日)晚, 4日晚 */
		if (at(f, i, e, "晚") && i >= s + 1 && ((i >= s + 3 && at(f, i - 3, e, "日")) ||
			f[i - 1] == ')') && !at(f, i, e, "晚宴") && !at(f, i, e, "晚会")) {
			out[n].tod = TOD_EVENING;
			out[n].s = i;
			out[n].e = i + 3;
			n++;
			i += 3;
			continue;
		}
		/* a clock time 18:08 (only where nothing else says) */
		if (f[i] >= '0' && f[i] <= '9' && i + 4 <= e && (i == s || !(f[i - 1] >= '0' && f[i - 1] <= '9'))) {
			size_t j = i;
			int h = 0;
			while (j < e && f[j] >= '0' && f[j] <= '9' && j - i < 2)
				h = h * 10 + (f[j++] - '0');
			if (j + 2 < e && f[j] == ':' && f[j + 1] >= '0' && f[j + 1] <= '5' &&
				f[j + 2] >= '0' && f[j + 2] <= '9' && h < 24) {
				out[n].tod = h < 5 ? TOD_EVENING : h < 12 ? TOD_MORNING : h < 13 ? TOD_NOON :
					h < 18 ? TOD_AFTERNOON : TOD_EVENING;
				out[n].s = i;
				out[n].e = j + 3;
				n++;
				i = j + 3;
				continue;
			}
		}
		i += cp_len(f, i, e);
	}
	return n;
}

const char *annals_tod_str(int tod)
{
	switch (tod) {
	case TOD_MORNING: return "morning";
	case TOD_NOON: return "noon";
	case TOD_AFTERNOON: return "afternoon";
	case TOD_EVENING: return "evening";
	}
	return NULL;
}

/* Howard Hinnant's days_from_civil. */
long annals_days_from_civil(int y, int m, int d)
{
	long era, yoe, doy, doe;
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void annals_civil_from_days(long z, int *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp;
	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

int annals_weekday(int y, int m, int d)
{
	long z = annals_days_from_civil(y, m, d);
	return (int)(z >= -4 ? (z + 4) % 7 : (z + 5) % 7 + 6);
}
