/* csrdesk — CSV exports (RFC 4180, CRLF, header row). A cell that begins
 * with = + - @ or a tab is prefixed with ' so spreadsheets show it as text
 * instead of running it as a formula. */
#ifndef CSRDESK_EXPORT_H
#define CSRDESK_EXPORT_H

#include <stdio.h>

#include "csrdesk/status.h"

typedef struct csr_db csr_db;

/* what: volunteers, initiatives, signups, hours or impact. */
csr_code csr_export_csv(csr_db *db, const char *what, FILE *out, csr_err *err);

/* Writes one CSV cell (quoted when needed, neutralized as above). */
void csr_csv_cell(FILE *out, const char *text);

#endif
