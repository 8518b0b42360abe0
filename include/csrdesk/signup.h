/* SPDX-License-Identifier: MIT */
/* csrdesk — sign-ups: a volunteer's place on an initiative.
 *
 * Rules, each checked inside one BEGIN IMMEDIATE transaction so they hold
 * with a hundred terminals writing at once:
 *  - confirmed while confirmed < capacity, else waitlisted (when the config
 *    enables the waitlist) in arrival order, else refused as full;
 *  - one place per volunteer per initiative;
 *  - no confirmed place in two overlapping initiatives;
 *  - draft, closed, cancelled, done or already started initiatives refuse;
 *  - cancelling a confirmed place promotes the first waitlisted person (who
 *    has no overlapping confirmed place) in the same transaction;
 *  - agents may act only on their own record, and not later than the
 *    config's cancel_cutoff_hours before the start;
 *  - a lead acting on someone else's place: the place remembers the lead
 *    and the reason (changed_by, reason), the audit entry names the person
 *    (employee ID) and the reason; inside the cutoff a lead must give a
 *    reason to cancel or move someone else's confirmed place. */
#ifndef CSRDESK_SIGNUP_H
#define CSRDESK_SIGNUP_H

#include <stdbool.h>
#include <stdint.h>

#include "csrdesk/status.h"
#include "csrdesk/volunteer.h"

typedef struct csr_db csr_db;

typedef enum csr_signup_status {
	CSR_SIGNUP_CONFIRMED = 0,
	CSR_SIGNUP_WAITLISTED,
	CSR_SIGNUP_CANCELLED,
	CSR_SIGNUP_ATTENDED,
	CSR_SIGNUP_NOSHOW,
} csr_signup_status;

enum { CSR_SIGNUP_REASON_MAX = 256 };

typedef struct csr_signup_result {
	int64_t signup_id;
	csr_signup_status status;
	int waitlist_position; /* 1-based, when waitlisted */
	int64_t promoted_volunteer_id; /* after a cancel: who got the place, or 0 */
} csr_signup_result;

typedef struct csr_signup {
	int64_t id;
	int64_t initiative_id;
	int64_t volunteer_id;
	csr_signup_status status;
	int64_t created_at, updated_at;
	char employee_id[CSR_EMPLOYEE_ID_MAX]; /* filled by the list functions */
	char name[CSR_NAME_MAX];
	char title[160]; /* the initiative's title */
	int64_t starts_at;
	/* The last change a lead made to this place for the person: the lead's
	 * volunteer id (0: none, or the lead has no volunteer record), the
	 * lead's name ("" when the person acted themselves), the reason ("" for
	 * none). */
	int64_t changed_by;
	char changed_by_name[CSR_NAME_MAX];
	char reason[CSR_SIGNUP_REASON_MAX];
} csr_signup;

/* The status as stored and typed on the command line ("confirmed",
 * "no-show"): for the database, CSV and scripts. */
const char *csr_signup_status_name(csr_signup_status s);
/* The status for people, in the language shown: "confirmed" in English
 * (the same words as csr_signup_status_name), "bestätigt" in German. */
const char *csr_signup_status_label(csr_signup_status s);

csr_code csr_signup_add(csr_db *db, int64_t initiative_id, int64_t volunteer_id,
			csr_signup_result *out, csr_err *err);
csr_code csr_signup_cancel(csr_db *db, int64_t initiative_id, int64_t volunteer_id,
			   csr_signup_result *out, csr_err *err);
/* csr_signup_cancel with a reason (NULL or "" for none): a lead cancelling
 * someone else's confirmed place inside the cancel cutoff must give one. */
csr_code csr_signup_cancel_for(csr_db *db, int64_t initiative_id, int64_t volunteer_id,
			       const char *reason, csr_signup_result *out, csr_err *err);
/* Moves a person's place from one initiative to another in one
 * transaction: cancelled on from_id as csr_signup_cancel_for would (the
 * waitlist moves up), then signed up on to_id under its rules (out: the new
 * place, confirmed or waitlisted). When either refuses, nothing changes and
 * the message says why. */
csr_code csr_signup_move(csr_db *db, int64_t from_id, int64_t to_id, int64_t volunteer_id,
			 const char *reason, csr_signup_result *out, csr_err *err);
/* Lead: signs n volunteers up at once, all or nothing: every one gets a
 * confirmed place, or nothing changes and the message names the first
 * person who could not be placed and why. One audit entry per person. */
csr_code csr_signup_add_group(csr_db *db, int64_t initiative_id, const int64_t *volunteer_ids,
			      int n, csr_err *err);

/* Lead: records attended or no-show for a place, confirmed or waitlisted,
 * once the initiative has started. With the config's
 * attendance.record_hours, attended records approved hours in the same
 * transaction (csr_signup_mark_minutes). */
csr_code csr_signup_mark(csr_db *db, int64_t initiative_id, int64_t volunteer_id,
			 bool attended, csr_err *err);
/* csr_signup_mark with the minutes attended records (0: the initiative's
 * duration, csr_signup_default_minutes). Hours are recorded once per
 * place: marking attended again sets the minutes of that entry. When the
 * person logged hours for the initiative themselves, attendance records
 * none but approves their pending ones. Marking no-show removes the hours
 * attendance recorded (never the person's own). */
csr_code csr_signup_mark_minutes(csr_db *db, int64_t initiative_id, int64_t volunteer_id,
				 bool attended, int minutes, csr_err *err);
/* Lead: someone who came without a place: an attended place (hours as
 * csr_signup_mark_minutes), even when the initiative is full, has started
 * or is done; not on a draft or cancelled one, nor before it starts. A
 * person with a place already is marked attended on it. */
csr_code csr_signup_walk_in(csr_db *db, int64_t initiative_id, int64_t volunteer_id,
			    int minutes, csr_err *err);
/* The minutes attendance records by default: the initiative's duration,
 * at most CSR_HOURS_MAX_MINUTES, at least 1. */
int csr_signup_default_minutes(int64_t starts_at, int64_t ends_at);

/* Whether a sign-up now would take a confirmed place (there is a free one)
 * inside the cancel cutoff: its holder (an agent) could not cancel it
 * themselves. The front ends ask before such a sign-up. */
csr_code csr_signup_inside_cutoff(csr_db *db, int64_t initiative_id, bool *inside,
				  csr_err *err);

/* The live place of a volunteer on an initiative (not cancelled). */
csr_code csr_signup_get(csr_db *db, int64_t initiative_id, int64_t volunteer_id,
			csr_signup *out, csr_err *err);

/* Places on an initiative (not cancelled), confirmed first then waitlist
 * in arrival order; offset-paged (a few hundred rows at most). */
csr_code csr_signup_list_initiative(csr_db *db, int64_t initiative_id, int offset,
				    csr_signup *rows, int max, int *n, csr_err *err);
/* A volunteer's places, newest initiative first. */
csr_code csr_signup_list_volunteer(csr_db *db, int64_t volunteer_id, bool upcoming_only,
				   int offset, csr_signup *rows, int max, int *n, csr_err *err);

/* One place by its own id, whatever its status (cancelled too), with the
 * list fields filled (employee_id, name, title, starts_at): a row of a page
 * as it is now, to page on from. */
csr_code csr_signup_get_id(csr_db *db, int64_t signup_id, csr_signup *out, csr_err *err);

/* Keyset pages: up to max rows after `after` (before it when backward, but
 * still in list order); after NULL = from the start (backward: from the
 * end). after is a row of a previous page or from csr_signup_get_id, and
 * may be one of rows. */

/* Places on an initiative (not cancelled): confirmed, attended and no-show
 * first, then the waitlist, each in arrival order (the order of
 * csr_signup_list_initiative). search (NULL or "" for all) keeps the
 * people whose name or employee ID contains it (ASCII letters in any
 * case). Rows carry employee_id and name. */
csr_code csr_signup_page_initiative(csr_db *db, int64_t initiative_id, const char *search,
				    const csr_signup *after, bool backward, csr_signup *rows,
				    int max, int *n, csr_err *err);
/* How many rows csr_signup_page_initiative pages through. */
csr_code csr_signup_count_initiative(csr_db *db, int64_t initiative_id, const char *search,
				     int64_t *out,
				     csr_err *err);

/* Which of a volunteer's places a page shows: */
typedef enum csr_span {
	CSR_SPAN_UPCOMING, /* initiatives not started yet (not cancelled), soonest first */
	CSR_SPAN_PAST,     /* started ones, newest first: confirmed, attended, no-show
			    * (never a place only on the waitlist) */
} csr_span;

/* A volunteer's places as "My record" and the Volunteers details show them,
 * in span (places on initiatives that start at the same time by arrival, in
 * the span's direction). Rows carry title and starts_at. */
csr_code csr_signup_page_volunteer(csr_db *db, int64_t volunteer_id, csr_span span,
				   const csr_signup *after, bool backward, csr_signup *rows,
				   int max, int *n, csr_err *err);
/* How many rows csr_signup_page_volunteer pages through. */
csr_code csr_signup_count_volunteer(csr_db *db, int64_t volunteer_id, csr_span span, int64_t *out,
				    csr_err *err);

/* A waitlisted place's position (1 = next to move up); 0 for any other. */
csr_code csr_signup_waitlist_position(csr_db *db, const csr_signup *place, int *out,
				      csr_err *err);
/* How many places on an initiative have this status. */
csr_code csr_signup_count_status(csr_db *db, int64_t initiative_id, csr_signup_status status,
				 int64_t *out, csr_err *err);
/* A volunteer's newest place on an initiative that has started: attended,
 * or (unless attended_only) confirmed and not marked yet; what hours and
 * ratings are for. CSR_ENOTFOUND when there is none. */
csr_code csr_signup_newest_past(csr_db *db, int64_t volunteer_id, bool attended_only,
				csr_signup *out, csr_err *err);

#endif
