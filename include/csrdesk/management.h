/* SPDX-License-Identifier: MIT */
/* csrdesk — management time: the hours team leads spend running the CSR
 * programme (planning, coordination, reporting). B4SI counts them as a
 * management cost of the company's contribution, valued at the management
 * rate of the person's site (config: rate sections); they are not
 * volunteering and count in no hours figure. */
#ifndef CSRDESK_MANAGEMENT_H
#define CSRDESK_MANAGEMENT_H

#include <stdint.h>

#include "csrdesk/hours.h"
#include "csrdesk/status.h"

typedef struct csr_db csr_db;

typedef struct csr_management_time {
	int64_t id;
	int64_t volunteer_id; /* whose time: their site's rate applies */
	int64_t worked_on;    /* Unix seconds of the day worked */
	int minutes;          /* 1 .. CSR_HOURS_MAX_MINUTES */
	char note[CSR_HOURS_NOTE_MAX];
	int64_t created_at;
	char name[128];       /* the volunteer's name, filled by lists */
	char employee_id[32]; /* the volunteer's employee ID, filled by lists */
} csr_management_time;

/* Lead: logs management time (anyone's, their own included); sets m->id.
 * Audited in the same transaction. */
csr_code csr_management_log(csr_db *db, csr_management_time *m, csr_err *err);
/* Lead: management time, newest first (worked_on, then id, descending):
 * up to max rows from offset. */
csr_code csr_management_list(csr_db *db, int offset, csr_management_time *rows, int max,
			     int *n, csr_err *err);

#endif
