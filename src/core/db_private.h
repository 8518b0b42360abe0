/* SPDX-License-Identifier: MIT */
/* csrdesk — what the data layer's modules share about the database; not
 * part of the public API (front ends include only include/csrdesk/). */
#ifndef CSRDESK_DB_PRIVATE_H
#define CSRDESK_DB_PRIVATE_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "csrdesk/auth.h"
#include "csrdesk/db.h"
#include "csrdesk/status.h"

/* A prepared statement, reset and with bindings cleared, cached on the
 * handle by the address of its SQL text (a string literal). Every caller
 * ends with csr_stmt_done so no read transaction stays open. NULL on error
 * (err filled). */
sqlite3_stmt *csr_db_stmt(csr_db *db, const char *sql, csr_err *err);
void csr_stmt_done(sqlite3_stmt *st);

/* Turns an SQLite result code into a csr_code with a message that names
 * what was being done ("saving the volunteer: database is locked"). what is
 * translated here: mark it N_("saving the volunteer") (a text translated
 * already passes unchanged). The same holds for the what of csr_read_rows,
 * csr_read_count and csr_read_page below. */
csr_code csr_db_fail(csr_db *db, int rc, const char *what, csr_err *err);

/* BEGIN IMMEDIATE: every write is one such transaction. */
csr_code csr_tx_begin(csr_db *db, csr_err *err);
/* The same, only when it can begin at once (nobody else is writing or
 * waiting to): for work that may as well be skipped. false: nothing began. */
bool csr_tx_begin_now(csr_db *db);
/* Commits when rc is CSR_OK, else rolls back; returns the final code. */
csr_code csr_tx_end(csr_db *db, csr_code rc, csr_err *err);

/* A write to make once the read transaction in progress has ended (what a
 * read counted, kept for later reads): write(db, data) with a copy of data
 * runs after csr_db_read_end ends the outermost read, or at once when no
 * transaction is open. One is held at a time: a newer one replaces it, and
 * one that cannot be held (out of memory) is dropped: only for writes that
 * may as well be skipped. */
typedef void (*csr_after_read_fn)(csr_db *db, const void *data);
void csr_db_after_read(csr_db *db, csr_after_read_fn write, const void *data, size_t size);

/* CSR_EDENIED ("Only team leads may <what>") unless the actor has role.
 * what completes that sentence and is translated here: mark it
 * N_("approve or reject hours"). */
csr_code csr_require_role(csr_db *db, csr_role role, const char *what, csr_err *err);
/* Agents may act only on their own volunteer record. */
csr_code csr_require_self_or_lead(csr_db *db, int64_t volunteer_id, csr_err *err);

/* Appends to the audit log inside the current transaction. */
csr_code csr_audit_add(csr_db *db, const char *action, const char *entity, int64_t entity_id,
		       csr_err *err, const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* Copies a text column into a fixed buffer ("" for NULL), cut at a UTF-8
 * character boundary. */
void csr_col_text(sqlite3_stmt *st, int col, char *dst, size_t size);

/* Binds text, or NULL when s is NULL or empty. */
int csr_bind_text_or_null(sqlite3_stmt *st, int idx, const char *s);

/* Reads the current row of st into row (a module's record). */
typedef void (*csr_row_reader)(sqlite3_stmt *st, void *row);

/* Steps st to its end and ends it, reading up to max rows of size bytes
 * each into rows with read; *n is how many. what names the reading in an
 * error ("listing hours"). */
csr_code csr_read_rows(csr_db *db, sqlite3_stmt *st, csr_row_reader read, void *rows,
		       size_t size, int max, int *n, const char *what, csr_err *err);

/* Reads the row that st, a look-up of the id bound to ?1 here, finds into
 * row; CSR_ENOTFOUND with the message `missing` (a format for the id as a
 * long long, marked N_ and translated here) when there is none. st may be
 * NULL (csr_db_stmt failed). */
csr_code csr_read_by_id(csr_db *db, sqlite3_stmt *st, int64_t id, csr_row_reader read,
			void *row, const char *missing, csr_err *err)
	__attribute__((format(printf, 6, 0)));

/* Steps st, a query of one integer (a count), into *out and ends it; what
 * names the reading in an error ("counting places"). */
csr_code csr_read_count(csr_db *db, sqlite3_stmt *st, int64_t *out, const char *what,
			csr_err *err);

/* "%search%" for LIKE ... ESCAPE '\' in out, with %, _ and \ escaped so
 * that a person's search matches them as typed. False (out untouched) when
 * size is under 2 * strlen(search) + 3, which always fits. */
bool csr_like_pattern(const char *search, char *out, size_t size);

/* csr_read_rows for a keyset page: when it was read backward (in reverse
 * list order, so as to seek the index from the key), in list order again. */
csr_code csr_read_page(csr_db *db, sqlite3_stmt *st, csr_row_reader read, void *rows,
		       size_t size, int max, int *n, bool backward, const char *what,
		       csr_err *err);

/* Binds the key a page goes on from, a time and an id, to ?idx and
 * ?idx + 1: the row's (when row is true), or else the end the reading
 * starts from (going down the times: after the latest). */
void csr_bind_time_key(sqlite3_stmt *st, int idx, bool row, int64_t time, int64_t id,
		       bool down);

/* Reverses n rows of size bytes each in place: a page read backward (in
 * reverse list order, to seek the index from the key) comes back in list
 * order. */
void csr_rows_reverse(void *rows, int n, size_t size);

/* Migrates to exactly version (tests use it to build older schemas). */
csr_code csr_db_migrate_to(csr_db *db, int version, csr_err *err);

/* The raw connection, for tests and the backup. */
sqlite3 *csr_db_sqlite(csr_db *db);

/* Copies src into dst (size bytes), cut at a UTF-8 character boundary. */
void csr_copy(char *dst, size_t size, const char *src);

#endif
