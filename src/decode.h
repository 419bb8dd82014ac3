/* decode.h - turn the raw bytes of one report into valid UTF-8 (library-internal).
 * decode.c is the only module that knows about charset detection (uchardet) and
 * conversion (iconv); the reader decides what the findings mean for the user.
 * SPDX-License-Identifier: MIT */
#ifndef ANNALS_DECODE_H
#define ANNALS_DECODE_H
#include <stddef.h>
#include <stdint.h>
#include "annals.h"

/* The bytes are known to be UTF-8 (a JSON string): skip BOM sniffing and charset
 * detection, keep only the NUL, binary and empty checks and the repair. */
#define ANNALS_DECODE_UTF8 1u

/* What annals_decode found. Offsets are bytes into the input it was given. */
typedef struct annals_decode_info {
	char encoding[32];   /* source encoding: "UTF-8", "UTF-16LE", "GB18030", "BIG5", ... */
	size_t bom;          /* bytes of byte order mark skipped */
	size_t nbad;         /* malformed sequences replaced by U+FFFD */
	long long first_bad; /* input offset of the first one, -1 if none */
	size_t nnul;         /* NUL characters dropped */
	long long first_nul; /* input offset of the first one, -1 if none */
	long long binary_at; /* ANNALS_E_BINARY: offset of the first control byte */
} annals_decode_info;

/* A cap for the output buffer of annals_decode that no input of n bytes can hit:
 * no source encoding takes more than 3 UTF-8 bytes per input byte. */
static inline size_t annals_decode_cap(size_t n)
{
	return n > (SIZE_MAX - 64) / 4 ? SIZE_MAX : n * 4 + 64;
}

/* Decode s[0..n) to UTF-8 without NULs and append it to out, which must be
 * empty. flags: 0 or ANNALS_DECODE_UTF8. Returns ANNALS_OK (text in out, which
 * the caller owns as before), ANNALS_E_BINARY or ANNALS_E_EMPTY (not text: the
 * caller skips it), ANNALS_E_TOO_LARGE (out's cap) or ANNALS_E_NOMEM. On any
 * status but ANNALS_OK out is left empty. info is always filled. */
ANNALS_WUR annals_status annals_decode(const char *s, size_t n, unsigned flags,
	annals_buf *out, annals_decode_info *info);
#endif
