/* SPDX-License-Identifier: MIT */
/* csrdesk — anonymising a volunteer, shared by the erasure (person.c) and
 * the retention (retention.c); private to src/core/. */
#ifndef CSRDESK_PERSON_PRIVATE_H
#define CSRDESK_PERSON_PRIVATE_H

#include <stdbool.h>
#include <stdint.h>

#include "db_private.h"

/* Inside the caller's write transaction: anonymises volunteer id (person.c
 * lists what changes) and writes the audit row action about them with
 * detail, which must not name them. CSR_ENOTFOUND when there is no such
 * volunteer, CSR_ECONFLICT when they are anonymised already. */
csr_code csr_person_anonymise(csr_db *db, int64_t id, const char *action, const char *detail,
			      csr_err *err);

/* Inside the transaction, after the last csr_person_anonymise: rebuilds
 * the volunteer search index, so its segments keep no copy of the old
 * name. */
csr_code csr_person_reindex(csr_db *db, csr_err *err);

/* Around the transaction: SQLite overwrites what is deleted with zeros
 * (PRAGMA secure_delete) until csr_person_secure_end, which restores the
 * setting before and moves the WAL into the database file when no reader
 * holds it (best effort), so the old pages do not linger there. */
csr_code csr_person_secure_begin(csr_db *db, int *before, csr_err *err);
void csr_person_secure_end(csr_db *db, int before);

#endif
