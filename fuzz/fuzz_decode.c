/* fuzz_decode.c - libFuzzer entry for the charset decoder (src/decode.c): the
 * first byte selects options (bit 0: ANNALS_DECODE_UTF8), the rest is decoded,
 * and the report contract is checked on the way out: valid UTF-8, no NUL,
 * nothing left in the buffer on failure.
 * SPDX-License-Identifier: MIT */
#include "annals.h"
#include "decode.h"
#include "utf8.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	annals_buf out;
	annals_decode_info info;
	annals_status st;
	unsigned flags = 0;
	if (!size)
		return 0;
	if (data[0] & 1)
		flags = ANNALS_DECODE_UTF8;
	data++;
	size--;
	annals_buf_init(&out, annals_decode_cap(size));
	st = annals_decode(size ? (const char *)data : "", size, flags, &out, &info);
	if (st == ANNALS_OK) {
		if (annals_utf8_check(out.ptr ? out.ptr : "", out.len) != out.len)
			abort();
		if (out.len && memchr(out.ptr, 0, out.len))
			abort();
		if (!out.len)
			abort(); /* empty text is ANNALS_E_EMPTY */
	} else if (out.len) {
		abort();
	}
	if (info.encoding[sizeof info.encoding - 1] != '\0')
		abort();
	annals_buf_free(&out);
	return 0;
}
