/* merge.c - the rule that decides when records of different reports tell one
 * encounter: same participants, compatible type, same day (or one unknown),
 * compatible place. The store asks it about each candidate event; picking the
 * best candidate here keeps the rule out of the SQL. docs/store.md "Merging".
 * SPDX-License-Identifier: MIT */
#include "store.h"

#include <stdio.h>
#include <string.h>

const char *annals_merge_class(const char *type)
{
	if (!type)
		return "none";
	/* an encounter in person is reported as talks by one outlet and as a
	 * meeting by another; calls are never confused with being there */
	if (!strcmp(type, "talks") || !strcmp(type, "meeting"))
		return "in_person";
	if (!strcmp(type, "phone_call"))
		return "phone_call";
	if (!strcmp(type, "video_call"))
		return "video_call";
	return type;
}

/* y, m, d of YYYY[-MM[-DD]] or --MM-DD; 0 where unknown. */
static int parse_date(const char *s, int *y, int *m, int *d)
{
	*y = *m = *d = 0;
	if (!s || !*s)
		return 0;
	if (s[0] == '-' && s[1] == '-')
		return sscanf(s + 2, "%2d-%2d", m, d) == 2;
	return sscanf(s, "%4d-%2d-%2d", y, m, d) >= 1;
}

int annals_merge_date_compatible(const char *a, const char *b)
{
	int ay, am, ad, by, bm, bd;
	if (!parse_date(a, &ay, &am, &ad) || !parse_date(b, &by, &bm, &bd))
		return 1;
	return (!ay || !by || ay == by) && (!am || !bm || am == bm) && (!ad || !bd || ad == bd);
}

int annals_merge_date_rank(const char *s)
{
	int y, m, d;
	if (!parse_date(s, &y, &m, &d))
		return 0;
	return d && y ? 3 : m && y ? 2 : y ? 1 : d ? 1 : 0;
}

static int same(const char *a, const char *b)
{
	return a && b && !strcmp(a, b);
}

static int clash(const char *a, const char *b)
{
	return a && b && strcmp(a, b) != 0;
}

int annals_merge_score(const struct merge_side *ev, const struct merge_side *rec)
{
	int score = 0;
	if (!annals_merge_date_compatible(ev->mdate, rec->mdate))
		return -1;
	if (clash(ev->country, rec->country) || clash(ev->city, rec->city))
		return -1;
	/* a known day outweighs everything else: it is what separates two
	 * encounters of the same leaders */
	if (ev->mdate && rec->mdate && annals_merge_date_rank(ev->mdate) == 3 &&
		annals_merge_date_rank(rec->mdate) == 3)
		score += 16;
	else if (ev->mdate && rec->mdate)
		score += 8;
	if (same(ev->type, rec->type))
		score += 4;
	if (same(ev->city, rec->city))
		score += 2;
	if (same(ev->country, rec->country))
		score += 1;
	if (same(ev->time_of_day, rec->time_of_day))
		score += 1;
	return score;
}
