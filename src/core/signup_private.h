/* SPDX-License-Identifier: MIT */
/* csrdesk — what initiative.c needs from signup.c inside its own write
 * transactions; not part of the public API. */
#ifndef CSRDESK_SIGNUP_PRIVATE_H
#define CSRDESK_SIGNUP_PRIVATE_H

#include <stdint.h>

#include "csrdesk/status.h"

typedef struct csr_db csr_db;

/* Inside a write transaction: while the initiative has free places, moves
 * the earliest waitlisted active volunteer who holds no overlapping
 * confirmed place up to confirmed, with an audit entry each. *first is the
 * first volunteer promoted (0 for none), *count how many were. */
csr_code csr_signup_fill_places(csr_db *db, int64_t initiative_id, int64_t *first, int *count,
				csr_err *err);

#endif
