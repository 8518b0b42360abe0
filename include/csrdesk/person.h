/* SPDX-License-Identifier: MIT */
/* csrdesk — a person's rights under the GDPR: everything stored about a
 * volunteer as one JSON document (Art. 15 access, Art. 20 portability), and
 * erasure by anonymising them (Art. 17). Correcting is the volunteer edit. */
#ifndef CSRDESK_PERSON_H
#define CSRDESK_PERSON_H

#include <stdint.h>
#include <stdio.h>

#include "csrdesk/status.h"

typedef struct csr_db csr_db;

/* What an anonymised volunteer is called from then on (stored data, not
 * translated): "Former volunteer #N" and employee ID "former-N", N the
 * volunteer's id. */
#define CSR_PERSON_FORMER_NAME "Former volunteer #%lld"
#define CSR_PERSON_FORMER_ID "former-%lld"

/* Writes everything stored about volunteer id to out as one JSON document
 * (UTF-8; times in ISO 8601 UTC, days worked as dates): the volunteer
 * record (the PIN only as "pin_set"), interests, places with their initiatives' titles, hours,
 * feedback, notifications, impact records they recorded, management time,
 * initiatives they own, announcements they wrote, an activation code's
 * dates, and the audit entries about them or by them. Admins may export
 * anyone; everyone else only themself (the actor's own volunteer record).
 * Audited ("person.export"), the audit row in the export. */
csr_code csr_person_export(csr_db *db, int64_t id, FILE *out, csr_err *err);

/* Admins: anonymises volunteer id at once, in one transaction (see
 * person.c for every field and place), with SQLite's secure_delete on and
 * the search index rebuilt, so no stale copy of the name stays in the
 * file. Team, site, the active flag and the records stay, so every figure
 * stays the same. Audited ("person.erase", without the name). An
 * anonymised volunteer: CSR_ECONFLICT. */
csr_code csr_person_erase(csr_db *db, int64_t id, csr_err *err);

#endif
