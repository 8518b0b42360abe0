/* SPDX-License-Identifier: MIT */
/* csrdesk — volunteer hours: logged by agents (pending until a lead
 * approves or rejects them) or by leads (approved at once; a lead's own
 * wait for another lead unless the config's hours.self_approval). */
#ifndef CSRDESK_HOURS_H
#define CSRDESK_HOURS_H

#include <stdbool.h>
#include <stdint.h>

#include "csrdesk/status.h"

typedef struct csr_db csr_db;

typedef enum csr_hours_status {
	CSR_HOURS_PENDING = 0,
	CSR_HOURS_APPROVED,
	CSR_HOURS_REJECTED,
} csr_hours_status;

enum { CSR_HOURS_NOTE_MAX = 256, CSR_HOURS_MAX_MINUTES = 24 * 60 };

/* Whose time the hours were: the company's (valued in the B4SI figures) or
 * the volunteer's own. Logging with CSR_TIME_DEFAULT takes the
 * initiative's default (company time for hours tied to none); stored hours
 * are always one of the other two. */
typedef enum csr_time_kind {
	CSR_TIME_DEFAULT = 0,
	CSR_TIME_COMPANY,
	CSR_TIME_OWN,
} csr_time_kind;

typedef struct csr_hours {
	int64_t id;
	int64_t volunteer_id;
	int64_t initiative_id; /* 0 = not tied to an initiative */
	int64_t worked_on;     /* Unix seconds of the day worked */
	int minutes;           /* 1 .. CSR_HOURS_MAX_MINUTES */
	csr_hours_status status;
	csr_time_kind time;  /* company or own time */
	int64_t decided_by; /* volunteer id of the lead, 0 = none */
	int64_t decided_at;
	char note[CSR_HOURS_NOTE_MAX];
	char reason[CSR_HOURS_NOTE_MAX]; /* why a lead rejected them; "" otherwise */
	char name[128];  /* the volunteer's name, filled by lists */
	char employee_id[32]; /* the volunteer's employee ID, filled by lists */
	char title[160]; /* the initiative's title, filled by lists */
} csr_hours;

/* The status as stored and typed ("pending", "approved", "rejected"):
 * for the database, CSV and scripts. */
const char *csr_hours_status_name(csr_hours_status s);
/* "company" or "own" as stored in exports and printed for scripts
 * ("default" for CSR_TIME_DEFAULT). */
const char *csr_time_kind_name(csr_time_kind t);
/* The status for people, in the language shown: "pending" in English (the
 * same words as csr_hours_status_name), "offen" in German. */
const char *csr_hours_status_label(csr_hours_status s);

/* Logs hours (sets h->id, h->status and, when CSR_TIME_DEFAULT, h->time
 * from the initiative). Agents log their own, pending;
 * leads' entries for others are approved at once, their own only with the
 * config's hours.self_approval (else pending, for another lead). */
csr_code csr_hours_log(csr_db *db, csr_hours *h, csr_err *err);
/* Lead: approves or rejects (without a reason) pending hours. Without
 * hours.self_approval, a lead cannot approve their own. */
csr_code csr_hours_decide(csr_db *db, int64_t id, bool approve, csr_err *err);
/* Lead: rejects pending hours with a reason (required) the volunteer sees. */
csr_code csr_hours_reject(csr_db *db, int64_t id, const char *reason, csr_err *err);
/* Lead: puts approved or rejected hours back to pending (the reason goes). */
csr_code csr_hours_revert(csr_db *db, int64_t id, csr_err *err);
/* Hours of one volunteer (volunteer_id > 0) or, with volunteer_id 0, all
 * pending hours; newest first, offset-paged. */
csr_code csr_hours_list(csr_db *db, int64_t volunteer_id, int offset, csr_hours *rows,
			int max, int *n, csr_err *err);
/* One entry by id, with name and title filled. */
csr_code csr_hours_get(csr_db *db, int64_t id, csr_hours *out, csr_err *err);

/* Which hours a page shows. */
typedef struct csr_hours_query {
	int64_t volunteer_id; /* 0 = everyone */
	bool pending_only;
} csr_hours_query;

/* A keyset page of hours (q NULL = all of everyone's), newest first
 * (worked_on, then id, both descending): up to max rows after `after` (a
 * row of a previous page or from csr_hours_get, which may be one of rows),
 * before it when backward but still in list order; after NULL = from the
 * start (backward: from the end). Rows carry name and title. */
csr_code csr_hours_page(csr_db *db, const csr_hours_query *q, const csr_hours *after,
			bool backward, csr_hours *rows, int max, int *n, csr_err *err);
/* How many rows csr_hours_page pages through. */
csr_code csr_hours_count(csr_db *db, const csr_hours_query *q, int64_t *out, csr_err *err);
/* The approved and pending minutes of one volunteer worked from `since`
 * on (My record's "this year" line), in one aggregate query. */
csr_code csr_hours_totals(csr_db *db, int64_t volunteer_id, int64_t since,
			  int64_t *approved_minutes, int64_t *pending_minutes, csr_err *err);

#endif
