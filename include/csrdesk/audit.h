/* SPDX-License-Identifier: MIT */
/* csrdesk — the audit log: every write, who did it and when. Entries are
 * added by the data layer inside the write's own transaction; admins read
 * them (the TUI's audit log, export audit), filtered by who, what and when. */
#ifndef CSRDESK_AUDIT_H
#define CSRDESK_AUDIT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "csrdesk/export.h"
#include "csrdesk/status.h"

typedef struct csr_db csr_db;

/* CSR_AUDIT_DETAIL_MAX: what csr_audit_add writes at most, so an entry
 * reads back whole. */
enum { CSR_AUDIT_ACTOR_MAX = 64, CSR_AUDIT_ACTION_MAX = 48, CSR_AUDIT_DETAIL_MAX = 512 };

typedef struct csr_audit_entry {
	int64_t id;
	int64_t at;
	char actor[CSR_AUDIT_ACTOR_MAX];
	char action[CSR_AUDIT_ACTION_MAX]; /* "signup.add", "initiative.create", ... */
	char entity[32];
	int64_t entity_id;
	char detail[CSR_AUDIT_DETAIL_MAX];
} csr_audit_entry;

/* Which entries: all fields empty or 0 for every entry. */
typedef struct csr_audit_filter {
	char actor[CSR_AUDIT_ACTOR_MAX];   /* who, exactly as logged ("" = anyone) */
	char action[CSR_AUDIT_ACTION_MAX]; /* what: a prefix of the action ("signup.") */
	int64_t from, to;                  /* when: at >= from and at < to (0 = open) */
} csr_audit_filter;

/* Records that the acting person reads personal data of others (an export,
 * a sheet, another's calendar, the audit log itself): one entry in a
 * transaction of its own, before the reading. A reading that cannot be
 * recorded does not happen (the caller stops on an error). */
csr_code csr_audit_read(csr_db *db, const char *action, const char *entity, int64_t entity_id,
			const char *detail, csr_err *err);

/* Newest first, entries with id < before_id (0 = from the newest). */
csr_code csr_audit_page(csr_db *db, int64_t before_id, csr_audit_entry *rows, int max, int *n,
			csr_err *err);

/* Admins: a keyset page of the entries f lets through, newest first (by
 * time, then id): up to max entries after `after` (older), or before it
 * when backward (newer, still newest first); after NULL starts at the
 * newest (backward: the oldest). f NULL: every entry. Read from the
 * indexes audit_by_at or, with an actor, audit_by_actor (no sort, no
 * OFFSET). */
csr_code csr_audit_page_filtered(csr_db *db, const csr_audit_filter *f,
				 const csr_audit_entry *after, bool backward,
				 csr_audit_entry *rows, int max, int *n, csr_err *err);
/* Admins: how many entries f lets through. */
csr_code csr_audit_count(csr_db *db, const csr_audit_filter *f, int64_t *out, csr_err *err);

/* Sets f's from and to from days typed as "YYYY-MM-DD" (local time, both
 * included; NULL or "" leaves that end open); CSR_EINVAL naming the bad one
 * (label_from / label_to, such as "--from" or "From"). */
csr_code csr_audit_filter_days(csr_audit_filter *f, const char *from, const char *to,
			       const char *label_from, const char *label_to, csr_err *err);

/* Admins: the entries f lets through as CSV, newest first, in form:
 *   id,at,actor,action,entity,entity_id,detail
 * at is "YYYY-MM-DD HH:MM" in local time (the id keeps the order). */
csr_code csr_audit_export_csv(csr_db *db, const csr_audit_filter *f, csr_csv_form form,
			      FILE *out, csr_err *err);

#endif
