/* SPDX-License-Identifier: MIT */
/* csrdesk — retention: the config's retention { inactive_months
 * comments_months } applied. A volunteer with no activity (a change to a
 * place, hours worked, feedback given, management time) since the cutoff,
 * and created before it, is anonymised as an erasure does (person.h: the
 * records and every figure stay); feedback comments older than their
 * cutoff are emptied (the ratings stay). 0 months: that rule is off. */
#ifndef CSRDESK_RETENTION_H
#define CSRDESK_RETENTION_H

#include <stdint.h>

#include "csrdesk/status.h"
#include "csrdesk/volunteer.h"

typedef struct csr_db csr_db;

/* Someone the retention anonymises. */
typedef struct csr_retention_person {
	int64_t id;
	char employee_id[CSR_EMPLOYEE_ID_MAX];
	int64_t last_active; /* the last activity, or when they were added */
} csr_retention_person;

/* What a run at now does: who is anonymised (people, npeople of them, by
 * employee ID; free with csr_retention_plan_free) and how many comments
 * are emptied. */
typedef struct csr_retention_plan {
	int64_t inactive_before;  /* the cutoffs (0: the rule is off) */
	int64_t comments_before;
	csr_retention_person *people;
	int npeople;
	int64_t comments;
} csr_retention_plan;

/* Admins: what csr_retention_run would do at now (nothing changes). */
csr_code csr_retention_plan_read(csr_db *db, int64_t now, csr_retention_plan *out,
				 csr_err *err);
void csr_retention_plan_free(csr_retention_plan *plan);

/* Admins: does it, in one transaction (secure_delete on, audited: a
 * "person.anonymise" row for each person, one "retention.run" with the
 * counts); out says what was done. */
csr_code csr_retention_run(csr_db *db, int64_t now, csr_retention_plan *out, csr_err *err);

/* The start of the local day months calendar months before now; 0 when
 * months is 0 (the rule is off). */
int64_t csr_retention_cutoff(int64_t now, int months);

#endif
