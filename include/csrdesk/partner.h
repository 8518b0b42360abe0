/* SPDX-License-Identifier: MIT */
/* csrdesk — partners: the NGOs initiatives are run with. */
#ifndef CSRDESK_PARTNER_H
#define CSRDESK_PARTNER_H

#include <stdbool.h>
#include <stdint.h>

#include "csrdesk/status.h"

typedef struct csr_db csr_db;

enum { CSR_PARTNER_NAME_MAX = 128, CSR_PARTNER_FIELD_MAX = 256 };

typedef struct csr_partner {
	int64_t id;
	char name[CSR_PARTNER_NAME_MAX];
	char contact[CSR_PARTNER_FIELD_MAX]; /* a person's name */
	char email[CSR_PARTNER_FIELD_MAX];
	char phone[CSR_PARTNER_FIELD_MAX];
	char website[CSR_PARTNER_FIELD_MAX];
	char notes[CSR_PARTNER_FIELD_MAX];
} csr_partner;

csr_code csr_partner_validate(const csr_partner *p, csr_err *err);
/* Lead: inserts (p->id == 0; sets p->id) or updates. Names are unique. */
csr_code csr_partner_save(csr_db *db, csr_partner *p, csr_err *err);
csr_code csr_partner_get(csr_db *db, int64_t id, csr_partner *out, csr_err *err);
csr_code csr_partner_find(csr_db *db, const char *name, csr_partner *out, csr_err *err);
/* Partners by name, after after_name ("" or NULL for the first page). */
csr_code csr_partner_page(csr_db *db, const char *after_name, csr_partner *rows, int max,
			  int *n, csr_err *err);
/* A keyset page of partners by name (then id): up to max rows after
 * `after` (a row of a previous page or from csr_partner_get, which may be
 * one of rows), before it when backward but still in list order; after
 * NULL = from the start (backward: from the end). search (NULL or "" =
 * all) is a substring of the name or the contact, ASCII letters in either
 * case. */
csr_code csr_partner_page_after(csr_db *db, const char *search, const csr_partner *after,
				bool backward, csr_partner *rows, int max, int *n, csr_err *err);
/* How many rows csr_partner_page_after pages through. */
csr_code csr_partner_count(csr_db *db, const char *search, int64_t *out, csr_err *err);

#endif
