/* SPDX-License-Identifier: MIT */
/* csrdesk — the hours that attendance records, for signup.c inside its
 * own write transactions; not part of the public API. */
#ifndef CSRDESK_PLACE_HOURS_H
#define CSRDESK_PLACE_HOURS_H

#include <stdint.h>

#include "csrdesk/status.h"

typedef struct csr_db csr_db;

/* A place marked attended, and the minutes to record for it. */
typedef struct csr_place_hours {
	int64_t signup_id, volunteer_id, initiative_id;
	int64_t starts_at; /* the initiative's: the hours are for its day */
	const char *employee_id; /* for the audit log */
	int minutes;             /* 1 .. CSR_HOURS_MAX_MINUTES */
} csr_place_hours;

/* Approved hours for the place, each with its audit entry: the minutes of
 * the entry attendance recorded before are set again (never a second
 * entry); when the person logged hours for the initiative themselves
 * (pending or approved), none are recorded and their pending ones are
 * approved; else one new entry, approved by the actor. */
csr_code csr_place_hours_record(csr_db *db, const csr_place_hours *h, csr_err *err);

/* Removes the hours attendance recorded for the place (none of the
 * person's own). */
csr_code csr_place_hours_remove(csr_db *db, int64_t signup_id, csr_err *err);

#endif
