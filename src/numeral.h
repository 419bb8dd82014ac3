/* numeral.h - numbers as news writes them: 21, ２１ (already folded), 二十一,
 * 两, 〇 (library-internal).
 * SPDX-License-Identifier: MIT */
#ifndef ANNALS_NUMERAL_H
#define ANNALS_NUMERAL_H
#include <stddef.h>
#include <stdint.h>

/* Parse a number at *cur (ASCII digits, or Chinese numerals up to 9999; a run of
 * digit characters like 二〇二五 reads as 2025). Advances *cur only on success
 * and returns 1; returns 0 and leaves *cur when there is no number. */
int annals_numeral_parse(const char **cur, const char *end, int *out);
/* Same over a code point array; returns the number of code points used (0 if none). */
size_t annals_numeral_parse_cp(const uint32_t *cp, size_t n, int *out);
/* 1 if cp is an ASCII digit or a Chinese numeral character. */
int annals_numeral_is_digit(uint32_t cp);
#endif
