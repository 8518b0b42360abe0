/* csrdesk — importing the roster of volunteers from CSV (libcsv).
 *
 * Header: employee_id,name,team[,site,email,skills,unix_user] (any order,
 * the first three required). Rows are upserted by employee_id in one
 * transaction: a bad row is reported with its line number and nothing is
 * imported, unless skip_bad, when bad rows are reported and skipped. */
#ifndef CSRDESK_ROSTER_H
#define CSRDESK_ROSTER_H

#include <stdbool.h>
#include <stdio.h>

#include "csrdesk/status.h"

typedef struct csr_db csr_db;

typedef struct csr_roster_report {
	long rows;     /* data rows read */
	long inserted;
	long updated;
	long skipped;  /* bad rows skipped (skip_bad) */
} csr_roster_report;

/* Called now and then with bytes read so far and the total (0 if unknown). */
typedef void (*csr_progress_fn)(void *ctx, long done, long total);

/* Reports each skipped row (skip_bad) as "FILE:LINE: why". */
typedef void (*csr_warn_fn)(void *ctx, const char *message);

/* Lead: imports from in; name is used in messages. */
csr_code csr_roster_import(csr_db *db, FILE *in, const char *name, bool skip_bad,
			   csr_progress_fn progress, csr_warn_fn warn, void *ctx,
			   csr_roster_report *report, csr_err *err);

#endif
