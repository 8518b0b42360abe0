/* SPDX-License-Identifier: MIT */
/* The audit log, newest first. Entries are written by csr_audit_add (db.c)
 * inside each write's transaction; admins read them through a filter. */
#include "csrdesk/audit.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "csrdesk/clock.h"
#include "csrdesk/i18n.h"
#include "db_private.h"

#define AUDIT_SELECT \
	"SELECT id, at, actor, action, entity, coalesce(entity_id, 0), detail FROM audit"

static void read_row(sqlite3_stmt *st, void *row)
{
	csr_audit_entry *e = row;
	e->id = sqlite3_column_int64(st, 0);
	e->at = sqlite3_column_int64(st, 1);
	csr_col_text(st, 2, e->actor, sizeof e->actor);
	csr_col_text(st, 3, e->action, sizeof e->action);
	csr_col_text(st, 4, e->entity, sizeof e->entity);
	e->entity_id = sqlite3_column_int64(st, 5);
	csr_col_text(st, 6, e->detail, sizeof e->detail);
}

csr_code csr_audit_read(csr_db *db, const char *action, const char *entity, int64_t entity_id,
			const char *detail, csr_err *err)
{
	csr_code rc = csr_tx_begin(db, err);
	if (rc == CSR_OK) {
		rc = csr_audit_add(db, action, entity, entity_id, err, "%s", detail);
		rc = csr_tx_end(db, rc, err);
	}
	return rc;
}

csr_code csr_audit_page(csr_db *db, int64_t before_id, csr_audit_entry *rows, int max, int *n,
			csr_err *err)
{
	*n = 0;
	sqlite3_stmt *st = csr_db_stmt(db, AUDIT_SELECT " WHERE id < ?1 ORDER BY id DESC LIMIT ?2",
				       err);
	if (!st)
		return err ? err->code : CSR_EDB;
	sqlite3_bind_int64(st, 1, before_id > 0 ? before_id : INT64_MAX);
	sqlite3_bind_int(st, 2, max > 0 ? max : 0);
	int step = SQLITE_DONE;
	while (*n < max && (step = sqlite3_step(st)) == SQLITE_ROW)
		read_row(st, &rows[(*n)++]);
	csr_stmt_done(st);
	if (*n < max && step != SQLITE_DONE)
		/* TRANSLATORS: what was being done when the database failed, shown before
		 * the reason ("reading the audit log: database is locked"). */
		return csr_db_fail(db, step, N_("reading the audit log"), err);
	return CSR_OK;
}

/* ---- filtered keyset pages ---- */

/* ?1 the actor (with one), ?2 ?3 the key, ?4 the limit, ?5 the action's
 * prefix ("" for any: substr(x, 1, 0) is ""), ?6 ?7 the time range. One
 * statement with an actor and one without, as an "?1 = '' OR" term would
 * keep SQLite from seeking audit_by_actor (actor, at, id); without one it
 * walks audit_by_at (at, id) from the key. The action is tested on the way. */
#define OF_ANYONE " WHERE true"
#define OF_ACTOR " WHERE actor = ?1"
#define MATCHING " AND substr(action, 1, length(?5)) = ?5 AND at >= ?6 AND at < ?7"
#define OLDER " AND (at, id) < (?2, ?3) ORDER BY at DESC, id DESC LIMIT ?4"
#define NEWER " AND (at, id) > (?2, ?3) ORDER BY at, id LIMIT ?4"
#define AUDIT_PAGES(which) \
	{ AUDIT_SELECT which MATCHING OLDER, AUDIT_SELECT which MATCHING NEWER }

static const char *const page_sql[2][2] = { AUDIT_PAGES(OF_ANYONE), AUDIT_PAGES(OF_ACTOR) };
static const char *const count_sql[2] = {
	"SELECT count(*) FROM audit" OF_ANYONE MATCHING,
	"SELECT count(*) FROM audit" OF_ACTOR MATCHING,
};

static const csr_audit_filter everything;

/* Binds f's actor, action and time range. */
static void bind_filter(sqlite3_stmt *st, const csr_audit_filter *f)
{
	sqlite3_bind_text(st, 1, f->actor, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, f->action, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 6, f->from > 0 ? f->from : INT64_MIN);
	sqlite3_bind_int64(st, 7, f->to > 0 ? f->to : INT64_MAX);
}

/* The audit log names everyone who changed anything: admins only. */
static csr_code may_read(csr_db *db, csr_err *err)
{
	/* TRANSLATORS: completes "Only admins may %s". */
	return csr_require_role(db, CSR_ROLE_ADMIN, N_("read the audit log"), err);
}

csr_code csr_audit_page_filtered(csr_db *db, const csr_audit_filter *f,
				 const csr_audit_entry *after, bool backward,
				 csr_audit_entry *rows, int max, int *n, csr_err *err)
{
	csr_err local;
	if (!err)
		err = &local;
	*n = 0;
	csr_code rc = may_read(db, err);
	if (rc != CSR_OK || max <= 0)
		return rc;
	if (!f)
		f = &everything;
	sqlite3_stmt *st = csr_db_stmt(db, page_sql[f->actor[0] != '\0'][backward], err);
	if (!st)
		return err->code;
	bind_filter(st, f);
	csr_bind_time_key(st, 2, after, after ? after->at : 0, after ? after->id : 0, !backward);
	sqlite3_bind_int(st, 4, max);
	return csr_read_page(db, st, read_row, rows, sizeof *rows, max, n, backward,
			     N_("reading the audit log"), err);
}

csr_code csr_audit_count(csr_db *db, const csr_audit_filter *f, int64_t *out, csr_err *err)
{
	csr_err local;
	if (!err)
		err = &local;
	*out = 0;
	csr_code rc = may_read(db, err);
	if (rc != CSR_OK)
		return rc;
	if (!f)
		f = &everything;
	sqlite3_stmt *st = csr_db_stmt(db, count_sql[f->actor[0] != '\0'], err);
	if (!st)
		return err->code;
	bind_filter(st, f);
	/* TRANSLATORS: what was being done when the database failed. */
	return csr_read_count(db, st, out, N_("counting audit entries"), err);
}

/* One end of the range: the start of the day typed; *out stays 0 for none. */
static csr_code parse_day(const char *text, const char *label, int64_t *out, csr_err *err)
{
	if (!text || !*text)
		return CSR_OK;
	char day[11];
	size_t len = strlen(text);
	bool shaped = len == 10 && text[4] == '-' && text[7] == '-';
	if (shaped) {
		memcpy(day, text, sizeof day);
		shaped = csr_time_parse(day, out, NULL) == CSR_OK;
	}
	if (!shaped)
		/* TRANSLATORS: %s is the field or option ("From", "--from"); keep
		 * YYYY-MM-DD as it is. */
		return csr_fail(err, CSR_EINVAL, _("%s must be a day as YYYY-MM-DD"), label);
	return CSR_OK;
}

csr_code csr_audit_filter_days(csr_audit_filter *f, const char *from, const char *to,
			       const char *label_from, const char *label_to, csr_err *err)
{
	int64_t start = 0, last = 0;
	csr_code rc = parse_day(from, label_from, &start, err);
	if (rc == CSR_OK)
		rc = parse_day(to, label_to, &last, err);
	if (rc != CSR_OK)
		return rc;
	f->from = start;
	/* the whole last day: the start of the next (26 hours on is always in
	 * it, whatever daylight saving does) */
	f->to = last ? csr_day_start(last + 26 * 3600) : 0;
	if (f->from && f->to && f->to <= f->from)
		/* TRANSLATORS: the two days of a filter were given the wrong way round. */
		return csr_fail(err, CSR_EINVAL, _("%s must not be after %s"), label_from, label_to);
	return CSR_OK;
}

/* ---- CSV ---- */

enum { EXPORT_PAGE = 256 };

static void write_entry(FILE *out, const csr_audit_entry *e, char sep)
{
	char at[CSR_TIME_TEXT_MAX];
	csr_time_format_machine(e->at, at, sizeof at);
	fprintf(out, "%lld%c%s%c", (long long)e->id, sep, at, sep);
	csr_csv_cell_sep(out, e->actor, sep);
	fputc(sep, out);
	csr_csv_cell_sep(out, e->action, sep);
	fputc(sep, out);
	csr_csv_cell_sep(out, e->entity, sep);
	fputc(sep, out);
	if (e->entity_id)
		fprintf(out, "%lld", (long long)e->entity_id);
	fputc(sep, out);
	csr_csv_cell_sep(out, e->detail, sep);
	fputs("\r\n", out);
}

csr_code csr_audit_export_csv(csr_db *db, const csr_audit_filter *f, csr_csv_form form,
			      FILE *out, csr_err *err)
{
	csr_err local;
	if (!err)
		err = &local;
	csr_code rc = may_read(db, err);
	if (rc == CSR_OK)
		rc = csr_audit_read(db, "audit.export", "audit", 0, f ? f->action : "", err);
	if (rc != CSR_OK)
		return rc;
	char sep = csr_csv_separator(form);
	csr_csv_begin(out, form);
	fprintf(out, "id%cat%cactor%caction%centity%centity_id%cdetail\r\n", sep, sep, sep, sep,
		sep, sep);
	csr_audit_entry *rows = calloc(EXPORT_PAGE, sizeof *rows), last;
	if (!rows)
		return csr_fail(err, CSR_ENOMEM, "%s", strerror(ENOMEM));
	int n = EXPORT_PAGE;
	for (const csr_audit_entry *after = NULL; rc == CSR_OK && n == EXPORT_PAGE; after = &last) {
		rc = csr_audit_page_filtered(db, f, after, false, rows, EXPORT_PAGE, &n, err);
		for (int i = 0; rc == CSR_OK && i < n; i++)
			write_entry(out, &rows[i], sep);
		if (n)
			last = rows[n - 1];
	}
	free(rows);
	if (rc == CSR_OK && (fflush(out) != 0 || ferror(out)))
		/* TRANSLATORS: %s is the system's reason. */
		return csr_fail(err, CSR_EIO, _("writing the audit export: %s"), strerror(errno));
	return rc;
}
