/* SPDX-License-Identifier: MIT */
/* csrdesk — the audit log: every write, who did it and when. Entries are
 * added by the data layer inside the write's own transaction. */
#ifndef CSRDESK_AUDIT_H
#define CSRDESK_AUDIT_H

#include <stdint.h>

#include "csrdesk/status.h"

typedef struct csr_db csr_db;

typedef struct csr_audit_entry {
	int64_t id;
	int64_t at;
	char actor[64];
	char action[48]; /* "signup.add", "initiative.create", ... */
	char entity[32];
	int64_t entity_id;
	char detail[256];
} csr_audit_entry;

/* Newest first, entries with id < before_id (0 = from the newest). */
csr_code csr_audit_page(csr_db *db, int64_t before_id, csr_audit_entry *rows, int max, int *n,
			csr_err *err);

#endif
