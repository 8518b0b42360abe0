/* SPDX-License-Identifier: MIT */
/* csrdesk — CSV exports (RFC 4180, CRLF, header row), for team leads.
 *
 * German Excel opens a file as columns when it starts with a UTF-8 byte
 * order mark and separates cells with semicolons: the Excel form
 * (csr_csv_form) writes it so; the roster import reads both.
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

/* The two forms of a CSV file. Both end lines with CRLF and write times
 * in the machine forms ("2026-12-12 09:30", which Excel reads as such).
 * Numbers: a point before the decimals in the plain form; a comma in
 * German Excel's, which would take "1.50" for a date and "2400.5" for
 * text (csr_csv_number). The roster the import reads holds no decimals,
 * so either form imports back the same. */
typedef enum csr_csv_form {
	CSR_CSV_PLAIN = 0, /* RFC 4180: commas */
	CSR_CSV_EXCEL,     /* German Excel's: a UTF-8 byte order mark, semicolons */
} csr_csv_form;

/* A number in the machine form ("2400.5", "1.50") made the form's: the
 * point becomes a comma in German Excel's (a ';' separates the cells
 * there, so the comma needs no quotes). */
void csr_csv_number(char *number, csr_csv_form form);

/* Lead: writes one export (what: volunteers, initiatives, signups, hours or
 * impact), streaming rows from the database, in the form the config's
 * export { excel } chooses. */
csr_code csr_export_csv(csr_db *db, const char *what, FILE *out, csr_err *err);

/* The same in the form given. */
csr_code csr_export_csv_form(csr_db *db, const char *what, csr_csv_form form, FILE *out,
			     csr_err *err);

/* ',' or ';'. */
char csr_csv_separator(csr_csv_form form);

/* Starts a file of form: the byte order mark of the Excel form. */
void csr_csv_begin(FILE *out, csr_csv_form form);

/* Writes one text cell: quoted when it holds a comma, quote, CR or LF (or
 * starts or ends with white space), quotes doubled, neutralized as above;
 * control, C1 and bidi characters and invalid UTF-8 (which csrdesk refuses
 * on input, but older rows or other programs may hold) are written as
 * U+FFFD, line breaks (LF, CRLF) and tabs are kept. */
void csr_csv_cell(FILE *out, const char *text);

/* The same for a file whose separator is sep (quoted when it holds sep). */
void csr_csv_cell_sep(FILE *out, const char *text, char sep);

#endif
