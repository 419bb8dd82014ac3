/* lexicon.h - the gazetteers and word lists of data/ TSV files, loaded from the copies
 * embedded in the library and compiled into one matcher (library-internal).
 * SPDX-License-Identifier: MIT */
#ifndef ANNALS_LEXICON_H
#define ANNALS_LEXICON_H
#include "annals.h"
#include "events.h"
#include "match.h"

enum lex_kind {
	LK_NONE = 0,
	LK_PERSON,
	LK_TITLE,
	LK_COUNTRY,
	LK_CITY,
	LK_VENUE,
	LK_REGION,
	LK_EVENT,
	LK_ANNIV,
	LK_YEARMARK
};

enum lex_rank {
	RANK_OTHER = 0,
	RANK_HEAD_OF_STATE,
	RANK_HEAD_OF_GOV,
	RANK_DEPUTY,
	RANK_MINISTER,
	RANK_LEGISLATURE,
	RANK_ORG_HEAD,
	RANK_ROYAL,
	RANK_PARTY
};

enum ev_type { EV_NONE = 0, EV_TALKS, EV_MEETING, EV_PHONE, EV_VIDEO, EV_WELCOME };

struct lex_person {
	const char *name, *name_en, *country, *title;
	int from, to;   /* years in office, 0 = open */
	int id;         /* index of the person's first row: one id per person */
};

struct lex_title {
	const char *zh, *en;
	int rank;
};

struct lex_country {
	const char *iso3, *zh, *en;
};

struct lex_place {
	int kind; /* LK_CITY, LK_VENUE, LK_REGION */
	const char *zh, *en, *country, *city;
};

struct lex_event {
	int type, weight;
};

struct lex_pattern {
	const char *text; /* folded */
	size_t len;
	int kind, idx;
	unsigned char caseless, ascii;
};

struct annals_lexicon {
	struct lex_person *people;
	size_t npeople;
	struct lex_title *titles;
	size_t ntitles;
	struct lex_country *countries;
	size_t ncountries;
	struct lex_place *places;
	size_t nplaces;
	struct lex_event *events;
	size_t nevents;
	int *anniv_base;
	size_t nanniv;
	int *year_mark;
	size_t nyear_mark;
	struct lex_pattern *pats;
	size_t npats, cap_pats;
	annals_matcher *m;
	struct annals_arena arena;
};

ANNALS_WUR annals_status annals_lexicon_load(struct annals_lexicon *lx);
void annals_lexicon_free(struct annals_lexicon *lx);
/* Country row for an ISO alpha-3 code, or NULL. */
const struct lex_country *annals_lexicon_country(const struct annals_lexicon *lx, const char *iso3);
#endif
