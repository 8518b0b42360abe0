/* SPDX-License-Identifier: MIT */
/* CSV exports: one prepared statement per export, streamed row by row to
 * the output, so no table is ever held in memory. */
#include "csrdesk/export.h"

#include <errno.h>
#include <stdbool.h>
#include <string.h>

#include "csrdesk/clock.h"
#include "csrdesk/format.h"
#include "csrdesk/text.h"
#include "db_private.h"

/* One export: its header and, per column, how its value is written:
 *   t  text, quoted when needed and neutralized (csr_csv_cell)
 *   i  integer           r  real number
 *   m  "YYYY-MM-DD HH:MM" local time from Unix seconds
 *   d  "YYYY-MM-DD"      h  minutes written as hours ("1.50")
 * Numbers and times in the machine forms of csrdesk/format.h and
 * clock.h, which no number style changes. Only text people typed is
 * neutralized: the numbers we format ourselves (a negative impact value,
 * say) must stay numbers. */
typedef struct export_def {
	const char *what;
	const char *header;
	const char *kinds;
	const char *sql;
} export_def;

static const export_def exports[] = {
	{ "volunteers", "employee_id,name,team,site,email,skills,unix_user,active", "ttttttti",
	  "SELECT employee_id, name, team, site, email, skills, unix_user, active"
	  " FROM volunteer ORDER BY employee_id" },
	{ "initiatives",
	  "id,title,category,status,starts,ends,capacity,confirmed,waitlisted,partner,location",
	  "itttmmiiitt",
	  "SELECT i.id, i.title, i.category, i.status, i.starts_at, i.ends_at, i.capacity,"
	  " (SELECT count(*) FROM signup s WHERE s.initiative_id = i.id"
	  "  AND s.status IN ('confirmed', 'attended')),"
	  " (SELECT count(*) FROM signup s WHERE s.initiative_id = i.id"
	  "  AND s.status = 'waitlisted'),"
	  " p.name, i.location"
	  " FROM initiative i LEFT JOIN partner p ON p.id = i.partner_id ORDER BY i.id" },
	{ "signups", "initiative_id,employee_id,status,created", "ittm",
	  "SELECT s.initiative_id, v.employee_id, s.status, s.created_at"
	  " FROM signup s JOIN volunteer v ON v.id = s.volunteer_id ORDER BY s.id" },
	{ "hours", "employee_id,initiative_id,date,hours,status", "tidht",
	  "SELECT v.employee_id, h.initiative_id, h.worked_on, h.minutes, h.status"
	  " FROM hours h JOIN volunteer v ON v.id = h.volunteer_id ORDER BY h.id" },
	{ "impact", "initiative_id,metric,value,recorded", "itrm",
	  "SELECT initiative_id, metric, value, recorded_at FROM impact WHERE voided_at IS NULL"
	  " ORDER BY id" },
};

/* Spreadsheets run a cell that starts with one of these as a formula. */
static bool formula_like(const char *s)
{
	return *s && strchr("=+-@\t\r", *s);
}

/* Quoted when RFC 4180 needs it, and when white space at either end would
 * otherwise be trimmed by a reader. */
static bool needs_quotes(const char *s)
{
	size_t n = strlen(s);
	return strpbrk(s, ",\"\r\n") || (n > 0 && (strchr(" \t", s[0]) || strchr(" \t", s[n - 1])));
}

/* Writes one character of a cell that the text rules call unsafe (see
 * csr_text_char): line breaks and tabs stay (a CR only as part of CRLF, whose
 * LF follows), anything else that could steer the terminal of whoever cats
 * the file (ESC, C1, bidi controls, invalid UTF-8) becomes U+FFFD. Such
 * bytes reach an export only from rows written before csrdesk checked
 * input, or by another program. */
static void unsafe_char(FILE *out, const char *s)
{
	if (*s == '\n' || *s == '\t')
		fputc(*s, out);
	else if (!(s[0] == '\r' && s[1] == '\n'))
		fputs("\xEF\xBF\xBD", out); /* U+FFFD REPLACEMENT CHARACTER */
}

void csr_csv_cell(FILE *out, const char *text)
{
	const char *s = text ? text : "";
	bool quote = needs_quotes(s);
	if (quote)
		fputc('"', out);
	if (formula_like(s))
		fputc('\'', out);
	for (size_t left = strlen(s); left > 0;) {
		bool safe;
		size_t len = csr_text_char(s, left, &safe);
		if (!safe)
			unsafe_char(out, s);
		else if (*s == '"')
			fputs("\"\"", out);
		else
			fwrite(s, 1, len, out);
		s += len;
		left -= len;
	}
	if (quote)
		fputc('"', out);
}

static void write_value(FILE *out, sqlite3_stmt *st, int col, char kind)
{
	if (sqlite3_column_type(st, col) == SQLITE_NULL)
		return;
	char buf[CSR_FMT_NUMBER_MAX];
	int64_t n = sqlite3_column_int64(st, col);
	switch (kind) {
	case 't': csr_csv_cell(out, (const char *)sqlite3_column_text(st, col)); return;
	case 'i': fprintf(out, "%lld", (long long)n); return;
	case 'r': csr_fmt_machine_number(sqlite3_column_double(st, col), buf, sizeof buf); break;
	case 'h': csr_fmt_machine_hours(n, buf, sizeof buf); break;
	case 'm': csr_time_format_machine(n, buf, sizeof buf); break;
	default: csr_date_format_machine(n, buf, sizeof buf); break;
	}
	fputs(buf, out);
}

static void write_row(FILE *out, sqlite3_stmt *st, const char *kinds)
{
	for (int col = 0; kinds[col]; col++) {
		if (col > 0)
			fputc(',', out);
		write_value(out, st, col, kinds[col]);
	}
	fputs("\r\n", out);
}

static csr_code stream(csr_db *db, const export_def *e, FILE *out, csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db, e->sql, err);
	if (!st)
		return err->code;
	fprintf(out, "%s\r\n", e->header);
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW && !ferror(out))
		write_row(out, st, e->kinds);
	csr_stmt_done(st);
	if (fflush(out) != 0 || ferror(out))
		return csr_fail(err, CSR_EIO, "writing the %s export: %s", e->what, strerror(errno));
	if (step != SQLITE_DONE)
		return csr_db_fail(db, step, "reading the data to export", err);
	return CSR_OK;
}

csr_code csr_export_csv(csr_db *db, const char *what, FILE *out, csr_err *err)
{
	csr_err local;
	if (!err)
		err = &local;
	/* Exports carry people's names and addresses: leads only, like the TUI. */
	csr_code rc = csr_require_role(db, CSR_ROLE_LEAD, "export data", err);
	if (rc != CSR_OK)
		return rc;
	for (size_t i = 0; i < sizeof exports / sizeof exports[0]; i++)
		if (strcmp(what, exports[i].what) == 0)
			return stream(db, &exports[i], out, err);
	return csr_fail(err, CSR_EINVAL, "There is no export named '%s'; choose volunteers,"
			" initiatives, signups, hours or impact", what);
}
