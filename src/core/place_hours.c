/* SPDX-License-Identifier: MIT */
/* The hours that attendance records: one approved entry per place marked
 * attended, tied to the place (hours.signup_id, migration 9) so that
 * marking it no-show removes exactly that entry. Hours a person logged
 * themselves are never removed; attendance approves them instead of
 * counting the time twice. A lead marking their own attendance approves
 * nothing: their hours wait for another lead (hours.self_approval). */
#include "place_hours.h"

#include <time.h>

#include "csrdesk/clock.h"
#include "csrdesk/i18n.h"
#include "db_private.h"
#include "notification_private.h"
#include "records.h"

/* The first second of the local day that t falls on. */
static int64_t day_of(int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	localtime_r(&tt, &tm);
	tm = (struct tm){ .tm_year = tm.tm_year, .tm_mon = tm.tm_mon, .tm_mday = tm.tm_mday,
			  .tm_isdst = -1 };
	return (int64_t)mktime(&tm);
}

static csr_code step_done(csr_db *db, sqlite3_stmt *st, const char *what, csr_err *err)
{
	int rc = sqlite3_step(st);
	csr_stmt_done(st);
	return rc == SQLITE_DONE ? CSR_OK : csr_db_fail(db, rc, what, err);
}

/* The entry attendance recorded for the place (*id 0: none) and its minutes. */
static csr_code recorded(csr_db *db, int64_t signup_id, int64_t *id, int *minutes,
			 csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db, "SELECT id, minutes FROM hours WHERE signup_id = ?1",
				       err);
	if (!st)
		return csr_err_code(err);
	sqlite3_bind_int64(st, 1, signup_id);
	int rc = sqlite3_step(st);
	*id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	*minutes = rc == SQLITE_ROW ? sqlite3_column_int(st, 1) : 0;
	csr_stmt_done(st);
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		return CSR_OK;
	return csr_db_fail(db, rc, N_("reading the hours"), err);
}

static csr_code set_minutes(csr_db *db, int64_t id, int old, const csr_place_hours *h,
			    csr_err *err)
{
	if (old == h->minutes)
		return CSR_OK;
	sqlite3_stmt *st = csr_db_stmt(db, "UPDATE hours SET minutes = ?2 WHERE id = ?1", err);
	if (!st)
		return csr_err_code(err);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, h->minutes);
	csr_code rc = step_done(db, st, N_("saving the hours"), err);
	if (rc == CSR_OK)
		rc = csr_audit_add(db, "hours.edit", "hours", id, err,
				   "attendance for %s: %d -> %d minutes", h->employee_id, old,
				   h->minutes);
	return rc;
}

/* The person's own live entries for the initiative: how many, and the
 * first pending one (0: none). */
static csr_code own_hours(csr_db *db, const csr_place_hours *h, int *live, int64_t *pending,
			  csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db,
		"SELECT count(*), min(CASE status WHEN 'pending' THEN id END) FROM hours"
		" WHERE initiative_id = ?1 AND volunteer_id = ?2 AND signup_id IS NULL"
		" AND status IN ('pending', 'approved')", err);
	if (!st)
		return csr_err_code(err);
	sqlite3_bind_int64(st, 1, h->initiative_id);
	sqlite3_bind_int64(st, 2, h->volunteer_id);
	int rc = sqlite3_step(st);
	*live = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	*pending = rc == SQLITE_ROW ? sqlite3_column_int64(st, 1) : 0;
	csr_stmt_done(st);
	return rc == SQLITE_ROW ? CSR_OK : csr_db_fail(db, rc, N_("reading the hours"), err);
}

static csr_code approve(csr_db *db, int64_t id, const csr_place_hours *h, csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db, "UPDATE hours SET status = 'approved',"
				       " decided_by = nullif(?2, 0), decided_at = ?3 WHERE id = ?1",
				       err);
	if (!st)
		return csr_err_code(err);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, csr_db_actor(db)->volunteer_id);
	sqlite3_bind_int64(st, 3, csr_now());
	csr_code rc = step_done(db, st, N_("approving the hours"), err);
	if (rc == CSR_OK)
		rc = csr_audit_add(db, "hours.approve", "hours", id, err,
				   "approved: %s attended initiative %lld", h->employee_id,
				   (long long)h->initiative_id);
	/* Hours the person logged themselves: they are told (not a lead's own). */
	if (rc == CSR_OK && h->volunteer_id != csr_db_actor(db)->volunteer_id)
		rc = csr_notify(db, CSR_NOTE_HOURS_APPROVED, h->volunteer_id, h->initiative_id, 0, id,
				NULL, err);
	return rc;
}

/* Approves the person's pending entries one by one (each audited). */
static csr_code approve_own(csr_db *db, const csr_place_hours *h, int64_t first, csr_err *err)
{
	csr_code rc = CSR_OK;
	int live = 0;
	for (int64_t id = first; rc == CSR_OK && id; rc = own_hours(db, h, &live, &id, err))
		rc = approve(db, id, h, err);
	return rc;
}

static csr_code insert(csr_db *db, const csr_place_hours *h, csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db,
		"INSERT INTO hours (volunteer_id, initiative_id, worked_on, minutes, status,"
		" decided_by, decided_at, note, created_at, signup_id, own_time)"
		" VALUES (?1, ?2, ?3, ?4, CASE WHEN ?8 THEN 'approved' ELSE 'pending' END,"
		" CASE WHEN ?8 THEN nullif(?5, 0) END, CASE WHEN ?8 THEN ?6 END, '', ?6, ?7,"
		" (SELECT own_time FROM initiative WHERE id = ?2))", err);
	if (!st)
		return csr_err_code(err);
	bool approved = csr_hours_may_decide(db, h->volunteer_id);
	sqlite3_bind_int64(st, 1, h->volunteer_id);
	sqlite3_bind_int64(st, 2, h->initiative_id);
	sqlite3_bind_int64(st, 3, day_of(h->starts_at));
	sqlite3_bind_int(st, 4, h->minutes);
	sqlite3_bind_int64(st, 5, csr_db_actor(db)->volunteer_id);
	sqlite3_bind_int64(st, 6, csr_now());
	sqlite3_bind_int64(st, 7, h->signup_id);
	sqlite3_bind_int(st, 8, approved);
	csr_code rc = step_done(db, st, N_("recording the hours"), err);
	if (rc == CSR_OK)
		rc = csr_audit_add(db, "hours.log", "hours",
				   sqlite3_last_insert_rowid(csr_db_sqlite(db)), err,
				   "%d minutes for %s by attendance on initiative %lld (%s)",
				   h->minutes, h->employee_id, (long long)h->initiative_id,
				   approved ? "approved" : "pending");
	return rc;
}

csr_code csr_place_hours_record(csr_db *db, const csr_place_hours *h, csr_err *err)
{
	int64_t id = 0, pending = 0;
	int minutes = 0, live = 0;
	csr_code rc = recorded(db, h->signup_id, &id, &minutes, err);
	if (rc == CSR_OK && id)
		return set_minutes(db, id, minutes, h, err);
	if (rc == CSR_OK)
		rc = own_hours(db, h, &live, &pending, err);
	/* A lead's own hours wait for another lead (hours.self_approval). */
	if (rc == CSR_OK && live)
		return csr_hours_may_decide(db, h->volunteer_id) ? approve_own(db, h, pending, err)
								  : CSR_OK;
	return rc == CSR_OK ? insert(db, h, err) : rc;
}

csr_code csr_place_hours_remove(csr_db *db, int64_t signup_id, csr_err *err)
{
	int64_t id = 0;
	int minutes = 0;
	csr_code rc = recorded(db, signup_id, &id, &minutes, err);
	if (rc != CSR_OK || !id)
		return rc;
	sqlite3_stmt *st = csr_db_stmt(db, "DELETE FROM hours WHERE id = ?1", err);
	if (!st)
		return csr_err_code(err);
	sqlite3_bind_int64(st, 1, id);
	rc = step_done(db, st, N_("removing the hours"), err);
	if (rc == CSR_OK)
		rc = csr_audit_add(db, "hours.remove", "hours", id, err,
				   "%d minutes recorded by attendance on place %lld", minutes,
				   (long long)signup_id);
	return rc;
}
