/* SPDX-License-Identifier: MIT */
/* Notifications: the outbox rows (notification.h), their texts in the
 * reader's language, the reminders and leads' notices that fall due with
 * time, and what a person chose about them. */
#include "csrdesk/notification.h"

#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "csrdesk/auth.h"
#include "csrdesk/clock.h"
#include "csrdesk/config.h"
#include "csrdesk/format.h"
#include "csrdesk/i18n.h"
#include "csrdesk/text.h"
#include "db_private.h"
#include "notification_private.h"
#include "records.h"

static const char *const kind_names[CSR_NOTE_KINDS] = {
	[CSR_NOTE_PROMOTED] = "promoted",
	[CSR_NOTE_PLACE_CANCELLED] = "place_cancelled",
	[CSR_NOTE_PLACE_MOVED] = "place_moved",
	[CSR_NOTE_INITIATIVE_CANCELLED] = "initiative_cancelled",
	[CSR_NOTE_INITIATIVE_CHANGED] = "initiative_changed",
	[CSR_NOTE_HOURS_APPROVED] = "hours_approved",
	[CSR_NOTE_HOURS_REJECTED] = "hours_rejected",
	[CSR_NOTE_REMINDER_DAY] = "reminder_day",
	[CSR_NOTE_REMINDER_HOUR] = "reminder_hour",
	[CSR_NOTE_NEW_INITIATIVE] = "new_initiative",
	[CSR_NOTE_LEAD_BELOW_MINIMUM] = "lead_below_minimum",
	[CSR_NOTE_LEAD_FREE_PLACES] = "lead_free_places",
	[CSR_NOTE_LEAD_HOURS_WAITING] = "lead_hours_waiting",
	[CSR_NOTE_LEAD_WAITLIST_GREW] = "lead_waitlist_grew",
};

const char *csr_notification_kind_name(csr_notification_kind k)
{
	return (unsigned)k < CSR_NOTE_KINDS ? kind_names[k] : "";
}

bool csr_notification_kind_parse(const char *name, csr_notification_kind *out)
{
	for (int k = 0; name && k < CSR_NOTE_KINDS; k++)
		if (strcmp(name, kind_names[k]) == 0) {
			*out = (csr_notification_kind)k;
			return true;
		}
	return false;
}

/* ---- writing, inside the change's transaction ---- */

static csr_code step_done(csr_db *db, sqlite3_stmt *st, csr_err *err)
{
	int rc = sqlite3_step(st);
	csr_stmt_done(st);
	/* TRANSLATORS: what was being done when the database failed. */
	return rc == SQLITE_DONE ? CSR_OK : csr_db_fail(db, rc, N_("saving a notification"), err);
}

static void bind_id_or_null(sqlite3_stmt *st, int idx, int64_t id)
{
	if (id)
		sqlite3_bind_int64(st, idx, id);
	else
		sqlite3_bind_null(st, idx);
}

csr_code csr_notify(csr_db *db, csr_notification_kind kind, int64_t volunteer_id,
		    int64_t initiative_id, int64_t signup_id, int64_t hours_id,
		    const char *detail, csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db,
		"INSERT INTO notification (volunteer_id, kind, initiative_id, signup_id, hours_id,"
		" detail, created_at, due_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)", err);
	if (!st)
		return csr_err_code(err);
	sqlite3_bind_int64(st, 1, volunteer_id);
	sqlite3_bind_text(st, 2, kind_names[kind], -1, SQLITE_STATIC);
	bind_id_or_null(st, 3, initiative_id);
	bind_id_or_null(st, 4, signup_id);
	bind_id_or_null(st, 5, hours_id);
	sqlite3_bind_text(st, 6, detail ? detail : "", -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 7, csr_now());
	return step_done(db, st, err);
}

csr_code csr_notify_places(csr_db *db, csr_notification_kind kind, int64_t initiative_id,
			   csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db,
		"INSERT INTO notification (volunteer_id, kind, initiative_id, signup_id, created_at,"
		" due_at) SELECT s.volunteer_id, ?2, ?1, s.id, ?3, ?3 FROM signup s"
		" WHERE s.initiative_id = ?1 AND s.status IN ('confirmed', 'waitlisted')", err);
	if (!st)
		return csr_err_code(err);
	sqlite3_bind_int64(st, 1, initiative_id);
	sqlite3_bind_text(st, 2, kind_names[kind], -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, csr_now());
	return step_done(db, st, err);
}

csr_code csr_notify_interested(csr_db *db, int64_t initiative_id, const char *category,
			       csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db,
		"INSERT INTO notification (volunteer_id, kind, initiative_id, created_at, due_at)"
		" SELECT c.volunteer_id, 'new_initiative', ?1, ?3, ?3 FROM volunteer_interest c"
		" JOIN volunteer v ON v.id = c.volunteer_id"
		" WHERE c.category = ?2 AND v.active = 1 AND c.volunteer_id <> ?4", err);
	if (!st)
		return csr_err_code(err);
	sqlite3_bind_int64(st, 1, initiative_id);
	sqlite3_bind_text(st, 2, category, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, csr_now());
	sqlite3_bind_int64(st, 4, csr_db_actor(db)->volunteer_id);
	return step_done(db, st, err);
}

/* ---- texts ---- */

void csr_notification_read(sqlite3_stmt *st, void *row)
{
	csr_notification *n = row;
	memset(n, 0, sizeof *n);
	n->id = sqlite3_column_int64(st, 0);
	n->volunteer_id = sqlite3_column_int64(st, 1);
	csr_col_text(st, 2, n->unix_user, sizeof n->unix_user);
	csr_notification_kind_parse((const char *)sqlite3_column_text(st, 3), &n->kind);
	n->initiative_id = sqlite3_column_int64(st, 4);
	n->signup_id = sqlite3_column_int64(st, 5);
	n->hours_id = sqlite3_column_int64(st, 6);
	n->amount = sqlite3_column_int64(st, 7);
	csr_col_text(st, 8, n->detail, sizeof n->detail);
	n->created_at = sqlite3_column_int64(st, 9);
	n->due_at = sqlite3_column_int64(st, 10);
	csr_col_text(st, 11, n->title, sizeof n->title);
	csr_col_text(st, 12, n->location, sizeof n->location);
	n->starts_at = sqlite3_column_int64(st, 13);
	n->ends_at = sqlite3_column_int64(st, 14);
	n->worked_on = sqlite3_column_int64(st, 15);
	n->minutes = sqlite3_column_int(st, 16);
	n->minimum = sqlite3_column_int(st, 17);
	n->read_at = sqlite3_column_int64(st, 18);
}

/* "Blood donation drive, 12.12.2026 09:30-13:00, Hall B": what an
 * initiative notice is about (a list of values, not a sentence). */
static void initiative_line(const csr_notification *n, char *buf, size_t size)
{
	char when[2 * CSR_TIME_TEXT_MAX + 8];
	csr_time_span(n->starts_at, n->ends_at, "-", when, sizeof when);
	if (n->location[0])
		snprintf(buf, size, "%s, %s, %s", n->title, when, n->location);
	else
		snprintf(buf, size, "%s, %s", n->title, when);
}

static void hours_line(const csr_notification *n, char *buf, size_t size)
{
	char hours[32], day[CSR_TIME_TEXT_MAX];
	csr_fmt_hours(n->minutes, hours, sizeof hours);
	csr_date_format(n->worked_on, day, sizeof day);
	/* TRANSLATORS: hours worked on a day, in a notification: "2.5 hours on
	 * 12.12.2026". */
	snprintf(buf, size, csr_plural(csr_fmt_hours_plural(n->minutes), "%s hour on %s",
				       "%s hours on %s"), hours, day);
}

static const char *place_text(csr_notification_kind kind, bool has_detail)
{
	switch (kind) {
	case CSR_NOTE_PROMOTED:
		/* TRANSLATORS: a notification; %s is the initiative, its time and
		 * place ("Blood donation drive, 12.12.2026 09:30-13:00, Hall B"). */
		return _("You have a place: %s");
	case CSR_NOTE_PLACE_CANCELLED:
		/* TRANSLATORS: %1$s the initiative (title, time, place), %2$s the
		 * reason the team lead gave. */
		return has_detail ? _("A team lead cancelled your place on %s. Reason: %s")
				  : _("A team lead cancelled your place on %s");
	case CSR_NOTE_PLACE_MOVED:
		/* TRANSLATORS: %1$s the initiative the place is on now, %2$s the
		 * title of the one it was on. */
		return has_detail ? _("A team lead moved your place to %s (from %s)")
				  : _("A team lead moved your place to %s");
	case CSR_NOTE_INITIATIVE_CANCELLED:
		return _("Cancelled: %s");
	case CSR_NOTE_INITIATIVE_CHANGED:
		/* TRANSLATORS: the initiative's time or place changed; %s is the
		 * initiative as it is now. */
		return _("Changed: %s");
	case CSR_NOTE_REMINDER_DAY:
		return _("Tomorrow: %s");
	case CSR_NOTE_REMINDER_HOUR:
		return _("Starting soon: %s");
	case CSR_NOTE_NEW_INITIATIVE:
		/* TRANSLATORS: an initiative in a category the person chose. */
		return _("New initiative: %s");
	default:
		return "%s";
	}
}

static void lead_text(const csr_notification *n, const char *what, char *buf, size_t size)
{
	long long amount = (long long)n->amount;
	switch (n->kind) {
	case CSR_NOTE_LEAD_BELOW_MINIMUM:
		/* TRANSLATORS: to a team lead; %1$s the initiative, %2$lld the
		 * confirmed places, %3$d the minimum it needs. */
		snprintf(buf, size, csr_plural(amount, "%s: %lld place taken, at least %d needed",
					       "%s: %lld places taken, at least %d needed"),
			 what, amount, n->minimum);
		break;
	case CSR_NOTE_LEAD_FREE_PLACES:
		snprintf(buf, size, csr_plural(amount, "%s: %lld place still free",
					       "%s: %lld places still free"), what, amount);
		break;
	case CSR_NOTE_LEAD_WAITLIST_GREW:
		snprintf(buf, size, csr_plural(amount, "%s: %lld person on the waitlist",
					       "%s: %lld people on the waitlist"), what, amount);
		break;
	default: /* CSR_NOTE_LEAD_HOURS_WAITING: amount entries, detail the days */
		snprintf(buf, size, csr_plural(amount,
			 "%lld hours entry has waited for approval longer than %s days",
			 "%lld hours entries have waited for approval longer than %s days"),
			 amount, n->detail);
		break;
	}
}

void csr_notification_text(const csr_notification *n, char *buf, size_t size)
{
	char what[CSR_NOTIFICATION_TEXT_MAX];
	bool detail = n->detail[0] != '\0';
	switch (n->kind) {
	case CSR_NOTE_HOURS_APPROVED:
		hours_line(n, what, sizeof what);
		/* TRANSLATORS: %s is "2.5 hours on 12.12.2026". */
		snprintf(buf, size, _("Your hours were approved: %s"), what);
		return;
	case CSR_NOTE_HOURS_REJECTED:
		hours_line(n, what, sizeof what);
		if (detail)
			/* TRANSLATORS: %1$s "2.5 hours on 12.12.2026", %2$s the reason. */
			snprintf(buf, size, _("Your hours were rejected: %s. Reason: %s"), what,
				 n->detail);
		else
			snprintf(buf, size, _("Your hours were rejected: %s"), what);
		return;
	case CSR_NOTE_LEAD_BELOW_MINIMUM:
	case CSR_NOTE_LEAD_FREE_PLACES:
	case CSR_NOTE_LEAD_WAITLIST_GREW:
	case CSR_NOTE_LEAD_HOURS_WAITING:
		initiative_line(n, what, sizeof what);
		lead_text(n, what, buf, size);
		return;
	default:
		initiative_line(n, what, sizeof what);
		snprintf(buf, size, place_text(n->kind, detail), what, n->detail);
		return;
	}
}

/* ---- reading, per channel ---- */

/* Rows for r, due by ?3, not yet delivered on the channel; a reminder of
 * an initiative that has begun is no longer worth showing. The column of
 * the channel is chosen by the statement (one per channel), so each uses
 * its index. */
#define FOR_RECIPIENT \
	" WHERE (n.volunteer_id = ?1 OR n.unix_user = ?2) AND n.due_at <= ?3" \
	" AND NOT (n.kind IN ('reminder_day', 'reminder_hour') AND i.starts_at <= ?3)"

static const char pending_screen[] = NOTIFICATION_COLUMNS NOTIFICATION_FROM FOR_RECIPIENT
	" AND n.read_at IS NULL ORDER BY n.due_at, n.id LIMIT ?4";
static const char pending_login[] = NOTIFICATION_COLUMNS NOTIFICATION_FROM FOR_RECIPIENT
	" AND n.login_at IS NULL ORDER BY n.due_at, n.id LIMIT ?4";
static const char pending_mail[] = NOTIFICATION_COLUMNS NOTIFICATION_FROM FOR_RECIPIENT
	" AND n.mailed_at IS NULL ORDER BY n.due_at, n.id LIMIT ?4";

static void bind_recipient(sqlite3_stmt *st, const csr_recipient *r, int64_t now)
{
	sqlite3_bind_int64(st, 1, r->volunteer_id ? r->volunteer_id : -1);
	if (r->unix_user && *r->unix_user)
		sqlite3_bind_text(st, 2, r->unix_user, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 2);
	sqlite3_bind_int64(st, 3, now);
}

csr_code csr_notification_pending(csr_db *db, const csr_recipient *r,
				  csr_notification_channel channel, int64_t now,
				  csr_notification *rows, int max, int *n, csr_err *err)
{
	*n = 0;
	const char *sql = channel == CSR_CHANNEL_SCREEN ? pending_screen
			  : channel == CSR_CHANNEL_LOGIN ? pending_login : pending_mail;
	sqlite3_stmt *st = csr_db_stmt(db, sql, err);
	if (!st)
		return csr_err_code(err);
	bind_recipient(st, r, now);
	sqlite3_bind_int(st, 4, max);
	return csr_read_rows(db, st, csr_notification_read, rows, sizeof *rows, max, n,
			     N_("reading the notifications"), err);
}

csr_code csr_notification_recent(csr_db *db, const csr_recipient *r, int64_t now,
				 csr_notification *rows, int max, int *n, csr_err *err)
{
	*n = 0;
	sqlite3_stmt *st = csr_db_stmt(db, NOTIFICATION_COLUMNS NOTIFICATION_FROM FOR_RECIPIENT
				       " ORDER BY n.due_at DESC, n.id DESC LIMIT ?4", err);
	if (!st)
		return csr_err_code(err);
	bind_recipient(st, r, now);
	sqlite3_bind_int(st, 4, max);
	return csr_read_rows(db, st, csr_notification_read, rows, sizeof *rows, max, n,
			     N_("reading the notifications"), err);
}

csr_code csr_notification_count_unread(csr_db *db, const csr_recipient *r, int64_t now,
				       int64_t *out, csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db, "SELECT count(*)" NOTIFICATION_FROM FOR_RECIPIENT
				       " AND n.read_at IS NULL", err);
	if (!st)
		return csr_err_code(err);
	bind_recipient(st, r, now);
	return csr_read_count(db, st, out, N_("counting the notifications"), err);
}

/* A person marks only their own rows read (or printed); mail is marked by
 * csrdesk notify, which may mark any. */
static const char mark_screen[] = "UPDATE notification SET read_at = ?2 WHERE id = ?1"
	" AND read_at IS NULL AND (?3 OR volunteer_id = ?4 OR unix_user = ?5)";
static const char mark_login[] = "UPDATE notification SET login_at = ?2 WHERE id = ?1"
	" AND login_at IS NULL AND (?3 OR volunteer_id = ?4 OR unix_user = ?5)";
static const char mark_mail[] = "UPDATE notification SET mailed_at = ?2, mail_claim = NULL"
	" WHERE id = ?1 AND mailed_at IS NULL AND ?3";

/* The actor's login ("alice" of "unix:alice"), or NULL. */
static const char *actor_login(const csr_actor *a)
{
	return strncmp(a->name, "unix:", 5) == 0 ? a->name + 5 : NULL;
}

static csr_code mark_one(csr_db *db, const char *sql, int64_t id, csr_err *err)
{
	const csr_actor *a = csr_db_actor(db);
	sqlite3_stmt *st = csr_db_stmt(db, sql, err);
	if (!st)
		return csr_err_code(err);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, csr_now());
	sqlite3_bind_int(st, 3, a->role == CSR_ROLE_ADMIN);
	if (sql != mark_mail) {
		sqlite3_bind_int64(st, 4, a->volunteer_id ? a->volunteer_id : -1);
		const char *login = actor_login(a);
		if (login)
			sqlite3_bind_text(st, 5, login, -1, SQLITE_STATIC);
	}
	return step_done(db, st, err);
}

csr_code csr_notification_mark(csr_db *db, csr_notification_channel channel,
			       const int64_t *ids, int n, csr_err *err)
{
	const char *sql = channel == CSR_CHANNEL_SCREEN ? mark_screen
			  : channel == CSR_CHANNEL_LOGIN ? mark_login : mark_mail;
	csr_code rc = csr_tx_begin(db, err);
	for (int i = 0; rc == CSR_OK && i < n; i++)
		rc = mark_one(db, sql, ids[i], err);
	return csr_tx_end(db, rc, err);
}

/* ---- what falls due with time ---- */

/* The reminders due by ?1: the day before (when more than an hour is left)
 * and an hour before each confirmed place on an initiative that will take
 * place; the unique index makes each once. The range on starts_at keeps
 * to the initiatives of the next day. */
static const char reminders_sql[] =
	"INSERT OR IGNORE INTO notification (volunteer_id, kind, initiative_id, signup_id,"
	" created_at, due_at)"
	" SELECT s.volunteer_id, r.kind, i.id, s.id, ?1, i.starts_at - r.before"
	" FROM initiative i JOIN signup s ON s.initiative_id = i.id AND s.status = 'confirmed'"
	" JOIN (SELECT 'reminder_day' AS kind, 86400 AS before"
	"  UNION ALL SELECT 'reminder_hour', 3600) r"
	" WHERE i.starts_at > ?1 AND i.starts_at <= ?1 + 86400"
	" AND i.status IN ('open', 'closed') AND i.starts_at - r.before <= ?1"
	" AND (r.kind = 'reminder_hour' OR i.starts_at - ?1 > 3600)";

static csr_code make_reminders(csr_db *db, int64_t now, int *made, csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db, reminders_sql, err);
	if (!st)
		return csr_err_code(err);
	sqlite3_bind_int64(st, 1, now);
	csr_code rc = step_done(db, st, err);
	*made += sqlite3_changes(csr_db_sqlite(db));
	return rc;
}

/* The start of the local day of t: a lead's notice is made once a day. */
static int64_t day_start(int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	localtime_r(&tt, &tm);
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm);
}

/* A lead's notice, once a day, to volunteer_id or else to login. */
static csr_code lead_notice(csr_db *db, int64_t volunteer_id, const char *login,
			    csr_notification_kind kind, int64_t initiative_id, int64_t amount,
			    const char *detail, int64_t now, int *made, csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db,
		"INSERT OR IGNORE INTO notification (volunteer_id, unix_user, kind, initiative_id,"
		" amount, detail, created_at, due_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", err);
	if (!st)
		return csr_err_code(err);
	bind_id_or_null(st, 1, volunteer_id);
	if (!volunteer_id)
		sqlite3_bind_text(st, 2, login, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, kind_names[kind], -1, SQLITE_STATIC);
	bind_id_or_null(st, 4, initiative_id);
	sqlite3_bind_int64(st, 5, amount);
	sqlite3_bind_text(st, 6, detail, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 7, now);
	sqlite3_bind_int64(st, 8, day_start(now));
	csr_code rc = step_done(db, st, err);
	*made += sqlite3_changes(csr_db_sqlite(db));
	return rc;
}

/* The leads' logins: those the config lists and the members its groups
 * list (members by their primary group alone are not listed there). */
enum { LEADS_MAX = 128 };
typedef struct logins {
	char name[LEADS_MAX][CSR_ACTOR_NAME_MAX];
	int64_t volunteer_id[LEADS_MAX]; /* their record, 0 when none */
	int n;
} logins;

static void add_login(logins *l, const char *name)
{
	for (int i = 0; i < l->n; i++)
		if (strcmp(l->name[i], name) == 0)
			return;
	if (l->n < LEADS_MAX)
		csr_copy(l->name[l->n++], sizeof l->name[0], name);
}

static void add_group(logins *l, const char *group)
{
	struct group *gr = group && *group ? getgrnam(group) : NULL;
	for (char **m = gr ? gr->gr_mem : NULL; m && *m; m++)
		add_login(l, *m);
}

static void lead_logins(const csr_config *cfg, logins *l)
{
	l->n = 0;
	for (int i = 0; i < cfg->roles.nleads; i++)
		add_login(l, cfg->roles.leads[i]);
	for (int i = 0; i < cfg->roles.nadmins; i++)
		add_login(l, cfg->roles.admins[i]);
	add_group(l, cfg->roles.lead_group);
	add_group(l, cfg->roles.admin_group);
}

/* A lead with a volunteer record is told there, so they see it wherever
 * they sign in and in their own language. */
static csr_code find_records(csr_db *db, logins *l, csr_err *err)
{
	for (int i = 0; i < l->n; i++) {
		sqlite3_stmt *st = csr_db_stmt(db, "SELECT coalesce((SELECT id FROM volunteer"
					       " WHERE unix_user = ?1), 0)", err);
		if (!st)
			return csr_err_code(err);
		sqlite3_bind_text(st, 1, l->name[i], -1, SQLITE_STATIC);
		csr_code rc = csr_read_count(db, st, &l->volunteer_id[i],
					     N_("looking up the team leads"), err);
		if (rc)
			return rc;
	}
	return CSR_OK;
}

/* The initiatives leads hear of: starting within lead_days (?2) with too
 * few people, free places, or a waitlist someone joined in the last day. */
static const char lead_initiatives_sql[] =
	"SELECT i.id, coalesce(i.owner_id, 0), coalesce(p.confirmed, 0),"
	" i.capacity - coalesce(p.confirmed, 0),"
	" (SELECT count(*) FROM signup s WHERE s.initiative_id = i.id AND s.status = 'waitlisted'),"
	" i.minimum,"
	" EXISTS (SELECT 1 FROM signup s WHERE s.initiative_id = i.id"
	"  AND s.status = 'waitlisted' AND s.created_at > ?1 - 86400)"
	" FROM initiative i LEFT JOIN initiative_places p ON p.initiative_id = i.id"
	" WHERE i.starts_at > ?1 AND i.starts_at <= ?1 + ?2 AND i.status IN ('open', 'closed')"
	" ORDER BY i.starts_at LIMIT ?3";

typedef struct lead_facts {
	int64_t initiative_id, owner_id;
	int64_t confirmed, free, waiting;
	int minimum;
	bool waitlist_grew;
} lead_facts;

/* The notices one initiative gives its owner, or every lead when nobody
 * owns it. */
static csr_code notices_for(csr_db *db, const lead_facts *f, const logins *leads, int64_t now,
			    int *made, csr_err *err)
{
	struct {
		bool due;
		csr_notification_kind kind;
		int64_t amount;
	} notes[] = {
		{ f->minimum > 0 && f->confirmed < f->minimum, CSR_NOTE_LEAD_BELOW_MINIMUM,
		  f->confirmed },
		{ f->free > 0, CSR_NOTE_LEAD_FREE_PLACES, f->free },
		{ f->waitlist_grew, CSR_NOTE_LEAD_WAITLIST_GREW, f->waiting },
	};
	csr_code rc = CSR_OK;
	for (size_t k = 0; rc == CSR_OK && k < sizeof notes / sizeof notes[0]; k++) {
		if (!notes[k].due)
			continue;
		if (f->owner_id)
			rc = lead_notice(db, f->owner_id, NULL, notes[k].kind, f->initiative_id,
					 notes[k].amount, "", now, made, err);
		for (int i = 0; !f->owner_id && rc == CSR_OK && i < leads->n; i++)
			rc = lead_notice(db, leads->volunteer_id[i], leads->name[i], notes[k].kind,
					 f->initiative_id, notes[k].amount, "", now, made, err);
	}
	return rc;
}

enum { LEAD_INITIATIVES_MAX = 512 };

static void read_facts(sqlite3_stmt *st, void *row)
{
	lead_facts *f = row;
	f->initiative_id = sqlite3_column_int64(st, 0);
	f->owner_id = sqlite3_column_int64(st, 1);
	f->confirmed = sqlite3_column_int64(st, 2);
	f->free = sqlite3_column_int64(st, 3);
	f->waiting = sqlite3_column_int64(st, 4);
	f->minimum = sqlite3_column_int(st, 5);
	f->waitlist_grew = sqlite3_column_int(st, 6) != 0;
}

static csr_code initiative_notices(csr_db *db, const logins *leads, int64_t now, int *made,
				   csr_err *err)
{
	int days = csr_db_config(db)->notify.lead_days, n = 0;
	if (days <= 0)
		return CSR_OK;
	sqlite3_stmt *st = csr_db_stmt(db, lead_initiatives_sql, err);
	if (!st)
		return csr_err_code(err);
	sqlite3_bind_int64(st, 1, now);
	sqlite3_bind_int64(st, 2, (int64_t)days * 86400);
	sqlite3_bind_int(st, 3, LEAD_INITIATIVES_MAX);
	lead_facts *facts = calloc(LEAD_INITIATIVES_MAX, sizeof *facts);
	if (!facts)
		return csr_fail(err, CSR_ENOMEM, "%s", _("Out of memory"));
	csr_code rc = csr_read_rows(db, st, read_facts, facts, sizeof *facts, LEAD_INITIATIVES_MAX,
				    &n, N_("reading the initiatives"), err);
	for (int i = 0; rc == CSR_OK && i < n; i++)
		rc = notices_for(db, &facts[i], leads, now, made, err);
	free(facts);
	return rc;
}

/* Hours waiting for approval longer than hours_waiting_days: one notice a
 * day to every lead (hours have no owner). */
static csr_code hours_notices(csr_db *db, const logins *leads, int64_t now, int *made,
			      csr_err *err)
{
	int days = csr_db_config(db)->notify.hours_waiting_days;
	int64_t waiting = 0;
	sqlite3_stmt *st = csr_db_stmt(db, "SELECT count(*) FROM hours"
				       " WHERE status = 'pending' AND created_at < ?1", err);
	if (!st)
		return csr_err_code(err);
	sqlite3_bind_int64(st, 1, now - (int64_t)days * 86400);
	csr_code rc = csr_read_count(db, st, &waiting, N_("counting the hours"), err);
	char detail[16];
	snprintf(detail, sizeof detail, "%d", days);
	for (int i = 0; rc == CSR_OK && waiting > 0 && i < leads->n; i++)
		rc = lead_notice(db, leads->volunteer_id[i], leads->name[i],
				 CSR_NOTE_LEAD_HOURS_WAITING, 0, waiting, detail, now, made, err);
	return rc;
}

csr_code csr_notification_schedule(csr_db *db, int64_t now, int *made, csr_err *err)
{
	csr_err local;
	if (!err)
		err = &local;
	int count = 0;
	logins *leads = calloc(1, sizeof *leads);
	if (!leads)
		return csr_fail(err, CSR_ENOMEM, "%s", _("Out of memory"));
	lead_logins(csr_db_config(db), leads);
	csr_code rc = csr_tx_begin(db, err);
	if (rc == CSR_OK)
		rc = make_reminders(db, now, &count, err);
	if (rc == CSR_OK)
		rc = find_records(db, leads, err);
	if (rc == CSR_OK)
		rc = initiative_notices(db, leads, now, &count, err);
	if (rc == CSR_OK)
		rc = hours_notices(db, leads, now, &count, err);
	rc = csr_tx_end(db, rc, err);
	free(leads);
	if (made)
		*made = rc == CSR_OK ? count : 0;
	return rc;
}

csr_code csr_notification_purge(csr_db *db, int64_t before, int *removed, csr_err *err)
{
	/* TRANSLATORS: completes "Only team leads may %s" (here: admins). */
	csr_code rc = csr_require_role(db, CSR_ROLE_ADMIN, N_("remove old notifications"), err);
	if (rc == CSR_OK)
		rc = csr_tx_begin(db, err);
	sqlite3_stmt *st = rc ? NULL : csr_db_stmt(db, "DELETE FROM notification"
						    " WHERE created_at < ?1 AND mailed_at IS NOT NULL", err);
	if (rc == CSR_OK && !st)
		rc = csr_err_code(err);
	if (rc == CSR_OK) {
		sqlite3_bind_int64(st, 1, before);
		rc = step_done(db, st, err);
	}
	if (removed)
		*removed = rc == CSR_OK ? sqlite3_changes(csr_db_sqlite(db)) : 0;
	return st || rc == CSR_OK ? csr_tx_end(db, rc, err) : rc;
}

/* ---- what a person chose ---- */

static csr_code read_choice(csr_db *db, int64_t volunteer_id, csr_notification_prefs *out,
			    csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db, "SELECT language, mail_off FROM volunteer"
				       " WHERE id = ?1", err);
	if (!st)
		return csr_err_code(err);
	sqlite3_bind_int64(st, 1, volunteer_id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		csr_col_text(st, 0, out->language, sizeof out->language);
		out->mail_off = sqlite3_column_int(st, 1) != 0;
	}
	csr_stmt_done(st);
	if (rc == SQLITE_DONE)
		return csr_fail(err, CSR_ENOTFOUND, _("There is no volunteer %lld"),
				(long long)volunteer_id);
	return rc == SQLITE_ROW ? CSR_OK : csr_db_fail(db, rc, N_("reading the volunteer"), err);
}

static csr_code read_interests(csr_db *db, int64_t volunteer_id, csr_notification_prefs *out,
			       csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db, "SELECT category FROM volunteer_interest"
				       " WHERE volunteer_id = ?1 ORDER BY category", err);
	if (!st)
		return csr_err_code(err);
	sqlite3_bind_int64(st, 1, volunteer_id);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		char **more = realloc(out->categories,
				      (size_t)(out->ncategories + 1) * sizeof *more);
		if (!more)
			break;
		out->categories = more;
		out->categories[out->ncategories++] = strdup((const char *)sqlite3_column_text(st, 0));
	}
	csr_stmt_done(st);
	if (rc == SQLITE_ROW)
		return csr_fail(err, CSR_ENOMEM, "%s", _("Out of memory"));
	return rc == SQLITE_DONE ? CSR_OK : csr_db_fail(db, rc, N_("reading the volunteer"), err);
}

csr_code csr_notification_prefs_get(csr_db *db, int64_t volunteer_id,
				    csr_notification_prefs *out, csr_err *err)
{
	memset(out, 0, sizeof *out);
	csr_code rc = read_choice(db, volunteer_id, out, err);
	if (rc == CSR_OK)
		rc = read_interests(db, volunteer_id, out, err);
	if (rc)
		csr_notification_prefs_free(out);
	return rc;
}

void csr_notification_prefs_free(csr_notification_prefs *p)
{
	for (int i = 0; i < p->ncategories; i++)
		free(p->categories[i]);
	free(p->categories);
	p->categories = NULL;
	p->ncategories = 0;
}

static csr_code check_prefs(const csr_db *db, const csr_notification_prefs *in, csr_err *err)
{
	if (in->language[0] && strcmp(in->language, "de") != 0 && strcmp(in->language, "en") != 0)
		return csr_fail(err, CSR_EINVAL, "%s", _("Language must be de, en or empty"));
	for (int i = 0; i < in->ncategories; i++)
		if (!csr_config_category(csr_db_config(db), in->categories[i]))
			return csr_fail(err, CSR_EINVAL, _("There is no category '%s'"),
					in->categories[i]);
	return CSR_OK;
}

static csr_code write_choice(csr_db *db, int64_t volunteer_id, const csr_notification_prefs *in,
			     csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db, "UPDATE volunteer SET language = ?2, mail_off = ?3"
				       " WHERE id = ?1", err);
	if (!st)
		return csr_err_code(err);
	sqlite3_bind_int64(st, 1, volunteer_id);
	sqlite3_bind_text(st, 2, in->language, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, in->mail_off);
	csr_code rc = step_done(db, st, err);
	if (rc == CSR_OK && sqlite3_changes(csr_db_sqlite(db)) == 0)
		rc = csr_fail(err, CSR_ENOTFOUND, _("There is no volunteer %lld"),
			      (long long)volunteer_id);
	return rc;
}

static csr_code write_interests(csr_db *db, int64_t volunteer_id,
				const csr_notification_prefs *in, csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db, "DELETE FROM volunteer_interest WHERE volunteer_id = ?1",
				       err);
	if (!st)
		return csr_err_code(err);
	sqlite3_bind_int64(st, 1, volunteer_id);
	csr_code rc = step_done(db, st, err);
	for (int i = 0; rc == CSR_OK && i < in->ncategories; i++) {
		st = csr_db_stmt(db, "INSERT OR IGNORE INTO volunteer_interest"
				 " (volunteer_id, category) VALUES (?1, ?2)", err);
		if (!st)
			return csr_err_code(err);
		sqlite3_bind_int64(st, 1, volunteer_id);
		sqlite3_bind_text(st, 2, in->categories[i], -1, SQLITE_STATIC);
		rc = step_done(db, st, err);
	}
	return rc;
}

csr_code csr_notification_prefs_set(csr_db *db, int64_t volunteer_id,
				    const csr_notification_prefs *in, csr_err *err)
{
	csr_code rc = csr_require_self_or_lead(db, volunteer_id, err);
	if (rc == CSR_OK)
		rc = check_prefs(db, in, err);
	if (rc)
		return rc;
	rc = csr_tx_begin(db, err);
	if (rc == CSR_OK)
		rc = write_choice(db, volunteer_id, in, err);
	if (rc == CSR_OK)
		rc = write_interests(db, volunteer_id, in, err);
	if (rc == CSR_OK)
		rc = csr_audit_add(db, "volunteer.notifications", "volunteer", volunteer_id, err,
				   "language '%s', mail %s, %d categories", in->language,
				   in->mail_off ? "off" : "on", in->ncategories);
	return csr_tx_end(db, rc, err);
}
