/* SPDX-License-Identifier: MIT */
/* csrdesk — one count of figures for every session (figures_cache.h,
 * migration 16).
 *
 * A write wakes every session that shows the figures at the same moment
 * (they watch the database's files), so the first to see no figures for
 * the new generation claims the count in a small write, counts and stores;
 * the others see the claim and wait for the figures. Claiming and storing
 * never wait for the write lock: a session that cannot write at once reads
 * again, and after CSR_FIGURES_WAIT_MS counts for itself. */
#include <string.h>
#include <time.h>

#include "csrdesk/figures_cache.h"
#include "csrdesk/i18n.h"
#include "db_private.h"
#include "records.h"

enum {
	STEP_MS = 20,    /* between two reads while another session counts */
	STORE_TRIES = 5, /* a store waits up to that many steps for the write lock */
};

typedef enum { MISS, HIT, CLAIMED } cached;

/* Milliseconds of the wall clock, which every session shares. */
static int64_t wall_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void pause_ms(int ms)
{
	struct timespec ts = { 0, (long)ms * 1000000L };
	nanosleep(&ts, NULL);
}

csr_code csr_figures_generation(csr_db *db, int64_t *out, csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db, "SELECT n FROM figures_generation WHERE id = 1", err);
	if (!st)
		return csr_err_code(err);
	/* TRANSLATORS: what was being done when the database failed, shown
	 * before the reason ("checking the figures: database is locked"). */
	return csr_read_count(db, st, out, N_("checking the figures"), err);
}

/* What the cache holds for key at generation: the figures (copied into
 * buf), a fresh claim of another session, or nothing. A failed read is a
 * miss: the cache is only a shortcut. */
static cached look(csr_db *db, const char *key, int64_t generation, void *buf, size_t size)
{
	csr_err err;
	sqlite3_stmt *st = csr_db_stmt(db, "SELECT figures, claimed_ms FROM figures_cache"
				       " WHERE key = ?1 AND generation = ?2", &err);
	if (!st)
		return MISS;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, generation);
	cached state = MISS;
	if (sqlite3_step(st) == SQLITE_ROW) {
		const void *figures = sqlite3_column_blob(st, 0);
		if (figures && (size_t)sqlite3_column_bytes(st, 0) == size) {
			memcpy(buf, figures, size);
			state = HIT;
		} else if (!figures &&
			   wall_ms() - sqlite3_column_int64(st, 1) < CSR_FIGURES_CLAIM_MS) {
			state = CLAIMED;
		}
	}
	csr_stmt_done(st);
	return state;
}

/* A statement of the cache with key ?1 and generation ?2 bound; NULL
 * when it cannot be prepared. */
static sqlite3_stmt *keyed(csr_db *db, const char *sql, const char *key, int64_t generation)
{
	csr_err err;
	sqlite3_stmt *st = csr_db_stmt(db, sql, &err);
	if (st) {
		sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, generation);
	}
	return st;
}

/* Runs st to its end: true when it changed a row. */
static bool changed_a_row(csr_db *db, sqlite3_stmt *st)
{
	if (!st)
		return false;
	bool changed = sqlite3_step(st) == SQLITE_DONE && sqlite3_changes(csr_db_sqlite(db)) > 0;
	csr_stmt_done(st);
	return changed;
}

/* Claims key at generation for this session's count, when the database
 * can be written at once and no other session holds a fresh claim (?4: a
 * claim before then is stale) or the figures, of this layout (?5: their
 * size), of that generation or a newer one: true when this session is to
 * count. */
static bool claim(csr_db *db, const char *key, int64_t generation, size_t size)
{
	if (!csr_tx_begin_now(db))
		return false;
	sqlite3_stmt *st = keyed(db,
		"INSERT INTO figures_cache (key, generation, claimed_ms, figures)"
		" VALUES (?1, ?2, ?3, NULL) ON CONFLICT (key) DO UPDATE"
		" SET generation = excluded.generation, claimed_ms = excluded.claimed_ms,"
		" figures = NULL WHERE figures_cache.generation < excluded.generation"
		" OR (figures_cache.generation = excluded.generation"
		" AND (figures_cache.figures IS NULL AND figures_cache.claimed_ms < ?4"
		" OR length(figures_cache.figures) <> ?5))",
		key, generation);
	int64_t now = wall_ms();
	if (st) {
		sqlite3_bind_int64(st, 3, now);
		sqlite3_bind_int64(st, 4, now - CSR_FIGURES_CLAIM_MS);
		sqlite3_bind_int64(st, 5, (sqlite3_int64)size);
	}
	bool mine = changed_a_row(db, st);
	csr_err ignored;
	return csr_tx_end(db, mine ? CSR_OK : CSR_EDB, &ignored) == CSR_OK && mine;
}

/* Stores what was counted, and forgets the rows of older generations (no
 * one can use them). Best effort: a database busy for longer keeps nothing,
 * and the sessions waiting count for themselves. */
static void store(csr_db *db, const char *key, int64_t generation, const void *buf,
		  size_t size)
{
	for (int tries = 1; !csr_tx_begin_now(db); tries++) {
		if (tries == STORE_TRIES)
			return;
		pause_ms(STEP_MS);
	}
	sqlite3_stmt *old = keyed(db, "DELETE FROM figures_cache WHERE generation < ?2"
				  " AND key IS NOT ?1", key, generation);
	changed_a_row(db, old);
	sqlite3_stmt *st = keyed(db,
		"INSERT INTO figures_cache (key, generation, claimed_ms, figures)"
		" VALUES (?1, ?2, ?3, ?4) ON CONFLICT (key) DO UPDATE"
		" SET generation = excluded.generation, claimed_ms = excluded.claimed_ms,"
		" figures = excluded.figures WHERE figures_cache.generation <= excluded.generation",
		key, generation);
	if (st) {
		sqlite3_bind_int64(st, 3, wall_ms());
		sqlite3_bind_blob(st, 4, buf, (int)size, SQLITE_STATIC);
	}
	changed_a_row(db, st);
	csr_err ignored;
	csr_tx_end(db, CSR_OK, &ignored);
}

/* Gives up this session's claim of a count that failed, so that the
 * others need not wait it out. */
static void release(csr_db *db, const char *key, int64_t generation)
{
	if (!csr_tx_begin_now(db))
		return;
	changed_a_row(db, keyed(db, "DELETE FROM figures_cache WHERE key = ?1"
				" AND generation = ?2 AND figures IS NULL", key, generation));
	csr_err ignored;
	csr_tx_end(db, CSR_OK, &ignored);
}

/* Counts in one snapshot with the generation it is of, and stores it. */
static csr_code count_and_store(csr_db *db, const char *key, void *buf, size_t size,
				csr_figures_count count, void *ctx, int64_t claimed,
				int64_t *generation, csr_err *err)
{
	bool own;
	csr_code rc = csr_db_read_begin(db, &own, N_("computing the impact figures"), err);
	if (rc == CSR_OK)
		rc = csr_figures_generation(db, generation, err);
	if (rc == CSR_OK)
		rc = count(ctx, err);
	csr_db_read_end(db, own);
	if (rc == CSR_OK && own)
		store(db, key, *generation, buf, size);
	else if (claimed)
		release(db, key, claimed);
	return rc;
}

csr_code csr_figures_shared(csr_db *db, const char *key, void *buf, size_t size,
			    csr_figures_count count, void *ctx, int64_t *generation,
			    csr_err *err)
{
	for (int waited = 0;; waited += STEP_MS) {
		int64_t now = 0;
		csr_code rc = csr_figures_generation(db, &now, err);
		if (rc != CSR_OK)
			return rc;
		cached c = look(db, key, now, buf, size);
		if (c == HIT) {
			*generation = now;
			return CSR_OK;
		}
		if (c == MISS && claim(db, key, now, size))
			return count_and_store(db, key, buf, size, count, ctx, now, generation,
					       err);
		/* another session counts (or is writing its claim): its figures
		 * should come; when they do not, count without waiting longer */
		if (waited >= CSR_FIGURES_WAIT_MS)
			return count_and_store(db, key, buf, size, count, ctx, 0, generation, err);
		pause_ms(STEP_MS);
	}
}
