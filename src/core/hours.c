/* SPDX-License-Identifier: MIT */
/* Volunteer hours: logging, approval and the lists. */
#include "csrdesk/hours.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "csrdesk/clock.h"
#include "csrdesk/i18n.h"
#include "db_private.h"
#include "notification_private.h"
#include "records.h"

static const char *const status_names[] = { "pending", "approved", "rejected" };

const char *csr_hours_status_name(csr_hours_status s)
{
	if ((unsigned)s < sizeof status_names / sizeof status_names[0])
		return status_names[s];
	return "?";
}

const char *csr_hours_status_label(csr_hours_status s)
{
	switch (s) {
	case CSR_HOURS_PENDING:
		return C_("hours status", "pending");
	case CSR_HOURS_APPROVED:
		return C_("hours status", "approved");
	case CSR_HOURS_REJECTED:
		return C_("hours status", "rejected");
	}
	return "?";
}

const char *csr_time_kind_name(csr_time_kind t)
{
	return t == CSR_TIME_OWN ? "own" : t == CSR_TIME_COMPANY ? "company" : "default";
}

static csr_hours_status status_parse(const char *name)
{
	for (int i = 0; i < (int)(sizeof status_names / sizeof status_names[0]); i++)
		if (name && strcmp(name, status_names[i]) == 0)
			return (csr_hours_status)i;
	return CSR_HOURS_PENDING;
}

/* The first second of tomorrow, local time: hours may be logged for today. */
static int64_t tomorrow(void)
{
	time_t now = (time_t)csr_now();
	struct tm tm;
	localtime_r(&now, &tm);
	tm = (struct tm){ .tm_year = tm.tm_year, .tm_mon = tm.tm_mon, .tm_mday = tm.tm_mday + 1,
			  .tm_isdst = -1 };
	return (int64_t)mktime(&tm);
}

static csr_code validate(const csr_hours *h, csr_err *err)
{
	if (h->minutes < 1 || h->minutes > CSR_HOURS_MAX_MINUTES)
		return csr_fail(err, CSR_EINVAL, _("Minutes must be a whole number from 1 to %d"),
				CSR_HOURS_MAX_MINUTES);
	if (h->worked_on <= 0)
		return csr_fail(err, CSR_EINVAL, _("Date worked is required"));
	if (h->worked_on >= tomorrow())
		return csr_fail(err, CSR_EINVAL, _("Date worked cannot be in the future"));
	return csr_field_check(h->note, sizeof h->note, CSR_TEXT_LINES, N_("Note"), err);
}

static csr_code check_refs(csr_db *db, const csr_hours *h, csr_err *err)
{
	csr_code rc = csr_require_volunteer(db, h->volunteer_id, err);
	if (rc == CSR_OK && h->initiative_id)
		rc = csr_require_initiative(db, h->initiative_id, err);
	return rc;
}

bool csr_hours_may_decide(csr_db *db, int64_t volunteer_id)
{
	int64_t me = csr_db_actor(db)->volunteer_id;
	bool own = me != 0 && me == volunteer_id;
	return csr_db_actor(db)->role >= CSR_ROLE_LEAD &&
	       (!own || csr_db_config(db)->hours.self_approval);
}

/* Hours a lead enters for someone else need no second look: approved by
 * the lead, now. Their own wait for another lead unless self_approval. */
static void set_decision(csr_db *db, csr_hours *h)
{
	const csr_actor *a = csr_db_actor(db);
	bool lead = csr_hours_may_decide(db, h->volunteer_id);
	h->status = lead ? CSR_HOURS_APPROVED : CSR_HOURS_PENDING;
	h->decided_by = lead ? a->volunteer_id : 0;
	h->decided_at = lead ? csr_now() : 0;
}

/* CSR_TIME_DEFAULT becomes the initiative's default (company time when the
 * hours are tied to none). */
static csr_code set_time(csr_db *db, csr_hours *h, csr_err *err)
{
	if ((unsigned)h->time > CSR_TIME_OWN)
		return csr_fail(err, CSR_EINVAL, "%s", _("Hours are in company time or in own time"));
	if (h->time != CSR_TIME_DEFAULT)
		return CSR_OK;
	int64_t own = 0;
	csr_code rc = CSR_OK;
	if (h->initiative_id) {
		sqlite3_stmt *st = csr_db_stmt(db, "SELECT own_time FROM initiative WHERE id = ?1",
					       err);
		if (!st)
			return csr_err_code(err);
		sqlite3_bind_int64(st, 1, h->initiative_id);
		rc = csr_read_count(db, st, &own, N_("logging the hours"), err);
	}
	h->time = own ? CSR_TIME_OWN : CSR_TIME_COMPANY;
	return rc;
}

static csr_code insert(csr_db *db, csr_hours *h, csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db,
		"INSERT INTO hours (volunteer_id, initiative_id, worked_on, minutes, status,"
		" decided_by, decided_at, note, created_at, own_time)"
		" VALUES (?1, nullif(?2, 0), ?3, ?4, ?5, nullif(?6, 0), nullif(?7, 0), ?8, ?9, ?10)",
		err);
	if (!st)
		return csr_err_code(err);
	sqlite3_bind_int64(st, 1, h->volunteer_id);
	sqlite3_bind_int64(st, 2, h->initiative_id);
	sqlite3_bind_int64(st, 3, h->worked_on);
	sqlite3_bind_int(st, 4, h->minutes);
	sqlite3_bind_text(st, 5, csr_hours_status_name(h->status), -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 6, h->decided_by);
	sqlite3_bind_int64(st, 7, h->decided_at);
	sqlite3_bind_text(st, 8, h->note, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 9, csr_now());
	sqlite3_bind_int(st, 10, h->time == CSR_TIME_OWN);
	int step = sqlite3_step(st);
	csr_stmt_done(st);
	if (step != SQLITE_DONE)
		return csr_db_fail(db, step, N_("logging the hours"), err);
	h->id = sqlite3_last_insert_rowid(csr_db_sqlite(db));
	char day[CSR_TIME_TEXT_MAX];
	csr_date_format_machine(h->worked_on, day, sizeof day); /* a record: ISO */
	return csr_audit_add(db, "hours.log", "hours", h->id, err,
			     "%d minutes on %s for volunteer %lld (%s, %s)", h->minutes, day,
			     (long long)h->volunteer_id, csr_hours_status_name(h->status),
			     csr_time_kind_name(h->time));
}

csr_code csr_hours_log(csr_db *db, csr_hours *h, csr_err *err)
{
	csr_code rc = csr_tx_begin(db, err);
	if (rc)
		return rc;
	rc = csr_require_self_or_lead(db, h->volunteer_id, err);
	if (rc == CSR_OK)
		rc = validate(h, err);
	if (rc == CSR_OK)
		rc = check_refs(db, h, err);
	if (rc == CSR_OK)
		rc = set_time(db, h, err);
	if (rc == CSR_OK) {
		set_decision(db, h);
		rc = insert(db, h, err);
	}
	return csr_tx_end(db, rc, err);
}

#define HOURS_SELECT \
	"SELECT h.id, h.volunteer_id, coalesce(h.initiative_id, 0), h.worked_on, h.minutes," \
	" h.status, coalesce(h.decided_by, 0), coalesce(h.decided_at, 0), h.note, v.name," \
	" coalesce(i.title, ''), h.reason, v.employee_id, h.own_time" \
	" FROM hours h JOIN volunteer v ON v.id = h.volunteer_id" \
	" LEFT JOIN initiative i ON i.id = h.initiative_id"

static void read_row(sqlite3_stmt *st, void *row)
{
	csr_hours *h = row;
	h->id = sqlite3_column_int64(st, 0);
	h->volunteer_id = sqlite3_column_int64(st, 1);
	h->initiative_id = sqlite3_column_int64(st, 2);
	h->worked_on = sqlite3_column_int64(st, 3);
	h->minutes = sqlite3_column_int(st, 4);
	h->status = status_parse((const char *)sqlite3_column_text(st, 5));
	h->decided_by = sqlite3_column_int64(st, 6);
	h->decided_at = sqlite3_column_int64(st, 7);
	csr_col_text(st, 8, h->note, sizeof h->note);
	csr_col_text(st, 9, h->name, sizeof h->name);
	csr_col_text(st, 10, h->title, sizeof h->title);
	csr_col_text(st, 11, h->reason, sizeof h->reason);
	csr_col_text(st, 12, h->employee_id, sizeof h->employee_id);
	h->time = sqlite3_column_int(st, 13) ? CSR_TIME_OWN : CSR_TIME_COMPANY;
}

/* Steps st to the end, filling up to max rows. */
static csr_code read_rows(csr_db *db, sqlite3_stmt *st, csr_hours *rows, int max, int *n,
			  csr_err *err)
{
	return csr_read_rows(db, st, read_row, rows, sizeof *rows, max, n, N_("listing hours"), err);
}

csr_code csr_hours_list(csr_db *db, int64_t volunteer_id, int offset, csr_hours *rows,
			int max, int *n, csr_err *err)
{
	*n = 0;
	sqlite3_stmt *st = volunteer_id
		? csr_db_stmt(db, HOURS_SELECT " WHERE h.volunteer_id = ?1"
				  " ORDER BY h.worked_on DESC, h.id DESC LIMIT ?2 OFFSET ?3", err)
		: csr_db_stmt(db, HOURS_SELECT " WHERE h.status = 'pending'"
				  " ORDER BY h.worked_on DESC, h.id DESC LIMIT ?2 OFFSET ?3", err);
	if (!st)
		return csr_err_code(err);
	sqlite3_bind_int64(st, 1, volunteer_id); /* unused by the pending list */
	sqlite3_bind_int(st, 2, max > 0 ? max : 0);
	sqlite3_bind_int(st, 3, offset > 0 ? offset : 0);
	return read_rows(db, st, rows, max, n, err);
}

csr_code csr_hours_get(csr_db *db, int64_t id, csr_hours *out, csr_err *err)
{
	return csr_read_by_id(db, csr_db_stmt(db, HOURS_SELECT " WHERE h.id = ?1", err), id,
			      read_row, out, N_("There are no hours %lld"), err);
}

/* ---- decisions ---- */

/* A decision is made on pending hours only: it is not silently
 * overturned (csr_hours_revert takes it back first, in the audit log). */
static csr_code check_pending(const csr_hours *h, csr_err *err)
{
	if (h->status == CSR_HOURS_PENDING)
		return CSR_OK;
	if (h->status == CSR_HOURS_APPROVED)
		return csr_fail(err, CSR_EREFUSED, _("These hours were already approved"));
	return csr_fail(err, CSR_EREFUSED, _("These hours were already rejected"));
}

static csr_code check_approver(csr_db *db, const csr_hours *h, csr_err *err)
{
	if (csr_hours_may_decide(db, h->volunteer_id))
		return CSR_OK;
	return csr_fail(err, CSR_EREFUSED, _("You cannot approve your own hours: another team lead"
					     " must approve them"));
}

/* Sets the status of hours id, who decided (none for pending) and the reason. */
static csr_code write_status(csr_db *db, int64_t id, csr_hours_status s, const char *reason,
			     csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db,
		"UPDATE hours SET status = ?1, decided_by = nullif(?2, 0), decided_at = nullif(?3, 0),"
		" reason = ?4 WHERE id = ?5", err);
	if (!st)
		return csr_err_code(err);
	bool decided = s != CSR_HOURS_PENDING;
	sqlite3_bind_text(st, 1, csr_hours_status_name(s), -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, decided ? csr_db_actor(db)->volunteer_id : 0);
	sqlite3_bind_int64(st, 3, decided ? csr_now() : 0);
	sqlite3_bind_text(st, 4, reason, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, id);
	int step = sqlite3_step(st);
	csr_stmt_done(st);
	return step == SQLITE_DONE ? CSR_OK : csr_db_fail(db, step, N_("saving the decision"), err);
}

/* The audit names whose hours they were (employee ID) and what they were. */
static csr_code audit_decision(csr_db *db, const char *action, const csr_hours *h,
			       const char *what, csr_err *err)
{
	char day[CSR_TIME_TEXT_MAX];
	csr_date_format_machine(h->worked_on, day, sizeof day);
	return csr_audit_add(db, action, "hours", h->id, err, "%d minutes on %s for %s: %s",
			     h->minutes, day, h->employee_id, what);
}

/* The person is told of a decision on hours they logged (not of their own). */
static csr_code tell_decision(csr_db *db, const csr_hours *h, csr_hours_status s,
			      const char *reason, csr_err *err)
{
	if (h->volunteer_id == csr_db_actor(db)->volunteer_id)
		return CSR_OK;
	return csr_notify(db, s == CSR_HOURS_APPROVED ? CSR_NOTE_HOURS_APPROVED
						      : CSR_NOTE_HOURS_REJECTED,
			  h->volunteer_id, h->initiative_id, 0, h->id, reason, err);
}

static csr_code decide(csr_db *db, int64_t id, csr_hours_status s, const char *reason,
		       csr_err *err)
{
	csr_hours h;
	csr_code rc = csr_hours_get(db, id, &h, err);
	if (rc == CSR_OK)
		rc = check_pending(&h, err);
	if (rc == CSR_OK && s == CSR_HOURS_APPROVED)
		rc = check_approver(db, &h, err);
	if (rc == CSR_OK)
		rc = write_status(db, id, s, reason, err);
	if (rc == CSR_OK)
		rc = tell_decision(db, &h, s, reason, err);
	if (rc)
		return rc;
	if (s == CSR_HOURS_APPROVED)
		return audit_decision(db, "hours.approve", &h, "approved", err);
	if (!*reason)
		return audit_decision(db, "hours.reject", &h, "rejected", err);
	char what[CSR_HOURS_NOTE_MAX + 16];
	snprintf(what, sizeof what, "rejected: %s", reason);
	return audit_decision(db, "hours.reject", &h, what, err);
}

static csr_code decide_in_tx(csr_db *db, int64_t id, csr_hours_status s, const char *reason,
			     csr_err *err)
{
	csr_code rc = csr_tx_begin(db, err);
	if (rc)
		return rc;
	/* TRANSLATORS: completes "Only team leads may %s". */
	rc = csr_require_role(db, CSR_ROLE_LEAD, N_("approve or reject hours"), err);
	if (rc == CSR_OK)
		rc = decide(db, id, s, reason, err);
	return csr_tx_end(db, rc, err);
}

csr_code csr_hours_decide(csr_db *db, int64_t id, bool approve, csr_err *err)
{
	return decide_in_tx(db, id, approve ? CSR_HOURS_APPROVED : CSR_HOURS_REJECTED, "", err);
}

csr_code csr_hours_reject(csr_db *db, int64_t id, const char *reason, csr_err *err)
{
	if (!reason)
		reason = "";
	csr_code rc = csr_field_required(reason, CSR_HOURS_NOTE_MAX, N_("Reason"), err);
	if (rc == CSR_OK)
		rc = csr_field_check(reason, CSR_HOURS_NOTE_MAX, CSR_TEXT_LINE, N_("Reason"), err);
	return rc ? rc : decide_in_tx(db, id, CSR_HOURS_REJECTED, reason, err);
}

static csr_code revert(csr_db *db, int64_t id, csr_err *err)
{
	csr_hours h;
	csr_code rc = csr_hours_get(db, id, &h, err);
	if (rc == CSR_OK && h.status == CSR_HOURS_PENDING)
		rc = csr_fail(err, CSR_EREFUSED, _("These hours are already pending"));
	if (rc == CSR_OK)
		rc = write_status(db, id, CSR_HOURS_PENDING, "", err);
	if (rc)
		return rc;
	char what[32];
	snprintf(what, sizeof what, "%s, back to pending", csr_hours_status_name(h.status));
	return audit_decision(db, "hours.revert", &h, what, err);
}

csr_code csr_hours_revert(csr_db *db, int64_t id, csr_err *err)
{
	csr_code rc = csr_tx_begin(db, err);
	if (rc)
		return rc;
	/* TRANSLATORS: completes "Only team leads may %s". */
	rc = csr_require_role(db, CSR_ROLE_LEAD, N_("revert decisions on hours"), err);
	if (rc == CSR_OK)
		rc = revert(db, id, err);
	return csr_tx_end(db, rc, err);
}

/* ---- keyset pages ---- */

/* Which hours, [one volunteer][pending only]; ?1 is the volunteer. One
 * statement each, as an "?1 = 0 OR" term would keep SQLite from seeking:
 * one volunteer's are read from hours_by_volunteer (the + keeps SQLite off
 * hours_by_status, which would read everyone's pending hours), everyone's
 * pending ones from hours_by_status, all of everyone's from hours_by_day. */
#define OF_EVERYONE " WHERE true"
#define OF_EVERYONE_PENDING " WHERE h.status = 'pending'"
#define OF_VOLUNTEER " WHERE h.volunteer_id = ?1"
#define OF_VOLUNTEER_PENDING " WHERE h.volunteer_id = ?1 AND +h.status = 'pending'"

/* Newest first: (worked_on, id) from the key ?2, ?3 on, [backward]. */
#define OLDER " AND (h.worked_on, h.id) < (?2, ?3) ORDER BY h.worked_on DESC, h.id DESC LIMIT ?4"
#define NEWER " AND (h.worked_on, h.id) > (?2, ?3) ORDER BY h.worked_on, h.id LIMIT ?4"
#define HOURS_PAGES(which) { HOURS_SELECT which OLDER, HOURS_SELECT which NEWER }

static const char *const page_sql[2][2][2] = {
	{ HOURS_PAGES(OF_EVERYONE), HOURS_PAGES(OF_EVERYONE_PENDING) },
	{ HOURS_PAGES(OF_VOLUNTEER), HOURS_PAGES(OF_VOLUNTEER_PENDING) },
};

static const char *const count_sql[2][2] = {
	{ "SELECT count(*) FROM hours h" OF_EVERYONE,
	  "SELECT count(*) FROM hours h" OF_EVERYONE_PENDING },
	{ "SELECT count(*) FROM hours h" OF_VOLUNTEER,
	  "SELECT count(*) FROM hours h" OF_VOLUNTEER_PENDING },
};

static const csr_hours_query everyone;

csr_code csr_hours_page(csr_db *db, const csr_hours_query *q, const csr_hours *after,
			bool backward, csr_hours *rows, int max, int *n, csr_err *err)
{
	*n = 0;
	if (max <= 0)
		return CSR_OK;
	if (!q)
		q = &everyone;
	bool one_volunteer = q->volunteer_id != 0;
	sqlite3_stmt *st = csr_db_stmt(db, page_sql[one_volunteer][q->pending_only][backward], err);
	if (!st)
		return csr_err_code(err);
	sqlite3_bind_int64(st, 1, q->volunteer_id);
	csr_bind_time_key(st, 2, after, after ? after->worked_on : 0, after ? after->id : 0,
			  !backward);
	sqlite3_bind_int(st, 4, max);
	return csr_read_page(db, st, read_row, rows, sizeof *rows, max, n, backward,
			     N_("listing hours"), err);
}

csr_code csr_hours_count(csr_db *db, const csr_hours_query *q, int64_t *out, csr_err *err)
{
	if (!q)
		q = &everyone;
	sqlite3_stmt *st = csr_db_stmt(db, count_sql[q->volunteer_id != 0][q->pending_only], err);
	if (!st)
		return csr_err_code(err);
	sqlite3_bind_int64(st, 1, q->volunteer_id);
	return csr_read_count(db, st, out, N_("counting hours"), err);
}

csr_code csr_hours_totals(csr_db *db, int64_t volunteer_id, int64_t since,
			  int64_t *approved_minutes, int64_t *pending_minutes, csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db,
		"SELECT coalesce(sum(CASE status WHEN 'approved' THEN minutes END), 0),"
		" coalesce(sum(CASE status WHEN 'pending' THEN minutes END), 0)"
		" FROM hours WHERE volunteer_id = ?1 AND worked_on >= ?2", err);
	if (!st)
		return csr_err_code(err);
	sqlite3_bind_int64(st, 1, volunteer_id);
	sqlite3_bind_int64(st, 2, since);
	int step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		*approved_minutes = sqlite3_column_int64(st, 0);
		*pending_minutes = sqlite3_column_int64(st, 1);
	}
	csr_stmt_done(st);
	return step == SQLITE_ROW ? CSR_OK : csr_db_fail(db, step, N_("adding up hours"), err);
}
