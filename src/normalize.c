/* normalize.c - builds the folded view of a report: every code point folded one
 * to one (script, width, quotes), lines broken inside a sentence joined again,
 * paragraphs and sentences split and classified, and a map from every folded
 * byte back to the original text so that evidence offsets stay exact.
 * SPDX-License-Identifier: MIT */
#include "doc.h"
#include "fold.h"
#include "utf8.h"

#include <stdlib.h>
#include <string.h>

/* One line, folded and trimmed. */
struct line {
	size_t fs, fe;      /* its folded bytes [fs,fe) */
	size_t nl;          /* original offset of the line's '\n' (or text end) */
	uint32_t first, last, before_last; /* folded code points */
	unsigned ncp;       /* code points */
	unsigned prose : 1; /* has a sentence-internal punctuation mark */
	unsigned blank_before : 1;
	unsigned meta : 1;  /* page-chrome-like (发布时间, 来源:, ...) */
	unsigned caption_end : 1;
	unsigned space : 1; /* an inner space: headings join two phrases with one */
	unsigned nspace;    /* inner spaces: a ticker of headlines has many */
	struct para_stat stat;
};

static int is_space_cp(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' || c == 0x3000 ||
		c == 0xA0 || (c >= 0x2000 && c <= 0x200B) || c == 0x202F || c == 0x205F ||
		c == 0xFEFF;
}

/* The report's text is valid UTF-8 (the reader repairs it), and so is the
 * folded view: decode without checks. */
static uint32_t decode_at(const char *s, size_t n, size_t *i)
{
	(void)n;
	return annals_utf8_next(s, i);
}

static int is_terminal(uint32_t c)
{
	switch (c) {
	case 0x3002: /* 。 */
	case '!': case '?': case ';': case '.': case 0x2026: /* … */
	case 0x201D: case '"': case '\'': case ')': case ']': case 0x300B: /* 》 */
	case 0x3011: /* 】 */
		return 1;
	}
	return 0;
}

static int is_latin(uint32_t c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= 0xC0 && c < 0x250);
}

/* Folded text contains one of these words? (line-level checks on short lines) */
static int contains(const char *hay, size_t n, const char *needle)
{
	size_t k = strlen(needle);
	return k <= n && memmem(hay, n, needle, k) != NULL;
}

static const char *const meta_words[] = {
	"发布时间", "来源:", "责任编辑", "点击量", "发稿时间", "更新时间", "编辑:", NULL};

static int line_is_meta(const char *s, size_t n)
{
	int i;
	for (i = 0; meta_words[i]; i++)
		if (contains(s, n, meta_words[i]))
			return 1;
	return 0;
}

/* A line ending as photo credits do: "新华社记者 丁海涛 摄", "…合影。新华社发". */
static int caption_ending(uint32_t last, uint32_t prev)
{
	if (last == 0x6444) /* 摄 */
		return 1;
	if (last == 0x53D1 && (prev == 0x793E || prev == 0x7F51))
		return 1; /* 社发 / 网发 */
	return 0;
}

static int starts_dateline(const char *s, size_t n)
{
	static const char *const heads[] = {"新华社", "中新社", "中新网", "本报讯", "中央社", "(",
		NULL};
	int i;
	for (i = 0; heads[i]; i++) {
		size_t k = strlen(heads[i]);
		if (n >= k && memcmp(s, heads[i], k) == 0)
			return 1;
	}
	return 0;
}

static int ends_with_function_word(const char *s, size_t n)
{
	static const char *const w[] = {" with", " and", " of", " the", " in", " on", " at", " to",
		" for", " a", " an", " by", " from", " between", " said", NULL};
	int i;
	for (i = 0; w[i]; i++) {
		size_t k = strlen(w[i]);
		if (n >= k && memcmp(s + n - k, w[i], k) == 0)
			return 1;
	}
	return 0;
}

/* Join line b onto paragraph-so-far ending with line a? 0 = no, 1 = CJK join
 * (nothing between), 2 = English join (a space between). */
static int join_kind(const annals_doc *d, const struct line *a, const struct line *b,
	int a_is_first, int a_continues)
{
	uint32_t x = a->last, y = b->first;
	const char *f = d->fold.ptr;
	if (a->meta || b->meta || a->caption_end || is_terminal(x))
		return 0;
	if (starts_dateline(f + b->fs, b->fe - b->fs))
		return 0;
	if (y == 0x25B2 || y == 0x25A0 || y == 0x25CF || y == 0x25C6 || y == 0x2605 ||
		y == 0x2022 || y == '-' || y == '*')
		return 0; /* ▲ ■ ● ◆ ★ • bullets start something new */
	if (is_latin(x) || x == ',' || (x < 0x80 && y < 0x80)) {
		/* hard-wrapped English: the sentence runs on in lower case, or the line
		 * stops on a word that cannot end one ("held talks with\nFrench …") */
		if ((y >= 'a' && y <= 'z') || (x == ',' && (is_latin(y) || (y >= '0' && y <= '9'))))
			return 2;
		if (is_latin(y) && ends_with_function_word(f + a->fs, a->fe - a->fs))
			return 2;
		return 0;
	}
	if ((a_is_first && b->blank_before && !a->prose) || (b->blank_before && a->nspace >= 3))
		return 0; /* a title line followed by a blank line */
	if (x == ',' || x == 0x3001 || x == ':')
		return 1;
	if (is_latin(y))
		return 0;
	/* A line that is prose, or that itself continues a broken sentence, or too
	 * long for a heading, runs on into the next: print layouts break lines
	 * anywhere ("俄羅斯總\n\n統普京"). A short unpunctuated first line is a
	 * heading ("排除外部干擾 拓能源AI等互利合作") and stands alone. */
	if ((a->prose && a->ncp >= 6) || a_continues || (a->ncp >= 20 && !a->space))
		return 1;
	return 0;
}

/* Fold the original line [s,e) onto the end of the folded text, one byte after
 * it (room for the separator the join decision may put there), and read the
 * line's properties on the way: one decoding pass per character. Room in the
 * buffer and the map was made by the caller. */
static void fold_line(annals_doc *d, size_t s, size_t e, struct line *L)
{
	const char *t = d->r->text;
	char *out = d->fold.ptr;
	uint32_t *map = d->map;
	size_t i = s, o = d->fold.len + 1;
	unsigned total = 0, lead = 0, trail = 0, puncts = 0;
	int last_punct = 0, seen = 0;
	memset(L, 0, sizeof *L);
	L->fs = L->fe = o;
	while (i < e) {
		size_t at = i, cstart = o;
		uint32_t cp;
		unsigned char c0 = (unsigned char)t[i];
		int is_sp, is_p;
		if (c0 < 0x80) {
			cp = c0 < 0x20 ? ' ' : c0; /* tabs and controls read as spaces */
			i++;
			map[o] = (uint32_t)at;
			out[o++] = (char)cp;
			L->stat.latin += (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
		} else {
			char enc[4];
			int nb, k;
			cp = decode_at(t, e, &i);
			if (annals_cp_is_han(cp)) {
				L->stat.han++;
				L->stat.trad += annals_cp_is_trad(cp) != 0;
				L->stat.simp += annals_cp_is_simp(cp) != 0;
			} else if (cp >= 0xC0 && cp < 0x250) {
				L->stat.latin++;
			}
			cp = annals_fold_cp(cp);
			nb = annals_utf8_encode(cp, enc);
			for (k = 0; k < nb; k++) {
				map[o] = (uint32_t)at;
				out[o++] = enc[k];
			}
		}
		total++;
		is_sp = is_space_cp(cp);
		if (is_sp) {
			if (!seen)
				lead++;
			else
				trail++;
			continue;
		}
		/* a non-space character: the spaces just counted were inner ones */
		if (!seen) {
			seen = 1;
			L->fs = cstart;
			L->first = cp;
		}
		trail = 0;
		is_p = cp == ',' || cp == 0x3001 || cp == 0x3002 || cp == '!' || cp == '?' || cp == ';';
		puncts += (unsigned)is_p;
		last_punct = is_p;
		L->before_last = L->last;
		L->last = cp;
		L->fe = o;
	}
	if (!seen)
		return;
	L->ncp = total - lead - trail;
	/* spaces counted after the last non-space are trailing */
	{
		size_t k;
		unsigned inner = 0;
		for (k = L->fs; k < L->fe; k++)
			inner += out[k] == ' ';
		L->nspace = inner;
		L->space = inner > 0;
	}
	L->prose = puncts - (unsigned)last_punct > 0;
	L->caption_end = (unsigned)caption_ending(L->last, L->before_last);
	L->meta = (unsigned)(L->ncp < 100 && L->last != 0x3002 &&
		line_is_meta(out + L->fs, L->fe - L->fs)); /* meta lines are short, not sentences */
}

static annals_status push_para(annals_doc *d, size_t fs, size_t fe)
{
	annals_paragraph *p;
	if (d->npara == d->cap_para) {
		size_t cap = d->cap_para ? d->cap_para * 2 : 32;
		annals_paragraph *v;
		if (cap > ANNALS_MAX_PARAGRAPHS)
			return ANNALS_E_TOO_LARGE;
		struct para_stat *sv;
		v = realloc(d->paras, cap * sizeof *v);
		if (!v)
			return ANNALS_E_NOMEM;
		d->paras = v;
		sv = realloc(d->pstat, cap * sizeof *sv);
		if (!sv)
			return ANNALS_E_NOMEM;
		d->pstat = sv;
		d->cap_para = cap;
	}
	memset(&d->pstat[d->npara], 0, sizeof d->pstat[0]);
	p = &d->paras[d->npara++];
	memset(p, 0, sizeof *p);
	p->seg.fold_start = fs;
	p->seg.fold_end = fe;
	p->duplicate_of = -1;
	return ANNALS_OK;
}

static annals_status push_sent(annals_doc *d, size_t fs, size_t fe)
{
	annals_segment *s;
	const char *f = d->fold.ptr;
	while (fs < fe && (f[fs] == ' '))
		fs++;
	while (fe > fs && f[fe - 1] == ' ')
		fe--;
	if (fs == fe)
		return ANNALS_OK;
	if (d->nsent == d->cap_sent) {
		size_t cap = d->cap_sent ? d->cap_sent * 2 : 64;
		annals_segment *v;
		if (cap > ANNALS_MAX_SENTENCES)
			return ANNALS_E_TOO_LARGE;
		v = realloc(d->sents, cap * sizeof *v);
		if (!v)
			return ANNALS_E_NOMEM;
		d->sents = v;
		d->cap_sent = cap;
	}
	s = &d->sents[d->nsent++];
	memset(s, 0, sizeof *s);
	s->fold_start = fs;
	s->fold_end = fe;
	annals_doc_fill_segment(d, s);
	return ANNALS_OK;
}

static int is_abbrev(const char *f, size_t ws, size_t dot)
{
	static const char *const ab[] = {"Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep",
		"Sept", "Oct", "Nov", "Dec", "Mr", "Mrs", "Ms", "Dr", "St", "No", "Gen", "Lt", "Col",
		"Sen", "Rep", "Gov", "Prof", "Jr", "Sr", "vs", "U.S", "U.N", "U.K", "Inc", "Co", "Ltd",
		"Mt", "Ft", "approx", "a.m", "p.m", "H.E", NULL};
	size_t n = dot - ws;
	int i;
	if (n == 1 && f[ws] >= 'A' && f[ws] <= 'Z')
		return 1; /* an initial: "Joseph R. Biden" */
	for (i = 0; ab[i]; i++)
		if (strlen(ab[i]) == n && memcmp(f + ws, ab[i], n) == 0)
			return 1;
	return 0;
}

static int is_closer(uint32_t c)
{
	return c == 0x201D || c == '"' || c == '\'' || c == ')' || c == 0x300B || c == 0x2019 ||
		c == 0x3011;
}

/* Split a paragraph's folded text into sentences. A byte scan is enough: the
 * marks looked for are ASCII or 。 (E3 80 82), and in UTF-8 neither can occur
 * inside another character. */
static annals_status split_sentences(annals_doc *d, annals_paragraph *p)
{
	const char *f = d->fold.ptr;
	size_t i = p->seg.fold_start, e = p->seg.fold_end, s = i, ws = i;
	annals_status st = ANNALS_OK;
	p->first_sentence = d->nsent;
	while (i < e && !st) {
		unsigned char b = (unsigned char)f[i];
		size_t at = i;
		int cut = 0;
		if (b == ' ') {
			ws = ++i;
			continue;
		}
		if (b == 0xE3 && i + 2 < e && (unsigned char)f[i + 1] == 0x80 &&
			(unsigned char)f[i + 2] == 0x82) {
			i += 3;
			cut = 1;
		} else if (b == '!' || b == '?') {
			i++;
			cut = 1;
		} else if (b == '.') {
			size_t j = ++i;
			if (j >= e) {
				cut = 1;
			} else if (f[j] == ' ' && !is_abbrev(f, ws, at)) {
				while (j < e && f[j] == ' ')
					j++;
				cut = j >= e || (f[j] >= 'A' && f[j] <= 'Z') || (f[j] >= '0' && f[j] <= '9') ||
					(unsigned char)f[j] >= 0x80 || f[j] == '"' || f[j] == '(';
			}
		} else {
			i++;
			continue;
		}
		if (cut) {
			while (i < e) {
				size_t j = i;
				uint32_t q = decode_at(f, e, &j);
				if (!is_closer(q))
					break;
				i = j;
			}
			st = push_sent(d, s, i);
			s = i;
		}
	}
	if (!st && s < e)
		st = push_sent(d, s, e);
	p->nsentences = d->nsent - p->first_sentence;
	return st;
}

/* Script of the original text of a paragraph. */
static annals_script classify_script(const annals_doc *d, const annals_paragraph *p)
{
	const struct para_stat *ps = &d->pstat[p - d->paras];
	if (!ps->han && !ps->latin)
		return ANNALS_SCRIPT_NONE;
	if (ps->latin > ps->han * 2)
		return ANNALS_SCRIPT_EN;
	if (ps->trad > ps->simp)
		return ANNALS_SCRIPT_HANT;
	return ANNALS_SCRIPT_HANS;
}

/* ---- paragraph classes ---------------------------------------------------- */

static const char *const chrome_words[] = {
	"请继续往下阅读", "继续往下阅读", "我是广告", "字体大小", "收藏成功", "打开文本图片集",
	"试读结束", "Suggest To A Friend", "LIKE我们的", "点击量", "责任编辑", "发布时间",
	"来源:", "分享到", "扫一扫", "返回顶部", "相关新闻", "延伸阅读", "更多新闻",
	"All news", "Share this", "Read more", "Related News", "版权所有", "Copyright", NULL};

static size_t cps(const annals_doc *d, const annals_paragraph *p)
{
	return p->seg.cp_end - p->seg.cp_start;
}

static int count_char(const char *s, size_t n, char c)
{
	int k = 0;
	size_t i;
	for (i = 0; i < n; i++)
		k += s[i] == c;
	return k;
}

static int has_terminal_punct(const char *s, size_t n)
{
	return contains(s, n, "\xE3\x80\x82") || memchr(s, '!', n) || memchr(s, '?', n) ||
		(memchr(s, '.', n) && count_char(s, n, ' ') > 3);
}

static int ends_with(const char *s, size_t n, const char *suf)
{
	size_t k = strlen(suf);
	return n >= k && memcmp(s + n - k, suf, k) == 0;
}

/* A parenthesised credit at the end: (新华社) (法新社) (图/路透) (Xinhua/Huang Jingwen). */
static int credit_tail(const char *s, size_t n)
{
	static const char *const marks[] = {"社", "图", "摄", "影像", "视觉", "提供", "Xinhua",
		"Reuters", "AFP", "AP", "EPA", "Getty", "photo", "Photo", "新华网", "央视", NULL};
	size_t open, i;
	int k;
	if (!n || s[n - 1] != ')')
		return 0;
	for (open = n - 1; open > 0 && s[open] != '('; open--)
		;
	if (s[open] != '(' || n - open > 80)
		return 0;
	for (k = 0; marks[k]; k++)
		for (i = open; i + strlen(marks[k]) <= n; i++)
			if (memcmp(s + i, marks[k], strlen(marks[k])) == 0)
				return 1;
	return 0;
}

static annals_para_kind classify_para(const annals_doc *d, const annals_paragraph *p)
{
	const char *s = d->fold.ptr + p->seg.fold_start;
	size_t n = p->seg.fold_end - p->seg.fold_start, ncp = cps(d, p);
	int i;
	/* page chrome is short, and does not end a sentence with 。 */
	if (ncp < 90 && (ncp <= 24 || !ends_with(s, n, "\xE3\x80\x82")))
		for (i = 0; chrome_words[i]; i++)
			if (contains(s, n, chrome_words[i]))
				return ANNALS_PARA_CHROME;
	if (ncp < 60 && (contains(s, n, " > ") || contains(s, n, ">>")))
		return ANNALS_PARA_CHROME; /* breadcrumb: 首页 > 头条, Home > China News */
	if (ncp <= 4 && !has_terminal_punct(s, n))
		return ANNALS_PARA_CHROME; /* 大 / 中 / 小, "text", "快讯" */
	if (ncp >= 80 && !has_terminal_punct(s, n) && count_char(s, n, ' ') >= 5)
		return ANNALS_PARA_CHROME; /* a ticker of other articles' headlines */
	if (ncp < 40 && (contains(s, n, "记者") || contains(s, n, "編輯")) &&
		(contains(s, n, "报导") || contains(s, n, "报道") || contains(s, n, "/")) &&
		!contains(s, n, "\xE3\x80\x82"))
		return ANNALS_PARA_CHROME; /* byline: 联合报/ 记者陈宥菘/即时报导 */
	if (ncp < 30 && (s[0] == '\xE2' && n >= 3 && memcmp(s, "\xE2\x96\xA0", 3) == 0))
		return ANNALS_PARA_CHROME; /* ■据新华社 */
	if (n >= 3 && memcmp(s, "\xE2\x96\xB2", 3) == 0)
		return ANNALS_PARA_CAPTION; /* ▲ photo caption */
	if (ends_with(s, n, "摄") || ends_with(s, n, "社发") || ends_with(s, n, "网发") ||
		ends_with(s, n, "供图") || credit_tail(s, n))
		return ANNALS_PARA_CAPTION;
	return ANNALS_PARA_BODY;
}

static void classify(annals_doc *d)
{
	size_t i, j;
	int titles = 0, seen_prose = 0;
	for (i = 0; i < d->npara; i++) {
		annals_paragraph *p = &d->paras[i];
		size_t n = p->seg.fold_end - p->seg.fold_start;
		p->script = classify_script(d, p);
		p->kind = classify_para(d, p);
		if (n >= 30) {
			for (j = 0; j < i; j++) {
				annals_paragraph *q = &d->paras[j];
				if (q->seg.fold_end - q->seg.fold_start == n &&
					memcmp(d->fold.ptr + q->seg.fold_start,
						d->fold.ptr + p->seg.fold_start, n) == 0) {
					p->duplicate_of = (int)j;
					if (q->kind == ANNALS_PARA_CAPTION)
						p->kind = ANNALS_PARA_CAPTION;
					break;
				}
			}
		}
		/* a credit on a line of its own ("新华社发") makes the paragraph before it
		 * a caption too */
		if (i > 0 && cps(d, p) <= 24 && (ends_with(d->fold.ptr + p->seg.fold_start, n, "摄") ||
			ends_with(d->fold.ptr + p->seg.fold_start, n, "社发")) &&
			!contains(d->fold.ptr + p->seg.fold_start, n, "\xE3\x80\x82")) {
			p->kind = ANNALS_PARA_CAPTION;
			if (d->paras[i - 1].kind == ANNALS_PARA_BODY || d->paras[i - 1].kind == ANNALS_PARA_TITLE)
				d->paras[i - 1].kind = ANNALS_PARA_CAPTION;
			continue;
		}
		if (p->kind != ANNALS_PARA_BODY)
			continue;
		/* Titles: short unpunctuated paragraphs before the first prose. */
		if (!seen_prose && titles < 3 && cps(d, p) <= 90 &&
			!ends_with(d->fold.ptr + p->seg.fold_start, n, "\xE3\x80\x82") &&
			!(d->fold.ptr[p->seg.fold_end - 1] == '.')) {
			p->kind = ANNALS_PARA_TITLE;
			titles++;
		} else {
			seen_prose = 1;
		}
	}
}

/* ---- public ---------------------------------------------------------------- */

void annals_doc_span_orig(const annals_doc *d, size_t fs, size_t fe, size_t *os, size_t *oe)
{
	size_t last;
	uint32_t cp;
	if (fe <= fs) {
		*os = *oe = d->map[fs];
		return;
	}
	*os = d->map[fs];
	last = d->map[fe - 1];
	if (last >= d->r->text_len) {
		*oe = d->r->text_len;
		return;
	}
	*oe = last + (size_t)annals_utf8_decode((const unsigned char *)d->r->text + last,
		d->r->text_len - last, &cp);
	if (d->fold.ptr[fe - 1] == '\n' || d->fold.ptr[fe - 1] == ' ') {
		/* a separator maps to the newline it stands for */
		if (*oe > d->r->text_len)
			*oe = d->r->text_len;
	}
}

size_t annals_doc_orig_offset(const annals_doc *d, size_t fold_off)
{
	if (fold_off >= d->fold.len)
		return d->r->text_len;
	return d->map[fold_off];
}

size_t annals_doc_cp_offset(const annals_doc *d, size_t orig_off)
{
	size_t k = orig_off / 64, base;
	if (orig_off > d->r->text_len)
		orig_off = d->r->text_len;
	if (k >= d->ncp_ckpt)
		k = d->ncp_ckpt - 1;
	base = k * 64;
	return d->cp_ckpt[k] + annals_utf8_count(d->r->text + base, orig_off - base);
}

void annals_doc_fill_segment(const annals_doc *d, annals_segment *s)
{
	annals_doc_span_orig(d, s->fold_start, s->fold_end, &s->orig_start, &s->orig_end);
	s->cp_start = annals_doc_cp_offset(d, s->orig_start);
	s->cp_end = annals_doc_cp_offset(d, s->orig_end);
}

static annals_status build_ckpt(annals_doc *d)
{
	size_t n = d->r->text_len, k, nk = n / 64 + 1, c = 0;
	d->cp_ckpt = malloc(nk * sizeof *d->cp_ckpt);
	if (!d->cp_ckpt)
		return ANNALS_E_NOMEM;
	for (k = 0; k < nk; k++) {
		size_t end = (k + 1) * 64 < n ? (k + 1) * 64 : n;
		d->cp_ckpt[k] = (uint32_t)c;
		c += annals_utf8_count(d->r->text + k * 64, end - k * 64);
	}
	d->ncp_ckpt = nk;
	return ANNALS_OK;
}

annals_status annals_doc_new(annals_doc **out, const annals_report *r)
{
	annals_doc *d = NULL;
	size_t i;
	annals_status st;
	*out = NULL;
	if (r->text_len >= 0xFFFFFFF0u)
		return ANNALS_E_TOO_LARGE;
	d = calloc(1, sizeof *d);
	if (!d)
		return ANNALS_E_NOMEM;
	d->r = r;
	annals_buf_init(&d->fold, r->text_len * 4 + 1024);
	annals_buf_init(&d->strings, 1 << 20);
	st = build_ckpt(d);
	if (st)
		goto out;
	{
		/* room for the whole fold: a code point grows at most from 3 to 4 bytes */
		size_t room = r->text_len + r->text_len / 3 + 64;
		st = annals_buf_reserve(&d->fold, room);
		if (st)
			goto out;
		d->map = malloc((room + 1) * sizeof *d->map);
		if (!d->map) {
			st = ANNALS_E_NOMEM;
			goto out;
		}
		d->map_cap = room + 1;
	}
	{
		const char *t = r->text;
		size_t n = r->text_len, pos = 0, nlines = 0, para_first = 0;
		struct line prev, cur;
		int blank = 0;
		memset(&prev, 0, sizeof prev);
		while (pos <= n) {
			const char *nlp = memchr(t + pos, '\n', n - pos);
			size_t le = nlp ? (size_t)(nlp - t) : n, start = d->fold.len, dst, len;
			int jk = 0;
			char sep = 0;
			fold_line(d, pos, le, &cur);
			pos = le + 1;
			if (cur.fe <= cur.fs) {
				blank = 1;
				continue;
			}
			cur.nl = le;
			cur.blank_before = (unsigned)blank;
			blank = 0;
			if (nlines > 0)
				jk = join_kind(d, &prev, &cur, para_first == 0 && nlines == 1,
					para_first < nlines - 1);
			if (nlines > 0)
				sep = jk == 0 ? '\n' : (jk == 2 ? ' ' : 0);
			/* the separator (if any) goes in the byte left before the line */
			dst = start + (sep ? 1 : 0);
			len = cur.fe - cur.fs;
			if (sep) {
				d->fold.ptr[start] = sep;
				d->map[start] = (uint32_t)prev.nl;
			}
			if (dst != cur.fs) { /* only joined or indented lines move */
				memmove(d->fold.ptr + dst, d->fold.ptr + cur.fs, len);
				memmove(d->map + dst, d->map + cur.fs, len * sizeof *d->map);
			}
			cur.fs = dst;
			cur.fe = dst + len;
			d->fold.len = cur.fe;
			if (jk == 0) {
				st = push_para(d, dst, dst);
				if (st)
					goto out;
				para_first = nlines;
			}
			{
				struct para_stat *ps = &d->pstat[d->npara - 1];
				ps->han += cur.stat.han;
				ps->trad += cur.stat.trad;
				ps->simp += cur.stat.simp;
				ps->latin += cur.stat.latin;
			}
			d->paras[d->npara - 1].seg.fold_end = d->fold.len;
			prev = cur;
			nlines++;
		}
		if (d->fold.ptr)
			d->fold.ptr[d->fold.len] = '\0';
	}
	/* the end sentinel of the map */
	if (d->fold.len + 1 > d->map_cap) {
		uint32_t *m = realloc(d->map, (d->fold.len + 1) * sizeof *m);
		if (!m) {
			st = ANNALS_E_NOMEM;
			goto out;
		}
		d->map = m;
		d->map_cap = d->fold.len + 1;
	}
	d->map[d->fold.len] = (uint32_t)r->text_len;
	if (!d->fold.ptr) {
		st = annals_buf_add(&d->fold, "", 0);
		if (st)
			goto out;
	}
	for (i = 0; i < d->npara; i++)
		annals_doc_fill_segment(d, &d->paras[i].seg);
	classify(d);
	for (i = 0; i < d->npara && !st; i++)
		st = split_sentences(d, &d->paras[i]);
	if (st)
		goto out;
	st = annals_doc_find_meta(d);
out:
	if (st) {
		annals_doc_free(d);
		return st;
	}
	*out = d;
	return ANNALS_OK;
}

void annals_doc_free(annals_doc *d)
{
	if (!d)
		return;
	annals_buf_free(&d->fold);
	annals_buf_free(&d->strings);
	free(d->map);
	free(d->cp_ckpt);
	free(d->paras);
	free(d->pstat);
	free(d->sents);
	free(d);
}

const annals_report *annals_doc_report(const annals_doc *d) { return d->r; }

annals_span annals_doc_folded(const annals_doc *d)
{
	annals_span s = {d->fold.ptr ? d->fold.ptr : "", d->fold.len};
	return s;
}

size_t annals_doc_paragraph_count(const annals_doc *d) { return d->npara; }

const annals_paragraph *annals_doc_paragraph(const annals_doc *d, size_t i)
{
	return i < d->npara ? &d->paras[i] : NULL;
}

size_t annals_doc_sentence_count(const annals_doc *d) { return d->nsent; }

const annals_segment *annals_doc_sentence(const annals_doc *d, size_t i)
{
	return i < d->nsent ? &d->sents[i] : NULL;
}

const annals_meta *annals_doc_meta(const annals_doc *d) { return &d->meta; }

const char *annals_para_kind_str(annals_para_kind k)
{
	switch (k) {
	case ANNALS_PARA_BODY: return "body";
	case ANNALS_PARA_TITLE: return "title";
	case ANNALS_PARA_LEAD: return "lead";
	case ANNALS_PARA_CAPTION: return "caption";
	case ANNALS_PARA_CHROME: return "chrome";
	}
	return "body";
}

const char *annals_script_str(annals_script s)
{
	switch (s) {
	case ANNALS_SCRIPT_HANS: return "zh-Hans";
	case ANNALS_SCRIPT_HANT: return "zh-Hant";
	case ANNALS_SCRIPT_EN: return "en";
	case ANNALS_SCRIPT_NONE: return "none";
	}
	return "none";
}
