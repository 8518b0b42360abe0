/* SPDX-License-Identifier: MIT */
/* Announcements leads post for the welcome screen. */
#include "csrdesk/announcement.h"

#include "csrdesk/clock.h"
#include "csrdesk/i18n.h"
#include "records.h"

static csr_code validate(const csr_announcement *a, csr_err *err)
{
	csr_code rc = csr_field_required(a->title, sizeof a->title, N_("Title"), err);
	if (rc == CSR_OK)
		rc = csr_field_check(a->title, sizeof a->title, CSR_TEXT_LINE, N_("Title"), err);
	if (rc == CSR_OK)
		rc = csr_field_check(a->body, sizeof a->body, CSR_TEXT_LINES, N_("Text"), err);
	if (rc)
		return rc;
	/* An announcement that expired already would never be shown. */
	if (a->expires_at != 0 && a->expires_at <= csr_now())
		return csr_fail(err, CSR_EINVAL, _("Expiry must be in the future (or none)"));
	return CSR_OK;
}

static csr_code insert(csr_db *db, csr_announcement *a, csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db,
		"INSERT INTO announcement (title, body, author_id, created_at, expires_at)"
		" VALUES (?1, ?2, nullif(?3, 0), ?4, nullif(?5, 0))", err);
	if (!st)
		return csr_err_code(err);
	a->author_id = csr_db_actor(db)->volunteer_id;
	a->created_at = csr_now();
	sqlite3_bind_text(st, 1, a->title, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, a->body, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, a->author_id);
	sqlite3_bind_int64(st, 4, a->created_at);
	sqlite3_bind_int64(st, 5, a->expires_at);
	int step = sqlite3_step(st);
	csr_stmt_done(st);
	if (step != SQLITE_DONE)
		return csr_db_fail(db, step, N_("posting the announcement"), err);
	a->id = sqlite3_last_insert_rowid(csr_db_sqlite(db));
	return csr_audit_add(db, "announcement.post", "announcement", a->id, err, "%s", a->title);
}

csr_code csr_announcement_post(csr_db *db, csr_announcement *a, csr_err *err)
{
	csr_code rc = csr_tx_begin(db, err);
	if (rc)
		return rc;
	/* TRANSLATORS: completes "Only team leads may %s". */
	rc = csr_require_role(db, CSR_ROLE_LEAD, N_("post announcements"), err);
	if (rc == CSR_OK)
		rc = validate(a, err);
	if (rc == CSR_OK)
		rc = insert(db, a, err);
	return csr_tx_end(db, rc, err);
}

static csr_code delete_row(csr_db *db, int64_t id, csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db,
		"DELETE FROM announcement WHERE id = ?1 RETURNING title", err);
	if (!st)
		return csr_err_code(err);
	sqlite3_bind_int64(st, 1, id);
	char title[CSR_ANNOUNCEMENT_TITLE_MAX] = "";
	int step = sqlite3_step(st);
	bool found = step == SQLITE_ROW;
	if (found) {
		csr_col_text(st, 0, title, sizeof title);
		step = sqlite3_step(st);
	}
	csr_stmt_done(st);
	if (step != SQLITE_DONE)
		return csr_db_fail(db, step, N_("removing the announcement"), err);
	if (!found)
		return csr_fail(err, CSR_ENOTFOUND,
				_("There is no announcement %lld"), (long long)id);
	return csr_audit_add(db, "announcement.remove", "announcement", id, err, "%s", title);
}

csr_code csr_announcement_remove(csr_db *db, int64_t id, csr_err *err)
{
	csr_code rc = csr_tx_begin(db, err);
	if (rc)
		return rc;
	/* TRANSLATORS: completes "Only team leads may %s". */
	rc = csr_require_role(db, CSR_ROLE_LEAD, N_("remove announcements"), err);
	if (rc == CSR_OK)
		rc = delete_row(db, id, err);
	return csr_tx_end(db, rc, err);
}

#define ANNOUNCEMENT_SELECT \
	"SELECT id, title, body, coalesce(author_id, 0), created_at, coalesce(expires_at, 0)" \
	" FROM announcement"
/* ?1 is now. */
#define CURRENT " WHERE (expires_at IS NULL OR expires_at > ?1)"

static void read_row(sqlite3_stmt *st, void *row)
{
	csr_announcement *r = row;
	r->id = sqlite3_column_int64(st, 0);
	csr_col_text(st, 1, r->title, sizeof r->title);
	csr_col_text(st, 2, r->body, sizeof r->body);
	r->author_id = sqlite3_column_int64(st, 3);
	r->created_at = sqlite3_column_int64(st, 4);
	r->expires_at = sqlite3_column_int64(st, 5);
}

/* Steps st to the end, filling up to max rows. */
static csr_code read_rows(csr_db *db, sqlite3_stmt *st, csr_announcement *rows, int max, int *n,
			  csr_err *err)
{
	return csr_read_rows(db, st, read_row, rows, sizeof *rows, max, n,
			     N_("listing announcements"),
			     err);
}

csr_code csr_announcement_current(csr_db *db, csr_announcement *rows, int max, int *n,
				  csr_err *err)
{
	*n = 0;
	sqlite3_stmt *st = csr_db_stmt(db, ANNOUNCEMENT_SELECT CURRENT
				       " ORDER BY created_at DESC, id DESC LIMIT ?2", err);
	if (!st)
		return csr_err_code(err);
	sqlite3_bind_int64(st, 1, csr_now());
	sqlite3_bind_int(st, 2, max > 0 ? max : 0);
	return read_rows(db, st, rows, max, n, err);
}

csr_code csr_announcement_get(csr_db *db, int64_t id, csr_announcement *out, csr_err *err)
{
	return csr_read_by_id(db, csr_db_stmt(db, ANNOUNCEMENT_SELECT " WHERE id = ?1", err), id,
			      read_row, out, N_("There is no announcement %lld"), err);
}

/* Newest first: (created_at, id) from the key ?2, ?3 on, [backward], read
 * in announcement_by_created (migration 8). */
static const char *const page_sql[2] = {
	ANNOUNCEMENT_SELECT CURRENT " AND (created_at, id) < (?2, ?3)"
	" ORDER BY created_at DESC, id DESC LIMIT ?4",
	ANNOUNCEMENT_SELECT CURRENT " AND (created_at, id) > (?2, ?3)"
	" ORDER BY created_at, id LIMIT ?4",
};

csr_code csr_announcement_page(csr_db *db, const csr_announcement *after, bool backward,
			       csr_announcement *rows, int max, int *n, csr_err *err)
{
	*n = 0;
	if (max <= 0)
		return CSR_OK;
	sqlite3_stmt *st = csr_db_stmt(db, page_sql[backward], err);
	if (!st)
		return csr_err_code(err);
	sqlite3_bind_int64(st, 1, csr_now());
	csr_bind_time_key(st, 2, after, after ? after->created_at : 0, after ? after->id : 0,
			  !backward);
	sqlite3_bind_int(st, 4, max);
	return csr_read_page(db, st, read_row, rows, sizeof *rows, max, n, backward,
			     N_("listing announcements"), err);
}

/* The current ones are found in announcement_by_expiry (migration 8), two
 * ranges: no expiry, and expiring later. */
csr_code csr_announcement_count_current(csr_db *db, int64_t *out, csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db, "SELECT count(*) FROM announcement" CURRENT, err);
	if (!st)
		return csr_err_code(err);
	sqlite3_bind_int64(st, 1, csr_now());
	return csr_read_count(db, st, out, N_("counting announcements"), err);
}
