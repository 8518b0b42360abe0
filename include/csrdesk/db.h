/* SPDX-License-Identifier: MIT */
/* csrdesk — the database: one SQLite file shared by every session.
 *
 * Opening applies pending migrations (numbered SQL files in data/migrations,
 * embedded at build time, versioned by PRAGMA user_version) in one
 * transaction, and refuses a database newer than this binary. The
 * connection runs in WAL mode with synchronous=FULL, foreign keys on and a
 * busy timeout. Every write elsewhere in the layer is one BEGIN IMMEDIATE
 * transaction; no read transaction is left open between calls. */
#ifndef CSRDESK_DB_H
#define CSRDESK_DB_H

#include <stdbool.h>
#include <stdint.h>

#include "csrdesk/auth.h"
#include "csrdesk/config.h"
#include "csrdesk/status.h"

typedef struct csr_db csr_db;

enum { CSR_DB_BUSY_TIMEOUT_MS = 10000 };

/* Opens (creating it when create is true) and migrates the database at
 * path. cfg is kept by pointer and must outlive the handle. The acting user
 * starts as a nobody-agent until csr_db_set_actor. */
csr_code csr_db_open(const char *path, const csr_config *cfg, bool create, csr_db **out,
		     csr_err *err);
void csr_db_close(csr_db **db);

const csr_config *csr_db_config(const csr_db *db);
/* Replaces the config (after a reload); cfg must outlive the handle. */
void csr_db_set_config(csr_db *db, const csr_config *cfg);

void csr_db_set_actor(csr_db *db, const csr_actor *actor);
const csr_actor *csr_db_actor(const csr_db *db);

/* The schema version of the open database and the newest this binary knows. */
int csr_db_schema_version(csr_db *db);
int csr_db_latest_version(void);

/* A read transaction, so that the queries that follow read one snapshot
 * while other sessions write: figures that agree with each other. When
 * the caller has a transaction open already, nothing is begun and *own is
 * false. what names the reading in an error; mark it N_("gathering the
 * report"). */
csr_code csr_db_read_begin(csr_db *db, bool *own, const char *what, csr_err *err);
/* Ends what csr_db_read_begin began (when *own said so). */
void csr_db_read_end(csr_db *db, bool own);

/* PRAGMA data_version: changes when another connection commits. */
csr_code csr_db_data_version(csr_db *db, int64_t *out, csr_err *err);

/* Copies the whole database to dest with SQLite's online backup API; dest
 * is opened with the user's own rights (privilege.h), never through a
 * symbolic link. */
csr_code csr_db_backup(csr_db *db, const char *dest, csr_err *err);

/* PRAGMA integrity_check; CSR_OK when it says "ok". */
csr_code csr_db_check(csr_db *db, csr_err *err);
/* The same, calling tick(ctx) now and then while it reads (a full check
 * takes seconds on a large database): for a progress display. */
csr_code csr_db_check_progress(csr_db *db, void (*tick)(void *ctx), void *ctx, csr_err *err);

/* The path the database was opened with. */
const char *csr_db_path(const csr_db *db);

/* What follows the database's path in the names of the files it consists
 * of: "" (the database itself), then SQLite's -wal, -shm and -journal and
 * csrdesk's -queue (the writers' queue); CSR_DB_FILES of them. */
enum { CSR_DB_FILES = 5 };
extern const char *const csr_db_file_suffixes[CSR_DB_FILES];

#endif
