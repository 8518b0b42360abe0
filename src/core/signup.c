/* SPDX-License-Identifier: MIT */
/* Sign-ups: places on initiatives, the waitlist, cancelling, attendance.
 *
 * Every write reads what it decides on, decides and writes inside one
 * BEGIN IMMEDIATE transaction, so two terminals can never both take the
 * last place, and a promotion cannot race a new sign-up. */
#include "csrdesk/signup.h"

#include <stdio.h>
#include <string.h>

#include "csrdesk/clock.h"
#include "csrdesk/hours.h"
#include "csrdesk/format.h"
#include "csrdesk/i18n.h"
#include "csrdesk/initiative.h"
#include "csrdesk/text.h"
#include "csrdesk/visibility.h"
#include "db_private.h"
#include "notification_private.h"
#include "place_hours.h"
#include "records.h"
#include "signup_private.h"

static const char *const status_names[] = { "confirmed", "waitlisted", "cancelled", "attended",
					    "no-show" };
#define NSTATUS (sizeof status_names / sizeof status_names[0])

const char *csr_signup_status_name(csr_signup_status s)
{
	return (unsigned)s < NSTATUS ? status_names[s] : "unknown";
}

const char *csr_signup_status_label(csr_signup_status s)
{
	switch (s) {
	case CSR_SIGNUP_CONFIRMED:
		return C_("place status", "confirmed");
	case CSR_SIGNUP_WAITLISTED:
		return C_("place status", "waitlisted");
	case CSR_SIGNUP_CANCELLED:
		return C_("place status", "cancelled");
	case CSR_SIGNUP_ATTENDED:
		return C_("place status", "attended");
	case CSR_SIGNUP_NOSHOW:
		return C_("place status", "no-show");
	}
	return C_("status", "unknown");
}

static csr_signup_status parse_status(const char *name)
{
	for (size_t i = 0; name && i < NSTATUS; i++)
		if (strcmp(name, status_names[i]) == 0)
			return (csr_signup_status)i;
	return CSR_SIGNUP_CANCELLED;
}

/* The initiative a write is about, as read inside its transaction. */
typedef struct event {
	int64_t id;
	char title[CSR_INITIATIVE_TITLE_MAX]; /* sanitized, for messages */
	csr_initiative_status status;
	int64_t starts_at, ends_at;
	int capacity;
	int confirmed; /* confirmed or attended places */
} event;

/* The volunteer a write is about. */
typedef struct person {
	int64_t id;
	char name[CSR_NAME_MAX]; /* sanitized, for messages */
	char employee_id[CSR_EMPLOYEE_ID_MAX]; /* for the audit log */
	bool active;
	bool self; /* the actor is this volunteer: messages say "You" */
} person;

/* A volunteer's live place on an initiative. */
typedef struct place {
	int64_t id;
	csr_signup_status status;
} place;

static csr_code step_done(csr_db *db, sqlite3_stmt *st, const char *what, csr_err *err)
{
	int rc = sqlite3_step(st);
	csr_stmt_done(st);
	return rc == SQLITE_DONE ? CSR_OK : csr_db_fail(db, rc, what, err);
}

/* Ends a one-row lookup: not found (missing: the whole message), a
 * database error, or CSR_OK. */
static csr_code lookup_end(csr_db *db, sqlite3_stmt *st, int rc, const char *missing,
			   csr_err *err)
{
	csr_stmt_done(st);
	if (rc == SQLITE_ROW)
		return CSR_OK;
	if (rc == SQLITE_DONE)
		return csr_fail(err, CSR_ENOTFOUND, "%s", missing);
	/* TRANSLATORS: what failed, in a database error: "FILE: reading the
	 * sign-ups: the database stayed locked ...". So are "saving the
	 * place", "listing sign-ups", "counting places" and the like. */
	return csr_db_fail(db, rc, N_("reading the sign-ups"), err);
}

static csr_code load_event(csr_db *db, int64_t id, event *ev, csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db,
		"SELECT title, status, starts_at, ends_at, capacity,"
		" (SELECT count(*) FROM signup s WHERE s.initiative_id = i.id"
		"  AND s.status IN ('confirmed', 'attended'))"
		" FROM initiative i WHERE i.id = ?1", err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		ev->id = id;
		csr_text_sanitize((const char *)sqlite3_column_text(st, 0), ev->title,
				  sizeof ev->title);
		csr_initiative_status_parse((const char *)sqlite3_column_text(st, 1), &ev->status);
		ev->starts_at = sqlite3_column_int64(st, 2);
		ev->ends_at = sqlite3_column_int64(st, 3);
		ev->capacity = sqlite3_column_int(st, 4);
		ev->confirmed = sqlite3_column_int(st, 5);
	}
	char missing[CSR_ERR_MSG_MAX];
	if (rc == SQLITE_DONE)
		snprintf(missing, sizeof missing, _("There is no initiative %lld"), (long long)id);
	return lookup_end(db, st, rc, missing, err);
}

static csr_code load_person(csr_db *db, int64_t id, person *p, csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db, "SELECT name, active, employee_id FROM volunteer"
				       " WHERE id = ?1", err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		p->id = id;
		csr_text_sanitize((const char *)sqlite3_column_text(st, 0), p->name, sizeof p->name);
		p->active = sqlite3_column_int(st, 1) != 0;
		csr_col_text(st, 2, p->employee_id, sizeof p->employee_id);
		p->self = csr_db_actor(db)->volunteer_id == id;
	}
	char missing[CSR_ERR_MSG_MAX];
	if (rc == SQLITE_DONE)
		snprintf(missing, sizeof missing, _("There is no volunteer %lld"), (long long)id);
	return lookup_end(db, st, rc, missing, err);
}

/* The live place, or CSR_ENOTFOUND naming the person and the initiative. */
static csr_code load_place(csr_db *db, const event *ev, const person *p, place *out,
			   csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db, "SELECT id, status FROM signup"
				       " WHERE initiative_id = ?1 AND volunteer_id = ?2"
				       " AND status <> 'cancelled'", err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, ev->id);
	sqlite3_bind_int64(st, 2, p->id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->id = sqlite3_column_int64(st, 0);
		out->status = parse_status((const char *)sqlite3_column_text(st, 1));
	}
	csr_code code = lookup_end(db, st, rc, "", err);
	if (code == CSR_ENOTFOUND && p->self)
		code = csr_fail(err, CSR_ENOTFOUND, _("You have no place on '%s'"), ev->title);
	else if (code == CSR_ENOTFOUND)
		code = csr_fail(err, CSR_ENOTFOUND, _("%s has no place on '%s'"), p->name,
				ev->title);
	return code;
}

static csr_code set_place(csr_db *db, int64_t signup_id, csr_signup_status s, csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db, "UPDATE signup SET status = ?2, updated_at = ?3"
				       " WHERE id = ?1", err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, signup_id);
	sqlite3_bind_text(st, 2, status_names[s], -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, csr_now());
	return step_done(db, st, N_("saving the place"), err);
}

/* Who acted, on the place itself: the lead and the reason when a lead
 * acted for the person, nothing when the person acted. */
static csr_code note_change(csr_db *db, int64_t signup_id, const person *p, const char *reason,
			    csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db, "UPDATE signup SET changed_by = nullif(?2, 0),"
				       " changed_by_name = CASE WHEN ?4 THEN NULL ELSE coalesce("
				       "(SELECT name FROM volunteer WHERE id = ?2), ?3) END,"
				       " reason = CASE WHEN ?4 THEN NULL ELSE ?5 END WHERE id = ?1", err);
	if (!st)
		return err->code;
	const csr_actor *a = csr_db_actor(db);
	sqlite3_bind_int64(st, 1, signup_id);
	sqlite3_bind_int64(st, 2, p->self ? 0 : a->volunteer_id);
	sqlite3_bind_text(st, 3, a->name, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, p->self);
	csr_bind_text_or_null(st, 5, reason);
	return step_done(db, st, N_("saving who changed the place"), err);
}

/* The end of an audit entry's detail: for whom a lead acted, and why. */
static const char *for_whom(const person *p, const char *reason, char *buf, size_t size)
{
	if (p->self)
		return "";
	if (reason && *reason)
		snprintf(buf, size, " for %s, reason: %s", p->employee_id, reason);
	else
		snprintf(buf, size, " for %s", p->employee_id);
	return buf;
}

static csr_code check_reason(const char *reason, csr_err *err)
{
	if (!reason)
		return CSR_OK;
	return csr_field_check(reason, CSR_SIGNUP_REASON_MAX, CSR_TEXT_LINE, N_("Reason"), err);
}

/* ---- signing up ---- */

static csr_code check_open(const event *ev, csr_err *err)
{
	switch (ev->status) {
	case CSR_INITIATIVE_DRAFT:
		return csr_fail(err, CSR_EREFUSED,
				_("'%s' is not open for sign-ups yet"), ev->title);
	case CSR_INITIATIVE_CLOSED:
		return csr_fail(err, CSR_EREFUSED, _("'%s' is closed for sign-ups"), ev->title);
	case CSR_INITIATIVE_DONE:
		return csr_fail(err, CSR_EREFUSED, _("'%s' has already taken place"), ev->title);
	case CSR_INITIATIVE_CANCELLED:
		return csr_fail(err, CSR_EREFUSED, _("'%s' has been cancelled"), ev->title);
	case CSR_INITIATIVE_OPEN:
		break;
	}
	if (ev->starts_at <= csr_now())
		return csr_fail(err, CSR_EREFUSED, _("'%s' has already started"), ev->title);
	return CSR_OK;
}

static csr_code check_no_place(csr_db *db, const event *ev, const person *p, csr_err *err)
{
	place existing;
	csr_err ignored;
	csr_code rc = load_place(db, ev, p, &existing, &ignored);
	if (rc == CSR_OK && p->self)
		return csr_fail(err, CSR_ECONFLICT, _("You already have a place on '%s'"),
				ev->title);
	if (rc == CSR_OK)
		return csr_fail(err, CSR_ECONFLICT, _("%s already has a place on '%s'"), p->name,
				ev->title);
	if (rc != CSR_ENOTFOUND)
		return csr_fail(err, rc, "%s", ignored.msg);
	return CSR_OK;
}

static csr_code check_can_join(csr_db *db, const event *ev, const person *p, csr_err *err)
{
	if (!p->active && p->self)
		return csr_fail(err, CSR_EREFUSED, _("Your volunteer record is not active:"
						     " ask a team lead"));
	if (!p->active)
		return csr_fail(err, CSR_EREFUSED, _("%s is not an active volunteer"), p->name);
	csr_code rc = check_no_place(db, ev, p, err);
	return rc == CSR_OK ? check_open(ev, err) : rc;
}

/* Refuses when the person holds a confirmed (or attended) place on another
 * initiative whose time overlaps this one. */
static csr_code check_overlap(csr_db *db, const event *ev, const person *p, csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db,
		"SELECT oi.title FROM signup o JOIN initiative oi ON oi.id = o.initiative_id"
		" WHERE o.volunteer_id = ?1 AND o.status IN ('confirmed', 'attended')"
		" AND oi.id <> ?2 AND oi.starts_at < ?4 AND oi.ends_at > ?3"
		" ORDER BY oi.starts_at LIMIT 1", err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, p->id);
	sqlite3_bind_int64(st, 2, ev->id);
	sqlite3_bind_int64(st, 3, ev->starts_at);
	sqlite3_bind_int64(st, 4, ev->ends_at);
	int rc = sqlite3_step(st);
	char other[CSR_INITIATIVE_TITLE_MAX] = "";
	if (rc == SQLITE_ROW)
		csr_text_sanitize((const char *)sqlite3_column_text(st, 0), other, sizeof other);
	csr_stmt_done(st);
	if (rc == SQLITE_ROW && p->self)
		return csr_fail(err, CSR_EREFUSED,
				_("You have a confirmed place on '%s' at the same time"), other);
	if (rc == SQLITE_ROW)
		return csr_fail(err, CSR_EREFUSED,
				_("%s has a confirmed place on '%s' at the same time"), p->name,
				other);
	return rc == SQLITE_DONE ? CSR_OK : csr_db_fail(db, rc, N_("checking for overlaps"), err);
}

static csr_code decide(csr_db *db, const event *ev, const person *p, csr_signup_status *out,
		       csr_err *err)
{
	if (ev->confirmed < ev->capacity) {
		*out = CSR_SIGNUP_CONFIRMED;
		return check_overlap(db, ev, p, err);
	}
	if (!csr_db_config(db)->signup.waitlist)
		return csr_fail(err, CSR_EREFUSED,
				_("'%s' is full and has no waitlist"), ev->title);
	*out = CSR_SIGNUP_WAITLISTED;
	return CSR_OK;
}

static csr_code insert_place(csr_db *db, const event *ev, const person *p, csr_signup_status s,
			     int64_t *id, csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db, "INSERT INTO signup (initiative_id, volunteer_id,"
				       " status, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
				       err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, ev->id);
	sqlite3_bind_int64(st, 2, p->id);
	sqlite3_bind_text(st, 3, status_names[s], -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, csr_now());
	csr_code rc = step_done(db, st, N_("saving the place"), err);
	*id = sqlite3_last_insert_rowid(csr_db_sqlite(db));
	return rc;
}

/* 1 + the number waitlisted before this place (lower id = earlier). */
static csr_code waitlist_position(csr_db *db, int64_t initiative_id, int64_t signup_id,
				  int *out, csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db, "SELECT count(*) FROM signup WHERE initiative_id = ?1"
				       " AND status = 'waitlisted' AND id < ?2", err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, initiative_id);
	sqlite3_bind_int64(st, 2, signup_id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = 1 + sqlite3_column_int(st, 0);
	csr_stmt_done(st);
	return rc == SQLITE_ROW ? CSR_OK : csr_db_fail(db, rc, N_("reading the waitlist"), err);
}

static csr_code join(csr_db *db, const event *ev, const person *p, const char *reason,
		     csr_signup_result *res, csr_err *err)
{
	char whom[CSR_SIGNUP_REASON_MAX + 64];
	csr_code rc = decide(db, ev, p, &res->status, err);
	if (rc == CSR_OK)
		rc = insert_place(db, ev, p, res->status, &res->signup_id, err);
	if (rc == CSR_OK && res->status == CSR_SIGNUP_WAITLISTED)
		rc = waitlist_position(db, ev->id, res->signup_id, &res->waitlist_position, err);
	if (rc == CSR_OK)
		rc = note_change(db, res->signup_id, p, reason, err);
	if (rc == CSR_OK)
		rc = csr_audit_add(db, "signup.add", "signup", res->signup_id, err,
				   "volunteer %lld on initiative %lld: %s%s", (long long)p->id,
				   (long long)ev->id, status_names[res->status],
				   for_whom(p, reason, whom, sizeof whom));
	return rc;
}

csr_code csr_signup_add(csr_db *db, int64_t initiative_id, int64_t volunteer_id,
			csr_signup_result *out, csr_err *err)
{
	csr_err local;
	if (!err)
		err = &local;
	csr_signup_result res = { 0 };
	event ev;
	person p;
	if (out)
		*out = res;
	csr_code rc = csr_require_self_or_lead(db, volunteer_id, err);
	if (rc != CSR_OK)
		return rc;
	rc = csr_tx_begin(db, err);
	if (rc == CSR_OK)
		rc = load_event(db, initiative_id, &ev, err);
	if (rc == CSR_OK)
		rc = load_person(db, volunteer_id, &p, err);
	if (rc == CSR_OK)
		rc = check_can_join(db, &ev, &p, err);
	if (rc == CSR_OK)
		rc = join(db, &ev, &p, NULL, &res, err);
	rc = csr_tx_end(db, rc, err);
	if (out && rc == CSR_OK)
		*out = res;
	return rc;
}

/* ---- cancelling and the waitlist ---- */

/* The earliest waitlisted active volunteer with no overlapping confirmed
 * place; *signup_id 0 when there is none. */
static csr_code next_waiting(csr_db *db, int64_t initiative_id, int64_t *signup_id,
			     int64_t *volunteer_id, csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db,
		"SELECT s.id, s.volunteer_id FROM signup s"
		" JOIN initiative i ON i.id = s.initiative_id"
		" JOIN volunteer v ON v.id = s.volunteer_id"
		" WHERE s.initiative_id = ?1 AND s.status = 'waitlisted' AND v.active = 1"
		" AND NOT EXISTS (SELECT 1 FROM signup o JOIN initiative oi ON oi.id = o.initiative_id"
		"  WHERE o.volunteer_id = s.volunteer_id AND o.status IN ('confirmed', 'attended')"
		"  AND oi.id <> i.id AND oi.starts_at < i.ends_at AND oi.ends_at > i.starts_at)"
		" ORDER BY s.id LIMIT 1", err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, initiative_id);
	int rc = sqlite3_step(st);
	*signup_id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	*volunteer_id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 1) : 0;
	csr_stmt_done(st);
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		return CSR_OK;
	return csr_db_fail(db, rc, N_("reading the waitlist"), err);
}

static csr_code promote(csr_db *db, int64_t initiative_id, int64_t signup_id,
			int64_t volunteer_id, csr_err *err)
{
	csr_code rc = set_place(db, signup_id, CSR_SIGNUP_CONFIRMED, err);
	if (rc == CSR_OK)
		rc = csr_audit_add(db, "signup.promote", "signup", signup_id, err,
				   "volunteer %lld on initiative %lld: waitlisted -> confirmed",
				   (long long)volunteer_id, (long long)initiative_id);
	if (rc == CSR_OK)
		rc = csr_notify(db, CSR_NOTE_PROMOTED, volunteer_id, initiative_id, signup_id, 0,
				NULL, err);
	return rc;
}

csr_code csr_signup_fill_places(csr_db *db, int64_t initiative_id, int64_t *first, int *count,
				csr_err *err)
{
	*first = 0;
	*count = 0;
	event ev = { 0 };
	csr_code rc = load_event(db, initiative_id, &ev, err);
	for (int room = ev.capacity - ev.confirmed; rc == CSR_OK && room > 0; room--) {
		int64_t signup_id, volunteer_id;
		rc = next_waiting(db, initiative_id, &signup_id, &volunteer_id, err);
		if (rc != CSR_OK || signup_id == 0)
			break;
		rc = promote(db, initiative_id, signup_id, volunteer_id, err);
		if (rc == CSR_OK && (*count)++ == 0)
			*first = volunteer_id;
	}
	return rc;
}

/* Agents may not give up a confirmed place later than the cutoff before the
 * start (leads may, at any time). Leaving the waitlist frees nobody's place,
 * so it is always allowed. */
static bool inside_cutoff(csr_db *db, int64_t starts_at)
{
	int hours = csr_db_config(db)->signup.cancel_cutoff_hours;
	return csr_now() > starts_at - (int64_t)hours * 3600;
}

/* A lead giving up someone else's confirmed place inside the cutoff says
 * why: the person could not have done it, and sees the reason. */
static csr_code check_cutoff(csr_db *db, const event *ev, const person *p, const place *pl,
			     const char *reason, csr_err *err)
{
	int hours = csr_db_config(db)->signup.cancel_cutoff_hours;
	if (pl->status != CSR_SIGNUP_CONFIRMED || !inside_cutoff(db, ev->starts_at))
		return CSR_OK;
	if (csr_db_actor(db)->role < CSR_ROLE_LEAD)
		return csr_fail(err, CSR_EREFUSED,
				csr_plural(hours, "It is too late to cancel your place on '%s': places can"
					   " be cancelled until %d hour before the start; ask a team lead",
					   "It is too late to cancel your place on '%s': places can"
					   " be cancelled until %d hours before the start; ask a team lead"),
				ev->title, hours);
	if (p->self || (reason && !csr_field_blank(reason)))
		return CSR_OK;
	return csr_fail(err, CSR_EREFUSED,
			csr_plural(hours, "A reason is required to give up %s's place on '%s' less"
				   " than %d hour before the start",
				   "A reason is required to give up %s's place on '%s' less"
				   " than %d hours before the start"),
			p->name, ev->title, hours);
}

static csr_code check_cancellable(csr_db *db, const event *ev, const person *p, const place *pl,
				  const char *reason, csr_err *err)
{
	bool recorded = pl->status == CSR_SIGNUP_ATTENDED || pl->status == CSR_SIGNUP_NOSHOW;
	if (recorded && p->self)
		return csr_fail(err, CSR_EREFUSED, _("Your attendance on '%s' is already recorded"),
				ev->title);
	if (recorded)
		return csr_fail(err, CSR_EREFUSED,
				_("The attendance of %s on '%s' is already recorded"), p->name,
				ev->title);
	return check_cutoff(db, ev, p, pl, reason, err);
}

static csr_code leave(csr_db *db, const event *ev, const person *p, const place *pl,
		      const char *reason, csr_signup_result *res, csr_err *err)
{
	int promoted = 0;
	char whom[CSR_SIGNUP_REASON_MAX + 64];
	csr_code rc = set_place(db, pl->id, CSR_SIGNUP_CANCELLED, err);
	if (rc == CSR_OK)
		rc = note_change(db, pl->id, p, reason, err);
	if (rc == CSR_OK)
		rc = csr_audit_add(db, "signup.cancel", "signup", pl->id, err,
				   "volunteer %lld on initiative %lld: %s -> cancelled%s",
				   (long long)p->id, (long long)ev->id, status_names[pl->status],
				   for_whom(p, reason, whom, sizeof whom));
	if (rc == CSR_OK && pl->status == CSR_SIGNUP_CONFIRMED)
		rc = csr_signup_fill_places(db, ev->id, &res->promoted_volunteer_id, &promoted, err);
	res->signup_id = pl->id;
	res->status = CSR_SIGNUP_CANCELLED;
	return rc;
}

csr_code csr_signup_cancel(csr_db *db, int64_t initiative_id, int64_t volunteer_id,
			   csr_signup_result *out, csr_err *err)
{
	return csr_signup_cancel_for(db, initiative_id, volunteer_id, NULL, out, err);
}

/* Before a cancel or a move's transaction: who may act, and the reason's
 * text. */
static csr_code check_acting(csr_db *db, int64_t volunteer_id, const char *reason,
			    csr_err *err)
{
	csr_code rc = csr_require_self_or_lead(db, volunteer_id, err);
	return rc == CSR_OK ? check_reason(reason, err) : rc;
}

/* Inside a transaction: gives up the person's place on the initiative as
 * a cancel does (ev and p: as read). */
static csr_code give_up(csr_db *db, int64_t initiative_id, int64_t volunteer_id,
			const char *reason, event *ev, person *p, csr_signup_result *res,
			csr_err *err)
{
	place pl;
	csr_code rc = load_event(db, initiative_id, ev, err);
	if (rc == CSR_OK)
		rc = load_person(db, volunteer_id, p, err);
	if (rc == CSR_OK)
		rc = load_place(db, ev, p, &pl, err);
	if (rc == CSR_OK)
		rc = check_cancellable(db, ev, p, &pl, reason, err);
	if (rc == CSR_OK)
		rc = leave(db, ev, p, &pl, reason, res, err);
	return rc;
}

csr_code csr_signup_cancel_for(csr_db *db, int64_t initiative_id, int64_t volunteer_id,
			       const char *reason, csr_signup_result *out, csr_err *err)
{
	csr_err local;
	if (!err)
		err = &local;
	csr_signup_result res = { 0 };
	event ev;
	person p;
	if (out)
		*out = res;
	csr_code rc = check_acting(db, volunteer_id, reason, err);
	if (rc != CSR_OK)
		return rc;
	rc = csr_tx_begin(db, err);
	if (rc == CSR_OK)
		rc = give_up(db, initiative_id, volunteer_id, reason, &ev, &p, &res, err);
	/* The person is told when a lead cancelled for them. */
	if (rc == CSR_OK && !p.self)
		rc = csr_notify(db, CSR_NOTE_PLACE_CANCELLED, p.id, ev.id, res.signup_id, 0, reason,
				err);
	rc = csr_tx_end(db, rc, err);
	if (out && rc == CSR_OK)
		*out = res;
	return rc;
}

/* ---- moving a place ---- */

static csr_code check_other(int64_t from_id, const event *to, csr_err *err)
{
	if (from_id != to->id)
		return CSR_OK;
	return csr_fail(err, CSR_EINVAL,
			_("A place moves to another initiative, not to '%s' again"),
			to->title);
}

csr_code csr_signup_move(csr_db *db, int64_t from_id, int64_t to_id, int64_t volunteer_id,
			 const char *reason, csr_signup_result *out, csr_err *err)
{
	csr_err local;
	if (!err)
		err = &local;
	csr_signup_result gone = { 0 }, res = { 0 };
	event from, to;
	person p;
	if (out)
		*out = res;
	csr_code rc = check_acting(db, volunteer_id, reason, err);
	if (rc != CSR_OK)
		return rc;
	rc = csr_tx_begin(db, err);
	if (rc == CSR_OK)
		rc = load_event(db, to_id, &to, err);
	if (rc == CSR_OK)
		rc = check_other(from_id, &to, err);
	/* Leaving first: the old place no longer overlaps the new one. */
	if (rc == CSR_OK)
		rc = give_up(db, from_id, volunteer_id, reason, &from, &p, &gone, err);
	if (rc == CSR_OK)
		rc = check_can_join(db, &to, &p, err);
	if (rc == CSR_OK)
		rc = join(db, &to, &p, reason, &res, err);
	if (rc == CSR_OK && !p.self)
		rc = csr_notify(db, CSR_NOTE_PLACE_MOVED, p.id, to.id, res.signup_id, 0, from.title,
				err);
	rc = csr_tx_end(db, rc, err);
	res.promoted_volunteer_id = gone.promoted_volunteer_id;
	if (out && rc == CSR_OK)
		*out = res;
	return rc;
}

/* ---- a group ---- */

/* One person of a group: a confirmed place or the reason why not. */
static csr_code join_confirmed(csr_db *db, event *ev, int64_t volunteer_id, csr_err *err)
{
	person p;
	csr_signup_result res = { 0 };
	csr_code rc = load_person(db, volunteer_id, &p, err);
	if (rc == CSR_OK)
		rc = check_can_join(db, ev, &p, err);
	if (rc == CSR_OK && ev->confirmed >= ev->capacity)
		rc = csr_fail(err, CSR_EREFUSED, _("'%s' has no free place left for %s"), ev->title,
			      p.name);
	if (rc == CSR_OK)
		rc = join(db, ev, &p, NULL, &res, err);
	if (rc == CSR_OK)
		ev->confirmed++;
	return rc;
}

csr_code csr_signup_add_group(csr_db *db, int64_t initiative_id, const int64_t *volunteer_ids,
			      int n, csr_err *err)
{
	csr_err local;
	if (!err)
		err = &local;
	event ev;
	/* TRANSLATORS: completes "Only team leads may %s". */
	csr_code rc = csr_require_role(db, CSR_ROLE_LEAD, N_("sign up a group"), err);
	if (rc != CSR_OK)
		return rc;
	rc = csr_tx_begin(db, err);
	if (rc == CSR_OK)
		rc = load_event(db, initiative_id, &ev, err);
	for (int i = 0; rc == CSR_OK && i < n; i++)
		rc = join_confirmed(db, &ev, volunteer_ids[i], err);
	return csr_tx_end(db, rc, err);
}

/* ---- attendance ---- */

int csr_signup_default_minutes(int64_t starts_at, int64_t ends_at)
{
	int64_t minutes = (ends_at - starts_at) / 60;
	if (minutes < 1)
		return 1;
	return minutes > CSR_HOURS_MAX_MINUTES ? CSR_HOURS_MAX_MINUTES : (int)minutes;
}

static csr_code check_started(const event *ev, csr_err *err)
{
	if (ev->starts_at > csr_now())
		return csr_fail(err, CSR_EREFUSED, _("'%s' has not started yet: attendance can be"
						     " recorded once it starts"), ev->title);
	return CSR_OK;
}

static csr_code check_minutes(int minutes, csr_err *err)
{
	if (minutes >= 0 && minutes <= CSR_HOURS_MAX_MINUTES)
		return CSR_OK;
	return csr_fail(err, CSR_EINVAL, _("Minutes must be a whole number from 1 to %d"),
			CSR_HOURS_MAX_MINUTES);
}

/* The hours that go with a place's new attendance, when the config
 * records them. */
static csr_code attendance_hours(csr_db *db, const event *ev, const person *p, int64_t signup_id,
				 csr_signup_status s, int minutes, csr_err *err)
{
	if (!csr_db_config(db)->attendance.record_hours)
		return CSR_OK;
	if (s != CSR_SIGNUP_ATTENDED)
		return csr_place_hours_remove(db, signup_id, err);
	csr_place_hours h = {
		.signup_id = signup_id, .volunteer_id = p->id, .initiative_id = ev->id,
		.starts_at = ev->starts_at, .employee_id = p->employee_id,
		.minutes = minutes ? minutes : csr_signup_default_minutes(ev->starts_at, ev->ends_at),
	};
	return csr_place_hours_record(db, &h, err);
}

static csr_code mark_place(csr_db *db, const event *ev, const person *p, const place *pl,
			   csr_signup_status s, int minutes, csr_err *err)
{
	char whom[CSR_SIGNUP_REASON_MAX + 64];
	csr_code rc = set_place(db, pl->id, s, err);
	if (rc == CSR_OK)
		rc = note_change(db, pl->id, p, NULL, err);
	if (rc == CSR_OK)
		rc = csr_audit_add(db, "signup.mark", "signup", pl->id, err,
				   "volunteer %lld on initiative %lld: %s -> %s%s", (long long)p->id,
				   (long long)ev->id, status_names[pl->status], status_names[s],
				   for_whom(p, NULL, whom, sizeof whom));
	if (rc == CSR_OK)
		rc = attendance_hours(db, ev, p, pl->id, s, minutes, err);
	return rc;
}

/* Reads what a mark or a walk-in is about, inside its transaction. */
static csr_code load_attendance(csr_db *db, int64_t initiative_id, int64_t volunteer_id,
				event *ev, person *p, csr_err *err)
{
	csr_code rc = load_event(db, initiative_id, ev, err);
	if (rc == CSR_OK)
		rc = load_person(db, volunteer_id, p, err);
	if (rc == CSR_OK)
		rc = check_started(ev, err);
	return rc;
}

csr_code csr_signup_mark(csr_db *db, int64_t initiative_id, int64_t volunteer_id,
			 bool attended, csr_err *err)
{
	return csr_signup_mark_minutes(db, initiative_id, volunteer_id, attended, 0, err);
}

static csr_code mark_existing(csr_db *db, const event *ev, const person *p, csr_signup_status s,
			     int minutes, csr_err *err)
{
	place pl;
	csr_code rc = load_place(db, ev, p, &pl, err);
	return rc == CSR_OK ? mark_place(db, ev, p, &pl, s, minutes, err) : rc;
}

static csr_code check_walk_in(const event *ev, const person *p, csr_err *err)
{
	if (ev->status == CSR_INITIATIVE_CANCELLED)
		return csr_fail(err, CSR_EREFUSED, _("'%s' has been cancelled"), ev->title);
	if (ev->status == CSR_INITIATIVE_DRAFT)
		return csr_fail(err, CSR_EREFUSED,
				_("'%s' is not open for sign-ups yet"), ev->title);
	if (!p->active)
		return csr_fail(err, CSR_EREFUSED, _("%s is not an active volunteer"), p->name);
	return CSR_OK;
}

/* Someone who came without a place: one, attended, whatever the capacity. */
static csr_code add_walk_in(csr_db *db, const event *ev, const person *p, int minutes,
			    csr_err *err)
{
	place pl = { .status = CSR_SIGNUP_CONFIRMED };
	csr_code rc = insert_place(db, ev, p, CSR_SIGNUP_ATTENDED, &pl.id, err);
	if (rc == CSR_OK)
		rc = csr_audit_add(db, "signup.walk_in", "signup", pl.id, err,
				   "volunteer %lld on initiative %lld: walk-in for %s",
				   (long long)p->id, (long long)ev->id, p->employee_id);
	if (rc == CSR_OK)
		rc = note_change(db, pl.id, p, NULL, err);
	if (rc == CSR_OK)
		rc = attendance_hours(db, ev, p, pl.id, CSR_SIGNUP_ATTENDED, minutes, err);
	return rc;
}

/* A walk-in who has a place after all (on the waitlist, say) is marked
 * attended on it. */
static csr_code walk_in_place(csr_db *db, const event *ev, const person *p, int minutes,
			      csr_err *err)
{
	place pl;
	csr_err none;
	csr_code rc = load_place(db, ev, p, &pl, &none);
	if (rc == CSR_OK)
		return mark_place(db, ev, p, &pl, CSR_SIGNUP_ATTENDED, minutes, err);
	if (rc == CSR_ENOTFOUND)
		return add_walk_in(db, ev, p, minutes, err);
	return csr_fail(err, rc, "%s", none.msg);
}

/* A mark (s) or a walk-in, in one transaction. */
static csr_code attend(csr_db *db, int64_t initiative_id, int64_t volunteer_id,
		       csr_signup_status s, bool walk_in, int minutes, csr_err *err)
{
	csr_err local;
	if (!err)
		err = &local;
	event ev;
	person p;
	csr_code rc = csr_require_role(db, CSR_ROLE_LEAD,
				       /* TRANSLATORS: these complete "Only team leads may %s". */
				       walk_in ? N_("add a walk-in") : _("record attendance"), err);
	if (rc == CSR_OK)
		rc = check_minutes(minutes, err);
	if (rc != CSR_OK)
		return rc;
	rc = csr_tx_begin(db, err);
	if (rc == CSR_OK)
		rc = load_attendance(db, initiative_id, volunteer_id, &ev, &p, err);
	if (rc == CSR_OK && walk_in)
		rc = check_walk_in(&ev, &p, err);
	if (rc == CSR_OK)
		rc = walk_in ? walk_in_place(db, &ev, &p, minutes, err)
			     : mark_existing(db, &ev, &p, s, minutes, err);
	return csr_tx_end(db, rc, err);
}

csr_code csr_signup_mark_minutes(csr_db *db, int64_t initiative_id, int64_t volunteer_id,
				 bool attended, int minutes, csr_err *err)
{
	return attend(db, initiative_id, volunteer_id,
		      attended ? CSR_SIGNUP_ATTENDED : CSR_SIGNUP_NOSHOW, false, minutes, err);
}

csr_code csr_signup_walk_in(csr_db *db, int64_t initiative_id, int64_t volunteer_id,
			    int minutes, csr_err *err)
{
	return attend(db, initiative_id, volunteer_id, CSR_SIGNUP_ATTENDED, true, minutes, err);
}

csr_code csr_signup_inside_cutoff(csr_db *db, int64_t initiative_id, bool *inside,
				  csr_err *err)
{
	csr_err local;
	if (!err)
		err = &local;
	event ev;
	*inside = false;
	csr_code rc = load_event(db, initiative_id, &ev, err);
	/* A place on the waitlist can always be left: only a confirmed one counts. */
	if (rc == CSR_OK)
		*inside = inside_cutoff(db, ev.starts_at) && ev.confirmed < ev.capacity;
	return rc;
}

/* ---- reads ---- */

#define PLACE_SELECT \
	"SELECT s.id, s.initiative_id, s.volunteer_id, s.status, s.created_at, s.updated_at," \
	" v.employee_id, v.name, i.title, i.starts_at, coalesce(s.changed_by, 0)," \
	" s.changed_by_name, s.reason"
#define PLACE_FROM \
	" FROM signup s JOIN volunteer v ON v.id = s.volunteer_id" \
	" JOIN initiative i ON i.id = s.initiative_id"
#define PLACE_COLUMNS PLACE_SELECT PLACE_FROM

static void read_row(sqlite3_stmt *st, void *row)
{
	csr_signup *r = row;
	memset(r, 0, sizeof *r);
	r->id = sqlite3_column_int64(st, 0);
	r->initiative_id = sqlite3_column_int64(st, 1);
	r->volunteer_id = sqlite3_column_int64(st, 2);
	r->status = parse_status((const char *)sqlite3_column_text(st, 3));
	r->created_at = sqlite3_column_int64(st, 4);
	r->updated_at = sqlite3_column_int64(st, 5);
	csr_col_text(st, 6, r->employee_id, sizeof r->employee_id);
	csr_col_text(st, 7, r->name, sizeof r->name);
	csr_col_text(st, 8, r->title, sizeof r->title);
	r->starts_at = sqlite3_column_int64(st, 9);
	r->changed_by = sqlite3_column_int64(st, 10);
	csr_col_text(st, 11, r->changed_by_name, sizeof r->changed_by_name);
	csr_col_text(st, 12, r->reason, sizeof r->reason);
}

/* Steps st to the end, filling up to max rows. */
static csr_code read_rows(csr_db *db, sqlite3_stmt *st, csr_signup *rows, int max, int *n,
			  csr_err *err)
{
	return csr_read_rows(db, st, read_row, rows, sizeof *rows, max, n,
			     N_("listing sign-ups"), err);
}

csr_code csr_signup_get(csr_db *db, int64_t initiative_id, int64_t volunteer_id,
			csr_signup *out, csr_err *err)
{
	csr_err local;
	if (!err)
		err = &local;
	sqlite3_stmt *st = csr_db_stmt(db, PLACE_COLUMNS " WHERE s.initiative_id = ?1"
				       " AND s.volunteer_id = ?2 AND s.status <> 'cancelled'", err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, initiative_id);
	sqlite3_bind_int64(st, 2, volunteer_id);
	int n = 0;
	csr_code rc = read_rows(db, st, out, 1, &n, err);
	if (rc == CSR_OK && n == 0)
		rc = csr_fail(err, CSR_ENOTFOUND,
			      _("Volunteer %lld has no place on initiative %lld"),
			      (long long)volunteer_id, (long long)initiative_id);
	return rc;
}

csr_code csr_signup_list_initiative(csr_db *db, int64_t initiative_id, int offset,
				    csr_signup *rows, int max, int *n, csr_err *err)
{
	csr_err local;
	if (!err)
		err = &local;
	*n = 0;
	csr_code rc = csr_require_names_on(db, initiative_id, err);
	if (rc != CSR_OK)
		return rc;
	sqlite3_stmt *st = csr_db_stmt(db, PLACE_COLUMNS " WHERE s.initiative_id = ?1"
				       " AND s.status <> 'cancelled'"
				       " ORDER BY s.status = 'waitlisted', s.id LIMIT ?2 OFFSET ?3",
				       err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, initiative_id);
	sqlite3_bind_int(st, 2, max);
	sqlite3_bind_int(st, 3, offset);
	return read_rows(db, st, rows, max, n, err);
}

csr_code csr_signup_list_volunteer(csr_db *db, int64_t volunteer_id, bool upcoming_only,
				   int offset, csr_signup *rows, int max, int *n, csr_err *err)
{
	csr_err local;
	if (!err)
		err = &local;
	*n = 0;
	sqlite3_stmt *st = csr_db_stmt(db, PLACE_COLUMNS " WHERE s.volunteer_id = ?1"
				       " AND s.status <> 'cancelled' AND (?2 = 0 OR i.starts_at > ?3)"
				       " ORDER BY i.starts_at DESC, s.id DESC LIMIT ?4 OFFSET ?5",
				       err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, volunteer_id);
	sqlite3_bind_int(st, 2, upcoming_only);
	sqlite3_bind_int64(st, 3, csr_now());
	sqlite3_bind_int(st, 4, max);
	sqlite3_bind_int(st, 5, offset);
	return read_rows(db, st, rows, max, n, err);
}

csr_code csr_signup_get_id(csr_db *db, int64_t signup_id, csr_signup *out, csr_err *err)
{
	return csr_read_by_id(db, csr_db_stmt(db, PLACE_COLUMNS " WHERE s.id = ?1", err), signup_id,
			      read_row, out, N_("There is no place %lld"), err);
}

/* ---- keyset pages ---- */

/* One group of an initiative's places (0: with a place, 1: waitlisted) by
 * arrival, from the place with id ?3 on, [backward]. The group is an
 * expression of signup_place_order (migration 8), which SQLite seeks by
 * equality only: so a page reads its key's group and, when that runs out,
 * the next one. */
/* ?5: a LIKE pattern for the name or employee ID, NULL for all; a search
 * tests the initiative's places on the way through the index. */
#define PLACE_MATCHING \
	" AND (?5 IS NULL OR v.name LIKE ?5 ESCAPE '\\' OR v.employee_id LIKE ?5 ESCAPE '\\')"

static const char *const place_group_sql[2] = {
	PLACE_COLUMNS " WHERE s.initiative_id = ?1 AND s.status <> 'cancelled'"
	" AND (s.status = 'waitlisted') = ?2 AND s.id > ?3" PLACE_MATCHING
	" ORDER BY s.id LIMIT ?4",
	PLACE_COLUMNS " WHERE s.initiative_id = ?1 AND s.status <> 'cancelled'"
	" AND (s.status = 'waitlisted') = ?2 AND s.id < ?3" PLACE_MATCHING
	" ORDER BY s.id DESC LIMIT ?4",
};

enum { PLACE_SEARCH_MAX = 200 }; /* bytes of a search */

/* The LIKE pattern for a search ("" for none). */
static csr_code place_pattern(const char *search, char *pattern, size_t size, csr_err *err)
{
	pattern[0] = '\0';
	if (search && *search && !csr_like_pattern(search, pattern, size))
		return csr_fail(err, CSR_EINVAL, _("Search text is too long (at most %d bytes)"),
				PLACE_SEARCH_MAX);
	return CSR_OK;
}

static csr_code read_place_group(csr_db *db, int64_t initiative_id, const char *pattern,
				 bool waitlisted, int64_t from_id, bool backward, csr_signup *rows,
				 int max, int *n, csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db, place_group_sql[backward], err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, initiative_id);
	sqlite3_bind_int(st, 2, waitlisted);
	sqlite3_bind_int64(st, 3, from_id);
	sqlite3_bind_int(st, 4, max);
	csr_bind_text_or_null(st, 5, pattern);
	return read_rows(db, st, rows, max, n, err);
}

csr_code csr_signup_page_initiative(csr_db *db, int64_t initiative_id, const char *search,
				    const csr_signup *after, bool backward, csr_signup *rows,
				    int max, int *n, csr_err *err)
{
	csr_err local;
	char pattern[2 * PLACE_SEARCH_MAX + 3];
	if (!err)
		err = &local;
	*n = 0;
	csr_code rc = place_pattern(search, pattern, sizeof pattern, err);
	if (rc == CSR_OK) /* private categories: agents get the count alone */
		rc = csr_require_names_on(db, initiative_id, err);
	if (rc != CSR_OK || max <= 0)
		return rc;
	/* The list read forward is the places, then the waitlist; backward the
	 * other way round. The key is read before rows (which it may be one
	 * of) is written. */
	bool first = backward;
	bool group = after ? after->status == CSR_SIGNUP_WAITLISTED : first;
	int64_t from = after ? after->id : backward ? INT64_MAX : 0;
	rc = read_place_group(db, initiative_id, pattern, group, from, backward, rows, max, n, err);
	if (rc == CSR_OK && *n < max && group == first) {
		int more = 0;
		rc = read_place_group(db, initiative_id, pattern, !first, backward ? INT64_MAX : 0,
				      backward, rows + *n, max - *n, &more, err);
		*n += more;
	}
	if (rc == CSR_OK && backward)
		csr_rows_reverse(rows, *n, sizeof *rows);
	return rc;
}

csr_code csr_signup_count_initiative(csr_db *db, int64_t initiative_id, const char *search,
				     int64_t *out, csr_err *err)
{
	csr_err local;
	char pattern[2 * PLACE_SEARCH_MAX + 3];
	if (!err)
		err = &local;
	csr_code rc = place_pattern(search, pattern, sizeof pattern, err);
	if (rc == CSR_OK && pattern[0]) /* a search would tell who (private categories) */
		rc = csr_require_names_on(db, initiative_id, err);
	if (rc != CSR_OK)
		return rc;
	/* Without a search, the running count of migration 6, kept by triggers
	 * in every writing transaction: one row, where counting reads an index
	 * entry a place. */
	sqlite3_stmt *st = pattern[0]
		? csr_db_stmt(db, "SELECT count(*) FROM signup s JOIN volunteer v ON v.id = s.volunteer_id"
			      " WHERE s.initiative_id = ?1 AND s.status <> 'cancelled'"
			      " AND (v.name LIKE ?2 ESCAPE '\\' OR v.employee_id LIKE ?2 ESCAPE '\\')", err)
		: csr_db_stmt(db, "SELECT coalesce(sum(live), 0) FROM initiative_places"
			      " WHERE initiative_id = ?1", err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, initiative_id);
	if (pattern[0])
		sqlite3_bind_text(st, 2, pattern, -1, SQLITE_TRANSIENT);
	return csr_read_count(db, st, out, N_("counting places"), err);
}

/* A volunteer's places in each span ([span]); ?2 is now. */
#define SPAN_FROM PLACE_FROM " WHERE s.volunteer_id = ?1"
/* Upcoming: live places, and those a lead cancelled for the person (who
 * sees who did it and why). */
#define UPCOMING_PLACES \
	" AND (s.status <> 'cancelled' OR s.changed_by_name IS NOT NULL) AND i.starts_at > ?2"
#define PAST_PLACES " AND s.status IN ('confirmed', 'attended', 'no-show') AND i.starts_at <= ?2"
#define LATER " AND (i.starts_at, s.id) > (?3, ?4) ORDER BY i.starts_at, s.id LIMIT ?5"
#define EARLIER " AND (i.starts_at, s.id) < (?3, ?4) ORDER BY i.starts_at DESC, s.id DESC LIMIT ?5"

/* [span][backward]: upcoming soonest first, past newest first. A volunteer
 * has few places: they are found through signup_by_volunteer and sorted. */
static const char *const span_page_sql[2][2] = {
	[CSR_SPAN_UPCOMING] = { PLACE_SELECT SPAN_FROM UPCOMING_PLACES LATER,
				PLACE_SELECT SPAN_FROM UPCOMING_PLACES EARLIER },
	[CSR_SPAN_PAST] = { PLACE_SELECT SPAN_FROM PAST_PLACES EARLIER,
			    PLACE_SELECT SPAN_FROM PAST_PLACES LATER },
};

static const char *const span_count_sql[2] = {
	[CSR_SPAN_UPCOMING] = "SELECT count(*)" SPAN_FROM UPCOMING_PLACES,
	[CSR_SPAN_PAST] = "SELECT count(*)" SPAN_FROM PAST_PLACES,
};

static csr_code check_span(csr_span span, csr_err *err)
{
	if (span == CSR_SPAN_UPCOMING || span == CSR_SPAN_PAST)
		return CSR_OK;
	return csr_fail(err, CSR_EINVAL, _("Span %d is not upcoming or past"), (int)span);
}

csr_code csr_signup_page_volunteer(csr_db *db, int64_t volunteer_id, csr_span span,
				   const csr_signup *after, bool backward, csr_signup *rows,
				   int max, int *n, csr_err *err)
{
	csr_err local;
	if (!err)
		err = &local;
	*n = 0;
	csr_code rc = check_span(span, err);
	if (rc != CSR_OK || max <= 0)
		return rc;
	sqlite3_stmt *st = csr_db_stmt(db, span_page_sql[span][backward], err);
	if (!st)
		return err->code;
	/* Upcoming places are read up the dates, past ones down (backward:
	 * the other way). */
	bool down = (span == CSR_SPAN_PAST) != backward;
	sqlite3_bind_int64(st, 1, volunteer_id);
	sqlite3_bind_int64(st, 2, csr_now());
	csr_bind_time_key(st, 3, after, after ? after->starts_at : 0, after ? after->id : 0, down);
	sqlite3_bind_int(st, 5, max);
	return csr_read_page(db, st, read_row, rows, sizeof *rows, max, n, backward,
			     N_("listing sign-ups"), err);
}

csr_code csr_signup_count_volunteer(csr_db *db, int64_t volunteer_id, csr_span span, int64_t *out,
				    csr_err *err)
{
	csr_err local;
	if (!err)
		err = &local;
	csr_code rc = check_span(span, err);
	if (rc != CSR_OK)
		return rc;
	sqlite3_stmt *st = csr_db_stmt(db, span_count_sql[span], err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, volunteer_id);
	sqlite3_bind_int64(st, 2, csr_now());
	return csr_read_count(db, st, out, N_("counting places"), err);
}

csr_code csr_signup_waitlist_position(csr_db *db, const csr_signup *place, int *out,
				      csr_err *err)
{
	csr_err local;
	*out = 0;
	if (place->status != CSR_SIGNUP_WAITLISTED)
		return CSR_OK;
	return waitlist_position(db, place->initiative_id, place->id, out, err ? err : &local);
}

csr_code csr_signup_count_status(csr_db *db, int64_t initiative_id, csr_signup_status status,
				 int64_t *out, csr_err *err)
{
	csr_err local;
	if (!err)
		err = &local;
	sqlite3_stmt *st = csr_db_stmt(db, "SELECT count(*) FROM signup WHERE initiative_id = ?1"
				       " AND status = ?2", err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, initiative_id);
	sqlite3_bind_text(st, 2, csr_signup_status_name(status), -1, SQLITE_STATIC);
	return csr_read_count(db, st, out, N_("counting places"), err);
}

/* ?2 is now; the newest started place first. */
#define NEWEST_PAST(statuses) \
	PLACE_SELECT SPAN_FROM " AND s.status IN " statuses " AND i.starts_at <= ?2" \
	" ORDER BY i.starts_at DESC, s.id DESC LIMIT 1"

csr_code csr_signup_newest_past(csr_db *db, int64_t volunteer_id, bool attended_only,
				csr_signup *out, csr_err *err)
{
	csr_err local;
	if (!err)
		err = &local;
	sqlite3_stmt *st = csr_db_stmt(db, attended_only ? NEWEST_PAST("('attended')")
							: NEWEST_PAST("('attended', 'confirmed')"), err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, volunteer_id);
	sqlite3_bind_int64(st, 2, csr_now());
	int n = 0;
	csr_code rc = read_rows(db, st, out, 1, &n, err);
	if (rc == CSR_OK && n == 0)
		rc = csr_fail(err, CSR_ENOTFOUND, _("No place on an initiative that has started"));
	return rc;
}
