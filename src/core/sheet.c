/* SPDX-License-Identifier: MIT */
/* Printable sheets: the initiatives are read first (a missing one stops
 * everything), then each page is written into memory, so that a refused
 * text leaves the output untouched. Places stream from the database one
 * row at a time, in the order of the attendance list. */
#include "csrdesk/sheet.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "csrdesk/audit.h"
#include "csrdesk/clock.h"
#include "csrdesk/i18n.h"
#include "csrdesk/initiative.h"
#include "csrdesk/text.h"
#include "db_private.h"
#include "report_private.h"

/* Blank rows under the names, for people who come without a place. */
enum { WALK_IN_ROWS = 3, GAP = 2 };

typedef struct sheet_column {
	const char *label; /* English: the key of column_title */
	int width;         /* in the text sheet */
	const char *shown; /* the title in the language (fit_columns) */
} sheet_column;

/* The columns of each kind; the last is the signature. */
static const sheet_column signup_columns[] = {
	{ "Employee ID", 11, NULL }, { "Name", 22, NULL }, { "Team", 14, NULL },
	{ "Status", 10, NULL },      { "Signature", 13, NULL },
};
static const sheet_column attendance_columns[] = {
	{ "Employee ID", 11, NULL }, { "Name", 20, NULL }, { "Team", 12, NULL },
	{ "Status", 10, NULL },      { "Arrived", 7, NULL }, { "Left", 7, NULL },
	{ "Hours", 5, NULL },        { "Signature", 10, NULL },
};

/* A column's title in the language: short words of their own ("sheet
 * column"), as the narrow columns of the text sheet need them. */
static const char *column_title(const char *label)
{
	static const char *const known[] = { "Employee ID", "Name", "Team", "Status",
					     "Arrived", "Left", "Hours", "Signature" };
	const char *const titles[] = {
		/* TRANSLATORS: the column headers of a printed sheet. The text
		 * sheet is 80 (sign-up) or 96 (attendance) columns wide and a
		 * header wider than its column takes the room from the Name
		 * column: keep them short (Employee ID 11 columns, Arrived and
		 * Left 7, Hours 7, Signature 12). */
		C_("sheet column", "Employee ID"), C_("sheet column", "Name"),
		C_("sheet column", "Team"),        C_("sheet column", "Status"),
		C_("sheet column", "Arrived"),     C_("sheet column", "Left"),
		C_("sheet column", "Hours"),       C_("sheet column", "Signature"),
	};
	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
		if (strcmp(label, known[i]) == 0)
			return titles[i];
	return label;
}
enum {
	SIGNUP_COLUMNS = 5, ATTENDANCE_COLUMNS = 8, PERSON_COLUMNS = 4,
	COL_NAME = 1, COL_STATUS = 3,
	STATUS_MAX_W = 18, NAME_MIN_W = 14, /* columns grow into the name's */
	FACT_LABEL_W = 10,
};

static const char *const kind_titles[] = { N_("Sign-up sheet"), N_("Attendance list") };

typedef struct sheet {
	csr_db *db;
	csr_sheet_kind kind;
	csr_sheet_format format;
	sheet_column columns[ATTENDANCE_COLUMNS]; /* widths fitted to the language */
	int ncolumns;
	FILE *out;
	csr_err *err;
} sheet;

/* A place's state as stored, for people; a state the sheet does not know
 * is shown as stored. */
static const char *place_state(const char *stored)
{
	if (strcmp(stored, "confirmed") == 0)
		/* TRANSLATORS: a place's state in the Status column of a printed
		 * sheet: at most 12 columns (a shorter word than elsewhere is fine). */
		return C_("sheet status", "confirmed");
	if (strcmp(stored, "waitlisted") == 0)
		return C_("sheet status", "waitlisted");
	if (strcmp(stored, "attended") == 0)
		return C_("sheet status", "attended");
	if (strcmp(stored, "no-show") == 0)
		return C_("sheet status", "no-show");
	return stored;
}

/* The text sheet's columns fitted to the language: each as wide as its
 * header, and the status column as its widest state (up to STATUS_MAX_W),
 * the columns they gain taken from the name column (down to NAME_MIN_W),
 * so the lines keep their width and the cells stay in line. */
static void fit_columns(sheet *s, const sheet_column *columns, int n)
{
	static const char *const states[] = { "confirmed", "waitlisted", "attended", "no-show" };
	memcpy(s->columns, columns, (size_t)n * sizeof *columns);
	s->ncolumns = n;
	for (int c = 0; c < n; c++) {
		s->columns[c].shown = column_title(columns[c].label);
		int want = csr_text_width(s->columns[c].shown);
		for (size_t i = 0; c == COL_STATUS && i < sizeof states / sizeof states[0]; i++) {
			int w = csr_text_width(place_state(states[i]));
			want = w > want ? w : want;
		}
		if (c == COL_NAME || want <= s->columns[c].width)
			continue;
		int grow = (want < STATUS_MAX_W ? want : STATUS_MAX_W) - s->columns[c].width;
		int room = s->columns[COL_NAME].width - NAME_MIN_W;
		grow = grow < room ? grow : room;
		if (grow > 0) {
			s->columns[c].width += grow;
			s->columns[COL_NAME].width -= grow;
		}
	}
}

static const char style[] =
	"@page { size: A4; margin: 15mm; }\n"
	"body { font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 10pt; color: #000;"
	" margin: 0; }\n"
	".sheet { page-break-after: always; break-after: page; }\n"
	".sheet:last-child { page-break-after: auto; break-after: auto; }\n"
	".kind { margin: 0; letter-spacing: 0.05em; font-size: 9pt; }\n"
	"h1 { margin: 0.2rem 0 0.6rem; font-size: 16pt; }\n"
	"table { border-collapse: collapse; width: 100%; }\n"
	".facts { width: auto; margin-bottom: 1rem; }\n"
	".facts th { text-align: left; padding: 1pt 12pt 1pt 0; font-weight: bold; }\n"
	".facts td { padding: 1pt 0; }\n"
	".names th, .names td { border: 1px solid #000; padding: 5pt 4pt; text-align: left;"
	" vertical-align: top; }\n"
	".names th { background: #eee; }\n"
	".names tr { page-break-inside: avoid; break-inside: avoid; }\n"
	".names .sign { width: 28%; }\n"
	".names .fill { width: 9%; }\n"
	".empty { font-style: italic; }\n";

bool csr_sheet_kind_parse(const char *name, csr_sheet_kind *out)
{
	if (strcmp(name, "signup") == 0)
		*out = CSR_SHEET_SIGNUP;
	else if (strcmp(name, "attendance") == 0)
		*out = CSR_SHEET_ATTENDANCE;
	else
		return false;
	return true;
}

bool csr_sheet_format_parse(const char *name, csr_sheet_format *out)
{
	if (strcmp(name, "html") == 0)
		*out = CSR_SHEET_HTML;
	else if (strcmp(name, "text") == 0)
		*out = CSR_SHEET_TEXT;
	else
		return false;
	return true;
}

/* A text for the text sheet: one line with no control character. */
static bool printable(const sheet *s, const char *text, const char *label)
{
	return s->format != CSR_SHEET_TEXT ||
	       csr_text_check(text, CSR_TEXT_LINE, label, s->err) == CSR_OK;
}

/* ---- HTML ---- */

static void html_head(const sheet *s)
{
	fprintf(s->out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\"/>\n"
		"<title>", csr_i18n_language());
	csr_rep_html_text(s->out, s->kind == CSR_SHEET_SIGNUP ? _("Sign-up sheets")
							      : _("Attendance lists"));
	fprintf(s->out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n", style);
}

static void html_fact(FILE *out, const char *label, const char *value)
{
	fputs("<tr><th>", out);
	csr_rep_html_text(out, label);
	fputs("</th><td>", out);
	csr_rep_html_text(out, value[0] ? value : "-");
	fputs("</td></tr>\n", out);
}

static void html_column_class(FILE *out, const sheet *s, int col)
{
	if (col == s->ncolumns - 1)
		fputs(" class=\"sign\"", out);
	else if (col >= PERSON_COLUMNS)
		fputs(" class=\"fill\"", out);
}

static void html_page_head(const sheet *s, const csr_initiative *in)
{
	char when[2 * CSR_TIME_TEXT_MAX + 16];
	/* TRANSLATORS: between the start and the end of an initiative:
	 * "2026-03-14 09:00 to 13:00". */
	csr_time_span(in->starts_at, in->ends_at, C_("time span", "to"), when, sizeof when);
	fputs("<section class=\"sheet\">\n<p class=\"kind\">", s->out);
	csr_rep_html_text(s->out, _(kind_titles[s->kind]));
	fputs("</p>\n<h1>", s->out);
	csr_rep_html_text(s->out, in->title);
	fputs("</h1>\n<table class=\"facts\">\n", s->out);
	html_fact(s->out, _("When"), when);
	html_fact(s->out, _("Location"), in->location);
	html_fact(s->out, _("Partner"), in->partner_name);
	fputs("</table>\n<table class=\"names\">\n<thead><tr>", s->out);
	for (int c = 0; c < s->ncolumns; c++) {
		fputs("<th", s->out);
		html_column_class(s->out, s, c);
		fputs(">", s->out);
		csr_rep_html_text(s->out, s->columns[c].shown);
		fputs("</th>", s->out);
	}
	fputs("</tr></thead>\n<tbody>\n", s->out);
}

/* One row; person NULL: a blank row to fill in. */
static void html_row(const sheet *s, const char *const *person)
{
	fputs("<tr>", s->out);
	for (int c = 0; c < s->ncolumns; c++) {
		fputs("<td", s->out);
		html_column_class(s->out, s, c);
		fputs(">", s->out);
		if (person && c < PERSON_COLUMNS)
			csr_rep_html_text(s->out, person[c]);
		else
			fputs("&#160;", s->out);
		fputs("</td>", s->out);
	}
	fputs("</tr>\n", s->out);
}

/* ---- text ---- */

static void text_rule(FILE *out, char c, int n)
{
	for (int i = 0; i < n; i++)
		fputc(c, out);
	fputc('\n', out);
}

/* "Label     value", the values lined up after the widest label. */
static void text_fact(FILE *out, const char *label, int label_w, const char *value)
{
	csr_rep_cell(out, label, label_w, false);
	fprintf(out, "%s\n", value[0] ? value : "-");
}

static int text_width(const sheet *s)
{
	int w = 0;
	for (int c = 0; c < s->ncolumns; c++)
		w += s->columns[c].width + (c ? GAP : 0);
	return w;
}

/* One line of cells; a cell beyond texts (NULL: all) is filled with fill. */
static void text_line(const sheet *s, const char *const *texts, int ntexts, char fill)
{
	for (int c = 0; c < s->ncolumns; c++) {
		int w = s->columns[c].width;
		if (c)
			fprintf(s->out, "%*s", GAP, "");
		if (c < ntexts)
			csr_rep_cell(s->out, texts[c], w, false);
		else
			for (int i = 0; i < w; i++)
				fputc(fill, s->out);
	}
	fputc('\n', s->out);
}

static void text_page_head(const sheet *s, const csr_initiative *in, bool first)
{
	char when[2 * CSR_TIME_TEXT_MAX + 16];
	csr_time_span(in->starts_at, in->ends_at, C_("time span", "to"), when, sizeof when);
	if (!first)
		fputc('\f', s->out); /* a new page on a printer */
	const char *kind = _(kind_titles[s->kind]);
	fprintf(s->out, "%s\n", kind);
	text_rule(s->out, '=', csr_text_width(kind));
	fprintf(s->out, "%s\n\n", in->title);
	const char *facts[] = { _("When"), _("Location"), _("Partner") };
	int label_w = FACT_LABEL_W;
	for (int i = 0; i < 3; i++)
		if (csr_text_width(facts[i]) + 1 > label_w)
			label_w = csr_text_width(facts[i]) + 1;
	text_fact(s->out, facts[0], label_w, when);
	text_fact(s->out, facts[1], label_w, in->location);
	text_fact(s->out, facts[2], label_w, in->partner_name);
	fputc('\n', s->out);
	const char *labels[ATTENDANCE_COLUMNS];
	for (int c = 0; c < s->ncolumns; c++)
		labels[c] = s->columns[c].shown;
	text_line(s, labels, s->ncolumns, ' ');
	text_rule(s->out, '-', text_width(s));
}

/* ---- pages ---- */

static void blank_rows(const sheet *s)
{
	for (int i = 0; i < WALK_IN_ROWS; i++)
		if (s->format == CSR_SHEET_HTML)
			html_row(s, NULL);
		else {
			fputc('\n', s->out);
			text_line(s, NULL, 0, '_');
		}
}

static csr_code person_row(const sheet *s, const char *const *person)
{
	/* TRANSLATORS: the subjects of "... holds a control character": what a
	 * sheet refused to print. */
	static const char *const labels[PERSON_COLUMNS] = { N_("An employee ID"), N_("A name"),
							    N_("A team"), N_("A status") };
	for (int c = 0; c < PERSON_COLUMNS; c++)
		if (!printable(s, person[c], _(labels[c])))
			return s->err->code;
	const char *shown[PERSON_COLUMNS];
	memcpy(shown, person, sizeof shown);
	shown[COL_STATUS] = place_state(person[COL_STATUS]);
	if (s->format == CSR_SHEET_HTML)
		html_row(s, shown);
	else {
		fputc('\n', s->out);
		text_line(s, shown, PERSON_COLUMNS, '_');
	}
	return CSR_OK;
}

static csr_code places(const sheet *s, int64_t initiative_id, int *rows)
{
	sqlite3_stmt *st = csr_db_stmt(
		s->db,
		"SELECT v.employee_id, v.name, coalesce(v.team, ''), s.status"
		" FROM signup s JOIN volunteer v ON v.id = s.volunteer_id"
		" WHERE s.initiative_id = ?1 AND s.status <> 'cancelled'"
		" ORDER BY s.status = 'waitlisted', s.id",
		s->err);
	if (!st)
		return s->err->code;
	sqlite3_bind_int64(st, 1, initiative_id);
	int step;
	csr_code rc = CSR_OK;
	*rows = 0;
	while (rc == CSR_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *person[PERSON_COLUMNS];
		for (int c = 0; c < PERSON_COLUMNS; c++)
			person[c] = (const char *)sqlite3_column_text(st, c);
		rc = person_row(s, person);
		++*rows;
	}
	csr_stmt_done(st);
	if (rc == CSR_OK && step != SQLITE_DONE)
		rc = csr_db_fail(s->db, step, _("reading the places"), s->err);
	return rc;
}

static csr_code page(const sheet *s, const csr_initiative *in, bool first)
{
	/* TRANSLATORS: the subjects of "... holds a control character". */
	if (!printable(s, in->title, _("The title")) ||
	    !printable(s, in->location, _("The location")) ||
	    !printable(s, in->partner_name, _("The partner")))
		return s->err->code;
	if (s->format == CSR_SHEET_HTML)
		html_page_head(s, in);
	else
		text_page_head(s, in, first);
	int rows = 0;
	csr_code rc = places(s, in->id, &rows);
	if (rc != CSR_OK)
		return rc;
	blank_rows(s);
	if (s->format == CSR_SHEET_HTML) {
		fputs("</tbody>\n</table>\n", s->out);
		if (!rows) {
			fputs("<p class=\"empty\">", s->out);
			csr_rep_html_text(s->out, _("Nobody has a place yet."));
			fputs("</p>\n", s->out);
		}
		fputs("</section>\n", s->out);
	} else if (!rows)
		fprintf(s->out, "\n%s\n", _("Nobody has a place yet."));
	return CSR_OK;
}

static csr_code read_initiatives(csr_db *db, const int64_t *ids, int n, csr_initiative *out,
				 csr_err *err)
{
	for (int i = 0; i < n; i++)
		if (csr_initiative_get(db, ids[i], &out[i], err) != CSR_OK)
			return err->code;
	return CSR_OK;
}

static csr_code write_pages(sheet *s, const csr_initiative *ins, int n)
{
	if (s->format == CSR_SHEET_HTML)
		html_head(s);
	for (int i = 0; i < n; i++) {
		csr_code rc = page(s, &ins[i], i == 0);
		if (rc != CSR_OK)
			return rc;
	}
	if (s->format == CSR_SHEET_HTML)
		fputs("</body>\n</html>\n", s->out);
	return CSR_OK;
}

/* Writes the pages into memory, then to out when all went well. */
static csr_code write_all(sheet *s, const csr_initiative *ins, int n, FILE *out)
{
	char *buf = NULL;
	size_t len = 0;
	s->out = open_memstream(&buf, &len);
	if (!s->out)
		return csr_fail(s->err, CSR_ENOMEM, "%s", _("no memory for the sheets"));
	csr_code rc = write_pages(s, ins, n);
	if (fclose(s->out) != 0 && rc == CSR_OK)
		rc = csr_fail(s->err, CSR_ENOMEM, "%s", _("no memory for the sheets"));
	if (rc == CSR_OK && (fwrite(buf, 1, len, out) != len || fflush(out) != 0))
		/* TRANSLATORS: %s is the system's reason. */
		rc = csr_fail(s->err, CSR_EIO, _("writing the sheets: %s"), strerror(errno));
	free(buf);
	return rc;
}

csr_code csr_sheet_write(csr_db *db, const int64_t *ids, int n, csr_sheet_kind kind,
			 csr_sheet_format format, FILE *out, csr_err *err)
{
	csr_err local;
	if (!err)
		err = &local;
	/* The sheets carry people's names: leads only, like the exports. */
	/* TRANSLATORS: completes "Only team leads may ...". */
	csr_code rc = csr_require_role(db, CSR_ROLE_LEAD, _("print sheets"), err);
	if (rc != CSR_OK)
		return rc;
	if (n < 1 || n > CSR_SHEET_MAX)
		return csr_fail(err, CSR_EINVAL, _("Give from 1 to %d initiatives"), CSR_SHEET_MAX);
	rc = csr_audit_read(db, "export.sheet", "initiative", ids[0], n > 1 ? "and more" : "",
			    err);
	if (rc != CSR_OK)
		return rc;
	csr_initiative *ins = calloc((size_t)n, sizeof *ins);
	if (!ins)
		return csr_fail(err, CSR_ENOMEM, "%s", _("no memory for the sheets"));
	sheet s = { .db = db, .kind = kind, .format = format, .err = err };
	if (kind == CSR_SHEET_SIGNUP)
		fit_columns(&s, signup_columns, SIGNUP_COLUMNS);
	else
		fit_columns(&s, attendance_columns, ATTENDANCE_COLUMNS);
	rc = read_initiatives(db, ids, n, ins, err);
	if (rc == CSR_OK)
		rc = write_all(&s, ins, n, out);
	free(ins);
	return rc;
}
