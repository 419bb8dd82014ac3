/* status.c - status names and the one place diagnostics are formatted, so the
 * CLI, the store and the tests all print problems the same way.
 * SPDX-License-Identifier: MIT */
#include "annals.h"

const char *annals_status_str(annals_status st)
{
	switch (st) {
	case ANNALS_OK: return "ok";
	case ANNALS_E_NOMEM: return "out of memory";
	case ANNALS_E_IO: return "input/output error";
	case ANNALS_E_ENCODING: return "encoding error";
	case ANNALS_E_TOO_LARGE: return "too large";
	case ANNALS_E_PARSE: return "parse error";
	case ANNALS_E_USAGE: return "usage error";
	case ANNALS_E_BINARY: return "binary input";
	case ANNALS_E_EMPTY: return "empty input";
	case ANNALS_E_DB: return "database error";
	case ANNALS_E_NOT_FOUND: return "not found";
	}
	return "unknown status";
}

void annals_diag_print(FILE *fp, const annals_diag *d)
{
	const char *sev = d->severity == ANNALS_ERROR ? "error" : "warning";
	if (d->offset >= 0)
		fprintf(fp, "annals: %s: byte %lld: %s: %s\n", d->where ? d->where : "-",
			d->offset, sev, d->message);
	else
		fprintf(fp, "annals: %s: %s: %s\n", d->where ? d->where : "-", sev, d->message);
}
