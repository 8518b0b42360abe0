/* SPDX-License-Identifier: MIT */
/* The roster import's staging table: the checked rows go into a TEMP table
 * (in memory: temp_store is MEMORY), one row per employee ID, and reach
 * volunteer at the end of the import in set-based statements, a chunk of
 * rows each.
 *
 * Why not one UPDATE and one INSERT per row: every statement that writes
 * volunteer also writes the search index (volunteer_search, FTS5) through
 * its triggers, and FTS5 writes its pending terms out whenever a statement
 * begins, so a statement per row wrote a small index segment per row and
 * merged them again and again (50,000 new volunteers on a roster of
 * 50,000: 4.8 s of CPU, 50,000 updates 9.5 s). A statement for many rows
 * writes their terms at once.
 *
 * Why chunks, not one statement for all the rows: a statement that fires
 * triggers keeps, in memory, a copy of every page it changes until it ends
 * (its statement journal, so it can be undone alone), and with the staged
 * rows and the index merges one statement for 50,000 rows peaked at 36 MB
 * (51 MB for updates). Chunks of 1,000 rows peak at 23 MB for about the
 * same time; 500 saved little memory and cost 20% more time.
 *
 * The search triggers stay in place: dropping them and rebuilding the
 * index in one pass was measured and is no faster here: the set-based
 * statements already write the index in bulk, and a rebuild reads the
 * whole roster, not only the file. */
#include "roster_staging.h"

#include <string.h>

#include "csrdesk/i18n.h"
#include "db_private.h"
#include "records.h"

enum { CHUNK = 1000 }; /* staged rows per statement (see above) */

/* Runs a statement that returns no rows and ends it. */
static csr_code run(csr_db *db, sqlite3_stmt *st, const char *what, csr_err *err)
{
	if (!st)
		return err->code;
	int step = sqlite3_step(st);
	csr_stmt_done(st);
	return step == SQLITE_DONE ? CSR_OK : csr_db_fail(db, step, what, err);
}

csr_code csr_staging_open(csr_db *db, csr_err *err)
{
	/* employee_id is the key a later row of the same person replaces the
	 * values under; the rowid stays that of the first row. */
	csr_code rc = run(db, csr_db_stmt(db,
		"CREATE TEMP TABLE roster_staging ("
		" employee_id TEXT PRIMARY KEY, name TEXT NOT NULL, team TEXT NOT NULL,"
		" site TEXT NOT NULL, email TEXT NOT NULL, skills TEXT NOT NULL,"
		" unix_user TEXT, active INTEGER NOT NULL)", err),
		N_("preparing the import"), err);
	if (rc == CSR_OK)
		rc = run(db, csr_db_stmt(db, "CREATE INDEX temp.roster_staging_by_unix_user"
					 " ON roster_staging (unix_user)", err),
			 N_("preparing the import"), err);
	return rc;
}

csr_code csr_staging_put(csr_db *db, const csr_volunteer *v, csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db,
		"INSERT INTO roster_staging (employee_id, name, team, site, email, skills,"
		" unix_user, active) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
		" ON CONFLICT (employee_id) DO UPDATE SET name = excluded.name,"
		" team = excluded.team, site = excluded.site, email = excluded.email,"
		" skills = excluded.skills, unix_user = excluded.unix_user,"
		" active = excluded.active", err);
	if (st) {
		csr_volunteer_bind_fields(st, v);
		sqlite3_bind_int(st, 8, v->active);
	}
	return run(db, st, N_("adding a volunteer"), err);
}

csr_code csr_staging_unix_user_holder(csr_db *db, const char *unix_user,
				      const char *employee_id, char *holder, size_t size,
				      csr_err *err)
{
	/* A staged row's Unix user is the one its person will have; a stored
	 * one counts only for people the file does not stage. */
	sqlite3_stmt *st = csr_db_stmt(db,
		"SELECT employee_id FROM roster_staging WHERE unix_user = ?1 AND employee_id <> ?2"
		" UNION ALL"
		" SELECT employee_id FROM volunteer v WHERE unix_user = ?1 AND employee_id <> ?2"
		" AND NOT EXISTS (SELECT 1 FROM roster_staging s WHERE s.employee_id = v.employee_id)"
		" LIMIT 1", err);
	if (!st)
		return err->code;
	sqlite3_bind_text(st, 1, unix_user, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, employee_id, -1, SQLITE_STATIC);
	int step = sqlite3_step(st);
	holder[0] = '\0';
	if (step == SQLITE_ROW)
		csr_col_text(st, 0, holder, size);
	csr_stmt_done(st);
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		return csr_db_fail(db, step, N_("checking the Unix user"), err);
	return CSR_OK;
}

/* The staged people who will have another Unix user lose theirs first: the
 * rows were checked in file order, so the end state has no Unix user twice,
 * but the UPDATE below may write a person who takes over a name before the
 * person who gave it up. CROSS JOIN reads the staged rows first: the staging
 * table has no statistics, and the planner would rather scan volunteer. */
static csr_code free_unix_users(csr_db *db, csr_err *err)
{
	return run(db, csr_db_stmt(db,
		"UPDATE volunteer SET unix_user = NULL WHERE id IN (SELECT v.id"
		" FROM roster_staging s CROSS JOIN volunteer v ON v.employee_id = s.employee_id"
		" WHERE v.unix_user IS NOT NULL AND s.unix_user IS NOT v.unix_user)", err),
		N_("updating a volunteer"), err);
}

static void bind_chunk(sqlite3_stmt *st, int idx, int64_t first)
{
	sqlite3_bind_int64(st, idx, first);
	sqlite3_bind_int64(st, idx + 1, first + CHUNK - 1);
}

/* Columns missing from the header keep their stored values; an empty cell
 * in a column that is there clears the value. */
static csr_code update_staged(csr_db *db, const csr_staging_columns *c, int64_t first,
			      csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db,
		"UPDATE volunteer SET name = s.name, team = s.team,"
		" site = CASE WHEN ?1 THEN s.site ELSE volunteer.site END,"
		" email = CASE WHEN ?2 THEN s.email ELSE volunteer.email END,"
		" skills = CASE WHEN ?3 THEN s.skills ELSE volunteer.skills END,"
		" unix_user = CASE WHEN ?4 THEN s.unix_user ELSE volunteer.unix_user END,"
		" active = CASE WHEN ?5 THEN s.active ELSE volunteer.active END"
		" FROM roster_staging s WHERE s.employee_id = volunteer.employee_id"
		" AND s.rowid BETWEEN ?6 AND ?7", err);
	if (st) {
		sqlite3_bind_int(st, 1, c->site);
		sqlite3_bind_int(st, 2, c->email);
		sqlite3_bind_int(st, 3, c->skills);
		sqlite3_bind_int(st, 4, c->unix_user);
		sqlite3_bind_int(st, 5, c->active);
		bind_chunk(st, 6, first);
	}
	return run(db, st, N_("updating a volunteer"), err);
}

static csr_code insert_new(csr_db *db, int64_t created_at, int64_t first, long *added,
			   csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db,
		"INSERT INTO volunteer (employee_id, name, team, site, email, skills, unix_user,"
		" active, created_at)"
		" SELECT employee_id, name, team, site, email, skills, unix_user, active, ?1"
		" FROM roster_staging s"
		" WHERE s.rowid BETWEEN ?2 AND ?3"
		" AND NOT EXISTS (SELECT 1 FROM volunteer v WHERE v.employee_id = s.employee_id)"
		" ORDER BY s.rowid", err);
	if (st) {
		sqlite3_bind_int64(st, 1, created_at);
		bind_chunk(st, 2, first);
	}
	csr_code rc = run(db, st, N_("adding a volunteer"), err);
	if (rc == CSR_OK)
		*added += (long)sqlite3_changes(csr_db_sqlite(db));
	return rc;
}

csr_code csr_staging_apply(csr_db *db, const csr_staging_columns *columns, int64_t created_at,
			   long *added, csr_err *err)
{
	int64_t staged = 0;
	csr_code rc = csr_read_count(db, csr_db_stmt(db, "SELECT max(rowid) FROM roster_staging",
						     err), &staged, N_("adding a volunteer"), err);
	if (rc == CSR_OK && columns->unix_user)
		rc = free_unix_users(db, err);
	*added = 0;
	for (int64_t first = 1; first <= staged && rc == CSR_OK; first += CHUNK) {
		rc = update_staged(db, columns, first, err);
		if (rc == CSR_OK)
			rc = insert_new(db, created_at, first, added, err);
	}
	if (rc == CSR_OK)
		rc = run(db, csr_db_stmt(db, "DROP TABLE temp.roster_staging", err),
			 N_("finishing the import"), err);
	return rc;
}
