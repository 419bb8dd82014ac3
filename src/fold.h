/* fold.h - internal character classes of the folding module (fold.c): which
 * code points are Han, traditional-only or simplified-only, used to classify a
 * paragraph's script, and read access to the generated t2s table for the tests.
 * SPDX-License-Identifier: MIT */
#ifndef ANNALS_FOLD_H
#define ANNALS_FOLD_H
#include <stddef.h>
#include <stdint.h>
#include "annals.h"

/* 1 when cp is a Han ideograph (the CJK unified and compatibility blocks and
 * their extensions, plus 〇 and the other ideographic marks of U+3005-303B). */
int annals_cp_is_han(uint32_t cp);
/* 1 when cp is folded to simplified by the t2s table and is not itself a
 * character of GB 2312; 乾 and 著 are folded but are also simplified
 * characters, so they count for neither script. */
int annals_cp_is_trad(uint32_t cp);
/* 1 when cp is a simplified form the t2s table produces, is not folded itself
 * and is not a character of Big5 (国 yes; 家, 台, 面 are shared, so no). */
int annals_cp_is_simp(uint32_t cp);

/* One generated traditional->simplified mapping. */
struct annals_t2s_pair {
	uint32_t from, to;
};

/* The whole t2s table, sorted by `from`; *n receives its length. Borrowed,
 * static. */
const struct annals_t2s_pair *annals_t2s_pairs(size_t *n);
#endif
