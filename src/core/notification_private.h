/* SPDX-License-Identifier: MIT */
/* csrdesk — what the data layer's modules use to write notifications, each
 * inside the transaction of the change it tells of. */
#ifndef CSRDESK_NOTIFICATION_PRIVATE_H
#define CSRDESK_NOTIFICATION_PRIVATE_H

#include <sqlite3.h>
#include <stdint.h>

#include "csrdesk/notification.h"

/* One row for volunteer_id, due now; initiative_id, signup_id, hours_id 0
 * when not about one; detail NULL or "" when none. */
csr_code csr_notify(csr_db *db, csr_notification_kind kind, int64_t volunteer_id,
		    int64_t initiative_id, int64_t signup_id, int64_t hours_id,
		    const char *detail, csr_err *err);

/* One row for everyone with a live place (confirmed or waitlisted) on the
 * initiative: call it before the places change. */
csr_code csr_notify_places(csr_db *db, csr_notification_kind kind, int64_t initiative_id,
			   csr_err *err);

/* A new initiative open for sign-ups: one row for each active volunteer who
 * chose its category (not for the person who made it). */
csr_code csr_notify_interested(csr_db *db, int64_t initiative_id, const char *category,
			       csr_err *err);

/* The columns csr_notification_read reads, and the tables they come from:
 * a statement reading notifications is NOTIFICATION_COLUMNS
 * NOTIFICATION_FROM " WHERE ...". */
#define NOTIFICATION_COLUMNS \
	"SELECT n.id, coalesce(n.volunteer_id, 0), coalesce(n.unix_user, ''), n.kind," \
	" coalesce(n.initiative_id, 0), coalesce(n.signup_id, 0), coalesce(n.hours_id, 0)," \
	" n.amount, n.detail, n.created_at, n.due_at, coalesce(i.title, ''), coalesce(i.location, '')," \
	" coalesce(i.starts_at, 0), coalesce(i.ends_at, 0), coalesce(h.worked_on, 0)," \
	" coalesce(h.minutes, 0), coalesce(i.minimum, 0), coalesce(n.read_at, 0)"
#define NOTIFICATION_FROM \
	" FROM notification n LEFT JOIN initiative i ON i.id = n.initiative_id" \
	" LEFT JOIN hours h ON h.id = n.hours_id"

/* A csr_row_reader (db_private.h) for NOTIFICATION_COLUMNS into a
 * csr_notification. */
void csr_notification_read(sqlite3_stmt *st, void *row);

#endif
