/* SPDX-License-Identifier: MIT */
/* csrdesk — printable sheets to take to an initiative: a sign-up sheet (who
 * has a place, with a column to sign) or an attendance list (the same, with
 * arrived, left and hours to fill in by hand), one page per initiative.
 *
 * HTML: one self-contained file with print CSS (A4, each initiative's
 * sheet followed by a page break), every text escaped. Text: 80 columns
 * for a sign-up sheet, 96 for an attendance list, pages separated by a form
 * feed; a text holding a control character is refused, never written. */
#ifndef CSRDESK_SHEET_H
#define CSRDESK_SHEET_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "csrdesk/status.h"

typedef struct csr_db csr_db;

enum { CSR_SHEET_MAX = 64 }; /* initiatives on one printout */

typedef enum csr_sheet_kind {
	CSR_SHEET_SIGNUP = 0,
	CSR_SHEET_ATTENDANCE,
} csr_sheet_kind;

typedef enum csr_sheet_format {
	CSR_SHEET_HTML = 0,
	CSR_SHEET_TEXT,
} csr_sheet_format;

/* "signup" or "attendance"; "html" or "text". */
bool csr_sheet_kind_parse(const char *name, csr_sheet_kind *out);
bool csr_sheet_format_parse(const char *name, csr_sheet_format *out);

/* Lead: writes the sheets of the n initiatives ids (1 to CSR_SHEET_MAX), in
 * that order, with their places (not cancelled: the confirmed, attended and
 * no-shows, then the waitlist). All or nothing: nothing is written when an
 * initiative does not exist or a text cannot be written. */
csr_code csr_sheet_write(csr_db *db, const int64_t *ids, int n, csr_sheet_kind kind,
			 csr_sheet_format format, FILE *out, csr_err *err);

#endif
