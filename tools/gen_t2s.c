/* gen_t2s.c - writes src/t2s_table.inc, the one-to-one traditional->simplified
 * character table behind annals_fold_cp, from OpenCC's installed dictionaries
 * (run by `make gen-tables`; the output is committed, so builds need no OpenCC
 * data). Policy and the reasons for each filter are in the comment below.
 * SPDX-License-Identifier: MIT */

/*
 * Every code point of the CJK ranges is converted on its own with t2s.json,
 * hk2s.json and tw2s.json; a result of exactly one other code point is a
 * candidate, and on conflict t2s wins, then hk2s, then tw2s.
 *
 * hk2s and tw2s first map a regional form to OpenCC's own traditional form and
 * then simplify it, so for a few characters that are already simplified they
 * produce nonsense for our purpose (tw2s 么->幺, hk2s/tw2s 抬->擡 because
 * TSCharacters has no entry for 擡). A regional candidate is therefore kept only
 * when its source is not a t2s result (not already simplified) and its target is
 * in GB 2312, the mainland simplified repertoire (checked with iconv).
 *
 * OpenCC converts in a single pass, so its table has chains (薴->苧, 苧->苎);
 * they are resolved here so that folding is idempotent.
 *
 * A custom config chaining only the character dictionaries (HKVariantsRev,
 * TWVariantsRev, TSCharacters twice) was tried and found no single-character
 * mapping that the three stock configs miss: the phrase dictionaries have no
 * one-character keys. It is not used, so the table depends only on stock configs.
 *
 * The script flags used to classify paragraphs are stricter than "key" and
 * "value": many keys and values are also ordinary characters of the other
 * script (乾 and 著 are in GB 2312; 家, 台, 面 are in Big5). A key counts as
 * traditional-only when it is not in GB 2312; a value counts as simplified-only
 * when it is not a key and not in Big5.
 */
#include <errno.h>
#include <iconv.h>
#include <opencc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NCP 0x30000u /* all ranges lie below U+30000 */

static const uint32_t ranges[][2] = {
	{0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0xF900, 0xFAFF}, {0x20000, 0x2FFFF},
};
static const char *const configs[] = {"t2s.json", "hk2s.json", "tw2s.json"};

static uint32_t *map;  /* map[cp] = target, 0 when cp is unchanged */
static unsigned char *flag;
enum { F_VALUE = 1, F_TRAD = 2, F_SIMP = 4 };

static int encode(uint32_t cp, char *o)
{
	if (cp < 0x800) {
		o[0] = (char)(0xC0 | (cp >> 6));
		o[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xE0 | (cp >> 12));
		o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (char)(0xF0 | (cp >> 18));
	o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* The single code point in s, or 0 when s is not exactly one (the generator
 * only sees OpenCC's output, which is valid UTF-8). */
static uint32_t single(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = strlen(s);
	if (n == 3 && (u[0] & 0xF0) == 0xE0)
		return ((uint32_t)(u[0] & 0x0F) << 12) | ((uint32_t)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
	if (n == 4 && (u[0] & 0xF8) == 0xF0)
		return ((uint32_t)(u[0] & 0x07) << 18) | ((uint32_t)(u[1] & 0x3F) << 12) |
			((uint32_t)(u[2] & 0x3F) << 6) | (u[3] & 0x3F);
	if (n == 2 && (u[0] & 0xE0) == 0xC0)
		return ((uint32_t)(u[0] & 0x1F) << 6) | (u[1] & 0x3F);
	return 0;
}

static int in_charset(iconv_t cd, uint32_t cp)
{
	char in[4], out[16], *ip = in, *op = out;
	size_t il = (size_t)encode(cp, in), ol = sizeof out;
	iconv(cd, NULL, NULL, NULL, NULL);
	return iconv(cd, &ip, &il, &op, &ol) != (size_t)-1 && il == 0;
}

/* Convert every code point of the ranges with one config into conv[]. */
static int run_config(const char *name, uint32_t *conv)
{
	opencc_t od = opencc_open(name);
	size_t r;
	if (od == (opencc_t)-1) {
		fprintf(stderr, "gen_t2s: %s: %s\n", name, opencc_error());
		return -1;
	}
	for (r = 0; r < sizeof ranges / sizeof ranges[0]; r++) {
		uint32_t cp;
		for (cp = ranges[r][0]; cp <= ranges[r][1]; cp++) {
			char in[4];
			char *o = opencc_convert_utf8(od, in, (size_t)encode(cp, in));
			uint32_t t = o ? single(o) : 0;
			conv[cp] = t && t != cp ? t : 0;
			opencc_convert_utf8_free(o);
		}
	}
	opencc_close(od);
	return 0;
}

static void emit_bits(const char *name, unsigned char f)
{
	uint32_t w;
	printf("static const uint32_t %s[2048] = {", name);
	for (w = 0; w < 2048; w++) {
		uint32_t bits = 0, b;
		for (b = 0; b < 32; b++)
			if (flag[w * 32 + b] & f)
				bits |= (uint32_t)1 << b;
		printf("%s%s", w % 8 ? " " : "\n\t", bits ? "" : "0");
		if (bits)
			printf("0x%08X", bits);
		printf(",");
	}
	printf("\n};\n\n");
}

int main(void)
{
	uint32_t *conv = NULL;
	iconv_t gb = (iconv_t)-1, big5 = (iconv_t)-1;
	uint32_t cp, npairs = 0, nbmp_supp = 0, nregional = 0, nchains = 0, ntrad = 0, nsimp = 0;
	unsigned nblocks = 1, blk[256] = {0};
	size_t c;
	int rc = 1;

	map = calloc(NCP, sizeof *map);
	conv = calloc(NCP, sizeof *conv);
	flag = calloc(NCP, 1);
	gb = iconv_open("GB2312", "UTF-8");
	big5 = iconv_open("BIG5", "UTF-8");
	if (!map || !conv || !flag || gb == (iconv_t)-1 || big5 == (iconv_t)-1) {
		fprintf(stderr, "gen_t2s: setup failed: %s\n", strerror(errno));
		goto out;
	}

	for (c = 0; c < sizeof configs / sizeof configs[0]; c++) {
		if (run_config(configs[c], conv))
			goto out;
		for (cp = 0; cp < NCP; cp++) {
			uint32_t t = conv[cp];
			if (!t || map[cp])
				continue;
			if (c > 0 && ((flag[cp] & F_VALUE) || !in_charset(gb, t)))
				continue; /* see the top comment */
			map[cp] = t;
			nregional += c > 0;
			if (c == 0 && t < NCP)
				flag[t] |= F_VALUE;
		}
	}

	/* Resolve chains; a cycle would make folding ambiguous, so it is fatal. */
	for (cp = 0; cp < NCP; cp++) {
		uint32_t t = map[cp];
		int hops = 0;
		while (t && t < NCP && map[t]) {
			t = map[t];
			if (++hops > 8) {
				fprintf(stderr, "gen_t2s: cycle through U+%04X\n", cp);
				goto out;
			}
		}
		if (t != map[cp]) {
			fprintf(stderr, "gen_t2s: chain U+%04X -> U+%04X resolved to U+%04X\n",
				cp, map[cp], t);
			map[cp] = t;
			nchains++;
		}
	}

	memset(flag, 0, NCP);
	for (cp = 0; cp < NCP; cp++) {
		if (!map[cp])
			continue;
		npairs++;
		nbmp_supp += cp < 0x10000 && map[cp] >= 0x10000;
		if (map[cp] < NCP)
			flag[map[cp]] |= F_VALUE;
		if (!in_charset(gb, cp)) {
			flag[cp] |= F_TRAD;
			ntrad++;
		}
	}
	for (cp = 0; cp < NCP; cp++) {
		if ((flag[cp] & F_VALUE) && !map[cp] && !in_charset(big5, cp)) {
			flag[cp] |= F_SIMP;
			nsimp++;
		}
	}

	printf("/* t2s_table.inc - GENERATED by tools/gen_t2s.c from OpenCC's t2s, hk2s and\n"
		" * tw2s tables; DO NOT EDIT, run `make gen-tables`. %u mappings (%u from the\n"
		" * regional configs, %u chains resolved, %u BMP->supplementary), %u\n"
		" * traditional-only and %u simplified-only code points. */\n\n",
		npairs, nregional, nchains, nbmp_supp, ntrad, nsimp);

	printf("#define T2S_NPAIRS %u\n\n", npairs);
	printf("/* Every mapping, sorted by source. */\n");
	printf("static const struct annals_t2s_pair t2s_pairs[T2S_NPAIRS] = {");
	c = 0;
	for (cp = 0; cp < NCP; cp++)
		if (map[cp])
			printf("%s{0x%X, 0x%X},", c++ % 5 ? " " : "\n\t", cp, map[cp]);
	printf("\n};\n\n");

	/* The BMP two-level table: 256-entry blocks, block 0 all zero (unchanged). */
	for (cp = 0; cp < 0x10000; cp++)
		if (map[cp] && !blk[cp >> 8])
			blk[cp >> 8] = nblocks++;
	printf("/* BMP lookup: t2s_bmp_block[t2s_bmp_index[cp >> 8]][cp & 0xFF] is the\n"
		" * target, 0 when cp is unchanged, 0xFFFF when the target is supplementary\n"
		" * (then look cp up in t2s_pairs). */\n");
	printf("static const uint8_t t2s_bmp_index[256] = {");
	for (c = 0; c < 256; c++)
		printf("%s%u,", c % 16 ? " " : "\n\t", blk[c]);
	printf("\n};\n\n");
	printf("static const uint16_t t2s_bmp_block[%u][256] = {\n\t{0},", nblocks);
	for (c = 0; c < 256; c++) {
		unsigned i;
		if (!blk[c])
			continue;
		printf("\n\t{ /* U+%02zX00 */", c);
		for (i = 0; i < 256; i++) {
			uint32_t t = map[c << 8 | i];
			printf("%s", i % 16 ? " " : "\n\t\t");
			if (!t)
				printf("0,");
			else
				printf("0x%04X,", t >= 0x10000 ? 0xFFFFu : t);
		}
		printf("\n\t},");
	}
	printf("\n};\n\n");
	if (nblocks > 255) {
		fprintf(stderr, "gen_t2s: %u blocks do not fit the uint8_t index\n", nblocks);
		goto out;
	}

	printf("/* Script flags for the BMP, one bit per code point. */\n");
	emit_bits("t2s_trad_bmp", F_TRAD);
	emit_bits("t2s_simp_bmp", F_SIMP);

	printf("/* Simplified-only code points above the BMP, sorted (traditional-only ones\n"
		" * are the keys of t2s_pairs that are not in GB 2312, i.e. all of them). */\n");
	printf("static const uint32_t t2s_simp_supp[] = {");
	c = 0;
	for (cp = 0x10000; cp < NCP; cp++)
		if (flag[cp] & F_SIMP)
			printf("%s0x%X,", c++ % 8 ? " " : "\n\t", cp);
	printf("%s\n};\n#define T2S_NSIMP_SUPP %zu\n", c ? "" : "\n\t0,", c);
	rc = fflush(stdout) ? 1 : 0;
out:
	free(map);
	free(conv);
	free(flag);
	if (gb != (iconv_t)-1)
		iconv_close(gb);
	if (big5 != (iconv_t)-1)
		iconv_close(big5);
	return rc;
}
