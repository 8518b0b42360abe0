/* SPDX-License-Identifier: MIT */
/* csrdesk — volunteers: the people of the call center. */
#ifndef CSRDESK_VOLUNTEER_H
#define CSRDESK_VOLUNTEER_H

#include <stdbool.h>
#include <stdint.h>

#include "csrdesk/status.h"

typedef struct csr_db csr_db;

enum {
	CSR_EMPLOYEE_ID_MAX = 32,
	CSR_NAME_MAX = 128,
	CSR_TEAM_MAX = 64,
	CSR_EMAIL_MAX = 128,
	CSR_SKILLS_MAX = 256,
	CSR_UNIX_USER_MAX = 64,
};

typedef struct csr_volunteer {
	int64_t id;
	char employee_id[CSR_EMPLOYEE_ID_MAX];
	char name[CSR_NAME_MAX];
	char team[CSR_TEAM_MAX];
	char site[CSR_TEAM_MAX];
	char email[CSR_EMAIL_MAX];
	char skills[CSR_SKILLS_MAX];
	char unix_user[CSR_UNIX_USER_MAX]; /* "" when none */
	bool active;
	bool has_pin;
	bool locked; /* too many wrong PINs */
} csr_volunteer;

/* A row of the volunteers list: the record plus figures for the list. */
typedef struct csr_volunteer_row {
	csr_volunteer v;
	int minutes_this_year; /* approved hours, in minutes, this calendar year */
	int signups;           /* confirmed, waitlisted or attended places */
} csr_volunteer_row;

typedef struct csr_volunteer_query {
	const char *search; /* substring of name, employee id, team or email; NULL = all */
	const char *team;   /* exact team; NULL = all */
	bool include_inactive;
} csr_volunteer_query;

/* Checks a record's fields; on error err names the field. */
csr_code csr_volunteer_validate(const csr_volunteer *v, csr_err *err);

/* Lead: inserts (v->id == 0; sets v->id) or updates a volunteer. */
csr_code csr_volunteer_save(csr_db *db, csr_volunteer *v, csr_err *err);

/* Lead: marks a volunteer active or inactive (history is kept). */
csr_code csr_volunteer_set_active(csr_db *db, int64_t id, bool active, csr_err *err);

csr_code csr_volunteer_get(csr_db *db, int64_t id, csr_volunteer *out, csr_err *err);
csr_code csr_volunteer_find(csr_db *db, const char *employee_id, csr_volunteer *out,
			    csr_err *err);
csr_code csr_volunteer_find_unix(csr_db *db, const char *unix_user, csr_volunteer *out,
				 csr_err *err);

/* One page of the list ordered by (name, id), keyset-paginated: rows after
 * (after_name, after_id), or before them when backward (rows still come out
 * in ascending order). after_id 0 starts at the first (or, backward, the
 * last) row. */
csr_code csr_volunteer_page(csr_db *db, const csr_volunteer_query *q, const char *after_name,
			    int64_t after_id, bool backward, csr_volunteer_row *rows, int max,
			    int *n, csr_err *err);

csr_code csr_volunteer_count(csr_db *db, const csr_volunteer_query *q, int64_t *out,
			     csr_err *err);

/* What csr_volunteer_groups lists. */
typedef enum csr_volunteer_group { CSR_GROUP_TEAM, CSR_GROUP_SITE } csr_volunteer_group;

/* The distinct non-empty teams (or sites) of active volunteers, in name
 * order: the first max of them into rows, *n set to how many. */
csr_code csr_volunteer_groups(csr_db *db, csr_volunteer_group group,
			      char (*rows)[CSR_TEAM_MAX], int max, int *n, csr_err *err);

#endif
