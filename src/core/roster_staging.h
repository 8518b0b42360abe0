/* SPDX-License-Identifier: MIT */
/* csrdesk — the roster import's staging table, for roster.c inside its one
 * write transaction; not part of the public API. */
#ifndef CSRDESK_ROSTER_STAGING_H
#define CSRDESK_ROSTER_STAGING_H

#include <stdbool.h>
#include <stddef.h>

#include "csrdesk/status.h"
#include "csrdesk/volunteer.h"

typedef struct csr_db csr_db;

/* Which of the optional columns the file has: a column it lacks keeps the
 * stored value of a volunteer it updates. */
typedef struct csr_staging_columns {
	bool site, email, skills, unix_user, active;
} csr_staging_columns;

/* Creates the empty TEMP table roster_staging. */
csr_code csr_staging_open(csr_db *db, csr_err *err);

/* Stages a checked row; a later row of the same employee ID replaces the
 * earlier one's values (the volunteer keeps the place of its first row). */
csr_code csr_staging_put(csr_db *db, const csr_volunteer *v, csr_err *err);

/* The employee ID of someone else who has unix_user once the rows staged so
 * far are written, into holder ("" when nobody has). */
csr_code csr_staging_unix_user_holder(csr_db *db, const char *unix_user,
				      const char *employee_id, char *holder, size_t size,
				      csr_err *err);

/* Writes the staged rows to volunteer, set-based: updates the volunteers
 * whose employee ID is there, adds the others (created at created_at) in
 * the order of their first rows; *added is how many were added. Drops the
 * staging table. */
csr_code csr_staging_apply(csr_db *db, const csr_staging_columns *columns, int64_t created_at,
			   long *added, csr_err *err);

#endif
