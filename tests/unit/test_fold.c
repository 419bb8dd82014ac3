/* test_fold.c - unit tests of character folding (src/fold.c): the generated
 * t2s table against libopencc itself, known strings, the one-code-point-per-
 * code-point rule, idempotence, and a round trip over the seed reports.
 * SPDX-License-Identifier: MIT */
#include "annals.h"
#include "fold.h"
#include "utf8.h"
#include "harness.h"

#include <opencc.h>
#include <stdlib.h>

static char *fold_str(const char *s)
{
	annals_buf b;
	annals_buf_init(&b, 0);
	if (annals_fold(s, strlen(s), &b)) {
		annals_buf_free(&b);
		return NULL;
	}
	return annals_buf_take(&b);
}

#define FOLD_EQ(in, want) do { char *_f = fold_str(in); STR_EQ(_f, want); free(_f); } while (0)

static uint32_t one_cp(const char *s)
{
	uint32_t cp;
	size_t n = strlen(s);
	int k = n ? annals_utf8_decode((const unsigned char *)s, n, &cp) : 0;
	return k > 0 && (size_t)k == n ? cp : 0;
}

/* OpenCC converts in one pass; the generator resolves chains, so the table may
 * hold the result of converting OpenCC's output again (薴->苧->苎). */
static uint32_t opencc_cp(opencc_t od, uint32_t cp, int passes)
{
	while (passes-- > 0) {
		char in[4], *o;
		uint32_t t;
		o = opencc_convert_utf8(od, in, (size_t)annals_utf8_encode(cp, in));
		t = o ? one_cp(o) : 0;
		opencc_convert_utf8_free(o);
		if (!t)
			return 0;
		cp = t;
	}
	return cp;
}

static void test_table_vs_opencc(void)
{
	static const char *const cfg[] = {"t2s.json", "hk2s.json", "tw2s.json"};
	opencc_t od[3];
	size_t n, i, c, bad = 0;
	const struct annals_t2s_pair *p = annals_t2s_pairs(&n);

	OK(n > 4000, "t2s table has %zu entries", n);
	for (c = 0; c < 3; c++) {
		od[c] = opencc_open(cfg[c]);
		OK(od[c] != (opencc_t)-1, "opencc_open(%s)", cfg[c]);
		if (od[c] == (opencc_t)-1)
			return;
	}
	for (i = 0; i < n; i++) {
		int agree = 0;
		for (c = 0; c < 3 && !agree; c++)
			agree = opencc_cp(od[c], p[i].from, 1) == p[i].to ||
				opencc_cp(od[c], p[i].from, 2) == p[i].to;
		if (!agree && bad++ < 10)
			OK(0, "U+%04X -> U+%04X not what OpenCC gives", (unsigned)p[i].from,
				(unsigned)p[i].to);
		if (i && p[i - 1].from >= p[i].from && bad++ < 10)
			OK(0, "table not sorted at U+%04X", (unsigned)p[i].from);
		if (annals_fold_cp(p[i].from) != p[i].to && bad++ < 10)
			OK(0, "annals_fold_cp(U+%04X) = U+%04X, table says U+%04X",
				(unsigned)p[i].from, (unsigned)annals_fold_cp(p[i].from),
				(unsigned)p[i].to);
	}
	INT_EQ(bad, 0);
	/* The reverse: every CJK code point OpenCC's t2s changes to one other code
	 * point is in the table. */
	bad = 0;
	for (i = 0x4E00; i <= 0x9FFF; i++) {
		uint32_t t = opencc_cp(od[0], (uint32_t)i, 1);
		if (t && t != i && annals_fold_cp((uint32_t)i) == i && bad++ < 10)
			OK(0, "t2s changes U+%04zX but the table does not", i);
	}
	INT_EQ(bad, 0);
	for (c = 0; c < 3; c++)
		opencc_close(od[c]);
}

static void test_known(void)
{
	FOLD_EQ("習近平同俄羅斯總統普京舉行會晤", "习近平同俄罗斯总统普京举行会晤");
	FOLD_EQ("會談", "会谈");
	FOLD_EQ("會見", "会见");
	FOLD_EQ("視訊", "视讯");
	FOLD_EQ("總統府", "总统府");
	FOLD_EQ("國務卿", "国务卿");
	FOLD_EQ("發佈時間", "发布时间"); /* OpenCC t2s: 佈 -> 布 */
	/* regional forms, from hk2s and tw2s */
	FOLD_EQ("保衞", "保卫");
	FOLD_EQ("路綫", "路线");
	FOLD_EQ("接著", "接着");
	FOLD_EQ("薴", "苎"); /* a resolved chain: 薴 -> 苧 -> 苎 */
	/* simplified stays simplified: hk2s/tw2s would give 擡 and 幺 here */
	FOLD_EQ("抬头 什么", "抬头 什么");
	FOLD_EQ("中文数字一二三〇十百千万亿", "中文数字一二三〇十百千万亿");

	FOLD_EQ("ＡＢＣ１２３（）", "ABC123()");
	FOLD_EQ("！～", "!~");
	FOLD_EQ("a\u3000b\u00A0c\u2002d\u200Ae\u202Ff\u205Fg", "a b c d e f g");
	FOLD_EQ("「」『』“”﹁﹂﹃﹄", "“”“”“”“”“”");
	FOLD_EQ("Russia’s ‘stable’", "Russia's 'stable'");
	FOLD_EQ("〈人民日报〉《求是》【新华社】", "《人民日报》《求是》【新华社】");
	FOLD_EQ("弗拉基米尔・普京 A‧B C∙D E⋅F G･H", "弗拉基米尔·普京 A·B C·D E·F G·H");
	FOLD_EQ("• 要点", "• 要点");
	FOLD_EQ("", "");

	/* invalid bytes: one U+FFFD per maximal subpart, as utf8.c decodes */
	FOLD_EQ("a\xFF" "b", "a\xEF\xBF\xBD" "b");
	FOLD_EQ("\xE4\xB8", "\xEF\xBF\xBD");
	FOLD_EQ("\xED\xA0\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
	/* 4-byte characters: 𠮷 stays, supplementary keys fold */
	FOLD_EQ("𠮷", "𠮷");

	INT_EQ(annals_fold_cp(0x3000), ' ');
	INT_EQ(annals_fold_cp(0xFF0E), '.');
	INT_EQ(annals_fold_cp(0x2022), 0x2022);
	INT_EQ(annals_fold_cp(0x2019), '\'');
}

static void test_classes(void)
{
	OK(annals_cp_is_trad(one_cp("國")), "國 is traditional");
	OK(annals_cp_is_trad(one_cp("衞")), "衞 is traditional");
	OK(!annals_cp_is_trad(one_cp("国")), "国 is not traditional");
	OK(!annals_cp_is_trad(one_cp("乾")), "乾 is also simplified");
	OK(!annals_cp_is_trad(one_cp("著")), "著 is also simplified");
	OK(annals_cp_is_simp(one_cp("国")), "国 is simplified");
	OK(annals_cp_is_simp(one_cp("这")), "这 is simplified");
	OK(!annals_cp_is_simp(one_cp("國")), "國 is not simplified");
	OK(!annals_cp_is_simp(one_cp("家")), "家 is shared");
	OK(!annals_cp_is_simp(one_cp("台")), "台 is shared");
	OK(!annals_cp_is_simp(one_cp("的")), "的 is in neither table");
	OK(!annals_cp_is_trad(one_cp("的")), "的 is in neither table");
	OK(annals_cp_is_han(one_cp("的")), "的 is Han");
	OK(annals_cp_is_han(one_cp("〇")), "〇 is Han");
	OK(annals_cp_is_han(one_cp("𠮷")), "𠮷 is Han");
	OK(!annals_cp_is_han('A'), "A is not Han");
	OK(!annals_cp_is_han(one_cp("，")), "， is not Han");
	OK(!annals_cp_is_han(one_cp("。")), "。 is not Han");
}

/* Every code point: one in, one out, and folding twice changes nothing. */
static void test_all_code_points(void)
{
	uint32_t cp;
	size_t bad = 0;
	for (cp = 0; cp <= 0x10FFFF; cp++) {
		uint32_t f;
		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue;
		f = annals_fold_cp(cp);
		if ((f > 0x10FFFF || (f >= 0xD800 && f <= 0xDFFF) || annals_fold_cp(f) != f) &&
			bad++ < 10)
			OK(0, "U+%04X -> U+%04X -> U+%04X", (unsigned)cp, (unsigned)f,
				(unsigned)annals_fold_cp(f));
		if (annals_cp_is_trad(cp) && f == cp && bad++ < 10)
			OK(0, "U+%04X traditional but not folded", (unsigned)cp);
		if (annals_cp_is_simp(cp) && (f != cp || annals_cp_is_trad(cp)) && bad++ < 10)
			OK(0, "U+%04X simplified but folded", (unsigned)cp);
		if ((annals_cp_is_trad(cp) || annals_cp_is_simp(cp)) && !annals_cp_is_han(cp) &&
			bad++ < 10)
			OK(0, "U+%04X has a script but is not Han", (unsigned)cp);
	}
	INT_EQ(bad, 0);
}

static void check_round_trip(const char *name, const char *s, size_t n)
{
	annals_buf a, b;
	annals_buf_init(&a, 0);
	annals_buf_init(&b, 0);
	OK(annals_fold(s, n, &a) == ANNALS_OK, "%s: fold", name);
	OK(annals_fold(a.ptr, a.len, &b) == ANNALS_OK, "%s: fold again", name);
	INT_EQ(annals_utf8_count(a.ptr, a.len), annals_utf8_count(s, n));
	OK(annals_utf8_check(a.ptr, a.len) == a.len, "%s: folded text is valid UTF-8", name);
	OK(a.len == b.len && memcmp(a.ptr, b.ptr, a.len) == 0, "%s: fold is idempotent", name);
	annals_buf_free(&a);
	annals_buf_free(&b);
}

static void test_seeds(void)
{
	static const char *const seeds[] = {
		"000_90d79a2c7416a819.txt", "001_1797282344cdefbc.txt", "002_469096754e13f2d8.txt",
		"003_8d59b7260dcf5e9f.txt", "004_a9c9841912dcbb44.txt",
	};
	const char *shared = getenv("ANNALS_SHARED");
	size_t i;
	if (!shared || !*shared)
		shared = "../shared";
	for (i = 0; i < sizeof seeds / sizeof seeds[0]; i++) {
		char path[4096];
		annals_buf text;
		FILE *fp;
		size_t got;
		char chunk[8192];
		int bad = 0;
		snprintf(path, sizeof path, "%s/corpus/seeds/%s", shared, seeds[i]);
		fp = fopen(path, "rb");
		OK(fp != NULL, "open %s", path);
		if (!fp)
			continue;
		annals_buf_init(&text, 0);
		while ((got = fread(chunk, 1, sizeof chunk, fp)) > 0)
			bad |= annals_buf_add(&text, chunk, got) != ANNALS_OK;
		fclose(fp);
		OK(!bad && text.len > 0, "read %s", path);
		check_round_trip(seeds[i], text.ptr, text.len);
		annals_buf_free(&text);
	}
	/* a traditional text round trip, and a mixed one */
	{
		static const char trad[] = "中華民國外交部發佈新聞稿：「美國國務卿布林肯」訪臺。";
		check_round_trip("trad", trad, sizeof trad - 1);
	}
}

static void test_cap(void)
{
	annals_buf b;
	annals_buf_init(&b, 8);
	OK(annals_buf_adds(&b, "ab") == ANNALS_OK, "prefix");
	INT_EQ(annals_fold("會談會談", strlen("會談會談"), &b), ANNALS_E_TOO_LARGE);
	STR_EQ(b.ptr, "ab"); /* left as it was */
	INT_EQ(b.len, 2);
	annals_buf_free(&b);
}

int main(void)
{
	test_table_vs_opencc();
	test_known();
	test_classes();
	test_all_code_points();
	test_seeds();
	test_cap();
	return h_done("fold");
}
