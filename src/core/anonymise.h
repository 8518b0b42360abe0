/* SPDX-License-Identifier: MIT */
/* csrdesk — anonymising volunteers, for the erasure (person.c) and the
 * retention (retention.c); private to src/core/. Inside one write
 * transaction: csr_anonymise_person for each person, then csr_anonymise_texts
 * once for all of them; around the transaction csr_anonymise_secure_begin
 * and _end. anonymise.c says what changes. */
#ifndef CSRDESK_ANONYMISE_H
#define CSRDESK_ANONYMISE_H

#include <stdint.h>

#include "db_private.h"

/* The people anonymised in a transaction: what the texts must lose. */
typedef struct csr_anonymised csr_anonymised;

csr_anonymised *csr_anonymised_new(void);
/* Also wipes the names and IDs it held from memory. */
void csr_anonymised_free(csr_anonymised **list);

/* Anonymises volunteer id's own rows, writes the audit row action about
 * them with detail (which must not name them) and adds them to list.
 * CSR_ENOTFOUND when there is no such volunteer, CSR_ECONFLICT when they
 * are anonymised already. */
csr_code csr_anonymise_person(csr_db *db, csr_anonymised *list, int64_t id, const char *action,
			      const char *detail, csr_err *err);

/* After the last csr_anonymise_person: replaces the names, emails and
 * employee IDs of everyone in list in every text of the database (one
 * pass over each text column for all of them) and rebuilds the volunteer
 * search index, so its segments keep no copy of an old name. */
csr_code csr_anonymise_texts(csr_db *db, const csr_anonymised *list, csr_err *err);

/* Around the transaction: SQLite overwrites what is deleted with zeros
 * (PRAGMA secure_delete) until csr_anonymise_secure_end, which restores
 * the setting and moves the WAL into the database file when no reader
 * holds it (best effort), so the old pages do not linger there. */
csr_code csr_anonymise_secure_begin(csr_db *db, int *before, csr_err *err);
void csr_anonymise_secure_end(csr_db *db, int before);

#endif
