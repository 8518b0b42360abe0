/* SPDX-License-Identifier: MIT */
/* csrdesk — announcements leads post for the welcome screen. */
#ifndef CSRDESK_ANNOUNCEMENT_H
#define CSRDESK_ANNOUNCEMENT_H

#include <stdbool.h>
#include <stdint.h>

#include "csrdesk/status.h"

typedef struct csr_db csr_db;

enum { CSR_ANNOUNCEMENT_TITLE_MAX = 160, CSR_ANNOUNCEMENT_BODY_MAX = 1024 };

typedef struct csr_announcement {
	int64_t id;
	char title[CSR_ANNOUNCEMENT_TITLE_MAX];
	char body[CSR_ANNOUNCEMENT_BODY_MAX];
	int64_t author_id;
	int64_t created_at;
	int64_t expires_at; /* 0 = never */
} csr_announcement;

/* Lead: posts (sets a->id and a->created_at). */
csr_code csr_announcement_post(csr_db *db, csr_announcement *a, csr_err *err);
/* Lead: removes one. */
csr_code csr_announcement_remove(csr_db *db, int64_t id, csr_err *err);
/* Current (not expired) announcements, newest first. */
csr_code csr_announcement_current(csr_db *db, csr_announcement *rows, int max, int *n,
				  csr_err *err);
/* One announcement by id (expired or not). */
csr_code csr_announcement_get(csr_db *db, int64_t id, csr_announcement *out, csr_err *err);
/* A keyset page of the current (not expired) announcements, newest first
 * (created_at, then id, both descending): up to max rows after `after` (a
 * row of a previous page or from csr_announcement_get, which may be one of
 * rows), before it when backward but still in list order; after NULL =
 * from the start (backward: from the end). */
csr_code csr_announcement_page(csr_db *db, const csr_announcement *after, bool backward,
			       csr_announcement *rows, int max, int *n, csr_err *err);
/* How many rows csr_announcement_page pages through. */
csr_code csr_announcement_count_current(csr_db *db, int64_t *out, csr_err *err);

#endif
