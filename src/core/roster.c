/* SPDX-License-Identifier: MIT */
/* Importing the roster of volunteers from CSV, parsed with libcsv.
 *
 * The file is fed to libcsv one physical line at a time, so the callbacks
 * always know which line a record started on, even when quoted fields span
 * lines. Each record is checked as soon as it ends and staged (see
 * roster_staging.c), inside the one write transaction of the import; the
 * staged rows reach volunteer at the end in a few set-based statements. A
 * bad row (without skip_bad) rolls the whole import back. */
#include "csrdesk/roster.h"

#include <csv.h>
#include <errno.h>
#include <stdarg.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "csrdesk/clock.h"
#include "csrdesk/format.h"
#include "csrdesk/i18n.h"
#include "csrdesk/volunteer.h"
#include "db_private.h"
#include "roster_staging.h"

/* The columns the volunteers export writes: NTEXT text columns, then
 * active, a flag. */
enum column { COL_EMPLOYEE_ID, COL_NAME, COL_TEAM, COL_SITE, COL_EMAIL, COL_SKILLS,
	      COL_UNIX_USER, COL_ACTIVE, NCOLUMNS, NTEXT = COL_ACTIVE };

static const char *const column_names[NCOLUMNS] = {
	"employee_id", "name", "team", "site", "email", "skills", "unix_user", "active",
};

enum {
	NREQUIRED = COL_TEAM + 1, /* employee_id, name and team must be in the header */
	BLOCK = 16 * 1024,
	FIELD_LIMIT = 1 << 20,    /* a field this long means an unclosed quote */
};

typedef struct import {
	csr_db *db;
	const char *name;
	bool skip_bad;
	csr_warn_fn warn;
	void *ctx;
	csr_roster_report *report;
	long staged;                /* good rows staged */
	csr_err *err;
	bool failed;                /* err is set: stop */

	bool have_header;
	int ncols;                  /* fields in the header */
	int field_col[NCOLUMNS];    /* column of each header field */
	bool present[NCOLUMNS];

	char sep;                   /* ',' or ';' (German Excel), from the header */
	long line;                  /* the physical line being fed (1-based) */
	long record_line;           /* where the current record starts */
	bool between_records;       /* the next non-blank byte starts a record */
	bool skip_line;             /* after a syntax error: drop the rest of the line */
	int nfields;                /* fields of the current record so far */
	csr_volunteer v;
	char bad[CSR_ERR_MSG_MAX];  /* the current record's first problem, "" = none */
} import;

static void fail(import *im, csr_code code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void fail(import *im, csr_code code, const char *fmt, ...)
{
	char msg[CSR_ERR_MSG_MAX];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	csr_fail(im->err, code, "%s", msg);
	im->failed = true;
}

/* Records the current row's first problem (later ones add nothing). */
static void bad_row(import *im, int col, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void bad_row(import *im, int col, const char *fmt, ...)
{
	if (im->bad[0])
		return;
	char why[CSR_ERR_MSG_MAX - 32]; /* room for "column unix_user: " */
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, sizeof why, fmt, ap);
	va_end(ap);
	if (col >= 0)
		/* TRANSLATORS: a column name of the CSV file (kept in English), then
		 * what is wrong with its value. */
		snprintf(im->bad, sizeof im->bad, _("column %s: %s"), column_names[col], why);
	else
		snprintf(im->bad, sizeof im->bad, "%s", why);
}

/* ---- fields ---- */

static void column_buffer(csr_volunteer *v, int col, char **dst, size_t *size)
{
	switch (col) {
	case COL_EMPLOYEE_ID: *dst = v->employee_id; *size = sizeof v->employee_id; return;
	case COL_NAME: *dst = v->name; *size = sizeof v->name; return;
	case COL_TEAM: *dst = v->team; *size = sizeof v->team; return;
	case COL_SITE: *dst = v->site; *size = sizeof v->site; return;
	case COL_EMAIL: *dst = v->email; *size = sizeof v->email; return;
	case COL_SKILLS: *dst = v->skills; *size = sizeof v->skills; return;
	default: *dst = v->unix_user; *size = sizeof v->unix_user; return;
	}
}

/* Well-formed UTF-8: no overlong forms, surrogates or code points past
 * U+10FFFF. */
static bool utf8_valid(const unsigned char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		unsigned char c = s[i];
		int len = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3
			: c >= 0xF0 && c <= 0xF4 ? 4 : 0;
		if (len == 0 || i + (size_t)len > n)
			return false;
		for (int k = 1; k < len; k++)
			if ((s[i + k] & 0xC0) != 0x80)
				return false;
		unsigned char c1 = len > 1 ? s[i + 1] : 0x80;
		if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 > 0x9F) ||
		    (c == 0xF0 && c1 < 0x90) || (c == 0xF4 && c1 > 0x8F))
			return false;
		i += (size_t)len;
	}
	return true;
}

/* Undoes the export's formula neutralization ('=..., '+..., ...), so an
 * exported roster imports back unchanged. */
static const char *unneutralize(const char *s, size_t *len)
{
	if (*len >= 2 && s[0] == '\'' && strchr("=+-@\t\r", s[1])) {
		(*len)--;
		return s + 1;
	}
	return s;
}

/* active: 1 or 0 as the export writes it (true/false, yes/no too). */
static void store_active(import *im, const char *s)
{
	static const char *const yes[] = { "1", "true", "yes" };
	static const char *const no[] = { "0", "false", "no" };
	for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
		if (strcasecmp(s, yes[i]) == 0 || strcasecmp(s, no[i]) == 0) {
			im->v.active = strcasecmp(s, yes[i]) == 0;
			return;
		}
	}
	bad_row(im, COL_ACTIVE, _("must be 1 (active) or 0 (inactive)"));
}

static void store_field(import *im, int col, const char *s, size_t len)
{
	if (strlen(s) != len) {
		bad_row(im, col, _("contains a NUL byte"));
		return;
	}
	if (col == COL_ACTIVE) {
		store_active(im, s);
		return;
	}
	char *dst;
	size_t size;
	column_buffer(&im->v, col, &dst, &size);
	if (!utf8_valid((const unsigned char *)s, len)) {
		bad_row(im, col, _("not valid UTF-8 (save the file as UTF-8)"));
		return;
	}
	s = unneutralize(s, &len);
	if (len >= size) {
		bad_row(im, col, _("too long (at most %zu bytes)"), size - 1);
		return;
	}
	memcpy(dst, s, len);
	dst[len] = '\0';
}

/* ---- the header ---- */

static int column_named(const char *s)
{
	for (int c = 0; c < NCOLUMNS; c++)
		if (strcasecmp(s, column_names[c]) == 0)
			return c;
	return -1;
}

static void header_field(import *im, const char *s, size_t len)
{
	int col = strlen(s) == len ? column_named(s) : -1;
	if (col < 0)
		/* TRANSLATORS: FILE:LINE, then a header field; the column names are
		 * the file's and stay in English. */
		fail(im, CSR_EINVAL, _("%s:%ld: unknown column '%.64s' (the columns are employee_id,"
				       " name, team, site, email, skills, unix_user and active)"),
		     im->name, im->record_line, s);
	else if (im->present[col])
		/* TRANSLATORS: FILE:LINE, then a column name of the file. */
		fail(im, CSR_EINVAL, _("%s:%ld: column %s appears twice in the header"), im->name,
		     im->record_line, column_names[col]);
	else {
		im->present[col] = true;
		im->field_col[im->ncols++] = col;
	}
}

static void finish_header(import *im)
{
	for (int c = 0; c < NREQUIRED && !im->failed; c++)
		if (!im->present[c])
			/* TRANSLATORS: FILE:LINE, then a column name of the file. */
			fail(im, CSR_EINVAL, _("%s:%ld: the header has no column %s (it needs"
					       " employee_id, name and team)"), im->name,
			     im->record_line, column_names[c]);
	im->have_header = true;
}

/* ---- rows ---- */

/* The column whose value alone fails validation, or -1 when only the
 * combination does: each value is tried in an otherwise valid record. */
static int culprit(csr_volunteer *v)
{
	for (int c = 0; c < NTEXT; c++) {
		csr_volunteer probe = { .employee_id = "X", .name = "X" };
		char *src, *dst;
		size_t size;
		column_buffer(v, c, &src, &size);
		column_buffer(&probe, c, &dst, &size);
		memcpy(dst, src, size);
		if (csr_volunteer_validate(&probe, NULL) != CSR_OK)
			return c;
	}
	return -1;
}

/* Another volunteer has this row's Unix user (or will have, by an earlier
 * row of the file): a bad row. */
static void check_unix_user(import *im)
{
	if (!im->present[COL_UNIX_USER] || !im->v.unix_user[0])
		return;
	char holder[sizeof im->v.employee_id];
	if (csr_staging_unix_user_holder(im->db, im->v.unix_user, im->v.employee_id, holder,
					 sizeof holder, im->err) != CSR_OK)
		im->failed = true;
	else if (holder[0])
		/* TRANSLATORS: a Unix user name, then an employee ID. */
		bad_row(im, COL_UNIX_USER, _("%s is already the Unix user of %s"), im->v.unix_user,
			holder);
}

static void check_row(import *im)
{
	if (im->nfields != im->ncols) {
		bad_row(im, -1, csr_plural(im->nfields, "%d field, but the header has %d",
					   "%d fields, but the header has %d"),
			im->nfields, im->ncols);
		return;
	}
	csr_err why;
	if (csr_volunteer_validate(&im->v, &why) != CSR_OK) {
		bad_row(im, culprit(&im->v), "%s", why.msg);
		return;
	}
	check_unix_user(im);
}

static void save_row(import *im)
{
	if (csr_staging_put(im->db, &im->v, im->err) == CSR_OK)
		im->staged++;
	else
		im->failed = true;
}

static void reject_row(import *im)
{
	if (!im->skip_bad) {
		fail(im, CSR_EINVAL, "%s:%ld: %s", im->name, im->record_line, im->bad);
		return;
	}
	im->report->skipped++;
	if (im->warn) {
		char msg[2 * CSR_ERR_MSG_MAX];
		snprintf(msg, sizeof msg, "%s:%ld: %s", im->name, im->record_line, im->bad);
		im->warn(im->ctx, msg);
	}
}

static void finish_row(import *im)
{
	im->report->rows++;
	if (!im->bad[0])
		check_row(im);
	if (im->failed)
		return;
	if (im->bad[0])
		reject_row(im);
	else
		save_row(im);
}

/* ---- libcsv callbacks ---- */

static void start_record(import *im)
{
	im->nfields = 0;
	im->bad[0] = '\0';
	memset(&im->v, 0, sizeof im->v);
	im->v.active = true; /* without an active column, new volunteers are active */
	im->between_records = true;
}

static void on_field(void *data, size_t len, void *arg)
{
	import *im = arg;
	const char *s = data ? data : "";
	if (im->failed)
		return;
	int i = im->nfields++;
	if (!im->have_header)
		header_field(im, s, len);
	else if (i < im->ncols)
		store_field(im, im->field_col[i], s, len);
}

static void on_record(int c, void *arg)
{
	import *im = arg;
	(void)c;
	if (im->failed)
		return;
	if (!im->have_header)
		finish_header(im);
	else
		finish_row(im);
	start_record(im);
}

/* ---- feeding the parser ---- */

static bool blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strchr(" \t\r\n", s[i]))
			return false;
	return true;
}

/* libcsv's strict mode stops at a stray quote or at text after a closing
 * quote. Without skip_bad (or in the header) that ends the import; with it
 * the record is skipped and parsing resumes on the next line. */
static void syntax_error(import *im, struct csv_parser *p)
{
	int code = csv_error(p);
	if (code != CSV_EPARSE) {
		fail(im, CSR_ENOMEM, "%s:%ld: %s", im->name, im->line, csv_strerror(code));
		return;
	}
	snprintf(im->bad, sizeof im->bad, "%s", _("malformed CSV: a quote inside an unquoted field,"
						  " or text after a closing quote"));
	if (!im->have_header)
		fail(im, CSR_EINVAL, "%s:%ld: %s", im->name, im->record_line, im->bad);
	else {
		im->report->rows++;
		reject_row(im);
	}
	csv_free(p);
	if (csv_init(p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		fail(im, CSR_ENOMEM, "%s", _("out of memory"));
	csv_set_delim(p, im->sep);
	start_record(im);
	im->skip_line = true;
}

/* Feeds part of one physical line (all of it, or up to a block's end). */
static void feed(import *im, struct csv_parser *p, const char *s, size_t len)
{
	if (im->skip_line)
		return;
	if (im->between_records && !blank(s, len)) {
		im->record_line = im->line;
		im->between_records = false;
	}
	if (csv_parse(p, s, len, on_field, on_record, im) != len && !im->failed)
		syntax_error(im, p);
	else if (csv_get_buffer_size(p) > FIELD_LIMIT && !im->failed)
		fail(im, CSR_EINVAL, _("%s:%ld: a field is longer than 1 MiB; is a quote not closed?"),
		     im->name, im->record_line);
}

static void feed_block(import *im, struct csv_parser *p, const char *s, size_t n)
{
	while (n > 0 && !im->failed) {
		const char *nl = memchr(s, '\n', n);
		size_t len = nl ? (size_t)(nl - s) + 1 : n;
		feed(im, p, s, len);
		if (nl) {
			im->line++;
			im->skip_line = false;
		}
		s += len;
		n -= len;
	}
}

static long file_size(FILE *in)
{
	struct stat sb;
	if (fstat(fileno(in), &sb) == 0 && S_ISREG(sb.st_mode))
		return (long)sb.st_size;
	return 0;
}

/* Whether the header line (len bytes, its line break included or not)
 * splits on ';' into known column names, as German Excel writes it: then
 * ';' separates the fields, else ','. */
static bool semicolon_header(const char *line, size_t len)
{
	while (len > 0 && strchr("\r\n", line[len - 1]))
		len--;
	if (!memchr(line, ';', len))
		return false;
	for (size_t at = 0; at <= len;) {
		const char *f = line + at;
		const char *end = memchr(f, ';', len - at);
		size_t n = end ? (size_t)(end - f) : len - at;
		char name[32];
		size_t skip = n >= 2 && f[0] == '"' && f[n - 1] == '"' ? 1 : 0; /* "name" */
		if (n - 2 * skip >= sizeof name)
			return false;
		memcpy(name, f + skip, n - 2 * skip);
		name[n - 2 * skip] = '\0';
		if (column_named(name) < 0)
			return false;
		at += n + 1;
	}
	return true;
}

/* Skips a UTF-8 byte order mark (as spreadsheets write) at the start of
 * the first block and sets the separator from the header line; returns
 * where the CSV starts. */
static size_t file_start(import *im, struct csv_parser *p, const char *block, size_t n)
{
	size_t start = n >= 3 && memcmp(block, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	const char *nl = memchr(block + start, '\n', n - start);
	size_t line = nl ? (size_t)(nl - block) + 1 - start : n - start;
	im->sep = semicolon_header(block + start, line) ? ';' : ',';
	csv_set_delim(p, im->sep);
	return start;
}

static void read_all(import *im, struct csv_parser *p, FILE *in, csr_progress_fn progress)
{
	char block[BLOCK];
	long total = file_size(in), done = 0;
	size_t n;
	while (!im->failed && (n = fread(block, 1, sizeof block, in)) > 0) {
		size_t start = done == 0 ? file_start(im, p, block, n) : 0;
		feed_block(im, p, block + start, n - start);
		done += (long)n;
		if (progress)
			progress(im->ctx, done, total);
	}
	if (!im->failed && ferror(in))
		/* TRANSLATORS: a file name, then the system's reason. */
		fail(im, CSR_EIO, _("%s: cannot read: %s"), im->name, strerror(errno));
	if (!im->failed && csv_fini(p, on_field, on_record, im) != 0 && !im->failed)
		fail(im, CSR_EINVAL, _("%s:%ld: a quoted field is not closed"), im->name,
		     im->record_line);
	if (!im->failed && !im->have_header)
		/* TRANSLATORS: the header row's column names stay in English. */
		fail(im, CSR_EINVAL, _("%s: the file is empty; it needs a header row such as"
				       " employee_id,name,team"), im->name);
}

/* Writes the staged rows; a person with several rows in the file is added
 * once and updated by the others. */
static csr_code apply_staged(import *im)
{
	csr_staging_columns columns = {
		.site = im->present[COL_SITE], .email = im->present[COL_EMAIL],
		.skills = im->present[COL_SKILLS], .unix_user = im->present[COL_UNIX_USER],
		.active = im->present[COL_ACTIVE],
	};
	csr_code rc = csr_staging_apply(im->db, &columns, csr_now(), &im->report->inserted,
					im->err);
	im->report->updated = im->staged - im->report->inserted;
	return rc;
}

static csr_code import_locked(import *im, FILE *in, csr_progress_fn progress)
{
	struct csv_parser p;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		return csr_fail(im->err, CSR_ENOMEM, "%s", _("out of memory"));
	if (csr_staging_open(im->db, im->err) != CSR_OK)
		im->failed = true;
	else
		read_all(im, &p, in, progress);
	csv_free(&p);
	if (im->failed)
		return im->err->code;
	csr_code rc = apply_staged(im);
	if (rc != CSR_OK)
		return rc;
	const csr_roster_report *r = im->report;
	return csr_audit_add(im->db, "roster.import", "volunteer", 0, im->err,
			     "%s: %ld rows, %ld added, %ld updated, %ld skipped", im->name, r->rows,
			     r->inserted, r->updated, r->skipped);
}

csr_code csr_roster_import(csr_db *db, FILE *in, const char *name, bool skip_bad,
			   csr_progress_fn progress, csr_warn_fn warn, void *ctx,
			   csr_roster_report *report, csr_err *err)
{
	csr_err local;
	csr_roster_report ignored;
	if (!err)
		err = &local;
	if (!report)
		report = &ignored;
	*report = (csr_roster_report){ 0 };
	import im = { .db = db, .name = name ? name : _("(input)"), .sep = ',', .skip_bad = skip_bad, .warn = warn, .ctx = ctx,
		      .report = report, .err = err, .line = 1, .record_line = 1,
		      .between_records = true };
	/* TRANSLATORS: completes "Only team leads may ...". */
	csr_code rc = csr_require_role(db, CSR_ROLE_LEAD, _("import volunteers"), err);
	if (rc == CSR_OK)
		rc = csr_tx_begin(db, err);
	if (rc != CSR_OK)
		return rc;
	rc = import_locked(&im, in, progress);
	rc = csr_tx_end(db, rc, err);
	if (rc != CSR_OK)
		*report = (csr_roster_report){ 0 };
	return rc;
}
