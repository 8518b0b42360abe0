/* SPDX-License-Identifier: MIT */
/* CSV exports: one prepared statement per export, streamed row by row to
 * the output, so no table is ever held in memory. */
#include "csrdesk/export.h"

#include <errno.h>
#include <stdbool.h>
#include <string.h>

#include "csrdesk/audit.h"
#include "csrdesk/clock.h"
#include "csrdesk/config.h"
#include "csrdesk/format.h"
#include "csrdesk/i18n.h"
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

/* Quoted when RFC 4180 needs it (sep, a quote or a line break inside), and
 * when white space at either end would otherwise be trimmed by a reader. */
static bool needs_quotes(const char *s, char sep)
{
	size_t n = strlen(s);
	return strchr(s, sep) || strpbrk(s, "\"\r\n") ||
	       (n > 0 && (strchr(" \t", s[0]) || strchr(" \t", s[n - 1])));
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

char csr_csv_separator(csr_csv_form form)
{
	return form == CSR_CSV_EXCEL ? ';' : ',';
}

void csr_csv_begin(FILE *out, csr_csv_form form)
{
	if (form == CSR_CSV_EXCEL)
		fputs("\xEF\xBB\xBF", out); /* U+FEFF: Excel reads the file as UTF-8 */
}

void csr_csv_cell(FILE *out, const char *text)
{
	csr_csv_cell_sep(out, text, ',');
}

void csr_csv_cell_sep(FILE *out, const char *text, char sep)
{
	const char *s = text ? text : "";
	bool quote = needs_quotes(s, sep);
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

void csr_csv_number(char *number, csr_csv_form form)
{
	char *point = form == CSR_CSV_EXCEL ? strchr(number, '.') : NULL;
	if (point)
		*point = ',';
}

static void write_value(FILE *out, sqlite3_stmt *st, int col, char kind, csr_csv_form form)
{
	char sep = csr_csv_separator(form);
	if (sqlite3_column_type(st, col) == SQLITE_NULL)
		return;
	char buf[CSR_FMT_NUMBER_MAX];
	int64_t n = sqlite3_column_int64(st, col);
	switch (kind) {
	case 't': csr_csv_cell_sep(out, (const char *)sqlite3_column_text(st, col), sep); return;
	case 'i': fprintf(out, "%lld", (long long)n); return;
	case 'r':
		csr_fmt_machine_number(sqlite3_column_double(st, col), buf, sizeof buf);
		csr_csv_number(buf, form);
		break;
	case 'h':
		csr_fmt_machine_hours(n, buf, sizeof buf);
		csr_csv_number(buf, form);
		break;
	case 'm': csr_time_format_machine(n, buf, sizeof buf); break;
	default: csr_date_format_machine(n, buf, sizeof buf); break;
	}
	fputs(buf, out);
}

static void write_row(FILE *out, sqlite3_stmt *st, const char *kinds, csr_csv_form form)
{
	for (int col = 0; kinds[col]; col++) {
		if (col > 0)
			fputc(csr_csv_separator(form), out);
		write_value(out, st, col, kinds[col], form);
	}
	fputs("\r\n", out);
}

/* The header row: the column names are plain words, only the separator
 * changes with the form. */
static void write_header(FILE *out, const char *header, char sep)
{
	for (const char *p = header; *p; p++)
		fputc(*p == ',' ? sep : *p, out);
	fputs("\r\n", out);
}

static csr_code stream(csr_db *db, const export_def *e, csr_csv_form form, FILE *out,
		       csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db, e->sql, err);
	if (!st)
		return err->code;
	char sep = csr_csv_separator(form);
	csr_csv_begin(out, form);
	write_header(out, e->header, sep);
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW && !ferror(out))
		write_row(out, st, e->kinds, form);
	csr_stmt_done(st);
	if (fflush(out) != 0 || ferror(out))
		/* TRANSLATORS: %s is the export's name as typed (volunteers, hours, ...),
		 * then the system's reason. */
		return csr_fail(err, CSR_EIO, _("writing the %s export: %s"), e->what,
				strerror(errno));
	if (step != SQLITE_DONE)
		return csr_db_fail(db, step, _("reading the data to export"), err);
	return CSR_OK;
}

csr_code csr_export_csv(csr_db *db, const char *what, FILE *out, csr_err *err)
{
	const csr_config *cfg = db ? csr_db_config(db) : NULL;
	return csr_export_csv_form(db, what, cfg && cfg->export_excel ? CSR_CSV_EXCEL
								    : CSR_CSV_PLAIN, out, err);
}

csr_code csr_export_csv_form(csr_db *db, const char *what, csr_csv_form form, FILE *out,
			     csr_err *err)
{
	csr_err local;
	if (!err)
		err = &local;
	/* Exports carry people's names and addresses: leads only, like the TUI. */
	csr_code rc = csr_require_role(db, CSR_ROLE_LEAD, _("export data"), err);
	if (rc != CSR_OK)
		return rc;
	for (size_t i = 0; i < sizeof exports / sizeof exports[0]; i++)
		if (strcmp(what, exports[i].what) == 0) {
			rc = csr_audit_read(db, "export.csv", "export", 0, what, err);
			return rc == CSR_OK ? stream(db, &exports[i], form, out, err) : rc;
		}
	/* TRANSLATORS: the names after "choose" are typed on the command line:
	 * keep them in English. */
	return csr_fail(err, CSR_EINVAL, _("There is no export named '%s'; choose volunteers,"
					   " initiatives, signups, hours or impact"), what);
}
