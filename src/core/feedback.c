/* SPDX-License-Identifier: MIT */
/* Feedback: ratings from volunteers who attended an initiative. */
#include "csrdesk/feedback.h"

#include "csrdesk/clock.h"
#include "csrdesk/i18n.h"
#include "db_private.h"
#include "records.h"

static csr_code validate(const csr_feedback *fb, csr_err *err)
{
	if (fb->rating < 1 || fb->rating > 5)
		return csr_fail(err, CSR_EINVAL, _("Rating must be a whole number from 1 to 5"));
	return csr_field_check(fb->comment, sizeof fb->comment, CSR_TEXT_LINES, N_("Comment"), err);
}

/* Only people who were there rate it: an 'attended' place is the proof. */
static csr_code check_attended(csr_db *db, const csr_feedback *fb, csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db,
		"SELECT 1 FROM signup WHERE initiative_id = ?1 AND volunteer_id = ?2"
		" AND status = 'attended'", err);
	if (!st)
		return csr_err_code(err);
	sqlite3_bind_int64(st, 1, fb->initiative_id);
	sqlite3_bind_int64(st, 2, fb->volunteer_id);
	int step = sqlite3_step(st);
	csr_stmt_done(st);
	if (step == SQLITE_DONE)
		return csr_fail(err, CSR_EREFUSED,
				_("You can rate an initiative only after attending it"));
	return step == SQLITE_ROW ? CSR_OK : csr_db_fail(db, step, N_("checking attendance"), err);
}

/* One rating per volunteer and initiative: giving it again edits it and
 * keeps the first created_at. */
static csr_code upsert(csr_db *db, csr_feedback *fb, csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db,
		"INSERT INTO feedback (initiative_id, volunteer_id, rating, comment, created_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5)"
		" ON CONFLICT (initiative_id, volunteer_id)"
		" DO UPDATE SET rating = excluded.rating, comment = excluded.comment"
		" RETURNING id, created_at", err);
	if (!st)
		return csr_err_code(err);
	sqlite3_bind_int64(st, 1, fb->initiative_id);
	sqlite3_bind_int64(st, 2, fb->volunteer_id);
	sqlite3_bind_int(st, 3, fb->rating);
	sqlite3_bind_text(st, 4, fb->comment, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, csr_now());
	int step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		fb->id = sqlite3_column_int64(st, 0);
		fb->created_at = sqlite3_column_int64(st, 1);
		step = sqlite3_step(st);
	}
	csr_stmt_done(st);
	if (step != SQLITE_DONE)
		return csr_db_fail(db, step, N_("saving the feedback"), err);
	return csr_audit_add(db, "feedback.give", "feedback", fb->id, err,
			     "rating %d for initiative %lld by volunteer %lld", fb->rating,
			     (long long)fb->initiative_id, (long long)fb->volunteer_id);
}

csr_code csr_feedback_give(csr_db *db, csr_feedback *fb, csr_err *err)
{
	csr_code rc = csr_tx_begin(db, err);
	if (rc)
		return rc;
	rc = csr_require_self_or_lead(db, fb->volunteer_id, err);
	if (rc == CSR_OK)
		rc = validate(fb, err);
	if (rc == CSR_OK)
		rc = csr_require_initiative(db, fb->initiative_id, err);
	if (rc == CSR_OK)
		rc = check_attended(db, fb, err);
	if (rc == CSR_OK)
		rc = upsert(db, fb, err);
	return csr_tx_end(db, rc, err);
}

static void read_feedback(sqlite3_stmt *st, void *row)
{
	csr_feedback *r = row;
	r->id = sqlite3_column_int64(st, 0);
	r->initiative_id = sqlite3_column_int64(st, 1);
	r->volunteer_id = sqlite3_column_int64(st, 2);
	r->rating = sqlite3_column_int(st, 3);
	csr_col_text(st, 4, r->comment, sizeof r->comment);
	r->created_at = sqlite3_column_int64(st, 5);
}

#define FEEDBACK_COLUMNS "SELECT id, initiative_id, volunteer_id, rating, comment, created_at FROM feedback"

csr_code csr_feedback_list(csr_db *db, int64_t initiative_id, int offset, csr_feedback *rows,
			   int max, int *n, csr_err *err)
{
	*n = 0;
	sqlite3_stmt *st = csr_db_stmt(db, FEEDBACK_COLUMNS " WHERE initiative_id = ?1"
				       " ORDER BY created_at DESC, id DESC LIMIT ?2 OFFSET ?3", err);
	if (!st)
		return csr_err_code(err);
	sqlite3_bind_int64(st, 1, initiative_id);
	sqlite3_bind_int(st, 2, max > 0 ? max : 0);
	sqlite3_bind_int(st, 3, offset > 0 ? offset : 0);
	return csr_read_rows(db, st, read_feedback, rows, sizeof *rows, max, n,
			     N_("listing feedback"),
			     err);
}

csr_code csr_feedback_get(csr_db *db, int64_t initiative_id, int64_t volunteer_id,
			  csr_feedback *out, csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db, FEEDBACK_COLUMNS " WHERE initiative_id = ?1"
				       " AND volunteer_id = ?2", err);
	if (!st)
		return csr_err_code(err);
	sqlite3_bind_int64(st, 1, initiative_id);
	sqlite3_bind_int64(st, 2, volunteer_id);
	int n = 0;
	csr_code rc = csr_read_rows(db, st, read_feedback, out, sizeof *out, 1, &n,
				    N_("reading a rating"), err);
	if (rc == CSR_OK && n == 0)
		return csr_fail(err, CSR_ENOTFOUND, _("No rating was given"));
	return rc;
}
