/* SPDX-License-Identifier: MIT */
/* The minimal raw-SQLite sign-up: no data layer, no rule beyond capacity,
 * no audit entry, no messages; and the minimal cancel that promotes the
 * first waitlisted person and writes their notification row, with no rule
 * and no audit entry either. csrdesk's throughput is compared with these in
 * the same run on a copy of the same database. */
#include "raw_signup.h"

#include <stddef.h>
#include <time.h>

int raw_signup_open(raw_signup *r, const char *path)
{
	*r = (raw_signup){ 0 };
	int rc = sqlite3_open_v2(path, &r->db, SQLITE_OPEN_READWRITE, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_busy_timeout(r->db, 10000);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(r->db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL",
				  NULL, NULL, NULL);
	const char *sql[] = {
		"BEGIN IMMEDIATE",
		"SELECT capacity, (SELECT count(*) FROM signup WHERE initiative_id = ?1"
		" AND status IN ('confirmed', 'attended')) FROM initiative WHERE id = ?1",
		"INSERT INTO signup (initiative_id, volunteer_id, status, created_at, updated_at)"
		" VALUES (?1, ?2, ?3, ?4, ?4)",
		"COMMIT",
		"UPDATE signup SET status = 'cancelled', updated_at = ?3 WHERE initiative_id = ?1"
		" AND volunteer_id = ?2 AND status = 'confirmed'",
		"SELECT id, volunteer_id FROM signup WHERE initiative_id = ?1"
		" AND status = 'waitlisted' ORDER BY id LIMIT 1",
		"UPDATE signup SET status = 'confirmed', updated_at = ?2 WHERE id = ?1",
		"INSERT INTO notification (volunteer_id, kind, initiative_id, signup_id, created_at,"
		" due_at) VALUES (?1, 'promoted', ?2, ?3, ?4, ?4)",
	};
	sqlite3_stmt **st[] = { &r->begin, &r->read, &r->insert, &r->commit,
				&r->cancel, &r->first_waiting, &r->confirm, &r->notify };
	for (size_t i = 0; rc == SQLITE_OK && i < sizeof st / sizeof st[0]; i++)
		rc = sqlite3_prepare_v2(r->db, sql[i], -1, st[i], NULL);
	return rc;
}

/* Steps a statement that returns no row and resets it. */
static int step(sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static int insert(raw_signup *r, int64_t initiative_id, int64_t volunteer_id, int full)
{
	sqlite3_bind_int64(r->insert, 1, initiative_id);
	sqlite3_bind_int64(r->insert, 2, volunteer_id);
	sqlite3_bind_text(r->insert, 3, full ? "waitlisted" : "confirmed", -1, SQLITE_STATIC);
	sqlite3_bind_int64(r->insert, 4, (sqlite3_int64)time(NULL));
	return step(r->insert);
}

/* COMMIT when rc is SQLITE_OK, else ROLLBACK; the transaction's result. */
static int end_tx(raw_signup *r, int rc)
{
	if (rc == SQLITE_OK)
		rc = step(r->commit);
	if (rc != SQLITE_OK && !sqlite3_get_autocommit(r->db))
		sqlite3_exec(r->db, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

int raw_signup_add(raw_signup *r, int64_t initiative_id, int64_t volunteer_id)
{
	int rc = step(r->begin);
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_bind_int64(r->read, 1, initiative_id);
	rc = sqlite3_step(r->read);
	int full = rc == SQLITE_ROW && sqlite3_column_int(r->read, 1) >=
						sqlite3_column_int(r->read, 0);
	sqlite3_reset(r->read);
	rc = rc == SQLITE_ROW ? insert(r, initiative_id, volunteer_id, full) : SQLITE_NOTFOUND;
	return end_tx(r, rc);
}

/* The first waitlisted place on the initiative becomes confirmed, and its
 * volunteer gets a 'promoted' notification. */
static int promote_first(raw_signup *r, int64_t initiative_id, sqlite3_int64 now)
{
	sqlite3_bind_int64(r->first_waiting, 1, initiative_id);
	int rc = sqlite3_step(r->first_waiting);
	int64_t signup_id = rc == SQLITE_ROW ? sqlite3_column_int64(r->first_waiting, 0) : 0;
	int64_t volunteer_id = rc == SQLITE_ROW ? sqlite3_column_int64(r->first_waiting, 1) : 0;
	sqlite3_reset(r->first_waiting);
	if (rc != SQLITE_ROW)
		return rc == SQLITE_DONE ? SQLITE_NOTFOUND : rc;
	sqlite3_bind_int64(r->confirm, 1, signup_id);
	sqlite3_bind_int64(r->confirm, 2, now);
	rc = step(r->confirm);
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_bind_int64(r->notify, 1, volunteer_id);
	sqlite3_bind_int64(r->notify, 2, initiative_id);
	sqlite3_bind_int64(r->notify, 3, signup_id);
	sqlite3_bind_int64(r->notify, 4, now);
	return step(r->notify);
}

int raw_signup_cancel(raw_signup *r, int64_t initiative_id, int64_t volunteer_id)
{
	int rc = step(r->begin);
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_int64 now = (sqlite3_int64)time(NULL);
	sqlite3_bind_int64(r->cancel, 1, initiative_id);
	sqlite3_bind_int64(r->cancel, 2, volunteer_id);
	sqlite3_bind_int64(r->cancel, 3, now);
	rc = step(r->cancel);
	if (rc == SQLITE_OK && sqlite3_changes(r->db) != 1)
		rc = SQLITE_NOTFOUND;
	if (rc == SQLITE_OK)
		rc = promote_first(r, initiative_id, now);
	return end_tx(r, rc);
}

void raw_signup_close(raw_signup *r)
{
	sqlite3_stmt *st[] = { r->begin, r->read, r->insert, r->commit,
			       r->cancel, r->first_waiting, r->confirm, r->notify };
	for (size_t i = 0; i < sizeof st / sizeof st[0]; i++)
		sqlite3_finalize(st[i]);
	sqlite3_close(r->db);
	*r = (raw_signup){ 0 };
}
