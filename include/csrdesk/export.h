/* SPDX-License-Identifier: MIT */
/* csrdesk — CSV exports (RFC 4180, CRLF, header row), for team leads.
 *
 * A text cell that begins with = + - @, a tab or a carriage return is
 * prefixed with ' so spreadsheets show it as text instead of running it as
 * a formula (the roster import removes that ' again). Numbers that csrdesk
 * formats itself (ids, counts, hours, impact values) are never prefixed, so
 * a negative value stays a number. Nothing that could steer a terminal is
 * written (see csr_csv_cell). Times are "YYYY-MM-DD HH:MM" in local
 * time; a missing value is an empty cell.
 *
 *   volunteers   employee_id,name,team,site,email,skills,unix_user,active
 *   initiatives  id,title,category,status,starts,ends,capacity,confirmed,
 *                waitlisted,partner,location
 *   signups      initiative_id,employee_id,status,created
 *   hours        employee_id,initiative_id,date,hours,status
 *   impact       initiative_id,metric,value,recorded */
#ifndef CSRDESK_EXPORT_H
#define CSRDESK_EXPORT_H

#include <stdio.h>

#include "csrdesk/status.h"

typedef struct csr_db csr_db;

/* Lead: writes one export (what: volunteers, initiatives, signups, hours or
 * impact), streaming rows from the database. */
csr_code csr_export_csv(csr_db *db, const char *what, FILE *out, csr_err *err);

/* Writes one text cell: quoted when it holds a comma, quote, CR or LF (or
 * starts or ends with white space), quotes doubled, neutralized as above;
 * control, C1 and bidi characters and invalid UTF-8 (which csrdesk refuses
 * on input, but older rows or other programs may hold) are written as
 * U+FFFD, line breaks (LF, CRLF) and tabs are kept. */
void csr_csv_cell(FILE *out, const char *text);

#endif
