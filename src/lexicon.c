/* lexicon.c - loads data/ TSV files (embedded at build time by tools/embed.c) into
 * tables of people, titles, countries, places, event words and anniversaries,
 * folds every surface form the same way the documents are folded, and compiles
 * all of them into one literal matcher.
 * SPDX-License-Identifier: MIT */
#include "lexicon.h"

#include <stdlib.h>
#include <string.h>

struct annals_blob {
	const char *name;
	const unsigned char *data;
	size_t len;
};
extern const struct annals_blob annals_blobs[];

#define MAX_FIELDS 8
#define MAX_PATTERNS 200000

static const struct annals_blob *blob(const char *name)
{
	const struct annals_blob *b;
	for (b = annals_blobs; b->name; b++)
		if (strcmp(b->name, name) == 0)
			return b;
	return NULL;
}

/* Split one TSV line in place-free fashion: fields point into the arena. */
static int split_line(struct annals_arena *a, const char *s, size_t n, const char **f)
{
	size_t i, start = 0;
	int k = 0;
	for (i = 0; i <= n && k < MAX_FIELDS; i++) {
		if (i == n || s[i] == '\t') {
			f[k] = annals_arena_strndup(a, s + start, i - start);
			if (!f[k])
				return -1;
			k++;
			start = i + 1;
		}
	}
	while (k < MAX_FIELDS)
		f[k++] = "";
	return 0;
}

typedef annals_status (*row_fn)(struct annals_lexicon *lx, const char **f);

static annals_status each_row(struct annals_lexicon *lx, const char *name, row_fn fn)
{
	const struct annals_blob *b = blob(name);
	const char *s, *e;
	annals_status st = ANNALS_OK;
	if (!b)
		return ANNALS_OK; /* a missing optional list is simply empty */
	s = (const char *)b->data;
	e = s + b->len;
	while (s < e && !st) {
		const char *nl = memchr(s, '\n', (size_t)(e - s));
		size_t n = nl ? (size_t)(nl - s) : (size_t)(e - s);
		const char *f[MAX_FIELDS];
		if (n && s[n - 1] == '\r')
			n--;
		if (n && s[0] != '#') {
			if (split_line(&lx->arena, s, n, f))
				return ANNALS_E_NOMEM;
			st = fn(lx, f);
		}
		s += n + 1;
		if (nl)
			s = nl + 1;
	}
	return st;
}

static int is_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return 0;
	return 1;
}

static annals_status add_pattern(struct annals_lexicon *lx, const char *text, int kind, int idx)
{
	annals_buf fb;
	struct lex_pattern *p;
	annals_status st;
	size_t n = strlen(text);
	while (n && text[n - 1] == ' ')
		n--;
	while (n && *text == ' ') {
		text++;
		n--;
	}
	if (!n)
		return ANNALS_OK;
	if (lx->npats == lx->cap_pats) {
		size_t cap = lx->cap_pats ? lx->cap_pats * 2 : 1024;
		struct lex_pattern *v;
		if (cap > MAX_PATTERNS)
			return ANNALS_E_TOO_LARGE;
		v = realloc(lx->pats, cap * sizeof *v);
		if (!v)
			return ANNALS_E_NOMEM;
		lx->pats = v;
		lx->cap_pats = cap;
	}
	annals_buf_init(&fb, 4096);
	st = annals_fold(text, n, &fb);
	if (st) {
		annals_buf_free(&fb);
		return st;
	}
	p = &lx->pats[lx->npats];
	p->text = annals_arena_strndup(&lx->arena, fb.ptr, fb.len);
	p->len = fb.len;
	annals_buf_free(&fb);
	if (!p->text)
		return ANNALS_E_NOMEM;
	p->kind = kind;
	p->idx = idx;
	p->ascii = (unsigned char)is_ascii(p->text);
	p->caseless = p->ascii;
	/* a one-letter English pattern or a single CJK character matches noise */
	if ((p->ascii && p->len < 2) || (!p->ascii && p->len < 6))
		return ANNALS_OK;
	lx->npats++;
	return ANNALS_OK;
}

static annals_status add_aliases(struct annals_lexicon *lx, const char *list, int kind, int idx)
{
	annals_status st = ANNALS_OK;
	const char *s = list;
	while (*s && !st) {
		const char *bar = strchr(s, '|');
		size_t n = bar ? (size_t)(bar - s) : strlen(s);
		const char *one = annals_arena_strndup(&lx->arena, s, n);
		if (!one)
			return ANNALS_E_NOMEM;
		st = add_pattern(lx, one, kind, idx);
		s += n;
		if (*s == '|')
			s++;
	}
	return st;
}

#define GROW(arr, n, cap_var)                                                      \
	do {                                                                       \
		if ((n) % 64 == 0) {                                               \
			void *nv_ = realloc((arr), ((n) + 64) * sizeof *(arr));    \
			if (!nv_)                                                  \
				return ANNALS_E_NOMEM;                             \
			(arr) = nv_;                                               \
		}                                                                  \
	} while (0)

static int rank_of(const char *s)
{
	static const char *const names[] = {"other", "head_of_state", "head_of_government",
		"deputy", "minister", "legislature", "org_head", "royal", "party", NULL};
	int i;
	for (i = 0; names[i]; i++)
		if (strcmp(s, names[i]) == 0)
			return i;
	return RANK_OTHER;
}

static annals_status row_title(struct annals_lexicon *lx, const char **f)
{
	struct lex_title *t;
	annals_status st;
	if (!*f[0])
		return ANNALS_OK;
	GROW(lx->titles, lx->ntitles, 0);
	t = &lx->titles[lx->ntitles];
	t->zh = f[0];
	t->en = f[1];
	t->rank = rank_of(f[2]);
	st = add_pattern(lx, f[0], LK_TITLE, (int)lx->ntitles);
	if (!st)
		st = add_aliases(lx, f[3], LK_TITLE, (int)lx->ntitles);
	lx->ntitles++;
	return st;
}

static annals_status row_country(struct annals_lexicon *lx, const char **f)
{
	struct lex_country *c;
	annals_status st;
	if (strlen(f[0]) != 3)
		return ANNALS_OK;
	GROW(lx->countries, lx->ncountries, 0);
	c = &lx->countries[lx->ncountries];
	c->iso3 = f[0];
	c->zh = f[1];
	c->en = f[2];
	st = add_pattern(lx, f[1], LK_COUNTRY, (int)lx->ncountries);
	if (!st)
		st = add_pattern(lx, f[2], LK_COUNTRY, (int)lx->ncountries);
	if (!st)
		st = add_aliases(lx, f[3], LK_COUNTRY, (int)lx->ncountries);
	lx->ncountries++;
	return st;
}

static int year_of(const char *s)
{
	return *s ? atoi(s) : 0;
}

static annals_status row_person(struct annals_lexicon *lx, const char **f)
{
	struct lex_person *p;
	annals_status st;
	size_t i;
	if (!*f[0])
		return ANNALS_OK;
	GROW(lx->people, lx->npeople, 0);
	p = &lx->people[lx->npeople];
	p->name = f[0];
	p->name_en = f[1];
	p->country = f[2];
	p->title = f[3];
	p->from = year_of(f[4]);
	p->to = year_of(f[5]);
	p->id = (int)lx->npeople;
	for (i = 0; i < lx->npeople; i++)
		if (strcmp(lx->people[i].name, p->name) == 0) {
			p->id = lx->people[i].id;
			break;
		}
	st = add_pattern(lx, f[0], LK_PERSON, p->id);
	if (!st)
		st = add_pattern(lx, f[1], LK_PERSON, p->id);
	if (!st)
		st = add_aliases(lx, f[6], LK_PERSON, p->id);
	lx->npeople++;
	return st;
}

static int place_kind(const char *s)
{
	if (!strcmp(s, "city"))
		return LK_CITY;
	if (!strcmp(s, "venue"))
		return LK_VENUE;
	if (!strcmp(s, "region"))
		return LK_REGION;
	return LK_NONE;
}

static annals_status row_place(struct annals_lexicon *lx, const char **f)
{
	struct lex_place *p;
	annals_status st;
	int k = place_kind(f[0]);
	if (!k || !*f[1])
		return ANNALS_OK;
	GROW(lx->places, lx->nplaces, 0);
	p = &lx->places[lx->nplaces];
	p->kind = k;
	p->zh = f[1];
	p->en = *f[2] ? f[2] : NULL;
	p->country = f[3];
	p->city = *f[4] ? f[4] : NULL;
	st = add_pattern(lx, f[1], k, (int)lx->nplaces);
	if (!st && p->en)
		st = add_pattern(lx, f[2], k, (int)lx->nplaces);
	if (!st)
		st = add_aliases(lx, f[5], k, (int)lx->nplaces);
	lx->nplaces++;
	return st;
}

static int ev_type_of(const char *s)
{
	if (!strcmp(s, "talks")) return EV_TALKS;
	if (!strcmp(s, "meeting")) return EV_MEETING;
	if (!strcmp(s, "phone_call")) return EV_PHONE;
	if (!strcmp(s, "video_call")) return EV_VIDEO;
	if (!strcmp(s, "welcome")) return EV_WELCOME;
	return EV_NONE;
}

static annals_status row_event(struct annals_lexicon *lx, const char **f)
{
	struct lex_event *e;
	int t = ev_type_of(f[0]);
	annals_status st;
	if (!t)
		return ANNALS_OK;
	GROW(lx->events, lx->nevents, 0);
	e = &lx->events[lx->nevents];
	e->type = t;
	e->weight = atoi(f[1]) > 0 ? atoi(f[1]) : 1;
	st = add_aliases(lx, f[2], LK_EVENT, (int)lx->nevents);
	lx->nevents++;
	return st;
}

static annals_status row_anniv(struct annals_lexicon *lx, const char **f)
{
	int y = atoi(f[0]);
	annals_status st;
	if (y < 1000)
		return ANNALS_OK;
	GROW(lx->anniv_base, lx->nanniv, 0);
	lx->anniv_base[lx->nanniv] = y;
	st = add_aliases(lx, f[1], LK_ANNIV, (int)lx->nanniv);
	lx->nanniv++;
	return st;
}

static annals_status row_yearmark(struct annals_lexicon *lx, const char **f)
{
	int y = atoi(f[0]);
	annals_status st;
	if (y < 1000)
		return ANNALS_OK;
	GROW(lx->year_mark, lx->nyear_mark, 0);
	lx->year_mark[lx->nyear_mark] = y;
	st = add_aliases(lx, f[1], LK_YEARMARK, (int)lx->nyear_mark);
	lx->nyear_mark++;
	return st;
}

const struct lex_country *annals_lexicon_country(const struct annals_lexicon *lx, const char *iso3)
{
	size_t i;
	if (!iso3)
		return NULL;
	for (i = 0; i < lx->ncountries; i++)
		if (strcmp(lx->countries[i].iso3, iso3) == 0)
			return &lx->countries[i];
	return NULL;
}

annals_status annals_lexicon_load(struct annals_lexicon *lx)
{
	annals_status st;
	const char **texts = NULL;
	size_t *lens = NULL, i;
	unsigned char *cl = NULL;
	memset(lx, 0, sizeof *lx);
	st = each_row(lx, "titles.tsv", row_title);
	if (!st) st = each_row(lx, "countries.tsv", row_country);
	if (!st) st = each_row(lx, "people.tsv", row_person);
	if (!st) st = each_row(lx, "places.tsv", row_place);
	if (!st) st = each_row(lx, "event_words.tsv", row_event);
	if (!st) st = each_row(lx, "anniversaries.tsv", row_anniv);
	if (!st) st = each_row(lx, "year_markers.tsv", row_yearmark);
	if (st)
		goto out;
	texts = malloc((lx->npats + 1) * sizeof *texts);
	lens = malloc((lx->npats + 1) * sizeof *lens);
	cl = malloc(lx->npats + 1);
	if (!texts || !lens || !cl) {
		st = ANNALS_E_NOMEM;
		goto out;
	}
	for (i = 0; i < lx->npats; i++) {
		texts[i] = lx->pats[i].text;
		lens[i] = lx->pats[i].len;
		cl[i] = lx->pats[i].caseless;
	}
	st = annals_matcher_new(&lx->m, texts, lens, cl, (unsigned)lx->npats);
out:
	free(texts);
	free(lens);
	free(cl);
	if (st)
		annals_lexicon_free(lx);
	return st;
}

void annals_lexicon_free(struct annals_lexicon *lx)
{
	if (!lx)
		return;
	annals_matcher_free(lx->m);
	free(lx->people);
	free(lx->titles);
	free(lx->countries);
	free(lx->places);
	free(lx->events);
	free(lx->anniv_base);
	free(lx->year_mark);
	free(lx->pats);
	annals_arena_free(&lx->arena);
	memset(lx, 0, sizeof *lx);
}
