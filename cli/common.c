/* common.c - pieces every CLI verb uses: option parsing, the diagnostic printer,
 * opening a reader over the inputs, writing output buffers.
 * SPDX-License-Identifier: MIT */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

void cli_diag(void *ctx, const annals_diag *d)
{
	(void)ctx;
	annals_diag_print(stderr, d);
}

int cli_opt(int argc, char **argv, int *i, const char *name, const char **val)
{
	size_t n = strlen(name);
	const char *a = argv[*i];
	if (strncmp(a, name, n) != 0)
		return 0;
	if (a[n] == '=') {
		*val = a + n + 1;
		return 1;
	}
	if (a[n] != '\0')
		return 0;
	if (*i + 1 >= argc)
		return -1;
	*val = argv[++*i];
	return 1;
}

size_t cli_parse_size(const char *s)
{
	char *end;
	unsigned long long v = strtoull(s, &end, 10);
	if (end == s)
		return 0;
	switch (*end) {
	case 'k': case 'K': v <<= 10; end++; break;
	case 'm': case 'M': v <<= 20; end++; break;
	case 'g': case 'G': v <<= 30; end++; break;
	}
	if (*end)
		return 0;
	return (size_t)v;
}

annals_status cli_open_reader(annals_reader **out, int argc, char **argv, int first,
	size_t max_bytes)
{
	annals_reader_opts o;
	annals_status st;
	int i;
	memset(&o, 0, sizeof o);
	o.max_report_bytes = max_bytes;
	o.diag = cli_diag;
	st = annals_reader_new(out, &o);
	for (i = first; i < argc && !st; i++)
		st = annals_reader_add(*out, argv[i]);
	if (st) {
		annals_reader_free(*out);
		*out = NULL;
	}
	return st;
}

int cli_flush(annals_buf *b)
{
	int bad = 0;
	if (b->len && fwrite(b->ptr, 1, b->len, stdout) != b->len)
		bad = 1;
	annals_buf_reset(b);
	return bad;
}
