/* extract.c - from a normalised document to its encounter records: finds the
 * names, titles, places and event words (one matcher scan), discovers people the
 * lexicon lacks from how news introduces them (country + title + name), reads
 * each event word's frame (X同Y会谈, X会见Y, X held talks with Y), resolves
 * dates, times and places, and merges every retelling of one encounter into one
 * record with all its evidence.
 * SPDX-License-Identifier: MIT */
#include "dates.h"
#include "doc.h"
#include "events.h"
#include "fold.h"
#include "lexicon.h"
#include "numeral.h"
#include "utf8.h"

#include <limits.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_MENTIONS 200000
#define MAX_LOCAL 256
#define MAX_EVM 4096
#define MAX_ACT 8

struct annals_extractor {
	struct annals_lexicon lx;
};

/* A lexicon hit (or a discovered name) in the folded text. */
struct mention {
	size_t s, e;
	int kind, idx;
	int person;      /* person key: >= 0 lexicon id, < 0 local (-1 - index) */
	int title;       /* title row stated right before a person, or -1 */
	int country;     /* country row stated before the title, or -1 */
};

/* A person found in the report but not in the lexicon. */
struct local_person {
	const char *name; /* folded surface (arena) */
	size_t len;
	const char *name_en;
	int country, title;
	int is_en;
};

/* One event word with its reading. */
struct evm {
	size_t s, e;       /* the event word */
	size_t sent;       /* sentence index */
	int para_kind;
	int type, weight;
	int actors[MAX_ACT], nact;
	int status;        /* 0 reported, 1 recalled, 2 planned */
	int has_date, y, m, d, date_basis;
	int tod;
	int venue, city, country; /* place rows / country row, -1 */
	const char *venue_text;   /* generic venue (总统府前广场) */
	size_t venue_len;
	int group;         /* encounter index */
	int host;          /* person key of the receiving side, or INT_MIN */
};

enum { ST_REPORTED = 0, ST_RECALLED, ST_PLANNED };
enum { DB_NONE = 0, DB_TEXT, DB_DATELINE, DB_PUBLISHED, DB_ANNIV };

struct ctx {
	annals_extractor *x;
	struct annals_lexicon *lx;
	const annals_doc *d;
	const char *f;
	size_t n;
	struct mention *m;
	size_t nm, cap_m;
	struct local_person loc[MAX_LOCAL];
	size_t nloc;
	struct evm *ev;
	size_t nev;
	struct dexp *dx;         /* every date expression of the text, in order */
	size_t ndx;
	struct tod_exp *tx;      /* every time-of-day expression */
	size_t ntx;
	struct annals_arena tmp;
	/* reference dates */
	int pub_y, pub_m, pub_d;   /* publication date, 0 if unknown */
	int dl_y, dl_m, dl_d;      /* dateline, year resolved where possible */
	int anniv_year;
	int year_basis;            /* DB_* of the year used for partial dates */
	int ctx_y, ctx_m, ctx_d;   /* the date the text is talking about, as it goes */
	int report_year;
	int year_hint;             /* the publication year, known before dates are read */
};

/* ---- small text helpers ---------------------------------------------------- */

static int at(const char *f, size_t i, size_t e, const char *w)
{
	size_t n = strlen(w);
	return i + n <= e && memcmp(f + i, w, n) == 0;
}

static int ends_at(const char *f, size_t s, size_t i, const char *w)
{
	size_t n = strlen(w);
	return i >= s + n && memcmp(f + i - n, w, n) == 0;
}

static int has(const char *f, size_t s, size_t e, const char *w)
{
	size_t n = strlen(w);
	return e > s && e - s >= n && memmem(f + s, e - s, w, n) != NULL;
}

/* has() for English cue words, ignoring case ("Previously", "previously"). */
static int has_ci(const char *f, size_t s, size_t e, const char *w)
{
	size_t n = strlen(w);
	char cap[64];
	if (e <= s || e - s < n)
		return 0;
	if (memmem(f + s, e - s, w, n))
		return 1;
	/* cue words are written in lower case: try the sentence-initial capital */
	if (n >= sizeof cap || !(w[0] >= 'a' && w[0] <= 'z'))
		return 0;
	memcpy(cap, w, n);
	cap[0] = (char)(w[0] - 'a' + 'A');
	return memmem(f + s, e - s, cap, n) != NULL;
}

static int is_alnum(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

static uint32_t cp_at(const char *f, size_t i, size_t e, size_t *len)
{
	uint32_t c;
	int k = annals_utf8_decode((const unsigned char *)f + i, e - i, &c);
	if (len)
		*len = (size_t)k;
	return c;
}

static int is_han(uint32_t c)
{
	return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF);
}

static const annals_paragraph *para_of(const annals_doc *d, size_t pos);

/* Text for a record from the folded span [fs,fe): folded, except that a Han
 * character which is not a traditional-only form keeps its original shape, so
 * that a title written in simplified script comes out as written (乾隆, 著名)
 * while a traditional one comes out simplified. Owned by the arena. */
static const char *out_str(struct ctx *c, struct annals_arena *a, size_t fs, size_t fe)
{
	annals_buf b;
	size_t i = fs;
	const char *r = NULL;
	const annals_paragraph *pp = para_of(c->d, fs);
	int keep = !pp || pp->script != ANNALS_SCRIPT_HANT;
	annals_buf_init(&b, 1 << 20);
	while (i < fe) {
		uint32_t fc, oc;
		size_t k, ok, o = c->d->map[i];
		char enc[4];
		int n;
		fc = cp_at(c->f, i, fe, &k);
		oc = o < c->d->r->text_len ? cp_at(c->d->r->text, o, c->d->r->text_len, &ok) : fc;
		if (keep && fc != oc && annals_cp_is_han(fc) && annals_cp_is_han(oc) && !annals_cp_is_trad(oc))
			fc = oc;
		n = annals_utf8_encode(fc, enc);
		if (annals_buf_add(&b, enc, (size_t)n))
			break;
		i += k;
	}
	if (i >= fe)
		r = annals_arena_strndup(a, b.ptr ? b.ptr : "", b.len);
	annals_buf_free(&b);
	return r;
}

/* ---- mentions ---------------------------------------------------------------- */

static int push_mention(struct ctx *c, size_t s, size_t e, int kind, int idx)
{
	struct mention *m;
	if (c->nm == c->cap_m) {
		size_t cap = c->cap_m ? c->cap_m * 2 : 256;
		struct mention *v;
		if (cap > MAX_MENTIONS)
			return 1;
		v = realloc(c->m, cap * sizeof *v);
		if (!v)
			return 1;
		c->m = v;
		c->cap_m = cap;
	}
	m = &c->m[c->nm++];
	m->s = s;
	m->e = e;
	m->kind = kind;
	m->idx = idx;
	m->person = kind == LK_PERSON ? idx : 0;
	m->title = m->country = -1;
	return 0;
}

/* Characters that continue a transliterated foreign name (…克, …斯, …基, …娃). A
 * name match followed by one of them is part of a longer name. */
static int name_runs_on(const char *f, size_t i, size_t n)
{
	static const uint32_t cont[] = {0x514B, 0x65AF, 0x57FA, 0x5C14, 0x5FB7, 0x7279, 0x592B,
		0x5A03, 0x8BFA, 0x5C3C, 0x4E9A, 0x62C9, 0x7F57, 0x6D1B, 0x7D22, 0x79D1, 0x5361, 0x7EB3,
		0x4E3D, 0x8389, 0x5A1C, 0x68EE, 0x987F, 0x900A, 0x66FC, 0x683C, 0x91CC, 0x5229, 0x7EF4,
		0x74E6, 0x4F0A, 0x5965, 0x57C3, 0x5179, 0x8328, 0x5947, 0xB7, 0};
	uint32_t c;
	int k;
	annals_utf8_decode((const unsigned char *)f + i, n - i, &c);
	for (k = 0; cont[k]; k++)
		if (cont[k] == c)
			return 1;
	return 0;
}

static int on_hit(void *vc, unsigned id, size_t end)
{
	struct ctx *c = vc;
	const struct lex_pattern *p = &c->lx->pats[id];
	size_t s = end - p->len;
	if (p->ascii) {
		/* English words match on word boundaries only */
		if (s > 0 && is_alnum(c->f[s - 1]))
			return 0;
		if (end < c->n && is_alnum(c->f[end]))
			return 0;
		/* proper names keep their capital: "Lula" the name, not "lula" */
		if ((p->kind == LK_PERSON || p->kind == LK_CITY || p->kind == LK_COUNTRY) &&
			p->text[0] >= 'A' && p->text[0] <= 'Z' && !(c->f[s] >= 'A' && c->f[s] <= 'Z'))
			return 0;
	}
	if (p->kind == LK_PERSON && !p->ascii && end < c->n && name_runs_on(c->f, end, c->n))
		return 0; /* 马斯 inside 马斯克: the written name goes on */
	return push_mention(c, s, end, p->kind, p->idx);
}

static int cmp_mention(const void *a, const void *b)
{
	const struct mention *x = a, *y = b;
	if (x->s != y->s)
		return x->s < y->s ? -1 : 1;
	if (x->e != y->e)
		return x->e > y->e ? -1 : 1;
	return x->kind - y->kind;
}

/* Did the person (lexicon key) hold an office listed for them in that year?
 * An unknown year counts as yes. */
static int in_office(const struct ctx *c, int key, int year)
{
	size_t i;
	if (key < 0 || !year)
		return 1;
	for (i = 0; i < c->lx->npeople; i++) {
		const struct lex_person *p = &c->lx->people[i];
		if (p->id == key && (!p->from || p->from <= year) && (!p->to || p->to >= year))
			return 1;
	}
	return 0;
}

/* Keep the leftmost-longest mentions; drop those inside or overlapping them. Of
 * two people sharing one written name, the one in office in the report's year. */
static void select_mentions(struct ctx *c)
{
	size_t i, k = 0, last_end = 0;
	if (c->nm < 2)
		return; /* qsort(NULL, 0) is undefined, and one mention is sorted */
	qsort(c->m, c->nm, sizeof *c->m, cmp_mention);
	for (i = 0; i < c->nm; i++) {
		if (k && c->m[i].s < last_end) {
			struct mention *prev = &c->m[k - 1];
			if (c->m[i].s == prev->s && c->m[i].e == prev->e && prev->kind == LK_PERSON &&
				c->m[i].kind == LK_PERSON && !in_office(c, prev->person, c->year_hint) &&
				in_office(c, c->m[i].person, c->year_hint))
				*prev = c->m[i];
			continue;
		}
		c->m[k++] = c->m[i];
		last_end = c->m[i].e;
	}
	c->nm = k;
	/* a name glossed in brackets right after a name is that person again:
	 * 潘尼亚(Santiago Peña), 埃及总理马德布利(Moustafa Madbouly) */
	for (i = 1; i < c->nm; i++) {
		struct mention *a = &c->m[i - 1], *b = &c->m[i];
		size_t j = a->e;
		if (a->kind != LK_PERSON || b->kind != LK_PERSON || j >= c->n || c->f[j] != '(')
			continue;
		j++;
		while (j < b->s && (is_alnum(c->f[j]) || c->f[j] == ' ' || c->f[j] == '-' ||
			c->f[j] == '.' || (unsigned char)c->f[j] >= 0x80))
			j++;
		if (j == b->s && b->e - a->e < 60) {
			if (!in_office(c, a->person, c->year_hint) && in_office(c, b->person, c->year_hint)) {
				a->person = b->person;
				a->idx = b->idx;
			}
			b->kind = LK_NONE;
		}
	}
}

/* ---- people: titles, countries and discovered names -------------------------- */

static int name_stop(uint32_t c)
{
	static const uint32_t stops[] = {
		0x540C, 0x4E0E, 0x548C, 0x8DDF, 0x5728, 0x4E8E, 0x4E3E, 0x4F1A, 0x901A, 0x8868,
		0x8BF4, 0x6307, 0x5F3A, 0x79F0, 0x7684, 0x53CA, 0x4EE5, 0x592B, 0x4ECA, 0x6628,
		0x5F53, 0x5C31, 0x5BF9, 0x662F, 0x4E3A, 0x5E76, 0x4E5F, 0x5DF2, 0x5C06, 0x5148,
		0x9601, 0x5973, 0x5E94, 0x4ECE, 0x5230, 0x5411, 0x7387, 0x8BBF, 0x62B5, 0x51FA,
		0x53C2, 0x7B49, 0x8FD8, 0x66FE, 0x6B64, 0x5219, 0x90FD, 0x53C8, 0x4E00, 0x8BA4,
		0x8C08, 0x6765, 0x53BB, 0x65F6, 0x5E26, 0x63A5, 0x6B22, 0x9080, 0x81F4, 0x5BA3,
		0x8FDB, 0x56DE, 0x4E0A, 0x4E0B, 0x6B63, 0x5C31, 0x9996, 0x7ECF, 0x4F46, 0x800C,
		0x5904, 0x51B3, 0x91CD, 0x5E0C, 0x671F, 0x613F, 0x611F, 0x5BA2, 0x62DC, 0};
	int i;
	if (!is_han(c) && c != 0xB7)
		return 1;
	for (i = 0; stops[i]; i++)
		if (stops[i] == c)
			return 1;
	return 0;
}

static int local_find(struct ctx *c, const char *s, size_t len)
{
	size_t i;
	for (i = 0; i < c->nloc; i++)
		if (c->loc[i].len == len && memcmp(c->loc[i].name, s, len) == 0)
			return (int)i;
	return -1;
}

static int local_add(struct ctx *c, const char *s, size_t len, int country, int title, int is_en)
{
	int k = local_find(c, s, len);
	struct local_person *p;
	if (k >= 0)
		return k;
	if (c->nloc >= MAX_LOCAL)
		return -1;
	p = &c->loc[c->nloc];
	p->name = annals_arena_strndup(&c->tmp, s, len);
	if (!p->name)
		return -1;
	p->len = len;
	p->name_en = is_en ? p->name : NULL;
	p->country = country;
	p->title = title;
	p->is_en = is_en;
	return (int)c->nloc++;
}

/* Honorifics before a name (Prime Minister Shri Narendra Modi, Mr. Wang Yi) are
 * not part of it: the offset past one, or i. */
static size_t skip_honorific(const char *f, size_t i, size_t limit)
{
	static const char *const hon[] = {"Shri ", "Smt. ", "Mr. ", "Mrs. ", "Ms. ", "Dr. ", "H.E. ",
		"His Excellency ", "Her Excellency ", "His Majesty ", "Her Majesty ", NULL};
	int h;
	for (h = 0; hon[h]; h++)
		if (at(f, i, limit, hon[h]))
			return i + strlen(hon[h]);
	return i;
}

/* The name that follows a title: Han characters (with ·) up to a function word,
 * or up to four capitalised English words. Returns its end, or s when none. */
static size_t read_name(struct ctx *c, size_t s, size_t limit, int *is_en)
{
	const char *f = c->f;
	size_t i = s, k;
	int words = 0;
	*is_en = 0;
	while (i < limit && f[i] == ' ')
		i++;
	i = skip_honorific(f, i, limit);
	if (i < limit && f[i] >= 'A' && f[i] <= 'Z') {
		size_t end = i;
		*is_en = 1;
		while (i < limit && f[i] >= 'A' && f[i] <= 'Z' && words < 4) {
			size_t j = i;
			while (j < limit && (is_alnum(f[j]) || f[j] == '-' || f[j] == '\''))
				j++;
			if (j - i < 2)
				break;
			end = j;
			words++;
			i = j;
			if (i < limit && f[i] == ' ')
				i++;
		}
		return words ? end : s;
	}
	{
		size_t start = i, cnt = 0;
		while (i < limit && cnt < 10) {
			uint32_t cp = cp_at(f, i, limit, &k);
			if (name_stop(cp) && !(cnt >= 1 && cp == 0xB7))
				break;
			/* a lexicon mention begins here: the name ends */
			i += k;
			cnt++;
		}
		if (cnt < 2)
			return s;
		(void)start;
		return i;
	}
}

/* Attach titles and countries to the person mentions they introduce, and make
 * local people of names that follow a title but are not in the lexicon. */
static int discover_people(struct ctx *c)
{
	size_t i, nm0 = c->nm;
	for (i = 0; i < nm0; i++) {
		struct mention *t = &c->m[i];
		size_t next_s, end;
		int country = -1, title, is_en, k;
		if (t->kind != LK_TITLE)
			continue;
		title = t->idx;
		/* the country stands right before the title (俄罗斯总统, French President) */
		if (i > 0 && c->m[i - 1].kind == LK_COUNTRY) {
			size_t gap = t->s - c->m[i - 1].e;
			if (gap <= 1 || (gap <= 6 && (has(c->f, c->m[i - 1].e, t->s, "国") ||
				has(c->f, c->m[i - 1].e, t->s, "'s") || has(c->f, c->m[i - 1].e, t->s, "政府") ||
				has(c->f, c->m[i - 1].e, t->s, "联邦"))))
				country = c->m[i - 1].idx;
		}
		next_s = i + 1 < c->nm ? c->m[i + 1].s : c->n;
		/* a known person right after the title */
		if (i + 1 < c->nm && c->m[i + 1].kind == LK_PERSON && c->m[i + 1].s - t->e <= 1) {
			c->m[i + 1].title = title;
			c->m[i + 1].country = country;
			continue;
		}
		end = read_name(c, t->e, next_s < t->e + 40 ? next_s : t->e + 40, &is_en);
		if (end == t->e)
			continue;
		/* news introduces a new person with country and title (埃及总理马德布利,
		 * Brazilian President Lula); a bare title before words is not a name */
		if (country < 0 && !is_en)
			continue;
		{
			size_t ns = t->e;
			while (ns < end && c->f[ns] == ' ')
				ns++;
			ns = skip_honorific(c->f, ns, end);
			k = local_add(c, c->f + ns, end - ns, country, title, is_en);
			if (k < 0)
				continue;
			if (push_mention(c, ns, end, LK_PERSON, 0))
				return 1;
			c->m[c->nm - 1].person = -1 - k;
			c->m[c->nm - 1].title = title;
			c->m[c->nm - 1].country = country;
			t = &c->m[i];
		}
	}
	return 0;
}

/* Later mentions of a local person by the same name or (English) surname. */
static int find_local_again(struct ctx *c)
{
	size_t k, nm0 = c->nm;
	for (k = 0; k < c->nloc; k++) {
		struct local_person *p = &c->loc[k];
		const char *forms[2];
		size_t lens[2], nf = 1, j;
		forms[0] = p->name;
		lens[0] = p->len;
		if (p->is_en) {
			const char *sp = memrchr(p->name, ' ', p->len);
			if (sp && (size_t)(p->name + p->len - sp - 1) >= 4) {
				forms[1] = sp + 1;
				lens[1] = (size_t)(p->name + p->len - sp - 1);
				nf = 2;
			}
		} else {
			const char *dot = memrchr(p->name, 0xB7, p->len);
			(void)dot;
		}
		for (j = 0; j < nf; j++) {
			size_t pos = 0;
			while (pos < c->n) {
				const char *h = memmem(c->f + pos, c->n - pos, forms[j], lens[j]);
				size_t s, e, q;
				int taken = 0;
				if (!h)
					break;
				s = (size_t)(h - c->f);
				e = s + lens[j];
				pos = e;
				if (p->is_en && ((s > 0 && is_alnum(c->f[s - 1])) || (e < c->n && is_alnum(c->f[e]))))
					continue;
				for (q = 0; q < nm0 && !taken; q++)
					if (c->m[q].s < e && s < c->m[q].e)
						taken = 1;
				if (taken)
					continue;
				if (push_mention(c, s, e, LK_PERSON, 0))
					return 1;
				c->m[c->nm - 1].person = -1 - (int)k;
			}
		}
	}
	return 0;
}

/* Once a known person is named in full in English ("Kim Jong Un"), news goes on
 * with one name: the family name, first for East Asian names, last otherwise. */
static int find_short_names(struct ctx *c)
{
	static const char *const family_first[] = {"CHN", "PRK", "KOR", "TWN", "HKG", "MAC", "VNM",
		"SGP", "KHM", NULL};
	size_t i, nm0 = c->nm;
	int done[64], ndone = 0, k;
	for (i = 0; i < nm0; i++) {
		const struct mention *m = &c->m[i];
		const struct lex_person *p;
		const char *ne, *tok;
		size_t tl, pos;
		int ff = 0, seen = 0;
		if (m->kind != LK_PERSON || m->person < 0 || !(c->f[m->s] >= 'A' && c->f[m->s] <= 'Z'))
			continue;
		for (k = 0; k < ndone; k++)
			if (done[k] == m->person)
				seen = 1;
		if (seen || ndone >= 64)
			continue;
		done[ndone++] = m->person;
		p = &c->lx->people[m->person];
		ne = p->name_en;
		if (!strchr(ne, ' '))
			continue;
		for (k = 0; family_first[k]; k++)
			if (!strcmp(p->country, family_first[k]))
				ff = 1;
		if (ff) {
			tok = ne;
			tl = (size_t)(strchr(ne, ' ') - ne);
		} else {
			tok = strrchr(ne, ' ') + 1;
			tl = strlen(tok);
		}
		if (tl < 2)
			continue;
		for (pos = 0; pos < c->n;) {
			const char *h = memmem(c->f + pos, c->n - pos, tok, tl);
			size_t s0, e0, q;
			int taken = 0;
			if (!h)
				break;
			s0 = (size_t)(h - c->f);
			e0 = s0 + tl;
			pos = e0;
			if ((s0 > 0 && is_alnum(c->f[s0 - 1])) || (e0 < c->n && is_alnum(c->f[e0])))
				continue;
			for (q = 0; q < nm0 && !taken; q++)
				if (c->m[q].s < e0 && s0 < c->m[q].e)
					taken = 1;
			if (taken)
				continue;
			if (push_mention(c, s0, e0, LK_PERSON, m->person))
				return 1;
		}
	}
	return 0;
}

/* ---- person keys --------------------------------------------------------------- */

static int person_rank_ok(struct ctx *c, const struct mention *m)
{
	if (m->person >= 0)
		return 1;
	{
		const struct local_person *p = &c->loc[-1 - m->person];
		int t = m->title >= 0 ? m->title : p->title;
		return t >= 0 && c->lx->titles[t].rank != RANK_OTHER;
	}
}

/* A spouse is not a principal: 夫人彭丽媛, his wife. */
static int is_spouse(struct ctx *c, const struct mention *m, size_t sent_s)
{
	return ends_at(c->f, sent_s, m->s, "夫人") || ends_at(c->f, sent_s, m->s, "妻子") ||
		ends_at(c->f, sent_s, m->s, "wife ") || ends_at(c->f, sent_s, m->s, "first lady ");
}

/* ---- sentences ----------------------------------------------------------------- */

static size_t sentence_of(const annals_doc *d, size_t pos)
{
	size_t lo = 0, hi = d->nsent;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (d->sents[mid].fold_end <= pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < d->nsent ? lo : d->nsent - 1;
}

static const annals_paragraph *para_of(const annals_doc *d, size_t pos)
{
	size_t lo = 0, hi = d->npara;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (d->paras[mid].seg.fold_end <= pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < d->npara ? &d->paras[lo] : NULL;
}

static int para_kind_of(const annals_doc *d, size_t pos)
{
	const annals_paragraph *p = para_of(d, pos);
	return p ? (int)p->kind : ANNALS_PARA_BODY;
}

static int is_clause_sep(const char *f, size_t i, size_t e)
{
	return f[i] == ',' || f[i] == ';' || f[i] == ':' || at(f, i, e, "\xE3\x80\x82");
}

/* In English a comma before a capitalised word lists names ("Xi, Macron and von
 * der Leyen held…"); only one before a lower-case word ends a clause (", state
 * media reported", ", while…"). */
static int en_list_comma(const char *f, size_t i, size_t e)
{
	size_t j = i + 1;
	if (f[i] != ',' || j >= e || f[j] != ' ')
		return 0;
	j++;
	return j < e && f[j] >= 'A' && f[j] <= 'Z' && (i == 0 || (unsigned char)f[i - 1] < 0x80);
}

static size_t clause_start(const char *f, size_t s, size_t pos)
{
	size_t i = pos;
	while (i > s) {
		if ((f[i - 1] == ',' && !en_list_comma(f, i - 1, pos)) || f[i - 1] == ';' || f[i - 1] == ':')
			return i;
		i--;
	}
	return s;
}

static size_t clause_end(const char *f, size_t pos, size_t e)
{
	size_t i = pos;
	while (i < e && !(is_clause_sep(f, i, e) && !en_list_comma(f, i, e)))
		i++;
	return i;
}

/* Does a date or time that ends at i end its clause too ("当地时间5月8日上午,",
 * "On December 13, 2013,")? Then it dates what the next clause tells; a date
 * followed by its own verb ("于4日晚间转往成都,") does not. */
static int ends_clause(const char *f, size_t i, size_t limit)
{
	static const char *const tod[] = {"上午", "下午", "中午", "晚上", "晚间", "晚", "凌晨",
		"傍晚", "早上", "当晚", "local time", "Beijing time", "Moscow time", NULL};
	int k, again = 2;
	while (again--) {
		while (i < limit && f[i] == ' ')
			i++;
		for (k = 0; tod[k]; k++)
			if (at(f, i, limit, tod[k])) {
				i += strlen(tod[k]);
				break;
			}
	}
	while (i < limit && f[i] == ' ')
		i++;
	return i < limit && (f[i] == ',' || f[i] == ';');
}

/* ---- status -------------------------------------------------------------------- */

static int future_cue(const char *f, size_t s, size_t e)
{
	static const char *const w[] = {"将于", "将在", "将会", "将同", "将与", "将分别", "将赴",
		"即将", "拟于", "拟同", "计划", "准备", "预计", "期待", "邀请", "将", "will ", "would ",
		"to hold", "is to ", "are to ", "plans to", "expected to", "ahead of", "scheduled to",
		"hope for", "hopes for", "look forward", "looks forward", "in the future", "希望",
		"下次", "明天", "明日", "下周", "下月", "下个月", "future", "tomorrow", "next week",
		"next month", NULL};
	/* the event word's script picks the cues: a letter English ones, a Han
	 * character Chinese ones, anything else (a digit) both */
	int i, en = ((f[e] | 0x20) >= 'a' && (f[e] | 0x20) <= 'z') ? 1 : ((unsigned char)f[e] >= 0x80 ? 0 : -1);
	for (i = 0; w[i]; i++) {
		if (en >= 0 && ((w[i][0] & 0x80) != 0) == en)
			continue;
		if ((w[i][0] & 0x80) ? has(f, s, e, w[i]) : has_ci(f, s, e, w[i])) {
			/* 将 inside 将军/将领 is not the future */
			if (!strcmp(w[i], "将") && (has(f, s, e, "将军") || has(f, s, e, "将领")))
				continue;
			return 1;
		}
	}
	return 0;
}

static int past_cue(const char *f, size_t s, size_t e)
{
	static const char *const w[] = {"曾", "此前", "上次", "上一次", "去年", "前年", "上月",
		"上个月", "当时", "前不久", "以前", "过去", "早前", "先前", "昔日", "previously",
		"last year", "earlier", "last month", "in the past", NULL};
	/* the event word's script picks the cues: a letter English ones, a Han
	 * character Chinese ones, anything else (a digit) both */
	int i, en = ((f[e] | 0x20) >= 'a' && (f[e] | 0x20) <= 'z') ? 1 : ((unsigned char)f[e] >= 0x80 ? 0 : -1);
	for (i = 0; w[i]; i++) {
		if (en >= 0 && ((w[i][0] & 0x80) != 0) == en)
			continue;
		if ((w[i][0] & 0x80) ? has(f, s, e, w[i]) : has_ci(f, s, e, w[i])) {
			/* 此前一天 is "the day before", a date of the news, not the past */
			if (!strcmp(w[i], "此前") && (has(f, s, e, "此前一天") || has(f, s, e, "此前一日")))
				continue;
			/* "earlier in the day", "earlier on Monday": the same news day */
			if (!strcmp(w[i], "earlier") && (has_ci(f, s, e, "earlier in the day") ||
				has_ci(f, s, e, "earlier on") || has_ci(f, s, e, "earlier today") ||
				has_ci(f, s, e, "earlier that day")))
				continue;
			return 1;
		}
	}
	return 0;
}

/* After the event word only the unambiguous cues count: "两人上一次会晤是去年10月". */
static int past_cue_after(const char *f, size_t s, size_t e)
{
	return has(f, s, e, "去年") || has(f, s, e, "前年") || has(f, s, e, "上个月") ||
		has(f, s, e, "上月");
}

/* ---- dates ---------------------------------------------------------------------- */

static void add_days(int *y, int *m, int *d, int k)
{
	annals_civil_from_days(annals_days_from_civil(*y, *m, *d) + k, y, m, d);
}

/* Resolve one date expression; returns 1 with y/m/d and a basis when it fixes a day. */
static int resolve_date(struct ctx *c, const struct dexp *x, int *y, int *m, int *d, int *basis)
{
	/* "today" and weekdays count from the report's own day: the dateline's when it
	 * is complete ("(中央社…31日专电)…今天"), else the publication date */
	int dl_full = c->dl_y && c->dl_m && c->dl_d;
	int ry = dl_full ? c->dl_y : c->pub_y, rm = dl_full ? c->dl_m : c->pub_m,
	    rd = dl_full ? c->dl_d : c->pub_d;
	int rbasis = dl_full ? (c->year_basis ? c->year_basis : DB_DATELINE) : DB_PUBLISHED;
	switch (x->kind) {
	case DX_FULL:
		if (!x->d)
			return 0;
		*y = x->y;
		*m = x->m;
		*d = x->d;
		*basis = DB_TEXT;
		return 1;
	case DX_MD: {
		int yy = c->pub_y ? c->pub_y : (c->dl_y ? c->dl_y : c->anniv_year);
		if (!yy)
			return 0;
		if (c->pub_y && x->m > c->pub_m + 1)
			yy--;
		*y = yy;
		*m = x->m;
		*d = x->d;
		*basis = c->pub_y ? DB_PUBLISHED : c->year_basis;
		return 1;
	}
	case DX_D: {
		int yy, mm;
		if (c->dl_m && c->dl_y) {
			yy = c->dl_y;
			mm = c->dl_m;
			if (x->d > c->dl_d + 1) {
				if (--mm == 0) {
					mm = 12;
					yy--;
				}
			}
			*basis = c->dl_y == c->pub_y && c->pub_y ? DB_PUBLISHED : c->year_basis;
			if (c->year_basis == DB_NONE)
				*basis = DB_DATELINE;
		} else if (c->pub_y) {
			yy = c->pub_y;
			mm = c->pub_m;
			if (x->d > c->pub_d + 1) {
				if (--mm == 0) {
					mm = 12;
					yy--;
				}
			}
			*basis = DB_PUBLISHED;
		} else {
			return 0;
		}
		*y = yy;
		*m = mm;
		*d = x->d;
		return 1;
	}
	case DX_REL:
		if (!ry || !rd)
			return 0;
		*y = ry;
		*m = rm;
		*d = rd;
		add_days(y, m, d, x->rel);
		*basis = rbasis ? rbasis : DB_PUBLISHED;
		return 1;
	case DX_SAME:
	case DX_PREV:
		if (!c->ctx_y)
			return 0;
		*y = c->ctx_y;
		*m = c->ctx_m;
		*d = c->ctx_d;
		if (x->kind == DX_PREV)
			add_days(y, m, d, -1);
		*basis = rbasis ? rbasis : DB_PUBLISHED;
		return 1;
	case DX_WEEKDAY: {
		int wd, back;
		if (!ry || !rd)
			return 0;
		wd = annals_weekday(ry, rm, rd);
		back = (wd - x->wday + 7) % 7;
		*y = ry;
		*m = rm;
		*d = rd;
		add_days(y, m, d, -back);
		*basis = rbasis;
		return 1;
	}
	}
	return 0;
}

/* Year of "今年是…N周年": an anniversary lexicon phrase, then N周年, in one clause. */
static void find_anniversary_year(struct ctx *c)
{
	size_t i;
	int votes[8] = {0}, years[8] = {0}, nv = 0, best = -1, k;
	for (i = 0; i < c->nm; i++) {
		const struct mention *a = &c->m[i];
		size_t j, end, cs;
		int n, offset = 0, inside_title = 0;
		if (a->kind == LK_YEARMARK) {
			/* 今年是中国全面贯彻落实中共二十大精神的开局之年 */
			size_t ss = c->d->sents[sentence_of(c->d, a->s)].fold_start;
			if (has(c->f, clause_start(c->f, ss, a->s), a->s, "今年")) {
				int y = c->lx->year_mark[a->idx];
				for (k = 0; k < nv; k++)
					if (years[k] == y)
						break;
				if (k == nv && nv < 8) {
					years[nv] = y;
					votes[nv++] = 0;
				}
				if (k < 8)
					votes[k]++;
			}
			continue;
		}
		if (a->kind != LK_ANNIV)
			continue;
		end = clause_end(c->f, a->e, c->n);
		for (j = a->e; j + 6 <= end && j < a->e + 60; j++) {
			const char *p = c->f + j;
			if (!(*p >= '0' && *p <= '9') && !((unsigned char)*p >= 0xE4))
				continue;
			if (!annals_numeral_parse(&p, c->f + end, &n))
				continue;
			if (at(c->f, (size_t)(p - c->f), end, "周年") && n > 0 && n < 500)
				break;
			n = -1;
		}
		if (j + 6 > end || j >= a->e + 60)
			continue;
		cs = clause_start(c->f, c->d->sents[sentence_of(c->d, a->s)].fold_start, a->s);
		/* only "this year is…": not a title, not last year's */
		{
			size_t q;
			int open = 0;
			for (q = cs; q < a->s; q++) {
				if (at(c->f, q, a->s, "《"))
					open++;
				else if (at(c->f, q, a->s, "》"))
					open--;
			}
			inside_title = open > 0;
		}
		if (inside_title)
			continue;
		if (has(c->f, cs, a->s, "明年"))
			offset = -1;
		else if (has(c->f, cs, a->s, "去年"))
			offset = 1;
		else if (!has(c->f, cs, a->s, "今年") && !has(c->f, cs, a->s, "正值") &&
			!has(c->f, cs, a->s, "适逢") && !has(c->f, cs, a->s, "值此") &&
			!has(c->f, a->e, end, "之际") && !has(c->f, a->e, end + 12 < c->n ? end + 12 : c->n, "之际"))
			continue;
		{
			const char *p = c->f + j;
			if (!annals_numeral_parse(&p, c->f + end, &n))
				continue;
		}
		{
			int y = c->lx->anniv_base[a->idx] + n + offset;
			for (k = 0; k < nv; k++)
				if (years[k] == y)
					break;
			if (k == nv && nv < 8) {
				years[nv] = y;
				votes[nv++] = 0;
			}
			if (k < 8)
				votes[k]++;
		}
	}
	for (k = 0; k < nv; k++)
		if (best < 0 || votes[k] > votes[best])
			best = k;
	c->anniv_year = best >= 0 ? years[best] : 0;
}

static void setup_dates(struct ctx *c, const annals_extract_opts *opts)
{
	const annals_meta *mt = annals_doc_meta(c->d);
	const char *pub = opts && opts->published ? opts->published : c->d->r->published;
	int y = 0, m = 0, dd = 0;
	if (pub && sscanf(pub, "%d-%d-%d", &y, &m, &dd) == 3 && y > 1900 && m >= 1 && m <= 12 &&
		dd >= 1 && dd <= 31) {
		c->pub_y = y;
		c->pub_m = m;
		c->pub_d = dd;
	} else if (mt->published.year) {
		c->pub_y = mt->published.year;
		c->pub_m = mt->published.month;
		c->pub_d = mt->published.day;
	}
	find_anniversary_year(c);
	c->dl_m = mt->dateline.month;
	c->dl_d = mt->dateline.day;
	c->dl_y = mt->dateline.year;
	c->year_basis = DB_NONE;
	if (c->dl_y) {
		c->year_basis = DB_DATELINE;
	} else if (c->pub_y && c->dl_d) {
		int mm = c->dl_m ? c->dl_m : c->pub_m;
		c->dl_y = c->pub_y;
		if (mm > c->pub_m + 1)
			c->dl_y--;
		if (!c->dl_m) {
			c->dl_m = c->pub_m;
			if (c->dl_d > c->pub_d + 1 && --c->dl_m == 0) {
				c->dl_m = 12;
				c->dl_y--;
			}
		}
		c->year_basis = DB_PUBLISHED;
	} else if (c->anniv_year) {
		c->year_basis = DB_ANNIV;
		if (c->dl_m)
			c->dl_y = c->anniv_year;
	}
	if (!c->dl_m)
		c->dl_y = 0;
	if (c->pub_y && c->year_basis == DB_NONE)
		c->year_basis = DB_PUBLISHED;
	if (c->year_basis == DB_NONE && c->anniv_year)
		c->year_basis = DB_ANNIV;
	c->report_year = c->pub_y ? c->pub_y : (c->dl_y ? c->dl_y : c->anniv_year);
	c->ctx_y = c->dl_y ? c->dl_y : c->pub_y;
	c->ctx_m = c->dl_y ? c->dl_m : c->pub_m;
	c->ctx_d = c->dl_y ? c->dl_d : c->pub_d;
}

/* ---- places ----------------------------------------------------------------------- */

static int venue_suffix(const char *f, size_t s, size_t e)
{
	static const char *const suf[] = {"宫", "府", "馆", "堂", "厅", "庄园", "广场", "中心",
		"大厦", "饭店", "酒店", "官邸", "别墅", "寺", "观", "园", "宾馆", NULL};
	int i;
	for (i = 0; suf[i]; i++)
		if (ends_at(f, s, e, suf[i]))
			return 1;
	return 0;
}

/* How far a place mention stands from the event word: before it in Chinese
 * (在北京举行会谈), either side in English (met in Beijing). */
static size_t place_dist(const struct evm *v, const struct mention *m)
{
	if (m->e <= v->s)
		return v->s - m->e;
	return (m->s - v->e) + 1000000;
}

static void mention_place(struct ctx *c, struct evm *v, size_t s, size_t e)
{
	size_t i, dv = (size_t)-1, dc = (size_t)-1, dk = (size_t)-1;
	int best_v = -1, best_c = -1, best_k = -1;
	for (i = 0; i < c->nm; i++) {
		const struct mention *m = &c->m[i];
		size_t dist;
		if (m->s < s || m->e > e)
			continue;
		dist = place_dist(v, m);
		/* in English a place is where they met only after in/at ("in Beijing",
		 * "at the Great Hall", "Beijing's Great Hall"); "returns to the White
		 * House" is not */
		if ((unsigned char)c->f[m->s] < 0x80 && (m->kind == LK_VENUE || m->kind == LK_CITY) &&
			!(ends_at(c->f, s, m->s, "in ") || ends_at(c->f, s, m->s, "at ") ||
				ends_at(c->f, s, m->s, "in the ") || ends_at(c->f, s, m->s, "at the ") ||
				ends_at(c->f, s, m->s, "'s ") || ends_at(c->f, s, m->s, "in central ") ||
				ends_at(c->f, s, m->s, "in downtown ") || ends_at(c->f, s, m->s, "city of ") ||
				ends_at(c->f, s, m->s, "town of ")))
			continue;
		if (m->kind == LK_VENUE && dist < dv) {
			best_v = m->idx;
			dv = dist;
		} else if (m->kind == LK_CITY && dist < dc) {
			best_c = m->idx;
			dc = dist;
		} else if ((m->kind == LK_COUNTRY || m->kind == LK_REGION) && dist < dk) {
			/* a country is a place only after 在/于/赴/in/at */
			if (ends_at(c->f, s, m->s, "在") || ends_at(c->f, s, m->s, "于") ||
				ends_at(c->f, s, m->s, "赴") || ends_at(c->f, s, m->s, "in ") ||
				ends_at(c->f, s, m->s, "at ")) {
				if (m->kind == LK_COUNTRY)
					best_k = m->idx;
				else
					best_k = -2 - m->idx; /* a region: its country later */
				dk = dist;
			}
		}
	}
	v->venue = best_v;
	v->city = best_c;
	v->country = best_k;
	/* a generic venue after 在: 总统府前广场, 迎宾馆 */
	if (best_v < 0) {
		size_t p = s;
		while (p < e) {
			const char *h = memmem(c->f + p, e - p, "在", 3);
			size_t q, k2, last_ok = 0;
			if (!h)
				break;
			q = (size_t)(h - c->f) + 3;
			p = q;
			/* skip known places right after 在 */
			for (i = 0; i < c->nm; i++)
				if (c->m[i].s == q && (c->m[i].kind == LK_CITY || c->m[i].kind == LK_COUNTRY ||
					c->m[i].kind == LK_REGION))
					q = c->m[i].e;
			k2 = q;
			while (k2 < e && k2 - q < 30) {
				size_t len;
				uint32_t cp = cp_at(c->f, k2, e, &len);
				if (!is_han(cp) || cp == 0x4E3E || cp == 0x540C || cp == 0x4E0E || cp == 0x4F1A ||
					cp == 0x4E3A)
					break; /* 举 同 与 会 为 end the place */
				k2 += len;
				if (venue_suffix(c->f, q, k2))
					last_ok = k2;
			}
			if (last_ok > q && last_ok - q >= 6) {
				v->venue_text = c->f + q;
				v->venue_len = last_ok - q;
				break;
			}
		}
	}
}

/* ---- event words ------------------------------------------------------------------- */

static int attendee_clause(const char *f, size_t s, size_t w)
{
	static const char *const w_[] = {"出席", "参加", "陪同", "在座", "在场", "列席", "与会",
		"were present", "was present", "took part", "also attended", "attended the",
		"were also present", "accompanied", NULL};
	int i;
	size_t from = w > s + 15 ? w - 15 : s;
	for (i = 0; w_[i]; i++) {
		if ((w_[i][0] & 0x80) && has(f, from, w, w_[i]))
			return 1; /* 出席会晤, 等出席是项欢迎仪式 */
		if (!(w_[i][0] & 0x80) && has_ci(f, w > s + 40 ? w - 40 : s, w, w_[i]))
			return 1; /* "Cai Qi and Wang Yi were present at the meeting" */
	}
	return 0;
}

static int press_after(const char *f, size_t w, size_t e)
{
	static const char *const w_[] = {"记者", "媒体", "中外记者", "the press", "reporters",
		"journalists", "the media", "代表", "企业家", "学生", "侨胞", NULL};
	int i;
	size_t p = w;
	while (p < e && f[p] == ' ')
		p++;
	for (i = 0; w_[i]; i++)
		if (at(f, p, e, w_[i]))
			return 1;
	return 0;
}

static int directional(struct ctx *c, const struct mention *w)
{
	const char *f = c->f + w->s;
	size_t n = w->e - w->s;
	return c->lx->events[w->idx].type == EV_WELCOME || (n == 6 && (!memcmp(f, "会见", 6) ||
		!memcmp(f, "接见", 6)));
}

/* "their last meeting", "the talks": an English noun that refers back to an
 * encounter, so it takes no subject from earlier clauses. */
static int noun_reference(const char *f, size_t ss, size_t w)
{
	static const char *const det[] = {"their", "the", "his", "her", "its", "a", "an", "this",
		"that", "last", "first", "next", "previous", "earlier", "such", NULL};
	size_t e = w, b;
	int k;
	if ((unsigned char)f[w] >= 0x80)
		return 0;
	while (e > ss && f[e - 1] == ' ')
		e--;
	b = e;
	while (b > ss && ((f[b - 1] >= 'a' && f[b - 1] <= 'z') || (f[b - 1] >= 'A' && f[b - 1] <= 'Z')))
		b--;
	for (k = 0; det[k]; k++)
		if (strlen(det[k]) == e - b && strncasecmp(f + b, det[k], e - b) == 0)
			return 1;
	return 0;
}

/* An English event noun (talks, meeting, phone call) names its people after it
 * only through with/between ("talks with Putin", "the talks between Putin and
 * Biden"); a verb (met, received, held talks) takes its object directly. */
static int en_noun_needs_with(struct ctx *c, const struct mention *w, size_t ce)
{
	static const char *const verbs[] = {"met", "meet", "receiv", "host", "held", "hold",
		"had ", "spoke", "sat ", "paid", "pays", "call on", "called on", NULL};
	const char *f = c->f + w->s;
	size_t n = w->e - w->s, k, first = ce;
	int i;
	if ((unsigned char)*f >= 0x80)
		return 0;
	for (i = 0; verbs[i]; i++)
		if (n >= strlen(verbs[i]) && strncasecmp(f, verbs[i], strlen(verbs[i])) == 0)
			return 0;
	if (n >= 5 && strncasecmp(f + n - 5, " with", 5) == 0)
		return 0;
	for (k = 0; k < c->nm; k++)
		if (c->m[k].kind == LK_PERSON && c->m[k].s >= w->e && c->m[k].s < first)
			first = c->m[k].s;
	return !(has_ci(c->f, w->e, first, " with ") || has_ci(c->f, w->e, first, " between ") ||
		has_ci(c->f, w->e, first, " among "));
}

/* 陆续会见A、B、C, 分别同A和B举行会谈, met A and B separately: one encounter each. */
static int separately(const char *f, size_t s, size_t e)
{
	return has(f, s, e, "陆续") || has(f, s, e, "分别") || has(f, s, e, "先后") ||
		has(f, s, e, "逐一") || has_ci(f, s, e, "separately") || has_ci(f, s, e, "respectively") ||
		has_ci(f, s, e, "in turn") || has_ci(f, s, e, "one after another") ||
		has_ci(f, s, e, "bilateral");
}

static int add_actor(struct evm *v, int key)
{
	int i;
	for (i = 0; i < v->nact; i++)
		if (v->actors[i] == key)
			return 0;
	if (v->nact >= MAX_ACT)
		return 0;
	v->actors[v->nact++] = key;
	return 1;
}

/* Persons in [s,e) that may be principals; sets split to the index of the first
 * person after a preposition (同/与/跟/with) or -1. Returns the count. */
static int persons_in(struct ctx *c, size_t s, size_t e, size_t sent_s, int *keys, int max,
	int *split)
{
	size_t i;
	int n = 0;
	size_t prev_end = s;
	*split = -1;
	for (i = 0; i < c->nm && n < max; i++) {
		const struct mention *m = &c->m[i];
		int k, dup = 0;
		if (m->kind != LK_PERSON || m->s < s || m->e > e)
			continue;
		if (!person_rank_ok(c, m) || is_spouse(c, m, sent_s))
			continue;
		if (*split < 0 && (has(c->f, prev_end, m->s, "同") ||
			(has(c->f, prev_end, m->s, "与") && !has(c->f, prev_end, m->s, "与会")) ||
			has(c->f, prev_end, m->s, "跟") || has(c->f, prev_end, m->s, " with ")))
			*split = n;
		for (k = 0; k < n; k++)
			if (keys[k] == m->person)
				dup = 1;
		prev_end = m->e;
		if (!dup)
			keys[n++] = m->person;
	}
	return n;
}

/* Date and time expressions are found once per document (dates.c) and looked up
 * by position here, instead of rescanning a sentence for every event word. */
#define MAX_DATE_EXPR 65536

/* First element of a position-sorted array whose `s` field (at byte offset
 * `off` in elements of `size` bytes) is at or after pos. */
static size_t lower_by_start(const void *base, size_t n, size_t size, size_t off, size_t pos)
{
	const char *b = base;
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2, at;
		memcpy(&at, b + mid * size + off, sizeof at);
		if (at < pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static size_t dx_lower(const struct ctx *c, size_t pos)
{
	return lower_by_start(c->dx, c->ndx, sizeof *c->dx, offsetof(struct dexp, s), pos);
}

static size_t tx_lower(const struct ctx *c, size_t pos)
{
	return lower_by_start(c->tx, c->ntx, sizeof *c->tx, offsetof(struct tod_exp, s), pos);
}

/* The expressions that start in [s,e): a pointer into the document's list. */
static const struct dexp *dx_in(const struct ctx *c, size_t s, size_t e, size_t *n)
{
	size_t a = dx_lower(c, s), b = dx_lower(c, e);
	*n = b - a;
	return c->dx + a;
}

static const struct tod_exp *tx_in(const struct ctx *c, size_t s, size_t e, size_t *n)
{
	size_t a = tx_lower(c, s), b = tx_lower(c, e);
	*n = b - a;
	return c->tx + a;
}

typedef size_t (*expr_scan_fn)(const char *f, size_t s, size_t e, void *out, size_t max);

static size_t scan_dates(const char *f, size_t s, size_t e, void *out, size_t max)
{
	return annals_dates_scan(f, s, e, out, max);
}

static size_t scan_tods(const char *f, size_t s, size_t e, void *out, size_t max)
{
	return annals_tod_scan(f, s, e, out, max);
}

/* Run a scanner over the whole text into an array that grows as needed (most
 * reports hold a few dozen expressions), up to MAX_DATE_EXPR. `end_of` gives
 * where the last expression found ends, to go on from there. */
static int scan_all(struct ctx *c, expr_scan_fn scan, size_t size, size_t (*end_of)(const void *),
	void **out, size_t *n)
{
	size_t cap = 64, pos = 0;
	char *v = malloc(cap * size);
	if (!v)
		return 1;
	*n = 0;
	for (;;) {
		char *nv;
		*n += scan(c->f, pos, c->n, v + *n * size, cap - *n);
		*out = v;
		if (*n < cap || cap >= MAX_DATE_EXPR)
			return 0;
		pos = end_of(v + (*n - 1) * size);
		cap *= 2;
		nv = realloc(v, cap * size);
		if (!nv)
			return 1;
		v = nv;
		*out = v;
	}
}

static size_t dexp_end(const void *x) { return ((const struct dexp *)x)->e; }
static size_t tod_end(const void *x) { return ((const struct tod_exp *)x)->e; }

static int scan_expressions(struct ctx *c)
{
	void *dx = NULL, *tx = NULL;
	int bad = scan_all(c, scan_dates, sizeof *c->dx, dexp_end, &dx, &c->ndx);
	c->dx = dx;
	if (!bad)
		bad = scan_all(c, scan_tods, sizeof *c->tx, tod_end, &tx, &c->ntx);
	c->tx = tx;
	return bad;
}

/* The day the text is talking about moves with the dates it writes between
 * event sentences ("普京星期四抵达北京。…随后两人举行会谈"): follow day-level
 * dates (no year written) in body text up to `upto`, when they fall within a week
 * of the report's date. */
static void follow_dates(struct ctx *c, size_t *pos, size_t upto)
{
	const struct dexp *dx;
	size_t n, k;
	if (upto <= *pos)
		return;
	dx = dx_in(c, *pos, upto, &n);
	for (k = 0; k < n; k++) {
		int y, m, d, b, pk = para_kind_of(c->d, dx[k].s);
		long day, ref;
		if (dx[k].kind != DX_MD && dx[k].kind != DX_D && dx[k].kind != DX_WEEKDAY &&
			dx[k].kind != DX_REL)
			continue;
		if (pk == ANNALS_PARA_CHROME || pk == ANNALS_PARA_CAPTION)
			continue;
		if (!resolve_date(c, &dx[k], &y, &m, &d, &b))
			continue;
		day = annals_days_from_civil(y, m, d);
		ref = c->pub_y ? annals_days_from_civil(c->pub_y, c->pub_m, c->pub_d) :
			(c->dl_y ? annals_days_from_civil(c->dl_y, c->dl_m, c->dl_d) : day);
		if (day < ref - 7 || day > ref + 1)
			continue;
		c->ctx_y = y;
		c->ctx_m = m;
		c->ctx_d = d;
	}
	*pos = upto;
}

static int push_evm(struct ctx *c, const struct evm *proto)
{
	struct evm *v;
	if (c->nev >= MAX_EVM)
		return 1;
	if (!c->ev) {
		c->ev = malloc(MAX_EVM * sizeof *c->ev);
		if (!c->ev)
			return 1;
	}
	v = &c->ev[c->nev++];
	*v = *proto;
	return 0;
}

static void read_event_words(struct ctx *c)
{
	size_t i;
	int last_keys[MAX_ACT], nlast = 0;
	size_t ctx_pos = 0;
	for (i = 0; i < c->nm; i++) {
		const struct mention *w = &c->m[i];
		const struct lex_event *le;
		const annals_segment *sg;
		struct evm v;
		int keys[MAX_ACT * 2], nk, split, left_n, right_n, rsplit, k;
		int lkeys[MAX_ACT * 2], rkeys[MAX_ACT * 2];
		size_t cs, ce, ss, se, ri;
		const struct dexp *dx;
		const struct tod_exp *tx;
		size_t ndx, ntx;
		if (w->kind != LK_EVENT)
			continue;
		le = &c->lx->events[w->idx];
		sg = &c->d->sents[sentence_of(c->d, w->s)];
		follow_dates(c, &ctx_pos, sg->fold_start);
		ss = sg->fold_start;
		se = sg->fold_end;
		memset(&v, 0, sizeof v);
		v.s = w->s;
		v.e = w->e;
		v.sent = sentence_of(c->d, w->s);
		v.para_kind = para_kind_of(c->d, w->s);
		v.type = le->type;
		/* a type vote: the lead and title speak loudest, a caption softly, a
		 * repeated caption not at all */
		{
			const annals_paragraph *pp = para_of(c->d, w->s);
			int mult = 2;
			if (v.para_kind == ANNALS_PARA_LEAD || v.para_kind == ANNALS_PARA_TITLE)
				mult = 4;
			else if (v.para_kind == ANNALS_PARA_CAPTION)
				mult = 1;
			if (pp && pp->duplicate_of >= 0)
				mult = 0;
			v.weight = le->weight * mult;
		}
		v.venue = v.city = v.country = -1;
		v.host = INT_MIN;
		if (v.para_kind == ANNALS_PARA_CHROME)
			continue;
		cs = clause_start(c->f, ss, w->s);
		ce = clause_end(c->f, w->e, se);
		if (attendee_clause(c->f, cs, w->s)) {
			/* 王毅、何立峰等出席会晤: attendees, handled with the event they attend */
			continue;
		}
		if (press_after(c->f, w->e, ce))
			continue;
		/* 落实两国元首旧金山会晤共识: the word names an earlier meeting's outcome */
		if (at(c->f, w->e, ce, "共识") || at(c->f, w->e, ce, "精神") || at(c->f, w->e, ce, "成果"))
			continue;
		left_n = persons_in(c, cs, w->s, ss, lkeys, MAX_ACT, &split);
		right_n = persons_in(c, w->e, ce, ss, rkeys, MAX_ACT, &rsplit);
		if (right_n && en_noun_needs_with(c, w, ce))
			right_n = 0; /* "Prior to the talks, Xi, Macron and …": not the talks' people */
		nk = 0;
		if (((split == 0 && left_n >= 1) || (left_n + right_n == 1 && split < 0)) &&
			!noun_reference(c->f, ss, w->s)) {
			/* the subject stands earlier in the sentence: 习近平…,先与普京视频通话 */
			int skeys[MAX_ACT], ssplit, sn;
			size_t first_cs = ss, p;
			for (p = ss; p < cs; p++)
				if (is_clause_sep(c->f, p, cs)) {
					sn = persons_in(c, first_cs, p, ss, skeys, MAX_ACT, &ssplit);
					if (sn)
						break;
					first_cs = p + 1;
				}
			sn = persons_in(c, ss, cs, ss, skeys, MAX_ACT, &ssplit);
			if (sn > 0) {
				int nsub = ssplit > 0 ? ssplit : 1;
				for (k = 0; k < nsub; k++)
					keys[nk++] = skeys[k];
			}
		}
		if (left_n + right_n == 0) {
			/* 两国元首/双方/the two leaders: the encounter just told */
			int sn, ssplit, skeys[MAX_ACT];
			sn = persons_in(c, ss, cs, ss, skeys, MAX_ACT, &ssplit);
			if (sn >= 2 && ssplit < 0) {
				for (k = 0; k < sn; k++)
					keys[nk++] = skeys[k];
			} else if (nlast >= 2 && (has(c->f, cs, w->s, "两国元首") || has(c->f, cs, w->s, "双方") ||
				has(c->f, cs, w->s, "两人") || has(c->f, ss, w->s, "two leaders") ||
				has(c->f, cs, w->s, "两位领导人") || v.para_kind == ANNALS_PARA_LEAD)) {
				for (k = 0; k < nlast; k++)
					keys[nk++] = last_keys[k];
			}
			if (nk < 2)
				continue;
		}
		/* status */
		v.status = ST_REPORTED;
		/* a clause without its own subject inherits the sentence's mood:
		 * 石破茂将于明日前往印尼，与普拉博沃会谈; 希望…，推动与金正恩会面 */
		if (future_cue(c->f, ((unsigned char)c->f[w->s] < 0x80 || split == 0 || left_n == 0) ?
			ss : cs, w->s))
			v.status = ST_PLANNED;
		/* "Yoon and Kishida last met in November" */
		if ((unsigned char)c->f[w->s] < 0x80 && (ends_at(c->f, ss, w->s, "last ") ||
			ends_at(c->f, ss, w->s, "previously ")))
			v.status = ST_RECALLED;
		/* dates and times: the sentence up to the word, then (English) after it */
		dx = dx_in(c, ss, se, &ndx);
		{
			int best = -1, bi;
			for (bi = 0; bi < (int)ndx; bi++) {
				/* 2023年4月…会晤 (a year before the word), met in Hanoi in 2019 (after
				 * it, in English); not 会谈中回顾了2013年以来… */
				if (dx[bi].y && c->report_year && dx[bi].y < c->report_year &&
					(dx[bi].s < w->s || ((unsigned char)c->f[w->s] < 0x80 && dx[bi].s < ce)))
					v.status = ST_RECALLED;
				if (dx[bi].kind == DX_YEAR || (dx[bi].kind == DX_FULL && !dx[bi].d))
					continue;
				if (dx[bi].s < w->s && dx[bi].s >= ss &&
					(dx[bi].s >= cs || ends_clause(c->f, dx[bi].e, w->s)))
					best = bi; /* closest before the word, in its clause or a date clause */
			}
			if (best < 0)
				for (bi = 0; bi < (int)ndx; bi++)
					if (dx[bi].kind != DX_YEAR && dx[bi].s >= w->e && dx[bi].s < ce + 80) {
						best = bi;
						break;
					}
			if (best >= 0) {
				int y, m, d, b;
				if (dx[best].kind == DX_FULL && c->report_year && dx[best].y < c->report_year)
					v.status = ST_RECALLED;
				if (resolve_date(c, &dx[best], &y, &m, &d, &b)) {
					v.has_date = 1;
					v.y = y;
					v.m = m;
					v.d = d;
					v.date_basis = b;
					if (c->pub_y && annals_days_from_civil(y, m, d) <
						annals_days_from_civil(c->pub_y, c->pub_m, c->pub_d) - 10)
						v.status = ST_RECALLED;
					c->ctx_y = y;
					c->ctx_m = m;
					c->ctx_d = d;
				}
			} else if (c->ctx_y && v.para_kind != ANNALS_PARA_CAPTION &&
				v.status != ST_RECALLED && !past_cue(c->f, ss, w->s)) {
				/* no date here: the day the text is talking about */
				v.has_date = 2;
				v.y = c->ctx_y;
				v.m = c->ctx_m;
				v.d = c->ctx_d;
				v.date_basis = c->pub_y ? DB_PUBLISHED : c->year_basis;
			}
		}
		/* a past cue before the word, or in its clause after it (会晤是去年10月…) */
		if (past_cue(c->f, ss, w->s) || ((unsigned char)c->f[w->s] >= 0x80 &&
			past_cue_after(c->f, w->e, ce)))
			v.status = ST_RECALLED;
		tx = tx_in(c, ss, (unsigned char)c->f[w->s] < 0x80 ? se : w->s, &ntx);
		v.tod = TOD_NONE;
		for (ri = 0; ri < ntx; ri++)
			if ((tx[ri].s < w->s && (tx[ri].s >= cs || ends_clause(c->f, tx[ri].e, w->s))) ||
				(unsigned char)c->f[w->s] < 0x80)
				v.tod = tx[ri].tod;
		{
			/* the dateline names where the reporter was, not where they met */
			size_t ps = ss < c->d->dateline_fold_e && se > c->d->dateline_fold_s ?
				c->d->dateline_fold_e : ss;
			mention_place(c, &v, cs > ps ? cs : ps, ce);
			if (v.venue < 0 && v.city < 0 && !v.venue_text)
				mention_place(c, &v, ps, se);
		}
		/* build the encounters: subject(s) x each object */
		{
			int subj[MAX_ACT * 2], obj[MAX_ACT * 2], ns = 0, no = 0;
			for (k = 0; k < nk; k++)
				subj[ns++] = keys[k];
			for (k = 0; k < left_n; k++) {
				if (split >= 0 && k >= split)
					obj[no++] = lkeys[k];
				else
					subj[ns++] = lkeys[k];
			}
			for (k = 0; k < right_n; k++)
				obj[no++] = rkeys[k];
			if (no == 0 && ns >= 2) {
				struct evm e = v;
				for (k = 0; k < ns; k++)
					add_actor(&e, subj[k]);
				if (e.nact >= 2)
					push_evm(c, &e);
			} else if (ns == 0 && no >= 2) {
				struct evm e = v;
				for (k = 0; k < no; k++)
					add_actor(&e, obj[k]);
				if (e.nact >= 2)
					push_evm(c, &e);
			} else if (ns >= 1 && no >= 2 && !separately(c->f, ss, se)) {
				/* "met with Michel and von der Leyen": one encounter of all */
				struct evm e = v;
				for (k = 0; k < ns; k++)
					add_actor(&e, subj[k]);
				for (k = 0; k < no; k++)
					add_actor(&e, obj[k]);
				push_evm(c, &e);
			} else if (ns >= 1 && no >= 1) {
				int o;
				for (o = 0; o < no; o++) {
					struct evm e = v;
					/* X会见Y, X接见Y, X欢迎Y: X receives, so X hosts */
					if (ns == 1 && split < 0 && o >= no - right_n && directional(c, w))
						e.host = subj[0];
					for (k = 0; k < ns; k++)
						add_actor(&e, subj[k]);
					add_actor(&e, obj[o]);
					if (e.nact >= 2)
						push_evm(c, &e);
				}
			}
			if (c->nev && c->ev[c->nev - 1].s == w->s && v.status != ST_RECALLED) {
				nlast = c->ev[c->nev - 1].nact;
				memcpy(last_keys, c->ev[c->nev - 1].actors, sizeof(int) * (size_t)nlast);
			}
		}
	}
}

/* ---- encounters --------------------------------------------------------------------- */

static int in_person(int t) { return t == EV_TALKS || t == EV_MEETING || t == EV_WELCOME; }

static int same_actors(const struct evm *a, const struct evm *b)
{
	int i, j;
	if (a->nact != b->nact)
		return 0;
	for (i = 0; i < a->nact; i++) {
		int found = 0;
		for (j = 0; j < b->nact; j++)
			if (a->actors[i] == b->actors[j])
				found = 1;
		if (!found)
			return 0;
	}
	return 1;
}

/* Two place names the text writes one after the other (成都都江堰) name one
 * place at two levels, not two places. */
static int nested(struct ctx *c, const char *x, const char *y)
{
	char buf[256];
	size_t nx = strlen(x), ny = strlen(y);
	if (nx + ny >= sizeof buf)
		return 0;
	memcpy(buf, x, nx);
	memcpy(buf + nx, y, ny);
	if (memmem(c->f, c->n, buf, nx + ny))
		return 1;
	memcpy(buf, y, ny);
	memcpy(buf + ny, x, nx);
	return memmem(c->f, c->n, buf, nx + ny) != NULL;
}

/* The city a mention places itself in: named, or the city of its venue. */
static const char *city_name(struct ctx *c, const struct evm *v)
{
	if (v->city >= 0)
		return c->lx->places[v->city].zh;
	if (v->venue >= 0)
		return c->lx->places[v->venue].city;
	return NULL;
}

static int compatible(struct ctx *c, const struct evm *a, const struct evm *b)
{
	if (!same_actors(a, b))
		return 0;
	/* "the talks" between two leaders on a video link are the video call; but a
	 * phone call is never a video call */
	if (!in_person(a->type) && !in_person(b->type) && a->type != b->type)
		return 0;
	if ((a->status == ST_RECALLED) != (b->status == ST_RECALLED))
		return 0;
	if (a->has_date == 1 && b->has_date == 1 &&
		(a->y != b->y || a->m != b->m || a->d != b->d))
		return 0;
	{
		const char *ca = city_name(c, a), *cb = city_name(c, b);
		if (ca && cb && strcmp(ca, cb) != 0 && !nested(c, ca, cb))
			return 0;
	}
	return 1;
}

struct encounter {
	int first;   /* first mention */
	int nment;
	int caption_only;
	int votes[6];
};

static int place_rank(const struct evm *v)
{
	return (v->type == EV_WELCOME) * 2 + (v->para_kind == ANNALS_PARA_CAPTION);
}

static const char *type_str(int t)
{
	switch (t) {
	case EV_TALKS: return "talks";
	case EV_MEETING: case EV_WELCOME: return "meeting";
	case EV_PHONE: return "phone_call";
	case EV_VIDEO: return "video_call";
	}
	return "meeting";
}

static const char *basis_str(int b)
{
	switch (b) {
	case DB_TEXT: return "text";
	case DB_DATELINE: return "dateline";
	case DB_PUBLISHED: return "published";
	case DB_ANNIV: return "anniversary";
	}
	return "none";
}

static const char *doc_kind(const char *t, size_t n)
{
	static const struct {
		const char *suf, *kind;
	} k[] = {{"联合声明", "joint_statement"}, {"条约", "treaty"}, {"协定", "agreement"},
		{"协议", "agreement"}, {"备忘录", "memorandum"}, {"规划", "plan"}, {"计划", "plan"},
		{"纲要", "plan"}, {"宣言", "declaration"}, {"公报", "communique"}, {"声明", "statement"},
		{"议定书", "protocol"}, {"合同", "contract"}, {NULL, NULL}};
	int i;
	for (i = 0; k[i].suf; i++)
		if (ends_at(t, 0, n, k[i].suf))
			return k[i].kind;
	return "document";
}

/* Documents signed or issued at the report's main encounter: 签署《…》, 发表《…》. */
static annals_status find_documents(struct ctx *c, annals_event *out, struct annals_arena *a)
{
	static const char *const verbs[] = {"签署", "发表", "通过", "签订", "签发", "发布", NULL};
	size_t p = 0, cap = 8;
	annals_document *docs = annals_arena_alloc(a, cap * sizeof *docs);
	if (!docs)
		return ANNALS_E_NOMEM;
	out->documents = docs;
	while (p < c->n) {
		const char *h = memmem(c->f + p, c->n - p, "《", 3);
		size_t s, e, sent_s, k;
		int verb = 0, vi;
		const annals_segment *sg;
		if (!h)
			break;
		s = (size_t)(h - c->f);
		p = s + 3;
		sg = &c->d->sents[sentence_of(c->d, s)];
		sent_s = sg->fold_start;
		if (para_kind_of(c->d, s) == ANNALS_PARA_CHROME)
			continue;
		/* a verb shortly before the title, or a list of titles after one */
		for (vi = 0; verbs[vi] && !verb; vi++) {
			size_t back = s > sent_s + 24 ? s - 24 : sent_s;
			const char *v = memmem(c->f + back, s - back, verbs[vi], strlen(verbs[vi]));
			if (v) {
				size_t ve = (size_t)(v - c->f) + strlen(verbs[vi]);
				size_t q;
				int clean = 1;
				for (q = ve; q < s; q++)
					if (c->f[q] == ',' || at(c->f, q, s, "\xE3\x80\x82"))
						clean = 0;
				verb = clean;
			}
		}
		/* 2001年签署的《…》: a relative clause names an existing document */
		if (verb && ends_at(c->f, sent_s, s, "的"))
			verb = 0;
		if (!verb && out->ndocuments && s >= 6 &&
			(ends_at(c->f, sent_s, s, "》和") || ends_at(c->f, sent_s, s, "》、") ||
				ends_at(c->f, sent_s, s, "》及")))
			verb = 1;
		if (!verb)
			continue;
		/* not a past document: a year before the report's, 曾, 此前 */
		{
			size_t nd, q;
			const struct dexp *dx = dx_in(c, sent_s, s, &nd);
			int past = past_cue(c->f, sent_s, s);
			for (q = 0; q < nd; q++)
				if ((dx[q].kind == DX_YEAR || dx[q].kind == DX_FULL) && c->report_year &&
					dx[q].y < c->report_year)
					past = 1;
			if (past)
				continue;
		}
		/* the title: to the matching 》 (nested 《》 inside count) */
		{
			int depth = 0;
			e = s;
			while (e < c->n) {
				if (at(c->f, e, c->n, "《"))
					depth++;
				else if (at(c->f, e, c->n, "》") && --depth == 0)
					break;
				e++;
			}
			if (e >= c->n || e - s > 600)
				continue;
		}
		{
			const char *t = c->f + s + 3;
			size_t tn = e - s - 3;
			int dup = 0;
			for (k = 0; k < out->ndocuments; k++)
				if (strlen(docs[k].title) >= tn && memmem(docs[k].title, strlen(docs[k].title), t, tn))
					dup = 1; /* the same document, or its short title */
			if (!dup && tn >= 6) {
				if (out->ndocuments == cap) {
					annals_document *nd = annals_arena_alloc(a, cap * 2 * sizeof *nd);
					if (!nd)
						return ANNALS_E_NOMEM;
					memcpy(nd, docs, cap * sizeof *nd);
					docs = nd;
					out->documents = docs;
					cap *= 2;
				}
				docs[out->ndocuments].title = out_str(c, a, s + 3, e);
				docs[out->ndocuments].kind = doc_kind(t, tn);
				if (!docs[out->ndocuments].title)
					return ANNALS_E_NOMEM;
				out->ndocuments++;
			}
		}
		p = e + 3;
	}
	return ANNALS_OK;
}

/* 交换20多份双边合作文本，涵盖…等领域: documents without titles. */
static annals_status find_exchanged(struct ctx *c, annals_event *out, struct annals_arena *a)
{
	static const char *const units[] = {"份", "项", "个", NULL};
	static const char *const nouns[] = {"合作文本", "合作文件", "文件", "协议", "协定", "文本",
		"合作协议", "双边合作文本", NULL};
	size_t i;
	for (i = 0; i + 6 < c->n; i++) {
		const char *p = c->f + i;
		int n, u, approx = 0;
		size_t q, k;
		if (!(c->f[i] >= '0' && c->f[i] <= '9'))
			continue;
		if (i > 0 && c->f[i - 1] >= '0' && c->f[i - 1] <= '9')
			continue;
		if (!annals_numeral_parse(&p, c->f + c->n, &n) || n < 2 || n > 500)
			continue;
		q = (size_t)(p - c->f);
		if (at(c->f, q, c->n, "多") || at(c->f, q, c->n, "余")) {
			approx = 1;
			q += 3;
		}
		for (u = 0; units[u]; u++)
			if (at(c->f, q, c->n, units[u]))
				break;
		if (!units[u])
			continue;
		q += 3;
		{
			size_t r = q, lim = q + 36 < c->n ? q + 36 : c->n;
			int ok = 0;
			while (r < lim && !ok) {
				for (k = 0; nouns[k]; k++)
					if (at(c->f, r, c->n, nouns[k]))
						ok = 1;
				if (!ok)
					r++;
			}
			if (!ok)
				continue;
			if (!(ends_at(c->f, i > 60 ? i - 60 : 0, i, "交换") || has(c->f, i > 40 ? i - 40 : 0, i, "交换") ||
				has(c->f, i > 40 ? i - 40 : 0, i, "签署") || has(c->f, i > 40 ? i - 40 : 0, i, "签订")))
				continue;
			if (past_cue(c->f, i > 40 ? i - 40 : 0, i))
				continue;
			out->exchanged = annals_arena_alloc(a, sizeof *out->exchanged);
			if (!out->exchanged)
				return ANNALS_E_NOMEM;
			out->exchanged->count = n;
			out->exchanged->approx = approx ? "more_than" :
				(ends_at(c->f, 0, i, "约") || ends_at(c->f, 0, i, "近") ? "about" : "exact");
			/* 涵盖A、B等领域 */
			{
				const char *cov = memmem(c->f + r, (c->n - r) < 60 ? c->n - r : 60, "涵盖", 6);
				if (cov) {
					size_t as = (size_t)(cov - c->f) + 6, ae = as, na = 0, x0;
					const char **areas;
					while (ae < c->n && !at(c->f, ae, c->n, "等领域") && !at(c->f, ae, c->n, "领域") &&
						c->f[ae] != ',' && !at(c->f, ae, c->n, "\xE3\x80\x82") && ae - as < 300) {
						size_t cl;
						cp_at(c->f, ae, c->n, &cl); /* whole characters: never cut one */
						ae += cl;
					}
					areas = annals_arena_alloc(a, 32 * sizeof *areas);
					if (!areas)
						return ANNALS_E_NOMEM;
					x0 = as;
					for (k = as; k <= ae && na < 32; k++) {
						if (k == ae || at(c->f, k, ae, "、")) {
							if (k > x0)
								areas[na++] = out_str(c, a, x0, k);
							x0 = k + 3;
							k += 2;
						}
					}
					out->exchanged->areas = areas;
					out->exchanged->nareas = na;
				}
			}
			return ANNALS_OK;
		}
	}
	return ANNALS_OK;
}

static const struct lex_person *person_row(struct ctx *c, int key, int year)
{
	size_t i;
	const struct lex_person *best = NULL;
	for (i = 0; i < c->lx->npeople; i++) {
		const struct lex_person *p = &c->lx->people[i];
		if (p->id != key)
			continue;
		if (!best)
			best = p;
		if (year && (!p->from || p->from <= year) && (!p->to || p->to >= year)) {
			best = p;
			break;
		}
	}
	return best;
}

static annals_status fill_actor(struct ctx *c, int key, int year, const struct evm *mentions,
	const int *idx, int nidx, annals_actor *a, struct annals_arena *ar)
{
	int i;
	const char *stated = NULL;
	/* a title as stated next to the name in one of the mentions' sentences */
	for (i = 0; i < nidx && !stated; i++) {
		const annals_segment *sg = &c->d->sents[mentions[idx[i]].sent];
		size_t k;
		for (k = 0; k < c->nm; k++) {
			const struct mention *m = &c->m[k];
			if (m->kind == LK_PERSON && m->person == key && m->s >= sg->fold_start &&
				m->e <= sg->fold_end && m->title >= 0) {
				stated = c->lx->titles[m->title].zh;
				if ((unsigned char)c->f[m->s] < 0x80)
					stated = c->lx->titles[m->title].en;
				break;
			}
		}
	}
	if (key >= 0) {
		const struct lex_person *p = person_row(c, key, year);
		a->name = annals_arena_strdup(ar, p->name);
		a->name_en = *p->name_en ? annals_arena_strdup(ar, p->name_en) : NULL;
		a->country = *p->country ? annals_arena_strdup(ar, p->country) : NULL;
		a->title = annals_arena_strdup(ar, stated ? stated : p->title);
	} else {
		const struct local_person *p = &c->loc[-1 - key];
		a->name = annals_arena_strndup(ar, p->name, p->len);
		a->name_en = p->is_en ? a->name : NULL;
		a->country = p->country >= 0 ? annals_arena_strdup(ar, c->lx->countries[p->country].iso3) : NULL;
		a->title = stated ? annals_arena_strdup(ar, stated) :
			(p->title >= 0 ? annals_arena_strdup(ar, c->lx->titles[p->title].zh) : NULL);
	}
	return a->name ? ANNALS_OK : ANNALS_E_NOMEM;
}

static const char *country_of_place(struct ctx *c, int place)
{
	return place >= 0 && *c->lx->places[place].country ? c->lx->places[place].country : NULL;
}

/* Does the sentence name every principal of the encounter? */
static int names_all(struct ctx *c, const annals_segment *sg, const struct evm *v)
{
	int k, found[MAX_ACT] = {0}, all = 1;
	size_t i;
	for (i = 0; i < c->nm; i++) {
		const struct mention *m = &c->m[i];
		if (m->kind != LK_PERSON || m->s < sg->fold_start || m->e > sg->fold_end)
			continue;
		for (k = 0; k < v->nact; k++)
			if (v->actors[k] == m->person)
				found[k] = 1;
	}
	for (k = 0; k < v->nact; k++)
		all &= found[k];
	return all;
}

static int has_event_word(struct ctx *c, const annals_segment *sg)
{
	size_t i;
	for (i = 0; i < c->nm; i++)
		if (c->m[i].kind == LK_EVENT && c->m[i].s >= sg->fold_start && c->m[i].e <= sg->fold_end)
			return 1;
	return 0;
}

/* A later sentence that names both principals without an event word of its own
 * often says where they were (李在明在北京钓鱼台国宾馆告诉李强) or when the visitor
 * arrived to open the encounter (下午5时许，习近平…抵达海湖庄园，特朗普…迎接). */
static void enrich(struct ctx *c, const struct evm *first, int *venue, int *city, int *country,
	const char **vtext, size_t *vlen, int *tod)
{
	static const char *const arrive[] = {"抵达", "到达", "迎接", "arrived", "greeted", NULL};
	size_t si, last = first->sent + 12;
	for (si = first->sent + 1; si < c->d->nsent && si <= last; si++) {
		const annals_segment *sg = &c->d->sents[si];
		int pk = para_kind_of(c->d, sg->fold_start), a;
		if (pk == ANNALS_PARA_CAPTION || pk == ANNALS_PARA_CHROME)
			continue;
		if (!names_all(c, sg, first) || has_event_word(c, sg))
			continue;
		if (*venue < 0 && !*vtext) {
			struct evm tmp = *first;
			mention_place(c, &tmp, sg->fold_start, sg->fold_end);
			if (tmp.venue >= 0 || tmp.venue_text) {
				*venue = tmp.venue;
				*vtext = tmp.venue_text;
				*vlen = tmp.venue_len;
				if (*city < 0)
					*city = tmp.city;
				if (*country == -1)
					*country = tmp.country;
			}
		}
		if (!*tod) {
			for (a = 0; arrive[a]; a++) {
				const char *h = memmem(c->f + sg->fold_start, sg->fold_end - sg->fold_start,
					arrive[a], strlen(arrive[a]));
				const struct tod_exp *tx;
				size_t nt;
				if (!h)
					continue;
				tx = tx_in(c, sg->fold_start, (size_t)(h - c->f), &nt);
				if (nt) {
					*tod = tx[0].tod;
					break;
				}
			}
		}
	}
}

static const char *person_country(struct ctx *c, int key)
{
	if (key >= 0)
		return *c->lx->people[key].country ? c->lx->people[key].country : NULL;
	if (c->loc[-1 - key].country >= 0)
		return c->lx->countries[c->loc[-1 - key].country].iso3;
	return NULL;
}

static int same_sentence_main(struct ctx *c, const int *idx, int nidx, const struct evm *v)
{
	int i;
	for (i = 0; i < nidx; i++)
		if (c->ev[idx[i]].type != EV_WELCOME && c->ev[idx[i]].sent == v->sent)
			return 1;
	return 0;
}

static int same_country(struct ctx *c, const struct evm *v)
{
	const char *c0 = person_country(c, v->actors[0]);
	int k;
	if (!c0)
		return 0;
	for (k = 1; k < v->nact; k++) {
		const char *ck = person_country(c, v->actors[k]);
		if (!ck || strcmp(ck, c0) != 0)
			return 0;
	}
	return 1;
}

static annals_status build(struct ctx *c, annals_events *out)
{
	struct encounter *enc = NULL;
	int *order = NULL, nenc = 0, i, j, main_enc = -1;
	annals_status st = ANNALS_OK;
	struct annals_arena *ar = &out->arena;
	int any_full = 0;
	size_t main_ev = (size_t)-1, mi;
	if (!c->nev)
		return ANNALS_OK;
	enc = calloc(c->nev, sizeof *enc);
	order = malloc(c->nev * sizeof *order);
	if (!enc || !order) {
		st = ANNALS_E_NOMEM;
		goto out;
	}
	/* group mentions */
	for (i = 0; i < (int)c->nev; i++) {
		struct evm *v = &c->ev[i];
		v->group = -1;
		for (j = 0; j < nenc && v->group < 0; j++) {
			int k, ok = 1;
			for (k = 0; k < i && ok; k++)
				if (c->ev[k].group == j && !compatible(c, &c->ev[k], v))
					ok = 0;
			if (ok)
				v->group = j;
		}
		if (v->group < 0) {
			v->group = nenc;
			enc[nenc].first = i;
			enc[nenc].caption_only = 1;
			nenc++;
		}
		enc[v->group].nment++;
		enc[v->group].votes[v->type] += v->weight;
		if (v->para_kind != ANNALS_PARA_CAPTION)
			enc[v->group].caption_only = 0;
	}
	for (j = 0; j < nenc; j++)
		if (!enc[j].caption_only)
			any_full = 1;
	/* the main encounter: first one told in the title or lead */
	for (i = 0; i < (int)c->nev && main_enc < 0; i++)
		if ((c->ev[i].para_kind == ANNALS_PARA_LEAD || c->ev[i].para_kind == ANNALS_PARA_TITLE) &&
			c->ev[i].status == ST_REPORTED)
			main_enc = c->ev[i].group;
	if (main_enc < 0)
		for (i = 0; i < (int)c->nev && main_enc < 0; i++)
			if (c->ev[i].status == ST_REPORTED)
				main_enc = c->ev[i].group;
	for (j = 0; j < nenc; j++) {
		annals_event *e;
		int idx[MAX_EVM], nidx = 0, t, best_t = EV_NONE, k;
		int status = ST_RECALLED, all_planned = 1;
		int tods[5] = {0}, tod = TOD_NONE, has_main_word = 0;
		const struct evm *dated = NULL, *soft = NULL;
		int venue = -1, city = -1, country = -1;
		const char *vtext = NULL;
		size_t vlen = 0;
		const struct evm *first = &c->ev[enc[j].first];
		if (enc[j].caption_only && any_full)
			continue;
		if (same_country(c, first))
			continue; /* two officials of one country meeting is not diplomacy */
		for (i = 0; i < (int)c->nev; i++)
			if (c->ev[i].group == j) {
				idx[nidx++] = i;
				if (c->ev[i].type != EV_WELCOME)
					has_main_word = 1;
			}
		/* places from the encounter's own words first, welcome ceremonies and
		 * captions last */
		{
			int a, b2, tmp;
			for (a = 1; a < nidx; a++)
				for (b2 = a; b2 > 0 && place_rank(&c->ev[idx[b2]]) < place_rank(&c->ev[idx[b2 - 1]]); b2--) {
					tmp = idx[b2];
					idx[b2] = idx[b2 - 1];
					idx[b2 - 1] = tmp;
				}
		}
		for (i = 0; i < nidx; i++) {
			const struct evm *v = &c->ev[idx[i]];
			if (v->status == ST_REPORTED)
				status = ST_REPORTED;
			if (v->status != ST_PLANNED)
				all_planned = 0;
			/* a banquet's 当晚 is not the talks' time, unless one sentence tells
			 * both (当天下午…欢迎仪式，随后…举行会谈) */
			if (v->tod && (v->type != EV_WELCOME || !has_main_word || same_sentence_main(c, idx, nidx, v)))
				tods[v->tod]++;
			if (v->has_date == 1 && (!dated || (dated->para_kind == ANNALS_PARA_CAPTION &&
				v->para_kind != ANNALS_PARA_CAPTION)))
				dated = v;
			if (v->has_date == 2 && !soft)
				soft = v;
			if (venue < 0 && v->venue >= 0)
				venue = v->venue;
			if (city < 0 && v->city >= 0)
				city = v->city;
			if (country == -1 && v->country != -1)
				country = v->country;
			if (!vtext && v->venue_text) {
				vtext = v->venue_text;
				vlen = v->venue_len;
			}
		}
		if (all_planned)
			status = ST_PLANNED;
		/* phone and video outvote in-person words */
		if (enc[j].votes[EV_PHONE] || enc[j].votes[EV_VIDEO])
			best_t = enc[j].votes[EV_VIDEO] > enc[j].votes[EV_PHONE] ? EV_VIDEO : EV_PHONE;
		else
			for (t = EV_TALKS; t <= EV_WELCOME; t++)
				if (best_t == EV_NONE || enc[j].votes[t] > enc[j].votes[best_t])
					best_t = t;
		for (t = TOD_MORNING; t <= TOD_EVENING; t++)
			if (tods[t] > (tod ? tods[tod] : 0))
				tod = t;
		if (status == ST_REPORTED && in_person(best_t) && (!tod || (venue < 0 && !vtext)))
			enrich(c, first, &venue, &city, &country, &vtext, &vlen, &tod);
		e = annals_events_add(out);
		if (!e) {
			st = ANNALS_E_NOMEM;
			goto out;
		}
		e->doc = annals_arena_strdup(ar, c->d->r->id);
		e->type = type_str(best_t);
		e->status = status == ST_REPORTED ? "reported" : status == ST_PLANNED ? "planned" : "recalled";
		e->cameo = in_person(best_t) ? "040" : "041";
		if (!dated && soft && (j == main_enc || c->dl_m == 0))
			dated = soft;
		if (!dated && j == main_enc && c->dl_y && c->dl_m && c->dl_d) {
			char buf[16];
			snprintf(buf, sizeof buf, "%04d-%02d-%02d", c->dl_y, c->dl_m, c->dl_d);
			e->date = annals_arena_strdup(ar, buf);
			e->date_basis = basis_str(c->year_basis == DB_NONE ? DB_DATELINE : c->year_basis);
		} else if (dated) {
			char buf[16];
			snprintf(buf, sizeof buf, "%04d-%02d-%02d", dated->y, dated->m, dated->d);
			e->date = annals_arena_strdup(ar, buf);
			e->date_basis = basis_str(dated->date_basis);
		} else {
			e->date_basis = "none";
		}
		e->time_of_day = annals_tod_str(tod);
		if (in_person(best_t)) {
			const char *ctry = NULL;
			if (venue >= 0) {
				const struct lex_place *pv = &c->lx->places[venue];
				e->place.venue = annals_arena_strdup(ar, pv->zh);
				e->place.venue_en = pv->en ? annals_arena_strdup(ar, pv->en) : NULL;
				ctry = country_of_place(c, venue);
			} else if (vtext) {
				e->place.venue = out_str(c, ar, (size_t)(vtext - c->f), (size_t)(vtext - c->f) + vlen);
			}
			if (city < 0 && venue >= 0 && c->lx->places[venue].city) {
				/* the venue's name says its city: 喀山克里姆林宫 */
				const char *cz = c->lx->places[venue].city;
				for (k = 0; k < (int)c->lx->nplaces; k++)
					if (c->lx->places[k].kind == LK_CITY && !strcmp(c->lx->places[k].zh, cz))
						break;
				if (k < (int)c->lx->nplaces) {
					size_t fi;
					for (fi = 0; fi < c->nm; fi++)
						if (c->m[fi].kind == LK_VENUE && c->m[fi].idx == venue &&
							has(c->f, c->m[fi].s, c->m[fi].e, cz))
							city = k;
				}
			}
			if (city >= 0) {
				const struct lex_place *pc = &c->lx->places[city];
				e->place.city = annals_arena_strdup(ar, pc->zh);
				e->place.city_en = pc->en ? annals_arena_strdup(ar, pc->en) : NULL;
				if (!ctry)
					ctry = country_of_place(c, city);
			}
			if (!ctry && country >= 0)
				ctry = c->lx->countries[country].iso3;
			if (!ctry && country <= -2)
				ctry = country_of_place(c, -2 - country);
			if (!ctry && j == main_enc && c->d->meta.place) {
				/* the dateline place for the report's main encounter */
				size_t fi;
				const char *dp = c->d->meta.place;
				for (fi = 0; fi < c->nm && !ctry; fi++) {
					const struct mention *m = &c->m[fi];
					/* a place named in the dateline itself (MOSCOW, 新华社莫斯科) */
					int in_dl = m->s >= c->d->dateline_fold_s && m->e <= c->d->dateline_fold_e;
					if ((m->kind == LK_CITY || m->kind == LK_VENUE) &&
						(in_dl || (m->e - m->s <= strlen(dp) && strstr(dp, c->lx->places[m->idx].zh)))) {
						ctry = country_of_place(c, m->idx);
						if (m->kind == LK_CITY && !e->place.city && !e->place.venue) {
							e->place.city = annals_arena_strdup(ar, c->lx->places[m->idx].zh);
							e->place.city_en = c->lx->places[m->idx].en ?
								annals_arena_strdup(ar, c->lx->places[m->idx].en) : NULL;
						}
					}
				}
			}
			if (!ctry) {
				/* the receiving side's country: 赖清德…欢迎…戴斐立 */
				for (i = 0; i < nidx && !ctry; i++)
					if (c->ev[idx[i]].host != INT_MIN)
						ctry = person_country(c, c->ev[idx[i]].host);
			}
			e->place.country = ctry ? annals_arena_strdup(ar, ctry) : NULL;
		}
		/* actors */
		e->actors = annals_arena_alloc(ar, (size_t)first->nact * sizeof *e->actors);
		if (!e->actors) {
			st = ANNALS_E_NOMEM;
			goto out;
		}
		for (k = 0; k < first->nact; k++) {
			st = fill_actor(c, first->actors[k], e->date ? atoi(e->date) : c->report_year,
				c->ev, idx, nidx, &e->actors[k], ar);
			if (st)
				goto out;
		}
		e->nactors = (size_t)first->nact;
		/* roles: the actor of the host country hosts */
		for (i = 0; i < nidx && e->nactors == 2; i++) {
			int hkey = c->ev[idx[i]].host;
			if (hkey == INT_MIN)
				continue;
			for (k = 0; k < 2; k++)
				if (first->actors[k] == hkey) {
					e->actors[k].role = "host";
					e->actors[1 - k].role = "guest";
					e->cameo = k == 0 ? "043" : "042";
				}
			break;
		}
		if (e->place.country && e->nactors == 2 && !e->actors[0].role) {
			int h = -1, hosts = 0;
			for (k = 0; k < 2; k++)
				if (e->actors[k].country && !strcmp(e->actors[k].country, e->place.country)) {
					h = k;
					hosts++;
				}
			if (hosts == 1) {
				e->actors[h].role = "host";
				e->actors[1 - h].role = "guest";
				e->cameo = h == 0 ? "043" : "042";
			}
		}
		/* evidence: every sentence that told it */
		e->evidence = annals_arena_alloc(ar, (size_t)nidx * sizeof *e->evidence);
		if (!e->evidence) {
			st = ANNALS_E_NOMEM;
			goto out;
		}
		for (i = 0; i < nidx; i++) {
			const annals_segment *sg = &c->d->sents[c->ev[idx[i]].sent];
			size_t q;
			int dup = 0;
			for (q = 0; q < e->nevidence; q++)
				if (e->evidence[q].start == sg->cp_start)
					dup = 1;
			if (!dup) {
				e->evidence[e->nevidence].start = sg->cp_start;
				e->evidence[e->nevidence].end = sg->cp_end;
				e->nevidence++;
			}
		}
		if (j == main_enc)
			main_ev = out->n - 1;
		if (j == main_enc && status != ST_RECALLED) {
			st = find_documents(c, e, ar);
			if (!st)
				st = find_exchanged(c, e, ar);
			if (st)
				goto out;
		}
		if (!e->doc || !e->type) {
			st = ANNALS_E_NOMEM;
			goto out;
		}
	}
	/* other encounters of the same visit told without a place took place in the
	 * main encounter's country (习近平…还同米舒斯京举行会见) */
	if (!st && main_ev != (size_t)-1 && out->v[main_ev].place.country)
		for (mi = 0; mi < out->n; mi++) {
			annals_event *e = &out->v[mi];
			if (mi != main_ev && !e->place.country && !strcmp(e->status, "reported") &&
				(!strcmp(e->type, "talks") || !strcmp(e->type, "meeting")))
				e->place.country = out->v[main_ev].place.country;
		}
out:
	free(enc);
	free(order);
	return st;
}

/* 蔡奇、王毅等参加: attendees of the encounter told just before. */
static annals_status find_attendees(struct ctx *c, annals_events *out)
{
	static const char *const verbs[] = {"参加", "出席", "陪同", "在座", "在场", NULL};
	size_t si;
	annals_event *target = NULL;
	for (si = 0; si < c->d->nsent; si++) {
		const annals_segment *sg = &c->d->sents[si];
		size_t e = sg->fold_end, k;
		int vi, hit = 0;
		/* the encounter being told: the last record whose evidence starts before */
		for (k = 0; k < out->n; k++)
			if (out->v[k].nevidence && out->v[k].evidence[0].start <= sg->cp_start &&
				!strcmp(out->v[k].status, "reported"))
				target = &out->v[k];
		if (!target)
			continue;
		if (!memmem(c->f + sg->fold_start, e - sg->fold_start, "等", 3))
			continue; /* 王毅、何立峰等出席: no 等, no list of attendees */
		for (vi = 0; verbs[vi] && !hit; vi++) {
			const char *h = memmem(c->f + sg->fold_start, e - sg->fold_start, verbs[vi], 6);
			if (h && (ends_at(c->f, sg->fold_start, (size_t)(h - c->f), "等") ||
				ends_at(c->f, sg->fold_start, (size_t)(h - c->f), "等人")))
				hit = (int)((size_t)(h - c->f));
		}
		if (!hit)
			continue;
		for (k = 0; k < c->nm; k++) {
			const struct mention *m = &c->m[k];
			annals_actor *na;
			size_t q;
			int dup = 0;
			if (m->kind != LK_PERSON || m->s < sg->fold_start || m->e > (size_t)hit)
				continue;
			{
				annals_actor tmp;
				memset(&tmp, 0, sizeof tmp);
				if (fill_actor(c, m->person, c->report_year, NULL, NULL, 0, &tmp, &out->arena))
					return ANNALS_E_NOMEM;
				for (q = 0; q < target->nactors; q++)
					if (!strcmp(target->actors[q].name, tmp.name))
						dup = 1;
				for (q = 0; q < target->nattendees; q++)
					if (!strcmp(target->attendees[q].name, tmp.name))
						dup = 1;
				if (dup)
					continue;
				na = annals_arena_alloc(&out->arena, (target->nattendees + 1) * sizeof *na);
				if (!na)
					return ANNALS_E_NOMEM;
				if (target->nattendees)
					memcpy(na, target->attendees, target->nattendees * sizeof *na);
				na[target->nattendees].name = tmp.name;
				na[target->nattendees].country = tmp.country;
				target->attendees = na;
				target->nattendees++;
			}
		}
	}
	return ANNALS_OK;
}

/* ANNALS_DEBUG=1: every event word's reading on stderr, for rule work. */
static void debug_mentions(struct ctx *c)
{
	size_t i;
	int k;
	fprintf(stderr, "-- %s: pub %d-%d-%d dateline %d-%d-%d anniv %d\n", c->d->r->id, c->pub_y,
		c->pub_m, c->pub_d, c->dl_y, c->dl_m, c->dl_d, c->anniv_year);
	for (i = 0; i < c->nev; i++) {
		const struct evm *v = &c->ev[i];
		fprintf(stderr, "  [%zu] %.*s type=%d st=%d para=%d date=%d:%d-%d-%d tod=%d venue=%d city=%d ctry=%d actors=",
			i, (int)(v->e - v->s), c->f + v->s, v->type, v->status, v->para_kind, v->has_date,
			v->y, v->m, v->d, v->tod, v->venue, v->city, v->country);
		for (k = 0; k < v->nact; k++) {
			int key = v->actors[k];
			if (key >= 0)
				fprintf(stderr, "%s ", c->lx->people[key].name);
			else
				fprintf(stderr, "%.*s ", (int)c->loc[-1 - key].len, c->loc[-1 - key].name);
		}
		fprintf(stderr, "| %.*s\n", (int)(c->d->sents[v->sent].fold_end - c->d->sents[v->sent].fold_start) > 150 ? 150 :
			(int)(c->d->sents[v->sent].fold_end - c->d->sents[v->sent].fold_start),
			c->f + c->d->sents[v->sent].fold_start);
	}
}

/* ---- public ------------------------------------------------------------------------- */

annals_status annals_extractor_new(annals_extractor **out)
{
	annals_extractor *x = calloc(1, sizeof *x);
	annals_status st;
	*out = NULL;
	if (!x)
		return ANNALS_E_NOMEM;
	st = annals_lexicon_load(&x->lx);
	if (st) {
		free(x);
		return st;
	}
	*out = x;
	return ANNALS_OK;
}

void annals_extractor_free(annals_extractor *x)
{
	if (!x)
		return;
	annals_lexicon_free(&x->lx);
	free(x);
}

annals_status annals_extract(annals_extractor *x, const annals_doc *d,
	const annals_extract_opts *opts, annals_events **out)
{
	struct ctx c;
	annals_events *ev = NULL;
	annals_status st;
	*out = NULL;
	memset(&c, 0, sizeof c);
	c.x = x;
	c.lx = &x->lx;
	c.d = d;
	c.f = d->fold.ptr ? d->fold.ptr : "";
	c.n = d->fold.len;
	st = annals_events_new(&ev);
	if (st)
		return st;
	if (!d->nsent)
		goto out;
	{
		const char *pub = opts && opts->published ? opts->published : d->r->published;
		c.year_hint = pub ? atoi(pub) : d->meta.published.year;
		if (c.year_hint < 1900)
			c.year_hint = d->meta.published.year;
	}
	st = annals_matcher_scan(c.lx->m, c.f, c.n, on_hit, &c);
	if (st)
		goto out;
	select_mentions(&c);
	if (discover_people(&c) || find_local_again(&c) || find_short_names(&c)) {
		st = ANNALS_E_NOMEM;
		goto out;
	}
	select_mentions(&c);
	if (scan_expressions(&c)) {
		st = ANNALS_E_NOMEM;
		goto out;
	}
	setup_dates(&c, opts);
	read_event_words(&c);
	if (getenv("ANNALS_DEBUG"))
		debug_mentions(&c);
	st = build(&c, ev);
	if (!st)
		st = find_attendees(&c, ev);
out:
	free(c.m);
	free(c.ev);
	free(c.dx);
	free(c.tx);
	annals_arena_free(&c.tmp);
	if (st) {
		annals_events_free(ev);
		return st;
	}
	*out = ev;
	return ANNALS_OK;
}

annals_status annals_extractor_lookup_person(annals_extractor *x, const char *name,
	const char **canonical, const char **name_en, const char **country)
{
	annals_buf fb;
	size_t i;
	annals_status st;
	*canonical = *name_en = *country = NULL;
	annals_buf_init(&fb, 4096);
	st = annals_fold(name, strlen(name), &fb);
	if (st) {
		annals_buf_free(&fb);
		return st;
	}
	st = ANNALS_E_NOT_FOUND;
	for (i = 0; i < x->lx.npats; i++) {
		const struct lex_pattern *p = &x->lx.pats[i];
		if (p->kind == LK_PERSON && p->len == fb.len &&
			(p->ascii ? strncasecmp(p->text, fb.ptr, fb.len) == 0 : memcmp(p->text, fb.ptr, fb.len) == 0)) {
			const struct lex_person *pr = &x->lx.people[p->idx];
			*canonical = pr->name;
			*name_en = pr->name_en;
			*country = pr->country;
			st = ANNALS_OK;
			break;
		}
	}
	annals_buf_free(&fb);
	return st;
}
