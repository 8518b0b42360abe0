/* SPDX-License-Identifier: MIT */
/* csrdesk — periods: what "2026", "2026-Q3", "2026-10" and
 * "2026-01-05..2026-02-01" mean, as a half-open range [from, to) of local
 * time. The figures (metrics.h), the report and the Impact panel count
 * over them. */
#ifndef CSRDESK_PERIOD_H
#define CSRDESK_PERIOD_H

#include <stddef.h>
#include <stdint.h>

#include "csrdesk/status.h"

enum { CSR_PERIOD_LABEL_MAX = 48 };

typedef struct csr_period {
	int64_t from, to; /* Unix seconds, [from, to) */
	/* As typed on the command line, in any language: "2026", "2026-Q3",
	 * "2026-10", "2026-01-05..2026-02-01" (file names, commands). */
	char label[CSR_PERIOD_LABEL_MAX];
} csr_period;

/* Parses "2026", "2026-Q3", "2026-10" or "YYYY-MM-DD..YYYY-MM-DD" (both days
 * included), in local time. */
csr_code csr_period_parse(const char *text, csr_period *out, csr_err *err);
/* The calendar year, quarter or month containing t (local time). */
void csr_period_year(int64_t t, csr_period *out);
void csr_period_quarter(int64_t t, csr_period *out);
void csr_period_month(int64_t t, csr_period *out);

/* The period as people read it, in the language shown: "2026", "Q3 2026"
 * ("3. Quartal 2026"), "October 2026" ("Oktober 2026"), a range of days as
 * its first and last day ("2026-01-05 to 2026-02-01", "05.01.2026 bis
 * 01.02.2026"). */
void csr_period_name(const csr_period *p, char *out, size_t size);

#endif
