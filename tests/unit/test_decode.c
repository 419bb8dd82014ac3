/* test_decode.c - charset detection and conversion of report bytes (src/decode.c):
 * BOMs, UTF-16, repaired UTF-8, GB18030 and Big5 seeds made with the iconv
 * command, NULs, binary and empty input. The shared dir is $ANNALS_SHARED or
 * ../shared; run from the repository root.
 * SPDX-License-Identifier: MIT */
#include "annals.h"
#include "decode.h"
#include "utf8.h"
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define FFFD "\xEF\xBF\xBD"

static char tmpdir[] = "/tmp/annals-test-decode-XXXXXX";

static const char *shared_dir(void)
{
	const char *s = getenv("ANNALS_SHARED");
	return s && *s ? s : "../shared";
}

/* Whole file into memory (caller frees), NULL on failure. */
static char *slurp(const char *path, size_t *n)
{
	FILE *fp = fopen(path, "rb");
	char *p = NULL;
	long len;
	*n = 0;
	if (!fp)
		return NULL;
	if (fseek(fp, 0, SEEK_END) == 0 && (len = ftell(fp)) >= 0 && fseek(fp, 0, SEEK_SET) == 0) {
		p = malloc((size_t)len + 1);
		if (p && fread(p, 1, (size_t)len, fp) != (size_t)len) {
			free(p);
			p = NULL;
		}
		if (p) {
			p[len] = '\0';
			*n = (size_t)len;
		}
	}
	fclose(fp);
	return p;
}

/* Decode and keep the text (caller frees) for the checks. */
static annals_status dec(const char *s, size_t n, unsigned flags, char **text, size_t *len,
	annals_decode_info *info)
{
	annals_buf b;
	annals_status st;
	annals_buf_init(&b, annals_decode_cap(n));
	st = annals_decode(s, n, flags, &b, info);
	OK(st || annals_utf8_check(b.ptr ? b.ptr : "", b.len) == b.len, "output is valid UTF-8");
	OK(st || !b.len || !memchr(b.ptr, 0, b.len), "output has no NUL");
	OK(!st || b.len == 0, "output empty on failure");
	*len = b.len;
	*text = annals_buf_take(&b);
	return st;
}

/* UTF-8 to UTF-16 (le = 1 for little endian), with or without a BOM. */
static char *to_utf16(const char *s, int le, int bom, size_t *n)
{
	size_t len = strlen(s), i = 0, o = 0;
	unsigned char *p = malloc(len * 4 + 4);
	unsigned units[2];
	if (!p)
		return NULL;
	if (bom) {
		p[o++] = le ? 0xFF : 0xFE;
		p[o++] = le ? 0xFE : 0xFF;
	}
	while (i < len) {
		uint32_t cp;
		int k = annals_utf8_decode((const unsigned char *)s + i, len - i, &cp), u, nu = 1;
		i += (size_t)k;
		if (cp >= 0x10000) {
			units[0] = 0xD800 + ((cp - 0x10000) >> 10);
			units[1] = 0xDC00 + ((cp - 0x10000) & 0x3FF);
			nu = 2;
		} else {
			units[0] = cp;
		}
		for (u = 0; u < nu; u++) {
			p[o++] = (unsigned char)(le ? units[u] & 0xFF : units[u] >> 8);
			p[o++] = (unsigned char)(le ? units[u] >> 8 : units[u] & 0xFF);
		}
	}
	*n = o;
	return (char *)p;
}

static void test_utf8_paths(void)
{
	annals_decode_info info;
	char *t;
	size_t n;
	static const char bom[] = "\xEF\xBB\xBF习近平同普京会谈";
	static const char mostly[] = "新华社莫斯科5月8日电 当地时间5月8日上午,\xE4\xB8俄罗斯总统普京同中国"
		"国家主席习近平在莫斯科克里姆林宫举行会谈。\xFF两国元首就中俄关系深入交换意见。";

	INT_EQ(dec("习近平 met Putin", strlen("习近平 met Putin"), 0, &t, &n, &info), ANNALS_OK);
	STR_EQ(t, "习近平 met Putin");
	STR_EQ(info.encoding, "UTF-8");
	INT_EQ(info.nbad, 0);
	INT_EQ(info.bom, 0);
	free(t);

	INT_EQ(dec(bom, sizeof bom - 1, 0, &t, &n, &info), ANNALS_OK);
	STR_EQ(t, "习近平同普京会谈");
	INT_EQ(info.bom, 3);
	STR_EQ(info.encoding, "UTF-8");
	free(t);

	/* mostly UTF-8: repaired, not read as some other charset */
	INT_EQ(dec(mostly, sizeof mostly - 1, 0, &t, &n, &info), ANNALS_OK);
	STR_EQ(info.encoding, "UTF-8");
	INT_EQ(info.nbad, 2);
	INT_EQ(info.first_bad, (long long)(strstr(mostly, "\xE4\xB8俄") - mostly));
	OK(t && strstr(t, "上午," FFFD "俄罗斯") != NULL, "first repair in place");
	OK(t && strstr(t, "会谈。" FFFD "两国") != NULL, "second repair in place");
	free(t);

	/* each malformed class inside Chinese text: the maximal-subpart count */
	{
		static const struct {
			const char *bad;
			size_t nrep;
		} cases[] = {
			{ "\x80", 1 }, { "\xC3", 1 }, { "\xE4\xB8", 1 }, { "\xF0\x9F\x98", 1 },
			{ "\xC0\x80", 2 }, { "\xC1\xBF", 2 }, { "\xE0\x80\x80", 3 },
			{ "\xF0\x80\x80\x80", 4 }, { "\xED\xA0\x80", 3 }, { "\xF4\x90\x80\x80", 4 },
			{ "\xF5\x80", 2 }, { "\xFE", 1 }, { "\xFF", 1 },
		};
		size_t i;
		for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
			char in[512];
			size_t len;
			snprintf(in, sizeof in, "%s%s%s", "习近平同俄罗斯总统普京举行会谈。两国元首",
				cases[i].bad, "深入交换意见。");
			len = strlen(in);
			INT_EQ(dec(in, len, 0, &t, &n, &info), ANNALS_OK);
			OK(info.nbad == cases[i].nrep, "case %zu: %zu replacements, expected %zu",
				i, info.nbad, cases[i].nrep);
			STR_EQ(info.encoding, "UTF-8");
			INT_EQ(info.first_bad, (long long)strlen("习近平同俄罗斯总统普京举行会谈。两国元首"));
			free(t);
		}
	}

	/* a JSON string: BOM dropped, no detection */
	INT_EQ(dec("\xEF\xBB\xBF" "abc", 6, ANNALS_DECODE_UTF8, &t, &n, &info), ANNALS_OK);
	STR_EQ(t, "abc");
	free(t);
}

static void test_utf16(void)
{
	static const char text[] = "习近平同普京会谈 Xi met Putin 😀 in Moscow.";
	annals_decode_info info;
	char *raw, *t;
	size_t rn, n;
	int le, bom;
	for (le = 0; le <= 1; le++) {
		raw = to_utf16(text, le, 1, &rn);
		INT_EQ(dec(raw, rn, 0, &t, &n, &info), ANNALS_OK);
		STR_EQ(t, text);
		STR_EQ(info.encoding, le ? "UTF-16LE" : "UTF-16BE");
		INT_EQ(info.bom, 2);
		free(t);
		/* a lone byte at the end: one U+FFFD, not a lost report */
		INT_EQ(dec(raw, rn - 1, 0, &t, &n, &info), ANNALS_OK);
		INT_EQ(info.nbad, 1);
		free(t);
		free(raw);
	}
	/* without a BOM: recognised when mostly Latin, by the NULs */
	for (le = 0; le <= 1; le++) {
		static const char latin[] = "Xi Jinping held talks with Vladimir Putin in Moscow.";
		bom = 0;
		raw = to_utf16(latin, le, bom, &rn);
		INT_EQ(dec(raw, rn, 0, &t, &n, &info), ANNALS_OK);
		STR_EQ(t, latin);
		STR_EQ(info.encoding, le ? "UTF-16LE" : "UTF-16BE");
		free(t);
		free(raw);
	}
	/* NUL code units are dropped with their offset */
	raw = to_utf16("ab", 1, 1, &rn);
	{
		char buf[16];
		memcpy(buf, raw, rn);
		buf[rn] = 0;
		buf[rn + 1] = 0;
		buf[rn + 2] = 'c';
		buf[rn + 3] = 0;
		INT_EQ(dec(buf, rn + 4, 0, &t, &n, &info), ANNALS_OK);
		STR_EQ(t, "abc");
		INT_EQ(info.nnul, 1);
		INT_EQ(info.first_nul, 6);
		free(t);
	}
	free(raw);
}

/* The seed converted with the iconv command reads back as the original. */
static void check_seed(const char *seed, const char *charset, const char *want_enc)
{
	char src[1024], conv[1024], back[1024], cmd[8192];
	char *raw, *want, *t;
	size_t rn, wn, n;
	annals_decode_info info;
	snprintf(src, sizeof src, "%s/corpus/seeds/%s", shared_dir(), seed);
	snprintf(conv, sizeof conv, "%s/%s.%s", tmpdir, seed, charset);
	snprintf(back, sizeof back, "%s/%s.%s.utf8", tmpdir, seed, charset);
	/* -c: characters the charset lacks are left out, on both sides alike */
	snprintf(cmd, sizeof cmd, "iconv -c -f UTF-8 -t %s '%s' > '%s' 2>/dev/null; "
		"iconv -f %s -t UTF-8 '%s' > '%s'", charset, src, conv, charset, conv, back);
	OK(system(cmd) == 0, "%s", cmd);
	raw = slurp(conv, &rn);
	want = slurp(back, &wn);
	OK(raw && want && rn > 1000, "%s converted", conv);
	if (!raw || !want)
		goto out;
	INT_EQ(dec(raw, rn, 0, &t, &n, &info), ANNALS_OK);
	STR_EQ(info.encoding, want_enc);
	INT_EQ(info.nbad, 0);
	OK(t && n == wn && memcmp(t, want, wn) == 0, "%s as %s reads back identical", seed, charset);
	free(t);
	/* a stray byte does not turn the text into another charset */
	{
		char *bad = malloc(rn + 1);
		if (bad) {
			bad[0] = '\xFF';
			memcpy(bad + 1, raw, rn);
			INT_EQ(dec(bad, rn + 1, 0, &t, &n, &info), ANNALS_OK);
			STR_EQ(info.encoding, want_enc);
			INT_EQ(info.nbad, 1);
			INT_EQ(info.first_bad, 0);
			OK(t && n == wn + 3 && memcmp(t, FFFD, 3) == 0 && memcmp(t + 3, want, wn) == 0,
				"%s with a bad byte: U+FFFD and the rest", charset);
			free(t);
		}
		free(bad);
	}
	/* cut in the middle of the last character: one U+FFFD at the end */
	INT_EQ(dec(raw, rn - 1, 0, &t, &n, &info), ANNALS_OK);
	OK(info.nbad <= 1, "%s cut: %zu bad", seed, info.nbad);
	free(t);
out:
	free(raw);
	free(want);
}

static void test_seeds(void)
{
	char path[1024];
	char *orig, *back;
	size_t on, bn;
	check_seed("002_469096754e13f2d8.txt", "GB18030", "GB18030");
	check_seed("001_1797282344cdefbc.txt", "BIG5", "BIG5");
	/* GB18030 is lossless: the round trip is the original itself */
	snprintf(path, sizeof path, "%s/corpus/seeds/002_469096754e13f2d8.txt", shared_dir());
	orig = slurp(path, &on);
	snprintf(path, sizeof path, "%s/002_469096754e13f2d8.txt.GB18030.utf8", tmpdir);
	back = slurp(path, &bn);
	OK(orig && back && on == bn && memcmp(orig, back, on) == 0, "GB18030 is the original");
	free(orig);
	free(back);
}

static void test_other_charsets(void)
{
	static const char latin1[] = "Le pr\xE9sident fran\xE7" "ais a rencontr\xE9 son homologue "
		"chinois \xE0 P\xE9kin pour des entretiens sur la coop\xE9ration \xE9" "conomique.";
	annals_decode_info info;
	char *t;
	size_t n;
	INT_EQ(dec(latin1, sizeof latin1 - 1, 0, &t, &n, &info), ANNALS_OK);
	OK(t && strstr(t, "président français") != NULL, "Latin-1 text decoded (%s)", info.encoding);
	OK(strcmp(info.encoding, "UTF-8") != 0, "not taken for UTF-8 (%s)", info.encoding);
	free(t);
}

static void test_nul_binary_empty(void)
{
	static const char nul[] = "习近平同普京\0会谈。Xi and Putin\0 held talks.";
	unsigned char bin[4096];
	annals_decode_info info;
	char *t;
	size_t n, i;
	unsigned x = 12345;

	INT_EQ(dec(nul, sizeof nul - 1, 0, &t, &n, &info), ANNALS_OK);
	STR_EQ(t, "习近平同普京会谈。Xi and Putin held talks.");
	INT_EQ(info.nnul, 2);
	INT_EQ(info.first_nul, 18);
	INT_EQ(info.nbad, 0);
	free(t);

	for (i = 0; i < sizeof bin; i++) {
		x = x * 1103515245u + 12345u;
		bin[i] = (unsigned char)(x >> 16);
	}
	INT_EQ(dec((const char *)bin, sizeof bin, 0, &t, &n, &info), ANNALS_E_BINARY);
	OK(info.binary_at >= 0, "binary offset set");
	free(t);
	/* an ELF-like header: NULs and controls everywhere */
	memset(bin, 0, sizeof bin);
	memcpy(bin, "\x7F" "ELF\x02\x01\x01", 7);
	for (i = 64; i < sizeof bin; i += 7)
		bin[i] = (unsigned char)(i & 0x1F);
	INT_EQ(dec((const char *)bin, sizeof bin, 0, &t, &n, &info), ANNALS_E_BINARY);
	INT_EQ(info.binary_at, 4);
	free(t);

	INT_EQ(dec("", 0, 0, &t, &n, &info), ANNALS_E_EMPTY);
	free(t);
	INT_EQ(dec(" \r\n\t\n", 5, 0, &t, &n, &info), ANNALS_E_EMPTY);
	free(t);
	INT_EQ(dec("\xEF\xBB\xBF \xE3\x80\x80\xC2\xA0\n", 9, 0, &t, &n, &info), ANNALS_E_EMPTY);
	free(t);
	INT_EQ(dec("\0\0\n", 3, 0, &t, &n, &info), ANNALS_E_EMPTY);
	free(t);
	INT_EQ(dec(" x ", 3, ANNALS_DECODE_UTF8, &t, &n, &info), ANNALS_OK);
	free(t);
}

static void test_cap(void)
{
	annals_buf b;
	annals_decode_info info;
	annals_buf_init(&b, 4);
	INT_EQ(annals_decode("abcdefgh", 8, 0, &b, &info), ANNALS_E_TOO_LARGE);
	INT_EQ(b.len, 0);
	annals_buf_free(&b);
}

int main(void)
{
	char cmd[256];
	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		return 1;
	}
	test_utf8_paths();
	test_utf16();
	test_seeds();
	test_other_charsets();
	test_nul_binary_empty();
	test_cap();
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", tmpdir);
	return h_done("test_decode");
}
