/* SPDX-License-Identifier: MIT */
/* csrdesk — importing the roster of volunteers from CSV (libcsv).
 *
 * Header: employee_id,name,team[,site,email,skills,unix_user,active] (any
 * order, the first three required; an unknown or repeated column is an
 * error), so what csr_export_csv writes for volunteers imports back as it
 * is. active is 1 or 0 (true/false, yes/no); without that column new
 * volunteers are active and stored ones keep their activity. A
 * UTF-8 byte order mark is skipped; quoted fields may span lines; lines
 * may end with LF or CRLF. The separator is ',' unless the header row
 * splits on ';' into known column names (as German Excel saves a file):
 * then it is ';' for the whole file. Rows are
 * upserted by employee_id in one transaction: a column missing from the
 * header keeps the stored value, an empty cell clears it. A bad row (wrong
 * field count, invalid UTF-8, a control or bidi character, a value the
 * volunteer rules refuse, a Unix user taken by someone else, malformed
 * CSV) is reported as
 * "FILE:LINE: column X: why", LINE being the physical line the record
 * starts on, and nothing is imported, unless skip_bad, when bad rows are
 * reported through warn and skipped. A quoted field that is never closed
 * always stops the import. A leading ' before = + - @, a tab or a carriage
 * return (the export's formula neutralization) is removed. */
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
