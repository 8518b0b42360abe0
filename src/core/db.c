/* SPDX-License-Identifier: MIT */
/* The database handle: opening, migrations, statements, transactions. */
#include "db_private.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "csrdesk/clock.h"
#include "csrdesk/i18n.h"
#include "csrdesk/privilege.h"
#include "migrations.h"

typedef struct cached_stmt {
	const char *sql; /* identity: the literal's address */
	sqlite3_stmt *st;
} cached_stmt;

struct csr_db {
	sqlite3 *sql;
	const csr_config *cfg;
	csr_actor actor;
	char *path;
	int queue_fd; /* the writers' queue (see csr_tx_begin); -1 without one */
	cached_stmt *cache;
	int ncache, capcache;
	csr_after_read_fn after_read; /* csr_db_after_read's write, with its data */
	void *after_data;
};

typedef enum no_room { ROOM_LEFT, QUOTA_USED_UP, DISK_FULL } no_room;

/* Why a write found no room: SQLite says SQLITE_FULL when a write to a file
 * got ENOSPC, but other calls (growing the -shm file, say) fail as an I/O
 * error, where only the system errno tells; ROOM_LEFT when the disk is not
 * full. */
static no_room disk_full(csr_db *db, int rc)
{
	int errnum = db && db->sql ? sqlite3_system_errno(db->sql) : 0;
	if (errnum == EDQUOT)
		return QUOTA_USED_UP;
	if (errnum == ENOSPC || (rc & 0xff) == SQLITE_FULL)
		return DISK_FULL;
	return ROOM_LEFT;
}

/* The message for a database that found no room; path and what as in
 * csr_db_fail. */
static csr_code fail_full(no_room full, const char *path, const char *what, csr_err *err)
{
	if (full == QUOTA_USED_UP)
		/* TRANSLATORS: the database file, then what was being done
		 * ("saving the volunteer"). */
		return csr_fail(err, CSR_EIO, _("%s: %s: the disk quota is used up (disk quota"
						" exceeded); free some space and try again"),
				path, what);
	/* TRANSLATORS: the database file, then what was being done ("saving
	 * the volunteer"). */
	return csr_fail(err, CSR_EIO, _("%s: %s: the disk is full (no space left on device);"
					" free some space and try again"), path, what);
}

/* SQLite's words for the errors people meet (sqlite3_errstr), in the
 * language shown; any other text of SQLite's as it is (English). */
static const char *sqlite_words(const char *why)
{
	static const char *const known[] = {
		N_("access permission denied"),
		N_("database is locked"),
		N_("database table is locked"),
		N_("attempt to write a readonly database"),
		N_("disk I/O error"),
		N_("database disk image is malformed"),
		N_("database or disk is full"),
		N_("unable to open database file"),
		N_("file is not a database"),
	};
	for (size_t i = 0; why && i < sizeof known / sizeof known[0]; i++)
		if (strcmp(why, known[i]) == 0)
			return _(known[i]);
	return why;
}

csr_code csr_db_fail(csr_db *db, int rc, const char *what_done, csr_err *err)
{
	const char *why =
		sqlite_words(db && db->sql ? sqlite3_errmsg(db->sql) : sqlite3_errstr(rc));
	/* Callers mark what with N_ (or translate it already: a translated
	 * text is no key of the catalogue and comes back as it is). */
	const char *what = _(what_done);
	const char *path = db ? db->path : "?";
	no_room full = (rc & 0xff) == SQLITE_FULL || (rc & 0xff) == SQLITE_IOERR
			       ? disk_full(db, rc) : ROOM_LEFT;
	if (full != ROOM_LEFT)
		return fail_full(full, path, what, err);
	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		/* TRANSLATORS: the database file, then what was being done
		 * ("saving the volunteer"). */
		return csr_fail(err, CSR_EBUSY, _("%s: %s: the database stayed locked by another"
						  " session; try again"), path, what);
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		/* TRANSLATORS: the database file, what was being done ("saving the
		 * volunteer"), then SQLite's reason. */
		return csr_fail(err, CSR_EDB,
				_("%s: %s: the file is damaged or not a csrdesk database (%s);"
				  " restore it from a backup"), path, what, why);
	case SQLITE_NOMEM:
		/* TRANSLATORS: %s is what was being done ("saving the volunteer"). */
		return csr_fail(err, CSR_ENOMEM, _("%s: out of memory"), what);
	case SQLITE_READONLY:
	case SQLITE_CANTOPEN:
	case SQLITE_PERM:
	case SQLITE_IOERR:
	case SQLITE_FULL:
		return csr_fail(err, CSR_EIO, "%s: %s", what, why);
	default:
		return csr_fail(err, CSR_EDB, "%s: %s", what, why);
	}
}

sqlite3 *csr_db_sqlite(csr_db *db)
{
	return db->sql;
}

sqlite3_stmt *csr_db_stmt(csr_db *db, const char *sql, csr_err *err)
{
	for (int i = 0; i < db->ncache; i++)
		if (db->cache[i].sql == sql)
			return db->cache[i].st;
	if (db->ncache == db->capcache) {
		int cap = db->capcache ? db->capcache * 2 : 32;
		cached_stmt *grown = realloc(db->cache, (size_t)cap * sizeof *grown);
		if (!grown) {
			csr_fail(err, CSR_ENOMEM, "%s", _("out of memory"));
			return NULL;
		}
		db->cache = grown;
		db->capcache = cap;
	}
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v3(db->sql, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL);
	if (rc != SQLITE_OK) {
		/* TRANSLATORS: what was being done when the database failed, shown before
		 * the reason ("preparing a query: database is locked"). */
		csr_db_fail(db, rc, N_("preparing a query"), err);
		return NULL;
	}
	db->cache[db->ncache++] = (cached_stmt){ sql, st };
	return st;
}

void csr_stmt_done(sqlite3_stmt *st)
{
	if (st) {
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
	}
}

static csr_code exec(csr_db *db, const char *sql, const char *what, csr_err *err)
{
	int rc = sqlite3_exec(db->sql, sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? CSR_OK : csr_db_fail(db, rc, what, err);
}

/* exec() for the one statement sql, kept prepared: every write begins and
 * commits, and sqlite3_exec compiled BEGIN and COMMIT anew each time. The
 * SQLite result; SQLITE_NOMEM when it could not be prepared. */
static int run_kept(csr_db *db, const char *sql)
{
	csr_err err;
	sqlite3_stmt *st = csr_db_stmt(db, sql, &err);
	if (!st)
		return SQLITE_NOMEM;
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* CSR_BROKEN_DEFERRED_WRITES exists only for the test suite: it builds a
 * deliberately broken data layer whose writes start DEFERRED and skip the
 * writers' queue (which alone would keep csrdesk's writers apart), to show
 * that the concurrency tests fail when the write lock is not taken up
 * front. */
#define QUEUE_SUFFIX "-queue"

#ifdef CSR_BROKEN_DEFERRED_WRITES
#define WRITE_BEGIN "BEGIN DEFERRED"
#define WRITERS_QUEUE false
#else
#define WRITE_BEGIN "BEGIN IMMEDIATE"
#define WRITERS_QUEUE true
#endif

/* The writers' queue. SQLite's busy handler sleeps the longer the longer a
 * writer has waited (up to 100 ms a time), so with a hundred sessions
 * writing at once a newcomer often overtakes one that has waited for
 * seconds, and some writers ran out of the busy timeout (23 of 2,560
 * sign-ups from 128 processes). So csrdesk's writers first take an
 * exclusive flock on DB-queue, beside the database: a blocked flock wakes
 * as soon as the holder is done, so no one waits behind a growing sleep.
 * SQLite's own lock still guards the data (other programs, sqlite3 or a
 * backup, do not queue); without the file (a read-only directory, say)
 * writers only lose the ordering. The busy timeout counts from joining the
 * queue, so a lock held for long by someone else never makes a writer wait
 * much more than the timeout: each holder gives up at its own deadline.
 * (A process writes through one handle at a time: a second handle of the
 * same process would wait for the first's lock forever.) */
const char *const csr_db_file_suffixes[CSR_DB_FILES] = { "", "-wal", "-shm", "-journal",
							    QUEUE_SUFFIX };

/* Opens (creating) DB-queue without following a link: a link planted
 * there would make csrdesk, perhaps root running init, create or lock the
 * file it names. Without the file (a read-only directory, say) writers
 * only lose the ordering. */
static csr_code queue_open(csr_db *db, csr_err *err)
{
	char path[CSR_PATH_MAX + 8];
	db->queue_fd = -1;
	if (!WRITERS_QUEUE || snprintf(path, sizeof path, "%s" QUEUE_SUFFIX, db->path) >= (int)sizeof path)
		return CSR_OK;
	int fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0666);
	if (fd < 0 && errno == ELOOP) /* made a link since check_files looked */
		return csr_fail(err, CSR_EDENIED, _("%s is a symbolic link; csrdesk never follows"
						    " links beside its database: remove it"), path);
	struct stat sb;
	if (fd >= 0 && (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode))) {
		close(fd);
		return csr_fail(err, CSR_EDENIED, _("%s is not a regular file: remove it"), path);
	}
	db->queue_fd = fd;
	return CSR_OK;
}

static int64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void wake(int sig)
{
	(void)sig; /* only to end a blocked flock with EINTR */
}

/* Waits for this writer's turn, at most ms: a stopped writer (Ctrl-Z, a
 * `flock` from a shell) must not hold everyone forever. A blocked flock
 * cannot time out by itself, so a timer ends it with EINTR: first at the
 * deadline, then every 100 ms in case a tick fell just before the flock.
 * false when the wait ran out. */
static bool queue_join(csr_db *db, int64_t ms)
{
	if (db->queue_fd < 0 || flock(db->queue_fd, LOCK_EX | LOCK_NB) == 0)
		return true;
	int64_t deadline = now_ms() + ms;
	struct sigaction sa = { .sa_handler = wake }, saved; /* no SA_RESTART */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, &saved);
	struct itimerval timer = {
		.it_value = { (time_t)(ms / 1000), (suseconds_t)(ms % 1000) * 1000 + 1 },
		.it_interval = { 0, 100000 },
	}, off = { 0 };
	setitimer(ITIMER_REAL, &timer, NULL);
	int rc;
	while ((rc = flock(db->queue_fd, LOCK_EX)) != 0 && errno == EINTR && now_ms() < deadline)
		;
	setitimer(ITIMER_REAL, &off, NULL);
	sigaction(SIGALRM, &saved, NULL);
	/* Any other failure of flock: compete for SQLite's lock like any other
	 * program's write. */
	return rc == 0 || errno != EINTR;
}

static void queue_leave(csr_db *db)
{
	if (db->queue_fd >= 0)
		flock(db->queue_fd, LOCK_UN);
}

csr_code csr_tx_begin(csr_db *db, csr_err *err)
{
	int64_t joined = now_ms();
	if (!queue_join(db, CSR_DB_BUSY_TIMEOUT_MS))
		/* TRANSLATORS: what was being done when the database failed, shown before
		 * the reason ("starting a write: database is locked"). */
		return csr_db_fail(db, SQLITE_BUSY, N_("starting a write"), err);
	int64_t left = CSR_DB_BUSY_TIMEOUT_MS - (now_ms() - joined);
	sqlite3_busy_timeout(db->sql, left > 0 ? (int)left : 0);
	int begun = run_kept(db, WRITE_BEGIN);
	sqlite3_busy_timeout(db->sql, CSR_DB_BUSY_TIMEOUT_MS);
	csr_code rc = begun == SQLITE_OK ? CSR_OK
					 : csr_db_fail(db, begun, N_("starting a write"), err);
	if (rc != CSR_OK)
		queue_leave(db);
	return rc;
}

bool csr_tx_begin_now(csr_db *db)
{
	if (db->queue_fd >= 0 && flock(db->queue_fd, LOCK_EX | LOCK_NB) != 0)
		return false;
	sqlite3_busy_timeout(db->sql, 0);
	bool begun = run_kept(db, WRITE_BEGIN) == SQLITE_OK;
	sqlite3_busy_timeout(db->sql, CSR_DB_BUSY_TIMEOUT_MS);
	if (!begun)
		queue_leave(db);
	return begun;
}

csr_code csr_tx_end(csr_db *db, csr_code rc, csr_err *err)
{
	int committed = rc == CSR_OK ? run_kept(db, "COMMIT") : SQLITE_OK;
	if (committed != SQLITE_OK)
		/* TRANSLATORS: what was being done when the database failed, shown before
		 * the reason ("saving: database is locked"). */
		rc = csr_db_fail(db, committed, N_("saving"), err);
	if (rc != CSR_OK && !sqlite3_get_autocommit(db->sql))
		run_kept(db, "ROLLBACK");
	queue_leave(db);
	return rc;
}

csr_code csr_require_role(csr_db *db, csr_role role, const char *what, csr_err *err)
{
	if (db->actor.role >= role)
		return CSR_OK;
	/* Callers mark what with N_ (or translate it already). */
	if (role == CSR_ROLE_ADMIN)
		/* TRANSLATORS: %s is what the person tried, a phrase that
		 * completes the sentence ("load the demo data"). */
		return csr_fail(err, CSR_EDENIED, _("Only admins may %s"), _(what));
	/* TRANSLATORS: %s is what the person tried, a phrase that completes
	 * the sentence ("approve or reject hours"). */
	return csr_fail(err, CSR_EDENIED, _("Only team leads may %s"), _(what));
}

csr_code csr_require_self_or_lead(csr_db *db, int64_t volunteer_id, csr_err *err)
{
	if (db->actor.role >= CSR_ROLE_LEAD)
		return CSR_OK;
	if (db->actor.volunteer_id != 0 && db->actor.volunteer_id == volunteer_id)
		return CSR_OK;
	return csr_fail(err, CSR_EDENIED, "%s", _("You may only do this for yourself"));
}

csr_code csr_audit_add(csr_db *db, const char *action, const char *entity, int64_t entity_id,
		       csr_err *err, const char *fmt, ...)
{
	char detail[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(detail, sizeof detail, fmt, ap);
	va_end(ap);

	sqlite3_stmt *st = csr_db_stmt(db,
		"INSERT INTO audit (at, actor, action, entity, entity_id, detail)"
		" VALUES (?, ?, ?, ?, ?, ?)", err);
	if (!st)
		return err ? err->code : CSR_EDB;
	sqlite3_bind_int64(st, 1, csr_now());
	sqlite3_bind_text(st, 2, db->actor.name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, action, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, entity, -1, SQLITE_STATIC);
	if (entity_id)
		sqlite3_bind_int64(st, 5, entity_id);
	sqlite3_bind_text(st, 6, detail, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st);
	csr_stmt_done(st);
	/* TRANSLATORS: what was being done when the database failed, shown before the
	 * reason ("writing the audit log: database is locked"). */
	return rc == SQLITE_DONE ? CSR_OK : csr_db_fail(db, rc, N_("writing the audit log"), err);
}

void csr_copy(char *dst, size_t size, const char *src)
{
	if (size == 0)
		return;
	size_t n = src ? strlen(src) : 0;
	if (n >= size) {
		n = size - 1;
		while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
			n--; /* do not cut a UTF-8 sequence */
	}
	if (n)
		memcpy(dst, src, n);
	dst[n] = '\0';
}

void csr_col_text(sqlite3_stmt *st, int col, char *dst, size_t size)
{
	csr_copy(dst, size, (const char *)sqlite3_column_text(st, col));
}

int csr_bind_text_or_null(sqlite3_stmt *st, int idx, const char *s)
{
	if (!s || !*s)
		return sqlite3_bind_null(st, idx);
	return sqlite3_bind_text(st, idx, s, -1, SQLITE_TRANSIENT);
}

csr_code csr_read_rows(csr_db *db, sqlite3_stmt *st, csr_row_reader read, void *rows,
		       size_t size, int max, int *n, const char *what, csr_err *err)
{
	int rc = SQLITE_DONE;
	*n = 0;
	while (*n < max && (rc = sqlite3_step(st)) == SQLITE_ROW)
		read(st, (unsigned char *)rows + (size_t)(*n)++ * size);
	csr_stmt_done(st);
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		return CSR_OK;
	return csr_db_fail(db, rc, what, err);
}

csr_code csr_read_by_id(csr_db *db, sqlite3_stmt *st, int64_t id, csr_row_reader read,
			void *row, const char *missing, csr_err *err)
{
	if (!st)
		return err ? err->code : CSR_EDB;
	sqlite3_bind_int64(st, 1, id);
	int n = 0;
	/* TRANSLATORS: what was being done when the database failed, shown before the
	 * reason ("reading the database: database is locked"). */
	csr_code rc = csr_read_rows(db, st, read, row, 0, 1, &n, N_("reading the database"), err);
	if (rc == CSR_OK && n == 0) /* missing: marked with N_ or translated already */
		rc = csr_fail(err, CSR_ENOTFOUND, _(missing), (long long)id);
	return rc;
}

csr_code csr_read_count(csr_db *db, sqlite3_stmt *st, int64_t *out, const char *what,
			csr_err *err)
{
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	csr_stmt_done(st);
	return rc == SQLITE_ROW ? CSR_OK : csr_db_fail(db, rc, what, err);
}

bool csr_like_pattern(const char *search, char *out, size_t size)
{
	if (size < 2 * strlen(search) + 3)
		return false;
	size_t o = 0;
	out[o++] = '%';
	for (; *search; search++) {
		if (*search == '%' || *search == '_' || *search == '\\')
			out[o++] = '\\';
		out[o++] = *search;
	}
	out[o++] = '%';
	out[o] = '\0';
	return true;
}

csr_code csr_read_page(csr_db *db, sqlite3_stmt *st, csr_row_reader read, void *rows,
		       size_t size, int max, int *n, bool backward, const char *what,
		       csr_err *err)
{
	csr_code rc = csr_read_rows(db, st, read, rows, size, max, n, what, err);
	if (rc == CSR_OK && backward)
		csr_rows_reverse(rows, *n, size);
	return rc;
}

void csr_bind_time_key(sqlite3_stmt *st, int idx, bool row, int64_t time, int64_t id,
		       bool down)
{
	int64_t edge = down ? INT64_MAX : INT64_MIN;
	sqlite3_bind_int64(st, idx, row ? time : edge);
	sqlite3_bind_int64(st, idx + 1, row ? id : edge);
}

void csr_rows_reverse(void *rows, int n, size_t size)
{
	unsigned char *lo = rows, *hi = lo + (size_t)(n > 0 ? n - 1 : 0) * size;
	for (; lo < hi; lo += size, hi -= size)
		for (size_t i = 0; i < size; i++) {
			unsigned char t = lo[i];
			lo[i] = hi[i];
			hi[i] = t;
		}
}

static int user_version(csr_db *db)
{
	sqlite3_stmt *st = NULL;
	int v = -1;
	if (sqlite3_prepare_v2(db->sql, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

int csr_db_schema_version(csr_db *db)
{
	return user_version(db);
}

int csr_db_latest_version(void)
{
	return csr_migration_count;
}

/* Applies migrations current+1 .. version in one transaction. */
csr_code csr_db_migrate_to(csr_db *db, int version, csr_err *err)
{
	csr_code rc = csr_tx_begin(db, err);
	if (rc)
		return rc;
	int current = user_version(db);
	if (current < 0)
		/* TRANSLATORS: the database file, then SQLite's reason. */
		rc = csr_fail(err, CSR_EDB, _("%s: not a csrdesk database (%s)"), db->path,
			      sqlite_words(sqlite3_errmsg(db->sql)));
	else if (current > csr_migration_count)
		rc = csr_fail(err, CSR_EDB,
			      _("%s: the database has schema version %d, newer than this csrdesk"
				" (which knows up to %d); upgrade csrdesk"),
			      db->path, current, csr_migration_count);
	for (int v = current + 1; rc == CSR_OK && v <= version; v++) {
		char what[128];
		snprintf(what, sizeof what, _("migrating the database to version %d"), v);
		rc = exec(db, csr_migrations[v - 1].sql, what, err);
		if (rc != CSR_OK && strstr(sqlite3_errmsg(db->sql), "no such module: fts5"))
			rc = csr_fail(err, CSR_EDB,
				      _("%s: this SQLite has no FTS5, which the volunteer search"
					" needs: use a SQLite built with it (Debian's libsqlite3-0"
					" is)"), db->path);
		if (rc == CSR_OK) {
			char pragma[48];
			snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", v);
			rc = exec(db, pragma, what, err);
		}
	}
	/* A new schema gets the planner's statistics with it: how many rows
	 * each index value stands for, so that it tells a site (12,500 people)
	 * from a volunteer's id. Whole indexes are read (1.4 s at 50,000
	 * volunteers and a million records): a sample (analysis_limit) took
	 * a column of two values for a selective one. A backup refreshes them
	 * (refresh_statistics).
	 * Not PRAGMA optimize at every close: SQLite 3.40 takes the empty
	 * partial index hours_by_signup for one without statistics and reads
	 * all hours again each time (0.4 s). */
	if (rc == CSR_OK && current >= 0 && current < version)
		rc = exec(db, "ANALYZE", N_("gathering statistics for the query planner"), err);
	return csr_tx_end(db, rc, err);
}

static csr_code configure(csr_db *db, csr_err *err)
{
	/* journal_mode needs a write lock the first time; the busy timeout covers it. */
	/* TRANSLATORS: what was being done when the database failed, shown before the
	 * reason ("opening the database: database is locked"). */
	csr_code rc = exec(db, "PRAGMA journal_mode = WAL", N_("opening the database"), err);
	/* A 512 KiB page cache (SQLite's default is 2 MiB): a hundred sessions
	 * on one server share the kernel's cache of the file, so a page a
	 * session dropped costs a copy, not a disk read. A count of the Impact
	 * figures at 500,000 volunteers reads far more than 1 MiB either way
	 * (measured: as fast with 512 KiB as with 1 MiB, 0.5 MB less per
	 * session, which keeps the heavy session within 8 MB); list keys stay at
	 * 1-3 ms (README). */
	/* temp_store = MEMORY: SQLite's temporary files (sorts, temporary
	 * indexes) would be made, owned by the user, in a directory the user
	 * can read, holding pieces of a database a setgid csrdesk guards. */
	if (rc == CSR_OK)
		rc = exec(db, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;"
			  " PRAGMA cache_size = -512; PRAGMA temp_store = MEMORY",
			  N_("opening the database"), err);
	return rc;
}

/* The database and the files beside it are opened by name: SQLite opens
 * -wal, -shm and -journal, csrdesk -queue. A link, a device, a FIFO or a
 * socket is refused before anything is opened, so no run (root's init
 * included) writes to, creates or hands to the group the file a link
 * names. A missing file is fine: SQLite or csrdesk makes it. (A directory
 * cannot be opened for writing: SQLite refuses one, and one in place of
 * -queue only means no queue, as when it cannot be created.) */
static csr_code check_files(const char *path, bool create, csr_err *err)
{
	for (size_t i = 0; i < CSR_DB_FILES; i++) {
		char file[CSR_PATH_MAX + 16];
		snprintf(file, sizeof file, "%s%s", path, csr_db_file_suffixes[i]);
		struct stat sb;
		int found = lstat(file, &sb) == 0 ? 0 : errno;
		if (found && found != ENOENT)
			return csr_fail(err, CSR_EIO, "%s: %s", file, strerror(found));
		if (found && i == 0 && !create)
			return csr_fail(err, CSR_ENOTFOUND,
					_("%s: no database there (run 'csrdesk init' to create"
					  " one)"), path);
		if (found)
			continue;
		if (S_ISLNK(sb.st_mode))
			return csr_fail(err, CSR_EDENIED,
					_("%s is a symbolic link; csrdesk never follows links to or"
					  " beside its database: remove it"), file);
		if (!S_ISREG(sb.st_mode) && !S_ISDIR(sb.st_mode))
			return csr_fail(err, CSR_EDENIED, _("%s is not a regular file: remove it"),
					file);
		/* A second name of another file: SQLite, run by root, would even
		 * give it the database's owner. */
		if (S_ISREG(sb.st_mode) && sb.st_nlink > 1)
			return csr_fail(err, CSR_EDENIED,
					_("%s has more than one name (a hard link); csrdesk will"
					  " not write to it: remove it"), file);
	}
	return CSR_OK;
}

/* A file SQLite reads but whose tables are not csrdesk's (schema version 0
 * with tables in it, SQLite's own such as sqlite_stat1 aside) is left alone: WAL mode and the migrations would
 * change it, and the writers' queue would be made beside it. */
static csr_code identify(csr_db *db, csr_err *err)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db->sql, "SELECT (SELECT user_version FROM pragma_user_version),"
				    " (SELECT count(*) FROM sqlite_schema"
				    "  WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\')", -1, &st, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	bool foreign = rc == SQLITE_ROW && sqlite3_column_int(st, 0) == 0 &&
		       sqlite3_column_int(st, 1) > 0;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return csr_db_fail(db, rc, N_("reading the database"), err);
	if (foreign)
		return csr_fail(err, CSR_EDB, _("%s: not a csrdesk database (it holds tables of"
						" another program); csrdesk leaves it alone"),
				db->path);
	return CSR_OK;
}

static csr_code connect(csr_db *db, bool create, csr_err *err)
{
	int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) |
		    SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_NOFOLLOW;
	int src = sqlite3_open_v2(db->path, &db->sql, flags, NULL);
	char what[CSR_PATH_MAX + 32];
	/* TRANSLATORS: %s is the database file. */
	snprintf(what, sizeof what, _("opening %s"), db->path);
	csr_code rc = src == SQLITE_OK ? CSR_OK : csr_db_fail(db, src, what, err);
	if (rc == CSR_OK) {
		sqlite3_busy_timeout(db->sql, CSR_DB_BUSY_TIMEOUT_MS);
		sqlite3_extended_result_codes(db->sql, 1);
		rc = identify(db, err);
	}
	if (rc == CSR_OK)
		rc = configure(db, err);
	if (rc == CSR_OK)
		rc = queue_open(db, err);
	if (rc == CSR_OK && user_version(db) != csr_migration_count)
		rc = csr_db_migrate_to(db, csr_migration_count, err);
	return rc;
}

csr_code csr_db_open(const char *path, const csr_config *cfg, bool create, csr_db **out,
		     csr_err *err)
{
	*out = NULL;
	csr_db *db = calloc(1, sizeof *db);
	if (!db || !(db->path = strdup(path))) {
		free(db);
		return csr_fail(err, CSR_ENOMEM, "%s", _("out of memory"));
	}
	db->cfg = cfg;
	db->actor = (csr_actor){ .role = CSR_ROLE_AGENT, .name = "nobody" };
	db->queue_fd = -1;

	csr_code rc = check_files(path, create, err);
	if (rc == CSR_OK)
		rc = connect(db, create, err);
	if (rc != CSR_OK && err && rc == CSR_EDB && !strstr(err->msg, path)) {
		char msg[CSR_ERR_MSG_MAX + CSR_PATH_MAX];
		snprintf(msg, sizeof msg, "%s: %s", path, err->msg);
		csr_copy(err->msg, sizeof err->msg, msg);
	}
	if (rc != CSR_OK) {
		csr_db_close(&db);
		return rc;
	}
	*out = db;
	return CSR_OK;
}

void csr_db_close(csr_db **pdb)
{
	csr_db *db = pdb ? *pdb : NULL;
	if (!db)
		return;
	for (int i = 0; i < db->ncache; i++)
		sqlite3_finalize(db->cache[i].st);
	free(db->cache);
	free(db->after_data);
	sqlite3_close(db->sql);
	if (db->queue_fd >= 0)
		close(db->queue_fd);
	free(db->path);
	free(db);
	*pdb = NULL;
}

const csr_config *csr_db_config(const csr_db *db)
{
	return db->cfg;
}

void csr_db_set_config(csr_db *db, const csr_config *cfg)
{
	db->cfg = cfg;
}

void csr_db_set_actor(csr_db *db, const csr_actor *actor)
{
	db->actor = *actor;
}

const csr_actor *csr_db_actor(const csr_db *db)
{
	return &db->actor;
}

const char *csr_db_path(const csr_db *db)
{
	return db->path;
}

csr_code csr_db_read_begin(csr_db *db, bool *own, const char *what, csr_err *err)
{
	*own = sqlite3_get_autocommit(db->sql);
	int rc = *own ? sqlite3_exec(db->sql, "BEGIN", NULL, NULL, NULL) : SQLITE_OK;
	if (rc == SQLITE_OK)
		return CSR_OK;
	*own = false;
	return csr_db_fail(db, rc, what, err);
}

static void run_after_read(csr_db *db)
{
	csr_after_read_fn write = db->after_read;
	void *data = db->after_data;
	db->after_read = NULL;
	db->after_data = NULL;
	if (write)
		write(db, data);
	free(data);
}

/* Nothing was written, so ending cannot lose data. */
void csr_db_read_end(csr_db *db, bool own)
{
	if (own && sqlite3_exec(db->sql, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
	if (own)
		run_after_read(db);
}

void csr_db_after_read(csr_db *db, csr_after_read_fn write, const void *data, size_t size)
{
	void *copy = malloc(size);
	if (copy)
		memcpy(copy, data, size);
	free(db->after_data);
	db->after_read = copy ? write : NULL;
	db->after_data = copy;
	if (sqlite3_get_autocommit(db->sql))
		run_after_read(db);
}

csr_code csr_db_data_version(csr_db *db, int64_t *out, csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db, "PRAGMA data_version", err);
	if (!st)
		return err ? err->code : CSR_EDB;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	csr_stmt_done(st);
	/* TRANSLATORS: what was being done when the database failed, shown before the
	 * reason ("checking for changes: database is locked"). */
	return rc == SQLITE_ROW ? CSR_OK : csr_db_fail(db, rc, N_("checking for changes"), err);
}

/* Copies the planner's statistics of from (rows of sqlite_stat1) into db,
 * inside the write transaction the caller began. */
static int copy_statistics(csr_db *db, sqlite3 *from)
{
	sqlite3_stmt *read = NULL, *write = NULL;
	int rc = sqlite3_exec(db->sql, "DELETE FROM sqlite_stat1", NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(from, "SELECT tbl, idx, stat FROM sqlite_stat1", -1, &read,
					NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db->sql, "INSERT INTO sqlite_stat1 VALUES (?1, ?2, ?3)", -1,
					&write, NULL);
	while (rc == SQLITE_OK && sqlite3_step(read) == SQLITE_ROW) {
		for (int i = 0; i < 3; i++)
			sqlite3_bind_value(write, i + 1, sqlite3_column_value(read, i));
		rc = sqlite3_step(write) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(db->sql);
		sqlite3_reset(write);
	}
	sqlite3_finalize(read);
	sqlite3_finalize(write);
	return rc;
}

/* A backup is a maintenance moment: the copy is ANALYZEd (whole indexes,
 * see csr_db_migrate_to) where no one waits for it, and its statistics go
 * back into the database when it can be written at once (through the
 * writers' queue, as every write); when it is busy, they wait for the next
 * backup. Nothing here fails the backup. */
static void refresh_statistics(csr_db *db, sqlite3 *copy)
{
	if (sqlite3_exec(copy, "ANALYZE", NULL, NULL, NULL) != SQLITE_OK || !csr_tx_begin_now(db))
		return;
	csr_err ignored;
	csr_tx_end(db, copy_statistics(db, copy) == SQLITE_OK ? CSR_OK : CSR_EDB, &ignored);
}

csr_code csr_db_backup(csr_db *db, const char *dest, csr_err *err)
{
	sqlite3 *to = NULL;
	char what[CSR_PATH_MAX + 32];
	/* TRANSLATORS: %s is the file the backup goes to. */
	snprintf(what, sizeof what, _("backing up to %s"), dest);
	/* dest is a file the user named: opened with their rights, not
	 * through a link. No journal: the copy is new and removed when it
	 * fails, and a journal would be one more file made beside it. */
	csr_privilege_suspend();
	int rc = sqlite3_open_v2(dest, &to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
				 SQLITE_OPEN_NOFOLLOW, NULL);
	csr_privilege_resume();
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(to, "PRAGMA journal_mode = OFF", NULL, NULL, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_backup *b = sqlite3_backup_init(to, "main", db->sql, "main");
		if (b) {
			/* Copy in steps so writers are not held off for the whole copy. */
			do {
				rc = sqlite3_backup_step(b, 256);
				if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
					sqlite3_sleep(20);
			} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
			sqlite3_backup_finish(b);
			if (rc == SQLITE_DONE)
				rc = SQLITE_OK;
		} else {
			rc = sqlite3_errcode(to);
		}
	}
	csr_code code = CSR_OK;
	if (rc != SQLITE_OK)
		code = csr_fail(err, CSR_EIO, "%s: %s", what,
				sqlite_words(to ? sqlite3_errmsg(to) : sqlite3_errstr(rc)));
	else
		refresh_statistics(db, to);
	sqlite3_close(to);
	return code;
}

/* SQLite's first finding, without the "*** in database main ***" line it
 * starts with. */
static const char *damage(const char *report)
{
	static const char heading[] = "*** in database main ***";
	if (strncmp(report, heading, sizeof heading - 1) == 0)
		report += strspn(report + sizeof heading - 1, " \n") + sizeof heading - 1;
	return report;
}

typedef struct check_progress {
	void (*tick)(void *ctx);
	void *ctx;
} check_progress;

static int on_progress(void *p)
{
	check_progress *cp = p;
	cp->tick(cp->ctx);
	return 0; /* go on */
}

csr_code csr_db_check(csr_db *db, csr_err *err)
{
	return csr_db_check_progress(db, NULL, NULL, err);
}

csr_code csr_db_check_progress(csr_db *db, void (*tick)(void *ctx), void *ctx, csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db, "PRAGMA integrity_check", err);
	if (!st)
		return err ? err->code : CSR_EDB;
	check_progress cp = { tick, ctx };
	if (tick)
		sqlite3_progress_handler(db->sql, 100000, on_progress, &cp);
	int rc = sqlite3_step(st);
	sqlite3_progress_handler(db->sql, 0, NULL, NULL);
	csr_code code = CSR_OK;
	if (rc != SQLITE_ROW)
		/* TRANSLATORS: what was being done when the database failed, shown before
		 * the reason ("checking the database: database is locked"). */
		code = csr_db_fail(db, rc, N_("checking the database"), err);
	else if (strcmp((const char *)sqlite3_column_text(st, 0), "ok") != 0)
		/* TRANSLATORS: the database file, then SQLite's finding (English). */
		code = csr_fail(err, CSR_EDB, _("%s is damaged: %s"), db->path,
				damage((const char *)sqlite3_column_text(st, 0)));
	csr_stmt_done(st);
	return code;
}
