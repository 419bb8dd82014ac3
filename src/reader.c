/* reader.c - the report reader: inputs (.txt, .jsonl, directories, stdin) in,
 * one annals_report at a time out ("Input: reports", ../shared/spec/
 * event-record.md). JSON Lines stream under a line cap: any file size runs in
 * bounded memory. ERROR when a report is lost, WARN when one is changed.
 * SPDX-License-Identifier: MIT */
#include "annals.h"
#include "decode.h"
#include "jsonl.h"
#include "utf8.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#define DEFAULT_MAX ((size_t)16 << 20)
/* symlinks are followed: the visited set stops loops, this stops the rest */
#define MAX_DEPTH 64
#define CHUNK ((size_t)64 << 10)
/* a JSON line may spell its text as escapes: "\u4e60" is 6 bytes for 3 */
#define LINE_MARGIN ((size_t)64 << 10)
/* entries in each queue: pending inputs, directory entries, visited dirs */
#define MAX_ITEMS ((size_t)1 << 24)
#define MAX_WHERE ((size_t)64 << 10)

enum kind { K_ANY, K_DIR, K_TXT, K_JSONL, K_STDIN };

struct item {
	char *path;
	int kind;
	int depth; /* directories below the argument */
};

struct slot {
	dev_t dev;
	ino_t ino;
	int used;
};

struct annals_reader {
	size_t max;      /* max_report_bytes */
	size_t line_max; /* longest JSON line */
	annals_diag_fn diag;
	void *diag_ctx;
	annals_buf inputs; /* struct item from annals_reader_add, first in first out */
	size_t next_input;
	annals_buf pending; /* struct item from directories, a stack: last is next */
	annals_buf seen;    /* struct slot, open addressing: directories read */
	size_t nseen;
	/* the JSON Lines input being read; fd < 0 when none */
	int fd, is_stdin, eof;
	char *path, *stem;
	unsigned long long lineno, off;
	char *chunk; /* read buffer, CHUNK bytes */
	size_t cpos, clen;
	annals_buf line, fixed, where;
	size_t errors;
	unsigned long long bytes;
};

struct warn_ctx {
	annals_reader *r;
	const char *where;
	long long off;
};

#if defined(__GNUC__)
__attribute__((format(printf, 6, 7)))
#endif
static void diag(annals_reader *r, annals_severity sev, annals_status code, const char *where,
	long long off, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	annals_diag d;
	if (sev == ANNALS_ERROR)
		r->errors++;
	if (!r->diag)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	d.severity = sev;
	d.code = code;
	d.where = where;
	d.offset = off;
	d.message = msg;
	r->diag(r->diag_ctx, &d);
}

static void jsonl_warn(void *ctx, const char *msg)
{
	struct warn_ctx *w = ctx;
	diag(w->r, ANNALS_WARN, ANNALS_E_PARSE, w->where, w->off, "%s", msg);
}

static char *dup_str(const char *s)
{
	size_t n = strlen(s);
	char *p = malloc(n + 1);
	if (p)
		memcpy(p, s, n + 1);
	return p;
}

static int has_ext(const char *path, const char *ext)
{
	size_t n = strlen(path), e = strlen(ext);
	return n > e && strcasecmp(path + n - e, ext) == 0;
}

/* The file name without directory and extension: the id of a .txt report. */
static char *make_stem(const char *path)
{
	const char *base = strrchr(path, '/'), *dot;
	size_t n;
	char *p;
	base = base ? base + 1 : path;
	dot = strrchr(base, '.');
	n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
	p = malloc(n + 1);
	if (p) {
		memcpy(p, base, n);
		p[n] = '\0';
	}
	return p;
}

/* ---- the queues ---------------------------------------------------------- */

static annals_status push_item(annals_buf *q, char *path, int kind, int depth)
{
	struct item it;
	it.path = path;
	it.kind = kind;
	it.depth = depth;
	return annals_buf_add(q, &it, sizeof it);
}

static int pop_item(annals_reader *r, struct item *it)
{
	if (r->pending.len) {
		r->pending.len -= sizeof *it;
		memcpy(it, r->pending.ptr + r->pending.len, sizeof *it);
		return 1;
	}
	if ((r->next_input + 1) * sizeof *it <= r->inputs.len) {
		memcpy(it, r->inputs.ptr + r->next_input * sizeof *it, sizeof *it);
		r->next_input++;
		if (r->next_input * sizeof *it == r->inputs.len) {
			/* all taken: start over so that the queue does not grow forever */
			r->next_input = 0;
			annals_buf_reset(&r->inputs);
		}
		return 1;
	}
	return 0;
}

static void free_items(annals_buf *q, size_t from)
{
	struct item it;
	size_t i;
	for (i = from; (i + 1) * sizeof it <= q->len; i++) {
		memcpy(&it, q->ptr + i * sizeof it, sizeof it);
		free(it.path);
	}
	annals_buf_free(q);
}

static size_t slot_hash(dev_t dev, ino_t ino)
{
	uint64_t h = ((uint64_t)ino * 0x9E3779B97F4A7C15ull) ^ (uint64_t)dev;
	return (size_t)(h ^ (h >> 31));
}

static annals_status seen_grow(annals_reader *r, size_t nslots)
{
	static const struct slot zero[64];
	struct slot *old = (struct slot *)r->seen.ptr, *t;
	size_t oldn = r->seen.len / sizeof *old, i, j;
	annals_buf nb;
	annals_status st = ANNALS_OK;
	annals_buf_init(&nb, r->seen.max);
	for (i = 0; !st && i < nslots; i += 64)
		st = annals_buf_add(&nb, zero, sizeof zero);
	if (st)
		goto out;
	t = (struct slot *)nb.ptr;
	for (i = 0; i < oldn; i++) {
		if (!old[i].used)
			continue;
		for (j = slot_hash(old[i].dev, old[i].ino) & (nslots - 1); t[j].used;
			j = (j + 1) & (nslots - 1))
			;
		t[j] = old[i];
	}
	annals_buf_free(&r->seen);
	r->seen = nb;
	annals_buf_init(&nb, 0);
out:
	annals_buf_free(&nb);
	return st;
}

/* Record a directory; *fresh is 0 when it was read before (a symlink loop, or
 * two links to one directory). */
static annals_status seen_add(annals_reader *r, dev_t dev, ino_t ino, int *fresh)
{
	size_t nslots = r->seen.len / sizeof(struct slot), i;
	struct slot *t;
	annals_status st;
	*fresh = 0;
	if ((r->nseen + 1) * 2 > nslots) {
		nslots = nslots ? nslots * 2 : 64;
		st = seen_grow(r, nslots);
		if (st)
			return st;
	}
	t = (struct slot *)r->seen.ptr;
	for (i = slot_hash(dev, ino) & (nslots - 1); t[i].used; i = (i + 1) & (nslots - 1))
		if (t[i].dev == dev && t[i].ino == ino)
			return ANNALS_OK;
	t[i].dev = dev;
	t[i].ino = ino;
	t[i].used = 1;
	r->nseen++;
	*fresh = 1;
	return ANNALS_OK;
}

/* ---- public: lifecycle ----------------------------------------------------- */

annals_status annals_reader_new(annals_reader **out, const annals_reader_opts *opts)
{
	annals_reader *r;
	annals_status st = ANNALS_OK;
	*out = NULL;
	r = calloc(1, sizeof *r);
	if (!r) {
		st = ANNALS_E_NOMEM;
		goto out;
	}
	r->fd = -1;
	r->max = opts && opts->max_report_bytes ? opts->max_report_bytes : DEFAULT_MAX;
	r->line_max = r->max > (SIZE_MAX / 2 - LINE_MARGIN) ? SIZE_MAX / 2 :
		r->max * 2 + LINE_MARGIN;
	r->diag = opts ? opts->diag : NULL;
	r->diag_ctx = opts ? opts->diag_ctx : NULL;
	annals_buf_init(&r->inputs, MAX_ITEMS * sizeof(struct item));
	annals_buf_init(&r->pending, MAX_ITEMS * sizeof(struct item));
	annals_buf_init(&r->seen, 2 * MAX_ITEMS * sizeof(struct slot));
	annals_buf_init(&r->line, r->line_max);
	annals_buf_init(&r->fixed, annals_decode_cap(r->line_max));
	annals_buf_init(&r->where, MAX_WHERE);
	r->chunk = malloc(CHUNK);
	if (!r->chunk) {
		st = ANNALS_E_NOMEM;
		goto out;
	}
	*out = r;
	r = NULL;
out:
	annals_reader_free(r);
	return st;
}

annals_status annals_reader_add(annals_reader *r, const char *path)
{
	char *p;
	annals_status st;
	if (!r || !path)
		return ANNALS_E_USAGE;
	p = dup_str(path);
	if (!p)
		return ANNALS_E_NOMEM;
	st = push_item(&r->inputs, p, strcmp(path, "-") == 0 ? K_STDIN : K_ANY, 0);
	if (st)
		free(p);
	return st;
}

static void close_jsonl(annals_reader *r)
{
	if (r->fd >= 0 && !r->is_stdin)
		close(r->fd);
	r->fd = -1;
	free(r->path);
	free(r->stem);
	r->path = r->stem = NULL;
}

size_t annals_reader_errors(const annals_reader *r)
{
	return r ? r->errors : 0;
}

unsigned long long annals_reader_bytes(const annals_reader *r)
{
	return r ? r->bytes : 0;
}

void annals_reader_free(annals_reader *r)
{
	if (!r)
		return;
	close_jsonl(r);
	free_items(&r->inputs, r->next_input);
	free_items(&r->pending, 0);
	annals_buf_free(&r->seen);
	annals_buf_free(&r->line);
	annals_buf_free(&r->fixed);
	annals_buf_free(&r->where);
	free(r->chunk);
	free(r);
}

/* ---- reports ----------------------------------------------------------------- */

/* Tell the user what decoding found. Returns what to pass up: not OK only for
 * out of memory. Offsets are into the file (base + offset) unless in_json, where
 * they are into the JSON string and only the line start is a file offset. */
static annals_status decode_diags(annals_reader *r, annals_status dst,
	const annals_decode_info *info, const char *where, long long base, int in_json)
{
	const char *unit = in_json ? "text byte" : "byte";
	switch (dst) {
	case ANNALS_OK:
		break;
	case ANNALS_E_BINARY:
		diag(r, ANNALS_ERROR, dst, where, in_json ? base : base + info->binary_at,
			"input looks binary (control bytes, the first at %s %lld), skipped",
			unit, info->binary_at);
		return ANNALS_OK;
	case ANNALS_E_EMPTY:
		diag(r, ANNALS_ERROR, dst, where, in_json ? base : -1,
			"no text (empty or only white space), skipped");
		return ANNALS_OK;
	case ANNALS_E_TOO_LARGE:
		diag(r, ANNALS_ERROR, dst, where, base, "decoded text over the cap, skipped");
		return ANNALS_OK;
	default:
		return dst;
	}
	if (info->nnul)
		diag(r, ANNALS_WARN, ANNALS_E_ENCODING, where,
			in_json ? base : base + info->first_nul,
			"dropped %zu NUL byte%s, the first at %s %lld", info->nnul,
			info->nnul == 1 ? "" : "s", unit, info->first_nul);
	if (info->nbad)
		diag(r, ANNALS_WARN, ANNALS_E_ENCODING, where,
			in_json ? base : base + info->first_bad,
			"replaced %zu invalid %s sequence%s with U+FFFD, the first at %s %lld",
			info->nbad, info->encoding, info->nbad == 1 ? "" : "s", unit,
			info->first_bad);
	return ANNALS_OK;
}

/* Build the report; takes the text from `text` and the strings from rec. */
static annals_status make_report(annals_report **out, const char *id, const char *where,
	annals_buf *text, const annals_decode_info *info, annals_jsonl_rec *rec)
{
	annals_report *rep = calloc(1, sizeof *rep);
	annals_status st = ANNALS_OK;
	if (!rep) {
		st = ANNALS_E_NOMEM;
		goto out;
	}
	rep->id = dup_str(id);
	rep->where = dup_str(where);
	rep->encoding = dup_str(info->encoding);
	rep->repaired = info->nbad || info->nnul;
	rep->text_len = text->len;
	rep->text = annals_buf_take(text);
	if (rec) {
		rep->url = rec->url;
		rep->published = rec->published;
		rep->outlet = rec->outlet;
		rep->title = rec->title;
		rec->url = rec->published = rec->outlet = rec->title = NULL;
	}
	if (!rep->id || !rep->where || !rep->encoding || !rep->text) {
		st = ANNALS_E_NOMEM;
		goto out;
	}
	*out = rep;
	rep = NULL;
out:
	annals_report_free(rep);
	return st;
}

static annals_status read_txt(annals_reader *r, const char *path, annals_report **out)
{
	annals_buf raw, text;
	annals_decode_info info;
	annals_status st = ANNALS_OK, dst;
	char *stem = NULL;
	int fd;

	annals_buf_init(&raw, r->max);
	annals_buf_init(&text, annals_decode_cap(r->max));
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		diag(r, ANNALS_ERROR, ANNALS_E_IO, path, -1, "cannot open: %s", strerror(errno));
		goto out;
	}
	for (;;) {
		ssize_t k = read(fd, r->chunk, CHUNK);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			diag(r, ANNALS_ERROR, ANNALS_E_IO, path, (long long)raw.len,
				"read failed: %s", strerror(errno));
			goto out;
		}
		if (k == 0)
			break;
		r->bytes += (unsigned long long)k;
		st = annals_buf_add(&raw, r->chunk, (size_t)k);
		if (st == ANNALS_E_TOO_LARGE) {
			/* the rest is not read: a huge file costs nothing */
			st = ANNALS_OK;
			diag(r, ANNALS_ERROR, ANNALS_E_TOO_LARGE, path, (long long)r->max,
				"report is larger than the cap of %zu bytes, skipped", r->max);
			goto out;
		}
		if (st)
			goto out;
	}
	dst = annals_decode(raw.ptr ? raw.ptr : "", raw.len, 0, &text, &info);
	st = decode_diags(r, dst, &info, path, 0, 0);
	if (st || dst)
		goto out;
	stem = make_stem(path);
	if (!stem) {
		st = ANNALS_E_NOMEM;
		goto out;
	}
	st = make_report(out, stem, path, &text, &info, NULL);
out:
	if (fd >= 0)
		close(fd);
	free(stem);
	annals_buf_free(&raw);
	annals_buf_free(&text);
	return st;
}

/* ---- JSON Lines ------------------------------------------------------------ */

/* The next line of the JSON Lines input into r->line, without "\n" or "\r\n".
 * *got is 0 at the end; *toolong is set when the line passed the cap (the rest
 * of it is read and dropped); *raw is the bytes the line took in the file. */
static annals_status read_line(annals_reader *r, int *got, int *toolong, size_t *raw)
{
	annals_status st = ANNALS_OK;
	*got = *toolong = 0;
	*raw = 0;
	annals_buf_reset(&r->line);
	for (;;) {
		char *p, *nl;
		size_t avail, take;
		if (r->cpos == r->clen) {
			ssize_t k;
			if (r->eof)
				break;
			/* read(), not stdio: a slow pipe yields each line as it comes */
			k = read(r->fd, r->chunk, CHUNK);
			if (k < 0 && errno == EINTR)
				continue;
			if (k < 0)
				diag(r, ANNALS_ERROR, ANNALS_E_IO, r->path,
					(long long)(r->off + *raw), "read failed: %s",
					strerror(errno));
			if (k <= 0) {
				r->eof = 1;
				break;
			}
			r->cpos = 0;
			r->clen = (size_t)k;
		}
		p = r->chunk + r->cpos;
		avail = r->clen - r->cpos;
		nl = memchr(p, '\n', avail);
		take = nl ? (size_t)(nl - p) : avail;
		*got = 1;
		if (!*toolong) {
			st = annals_buf_add(&r->line, p, take);
			if (st == ANNALS_E_TOO_LARGE) {
				*toolong = 1;
				st = ANNALS_OK;
				annals_buf_reset(&r->line);
			}
			if (st)
				goto out;
		}
		take += nl != NULL;
		*raw += take;
		r->cpos += take;
		if (nl)
			break;
	}
	if (r->line.len && r->line.ptr[r->line.len - 1] == '\r')
		r->line.ptr[--r->line.len] = '\0';
out:
	return st;
}

static int ascii_blank(const char *p, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r' && p[i] != '\f' && p[i] != '\v')
			return 0;
	return 1;
}

/* One line of the current JSON Lines input: a report in *out, or a diagnosis,
 * or the end of the input (closed). */
static annals_status jsonl_next(annals_reader *r, annals_report **out)
{
	annals_jsonl_rec rec;
	annals_decode_info info;
	annals_buf text, id;
	struct warn_ctx wc;
	annals_status st, pst, dst;
	const char *p, *where;
	size_t len, raw, bad, nbad;
	long long base, epos, first;
	int got, toolong;
	char msg[512];

	memset(&rec, 0, sizeof rec);
	annals_buf_init(&text, annals_decode_cap(r->max));
	annals_buf_init(&id, MAX_WHERE);
	st = read_line(r, &got, &toolong, &raw);
	if (st)
		goto out;
	if (!got) {
		close_jsonl(r);
		goto out;
	}
	r->lineno++;
	base = (long long)r->off;
	r->off += raw;
	r->bytes += raw;
	annals_buf_reset(&r->where);
	st = annals_buf_printf(&r->where, "%s:%llu", r->path, r->lineno);
	if (st)
		goto out;
	where = r->where.ptr;
	if (toolong) {
		diag(r, ANNALS_ERROR, ANNALS_E_TOO_LARGE, where, base + (long long)r->line_max,
			"line longer than the cap of %zu bytes, skipped", r->line_max);
		goto out;
	}
	p = r->line.ptr ? r->line.ptr : "";
	len = r->line.len;
	if (r->lineno == 1 && len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
		p += 3;
		len -= 3;
		base += 3;
	}
	if (ascii_blank(p, len))
		goto out;
	bad = annals_utf8_check(p, len);
	if (bad < len) {
		/* jansson would refuse the whole line for one bad byte */
		annals_buf_reset(&r->fixed);
		st = annals_utf8_repair(p, len, &r->fixed, &nbad, &first);
		if (st)
			goto out;
		diag(r, ANNALS_WARN, ANNALS_E_ENCODING, where, base + (long long)bad,
			"replaced %zu invalid UTF-8 sequence%s with U+FFFD, the first at byte %lld",
			nbad, nbad == 1 ? "" : "s", base + (long long)bad);
		p = r->fixed.ptr;
		len = r->fixed.len;
	}
	wc.r = r;
	wc.where = where;
	wc.off = base;
	pst = annals_jsonl_parse(p, len, &rec, &epos, msg, sizeof msg, jsonl_warn, &wc);
	if (pst == ANNALS_E_PARSE) {
		diag(r, ANNALS_ERROR, pst, where, epos >= 0 ? base + epos : base, "%s, skipped", msg);
		goto out;
	}
	st = pst;
	if (st)
		goto out;
	if (rec.text_len > r->max) {
		diag(r, ANNALS_ERROR, ANNALS_E_TOO_LARGE, where, base,
			"report text is %zu bytes, over the cap of %zu bytes, skipped",
			rec.text_len, r->max);
		goto out;
	}
	dst = annals_decode(rec.text, rec.text_len, ANNALS_DECODE_UTF8, &text, &info);
	st = decode_diags(r, dst, &info, where, base, 1);
	if (st || dst)
		goto out;
	if (!rec.id) {
		st = annals_buf_printf(&id, "%s:%llu", r->stem, r->lineno);
		if (st)
			goto out;
	}
	st = make_report(out, rec.id ? rec.id : id.ptr, where, &text, &info, &rec);
out:
	annals_jsonl_rec_free(&rec);
	annals_buf_free(&text);
	annals_buf_free(&id);
	return st;
}

static annals_status open_jsonl(annals_reader *r, const char *path, int is_stdin)
{
	annals_status st = ANNALS_OK;
	int fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		diag(r, ANNALS_ERROR, ANNALS_E_IO, path, -1, "cannot open: %s", strerror(errno));
		goto out;
	}
	r->fd = fd;
	r->is_stdin = is_stdin;
	r->eof = 0;
	r->lineno = r->off = 0;
	r->cpos = r->clen = 0;
	r->path = dup_str(is_stdin ? "stdin" : path);
	r->stem = is_stdin ? dup_str("stdin") : make_stem(path);
	if (!r->path || !r->stem) {
		close_jsonl(r);
		st = ANNALS_E_NOMEM;
	}
out:
	return st;
}

/* ---- directories ----------------------------------------------------------- */

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Queue one directory entry if it is a directory, .txt or .jsonl. */
static annals_status push_entry(annals_reader *r, const struct item *dir, const char *name)
{
	size_t n = strlen(dir->path);
	int slash = n && dir->path[n - 1] == '/';
	char *full = malloc(n + strlen(name) + 2);
	struct stat sb;
	int kind;
	annals_status st = ANNALS_OK;
	if (!full) {
		st = ANNALS_E_NOMEM;
		goto out;
	}
	memcpy(full, dir->path, n);
	if (!slash)
		full[n++] = '/';
	strcpy(full + n, name);
	if (has_ext(name, ".txt"))
		kind = K_TXT;
	else if (has_ext(name, ".jsonl"))
		kind = K_JSONL;
	else
		kind = K_ANY;
	/* stat, not lstat: symlinks are followed; a dangling .txt link is
	 * diagnosed when it is reached */
	if (stat(full, &sb) == 0 && S_ISDIR(sb.st_mode))
		kind = K_DIR;
	if (kind == K_ANY)
		goto out;
	st = push_item(&r->pending, full, kind, dir->depth + (kind == K_DIR));
	if (st)
		goto out;
	full = NULL;
out:
	free(full);
	return st;
}

static annals_status expand_dir(annals_reader *r, const struct item *it, const struct stat *sb)
{
	annals_buf names; /* char * */
	DIR *d = NULL;
	struct dirent *de;
	char **v;
	size_t n = 0, i;
	int fresh;
	annals_status st = ANNALS_OK;

	annals_buf_init(&names, MAX_ITEMS * sizeof(char *));
	if (it->depth > MAX_DEPTH) {
		diag(r, ANNALS_ERROR, ANNALS_E_TOO_LARGE, it->path, -1,
			"directories nested deeper than %d, skipped", MAX_DEPTH);
		goto out;
	}
	st = seen_add(r, sb->st_dev, sb->st_ino, &fresh);
	if (st == ANNALS_E_TOO_LARGE) {
		st = ANNALS_OK;
		diag(r, ANNALS_ERROR, ANNALS_E_TOO_LARGE, it->path, -1,
			"more than %zu directories, skipped", MAX_ITEMS);
		goto out;
	}
	if (st)
		goto out;
	if (!fresh) {
		diag(r, ANNALS_WARN, ANNALS_E_USAGE, it->path, -1,
			"directory already read (a symlink loop?), skipped");
		goto out;
	}
	d = opendir(it->path);
	if (!d) {
		diag(r, ANNALS_ERROR, ANNALS_E_IO, it->path, -1, "cannot open directory: %s",
			strerror(errno));
		goto out;
	}
	while ((de = readdir(d)) != NULL) {
		char *name;
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		name = dup_str(de->d_name);
		if (!name) {
			st = ANNALS_E_NOMEM;
			goto out;
		}
		st = annals_buf_add(&names, &name, sizeof name);
		if (st) {
			free(name);
			if (st == ANNALS_E_TOO_LARGE) {
				st = ANNALS_OK;
				diag(r, ANNALS_ERROR, ANNALS_E_TOO_LARGE, it->path, -1,
					"more than %zu entries, the rest skipped", MAX_ITEMS);
				break;
			}
			goto out;
		}
	}
	v = (char **)names.ptr;
	n = names.len / sizeof *v;
	if (n)
		qsort(v, n, sizeof *v, cmp_name);
	/* a stack: push in reverse so that the first name comes out first */
	for (i = n; i-- > 0;) {
		st = push_entry(r, it, v[i]);
		if (st)
			goto out;
	}
out:
	v = (char **)names.ptr;
	n = names.len / sizeof(char *);
	for (i = 0; i < n; i++)
		free(v[i]);
	annals_buf_free(&names);
	if (d)
		closedir(d);
	return st;
}

/* ---- public: reading ------------------------------------------------------- */

static annals_status visit(annals_reader *r, const struct item *it, annals_report **out)
{
	struct stat sb;
	if (it->kind == K_STDIN)
		return open_jsonl(r, it->path, 1);
	if (stat(it->path, &sb) != 0) {
		diag(r, ANNALS_ERROR, ANNALS_E_IO, it->path, -1, "cannot read: %s",
			strerror(errno));
		return ANNALS_OK;
	}
	if (S_ISDIR(sb.st_mode))
		return expand_dir(r, it, &sb);
	/* a file named on the command line is text unless it says .jsonl */
	if (it->kind == K_JSONL || (it->kind == K_ANY && has_ext(it->path, ".jsonl")))
		return open_jsonl(r, it->path, 0);
	return read_txt(r, it->path, out);
}

annals_status annals_reader_next(annals_reader *r, annals_report **out)
{
	struct item it;
	annals_status st = ANNALS_OK;
	if (!out)
		return ANNALS_E_USAGE;
	*out = NULL;
	if (!r)
		return ANNALS_E_USAGE;
	while (!*out) {
		if (r->fd >= 0) {
			st = jsonl_next(r, out);
		} else if (pop_item(r, &it)) {
			st = visit(r, &it, out);
			free(it.path);
		} else {
			break;
		}
		if (st)
			break;
	}
	return st;
}
