/* dates.h - date and time-of-day expressions in folded text, and their
 * resolution against the dateline and the publication date (library-internal).
 * SPDX-License-Identifier: MIT */
#ifndef ANNALS_DATES_H
#define ANNALS_DATES_H
#include "annals.h"

enum dexp_kind {
	DX_NONE = 0,
	DX_FULL,     /* 2023年4月14日, December 13, 2013 */
	DX_MD,       /* 3月21日, 三月二十一日, Dec. 4 */
	DX_D,        /* 4日, (18)日 */
	DX_REL,      /* 今天 (0), 昨天 (-1), 前天 (-2), today, yesterday */
	DX_SAME,     /* 当天, 同日, 同一天, that day */
	DX_PREV,     /* 前一天, the previous day */
	DX_WEEKDAY,  /* 周四, 星期四, Thursday */
	DX_YEAR      /* 2024年, in 2019: a year alone (recall cue) */
};

struct dexp {
	int kind;
	int y, m, d, rel, wday; /* wday 0=Sunday..6 */
	size_t s, e;            /* folded byte offsets */
};

enum tod { TOD_NONE = 0, TOD_MORNING, TOD_NOON, TOD_AFTERNOON, TOD_EVENING };

struct tod_exp {
	int tod;
	size_t s, e;
};

/* Find date expressions in f[s..e): fills up to max, returns the count. */
size_t annals_dates_scan(const char *f, size_t s, size_t e, struct dexp *out, size_t max);
/* Find time-of-day expressions in f[s..e). */
size_t annals_tod_scan(const char *f, size_t s, size_t e, struct tod_exp *out, size_t max);
const char *annals_tod_str(int tod);

/* Day arithmetic on proleptic Gregorian dates. */
long annals_days_from_civil(int y, int m, int d);
void annals_civil_from_days(long z, int *y, int *m, int *d);
int annals_weekday(int y, int m, int d); /* 0 = Sunday */
#endif
