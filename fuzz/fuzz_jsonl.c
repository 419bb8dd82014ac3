/* fuzz_jsonl.c - libFuzzer entry for one JSON Lines report line (src/jsonl.c):
 * any bytes parsed as a line, the fields checked and freed, errors carrying a
 * message and a position inside the line.
 * SPDX-License-Identifier: MIT */
#include "annals.h"
#include "jsonl.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void warn(void *ctx, const char *msg)
{
	size_t *n = ctx;
	if (!msg || !*msg)
		abort();
	(*n)++;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	annals_jsonl_rec rec;
	annals_status st;
	long long pos;
	char msg[256];
	size_t nwarn = 0;
	st = annals_jsonl_parse(size ? (const char *)data : "", size, &rec, &pos, msg,
		sizeof msg, warn, &nwarn);
	if (st == ANNALS_OK) {
		if (!rec.text || rec.text[rec.text_len] != '\0')
			abort();
	} else if (st == ANNALS_E_PARSE) {
		if (!msg[0] || pos < -1 || (pos >= 0 && (size_t)pos > size) || rec.text)
			abort();
	} else if (st != ANNALS_E_NOMEM) {
		abort();
	}
	annals_jsonl_rec_free(&rec);
	return 0;
}
