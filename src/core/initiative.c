/* SPDX-License-Identifier: MIT */
/* Initiatives: validation, the writes leads make, and keyset-paged lists. */
#include "csrdesk/initiative.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csrdesk/clock.h"
#include "csrdesk/format.h"
#include "csrdesk/i18n.h"
#include "csrdesk/text.h"
#include "db_private.h"
#include "notification_private.h"
#include "records.h"
#include "signup_private.h"


static const char *const status_names[] = { "draft", "open", "closed", "done", "cancelled" };
#define NSTATUS (sizeof status_names / sizeof status_names[0])

const char *csr_initiative_status_name(csr_initiative_status s)
{
	return (unsigned)s < NSTATUS ? status_names[s] : "unknown";
}

const char *csr_initiative_status_label(csr_initiative_status s)
{
	switch (s) {
	case CSR_INITIATIVE_DRAFT:
		return C_("initiative status", "draft");
	case CSR_INITIATIVE_OPEN:
		return C_("initiative status", "open");
	case CSR_INITIATIVE_CLOSED:
		return C_("initiative status", "closed");
	case CSR_INITIATIVE_DONE:
		return C_("initiative status", "done");
	case CSR_INITIATIVE_CANCELLED:
		return C_("initiative status", "cancelled");
	}
	return C_("status", "unknown");
}

bool csr_initiative_status_parse(const char *name, csr_initiative_status *out)
{
	for (size_t i = 0; name && i < NSTATUS; i++) {
		if (strcmp(name, status_names[i]) == 0) {
			*out = (csr_initiative_status)i;
			return true;
		}
	}
	return false;
}

/* ---- validation ---- */

static bool terminated(const char *s, size_t size)
{
	return memchr(s, '\0', size) != NULL;
}

static csr_code check_texts(const csr_initiative *in, csr_err *err)
{
	csr_code rc = csr_field_required(in->title, sizeof in->title, N_("Title"), err);
	if (rc == CSR_OK)
		rc = csr_field_check(in->title, sizeof in->title, CSR_TEXT_LINE, N_("Title"), err);
	if (rc == CSR_OK)
		rc = csr_field_check(in->description, sizeof in->description, CSR_TEXT_LINES,
				     N_("Description"), err);
	if (rc == CSR_OK)
		rc = csr_field_check(in->location, sizeof in->location, CSR_TEXT_LINE,
				     N_("Location"), err);
	return rc;
}

/* "education, health, ..." for messages. */
static void category_keys(const csr_config *cfg, char *out, size_t size)
{
	size_t o = 0;
	out[0] = '\0';
	for (int i = 0; i < cfg->ncategories && o < size; i++)
		o += (size_t)snprintf(out + o, size - o, "%s%s", i ? ", " : "",
				      cfg->categories[i].key);
}

static csr_code check_category(const csr_config *cfg, const char *key, csr_err *err)
{
	if (terminated(key, CSR_KEY_MAX) && csr_config_category(cfg, key))
		return CSR_OK;
	char keys[256], shown[CSR_KEY_MAX];
	category_keys(cfg, keys, sizeof keys);
	if (!terminated(key, CSR_KEY_MAX))
		return csr_fail(err, CSR_EINVAL, _("Category is too long: use one of %s"), keys);
	if (!*key)
		return csr_fail(err, CSR_EINVAL, _("Category is required: one of %s"), keys);
	csr_text_sanitize(key, shown, sizeof shown);
	return csr_fail(err, CSR_EINVAL,
			_("Category '%s' is not defined in the config: use one of %s"),
			shown, keys);
}

/* Whether initiative id (0: a new one) is stored with key, its category
 * or the metric of one of its goals (sql says which, ?1 id, ?2 key). */
static bool stored_with(csr_db *db, const char *sql, int64_t id, const char *key)
{
	sqlite3_stmt *st = id ? csr_db_stmt(db, sql, NULL) : NULL;
	if (!st)
		return false;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
	bool stored = sqlite3_step(st) == SQLITE_ROW;
	csr_stmt_done(st);
	return stored;
}

/* A category the config no longer defines stays valid on the initiative
 * that has it, so it can be saved with other changes (the form shows it as
 * "(removed) key"); a new one, or a change, needs a defined one. */
static csr_code check_category_of(csr_db *db, const csr_initiative *in, csr_err *err)
{
	csr_code rc = check_category(csr_db_config(db), in->category, err);
	if (rc != CSR_OK && terminated(in->category, CSR_KEY_MAX) &&
	    stored_with(db, "SELECT 1 FROM initiative WHERE id = ?1 AND category = ?2", in->id,
			in->category))
		rc = CSR_OK;
	return rc;
}

static csr_code check_numbers(const csr_initiative *in, csr_err *err)
{
	if (in->ends_at <= in->starts_at)
		return csr_fail(err, CSR_EINVAL, _("Ends must be after Starts"));
	char most[CSR_FMT_NUMBER_MAX];
	csr_fmt_count(CSR_CAPACITY_MAX, most, sizeof most);
	if (in->capacity < 1)
		return csr_fail(err, CSR_EINVAL, _("Capacity must be at least 1"));
	if (in->capacity > CSR_CAPACITY_MAX)
		return csr_fail(err, CSR_EINVAL, _("Capacity must be at most %s"), most);
	if (in->minimum < 0 || in->minimum > in->capacity)
		return csr_fail(err, CSR_EINVAL, "%s",
				_("Minimum must be between 0 (none) and the capacity"));
	if (in->beneficiaries < 0 || in->beneficiaries > CSR_BENEFICIARIES_MAX) {
		csr_fmt_count(CSR_BENEFICIARIES_MAX, most, sizeof most);
		return csr_fail(err, CSR_EINVAL, _("Beneficiaries must be between 0 and %s"), most);
	}
	if ((unsigned)in->status >= NSTATUS)
		return csr_fail(err, CSR_EINVAL,
				_("Status must be one of draft, open, closed, done,"
				  " cancelled"));
	return CSR_OK;
}

/* A metric the config defines, or one the initiative's goals already have
 * (a goal kept on a metric the config no longer defines). */
static bool goal_metric_ok(csr_db *db, const csr_initiative *in, const char *metric)
{
	return terminated(metric, CSR_KEY_MAX) &&
	       (csr_config_metric(csr_db_config(db), metric) ||
		stored_with(db, "SELECT 1 FROM initiative_goal WHERE initiative_id = ?1"
			    " AND metric = ?2", in->id, metric));
}

static csr_code check_goal(csr_db *db, const csr_initiative *in, int i, csr_err *err)
{
	const csr_goal *g = &in->goals[i];
	char shown[CSR_KEY_MAX];
	if (!goal_metric_ok(db, in, g->metric)) {
		csr_text_sanitize(terminated(g->metric, sizeof g->metric) ? g->metric : "",
				  shown, sizeof shown);
		return csr_fail(err, CSR_EINVAL,
				_("Goal %d: metric '%s' is not defined in the config"),
				i + 1, shown);
	}
	if (!isfinite(g->target) || g->target <= 0)
		return csr_fail(err, CSR_EINVAL,
				_("Goal %d: the target for '%s' must be more than 0"),
				i + 1, g->metric);
	for (int j = 0; j < i; j++)
		if (strcmp(in->goals[j].metric, g->metric) == 0)
			return csr_fail(err, CSR_EINVAL,
					_("Goal %d: metric '%s' already has a goal"),
					i + 1, g->metric);
	return CSR_OK;
}

static csr_code check_goals(csr_db *db, const csr_initiative *in, csr_err *err)
{
	if (in->ngoals < 0 || in->ngoals > CSR_GOALS_MAX)
		return csr_fail(err, CSR_EINVAL, _("Goals: at most %d"), CSR_GOALS_MAX);
	csr_code rc = CSR_OK;
	for (int i = 0; rc == CSR_OK && i < in->ngoals; i++)
		rc = check_goal(db, in, i, err);
	return rc;
}

static csr_code check_partner(csr_db *db, int64_t partner_id, csr_err *err)
{
	if (partner_id == 0)
		return CSR_OK;
	sqlite3_stmt *st = csr_db_stmt(db, "SELECT 1 FROM partner WHERE id = ?1", err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, partner_id);
	int rc = sqlite3_step(st);
	csr_stmt_done(st);
	if (rc == SQLITE_ROW)
		return CSR_OK;
	if (rc != SQLITE_DONE)
		return csr_db_fail(db, rc, N_("looking up the partner"), err);
	return csr_fail(err, CSR_EINVAL, _("Partner %lld does not exist"), (long long)partner_id);
}

csr_code csr_initiative_validate(const csr_db *db, const csr_initiative *in, csr_err *err)
{
	csr_err local;
	if (!err)
		err = &local;
	/* The look-ups (a kept category or goal, the partner) only touch the
	 * handle's statement cache. */
	csr_db *reader = (csr_db *)db;
	csr_code rc = check_texts(in, err);
	if (rc == CSR_OK)
		rc = check_category_of(reader, in, err);
	if (rc == CSR_OK)
		rc = check_numbers(in, err);
	if (rc == CSR_OK)
		rc = check_goals(reader, in, err);
	if (rc == CSR_OK)
		rc = check_partner(reader, in->partner_id, err);
	return rc;
}

/* ---- writes ---- */

static csr_code step_done(csr_db *db, sqlite3_stmt *st, const char *what, csr_err *err)
{
	int rc = sqlite3_step(st);
	csr_stmt_done(st);
	return rc == SQLITE_DONE ? CSR_OK : csr_db_fail(db, rc, what, err);
}

/* Binds the fields an update saves: ?1..?8 and ?12..?14. */
static void bind_fields(sqlite3_stmt *st, const csr_initiative *in)
{
	sqlite3_bind_text(st, 1, in->title, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, in->category, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, in->description, -1, SQLITE_STATIC);
	if (in->partner_id)
		sqlite3_bind_int64(st, 4, in->partner_id);
	sqlite3_bind_text(st, 5, in->location, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 6, in->starts_at);
	sqlite3_bind_int64(st, 7, in->ends_at);
	sqlite3_bind_int(st, 8, in->capacity);
	sqlite3_bind_int(st, 12, in->minimum);
	sqlite3_bind_int(st, 13, in->own_time);
	sqlite3_bind_int(st, 14, in->beneficiaries);
}

static csr_code insert_initiative(csr_db *db, const csr_initiative *in, int64_t *id,
				  csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db,
		"INSERT INTO initiative (title, category, description, partner_id, location,"
		" starts_at, ends_at, capacity, status, owner_id, created_at, minimum, own_time,"
		" beneficiaries)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)", err);
	if (!st)
		return err->code;
	bind_fields(st, in);
	sqlite3_bind_text(st, 9, csr_initiative_status_name(in->status), -1, SQLITE_STATIC);
	int64_t owner = csr_db_actor(db)->volunteer_id;
	if (owner)
		sqlite3_bind_int64(st, 10, owner);
	sqlite3_bind_int64(st, 11, csr_now());
	csr_code rc = step_done(db, st, N_("saving the initiative"), err);
	*id = sqlite3_last_insert_rowid(csr_db_sqlite(db));
	return rc;
}

static csr_code save_goals(csr_db *db, int64_t id, const csr_initiative *in, csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db, "DELETE FROM initiative_goal WHERE initiative_id = ?1",
				       err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, id);
	csr_code rc = step_done(db, st, N_("saving the goals"), err);
	for (int i = 0; rc == CSR_OK && i < in->ngoals; i++) {
		st = csr_db_stmt(db, "INSERT INTO initiative_goal (initiative_id, metric, target)"
				 " VALUES (?1, ?2, ?3)", err);
		if (!st)
			return err->code;
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_text(st, 2, in->goals[i].metric, -1, SQLITE_STATIC);
		sqlite3_bind_double(st, 3, in->goals[i].target);
		rc = step_done(db, st, N_("saving the goals"), err);
	}
	return rc;
}

csr_code csr_initiative_create(csr_db *db, csr_initiative *in, csr_err *err)
{
	csr_err local;
	if (!err)
		err = &local;
	/* TRANSLATORS: completes "Only team leads may %s". */
	csr_code rc = csr_require_role(db, CSR_ROLE_LEAD, N_("create initiatives"), err);
	if (rc != CSR_OK)
		return rc;
	int64_t id = 0;
	rc = csr_tx_begin(db, err);
	if (rc == CSR_OK)
		rc = csr_initiative_validate(db, in, err);
	if (rc == CSR_OK)
		rc = insert_initiative(db, in, &id, err);
	if (rc == CSR_OK)
		rc = save_goals(db, id, in, err);
	if (rc == CSR_OK)
		rc = csr_audit_add(db, "initiative.create", "initiative", id, err, "%s (%s)",
				   in->title, csr_initiative_status_name(in->status));
	if (rc == CSR_OK && in->status == CSR_INITIATIVE_OPEN)
		rc = csr_notify_interested(db, id, in->category, err);
	rc = csr_tx_end(db, rc, err);
	if (rc == CSR_OK)
		in->id = id;
	return rc;
}

/* The confirmed places (confirmed or attended) an initiative has, and its
 * capacity as saved. */
static csr_code confirmed_count(csr_db *db, int64_t id, int *out, int *capacity, csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db,
		"SELECT (SELECT count(*) FROM signup s WHERE s.initiative_id = i.id"
		" AND s.status IN ('confirmed', 'attended')), i.capacity FROM initiative i"
		" WHERE i.id = ?1", err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*out = sqlite3_column_int(st, 0);
		*capacity = sqlite3_column_int(st, 1);
	}
	csr_stmt_done(st);
	if (rc == SQLITE_DONE)
		return csr_fail(err, CSR_ENOTFOUND,
				_("There is no initiative %lld"), (long long)id);
	return rc == SQLITE_ROW ? CSR_OK : csr_db_fail(db, rc, N_("reading the initiative"), err);
}

/* A capacity may not be lowered below the places taken. One that walk-ins
 * (attended places beyond it) already exceed may stay as it is, so the
 * initiative remains editable after attendance. */
static csr_code check_capacity(csr_db *db, const csr_initiative *in, csr_err *err)
{
	int confirmed = 0, saved = 0;
	csr_code rc = confirmed_count(db, in->id, &confirmed, &saved, err);
	if (rc == CSR_OK && in->capacity < confirmed && in->capacity < saved)
		rc = csr_fail(err, CSR_EREFUSED,
			      csr_plural(confirmed, "Capacity cannot be %d: %d person already has a"
					 " confirmed place", "Capacity cannot be %d: %d people already"
					 " have a confirmed place"),
			      in->capacity, confirmed);
	return rc;
}

/* Whether the edit moves the initiative in time or place: the people with
 * a place are told. */
static csr_code time_or_place_changed(csr_db *db, const csr_initiative *in, bool *out,
				      csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db, "SELECT starts_at <> ?2 OR ends_at <> ?3"
				       " OR location <> ?4 FROM initiative WHERE id = ?1", err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, in->id);
	sqlite3_bind_int64(st, 2, in->starts_at);
	sqlite3_bind_int64(st, 3, in->ends_at);
	sqlite3_bind_text(st, 4, in->location, -1, SQLITE_STATIC);
	int64_t changed = 0;
	csr_code rc = csr_read_count(db, st, &changed, N_("reading the initiative"), err);
	*out = changed != 0;
	return rc;
}

static csr_code update_row(csr_db *db, const csr_initiative *in, csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db,
		"UPDATE initiative SET title = ?1, category = ?2, description = ?3,"
		" partner_id = ?4, location = ?5, starts_at = ?6, ends_at = ?7, capacity = ?8,"
		" minimum = ?12, own_time = ?13, beneficiaries = ?14 WHERE id = ?9", err);
	if (!st)
		return err->code;
	bind_fields(st, in);
	sqlite3_bind_int64(st, 9, in->id);
	return step_done(db, st, N_("saving the initiative"), err);
}

csr_code csr_initiative_update(csr_db *db, const csr_initiative *in, csr_err *err)
{
	csr_err local;
	if (!err)
		err = &local;
	/* TRANSLATORS: completes "Only team leads may %s". */
	csr_code rc = csr_require_role(db, CSR_ROLE_LEAD, N_("edit initiatives"), err);
	if (rc != CSR_OK)
		return rc;
	int64_t first = 0;
	int promoted = 0;
	rc = csr_tx_begin(db, err);
	if (rc == CSR_OK)
		rc = csr_initiative_validate(db, in, err);
	if (rc == CSR_OK)
		rc = check_capacity(db, in, err);
	bool moved = false;
	if (rc == CSR_OK)
		rc = time_or_place_changed(db, in, &moved, err);
	if (rc == CSR_OK)
		rc = update_row(db, in, err);
	if (rc == CSR_OK && moved)
		rc = csr_notify_places(db, CSR_NOTE_INITIATIVE_CHANGED, in->id, err);
	if (rc == CSR_OK)
		rc = save_goals(db, in->id, in, err);
	/* A raised capacity goes to the waitlist first, in arrival order. */
	if (rc == CSR_OK)
		rc = csr_signup_fill_places(db, in->id, &first, &promoted, err);
	if (rc == CSR_OK)
		rc = csr_audit_add(db, "initiative.update", "initiative", in->id, err,
				   "%s; %d promoted from the waitlist", in->title, promoted);
	return csr_tx_end(db, rc, err);
}

static csr_code read_status(csr_db *db, int64_t id, csr_initiative_status *out, csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db, "SELECT status FROM initiative WHERE id = ?1", err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		csr_initiative_status_parse((const char *)sqlite3_column_text(st, 0), out);
	csr_stmt_done(st);
	if (rc == SQLITE_DONE)
		return csr_fail(err, CSR_ENOTFOUND,
				_("There is no initiative %lld"), (long long)id);
	return rc == SQLITE_ROW ? CSR_OK : csr_db_fail(db, rc, N_("reading the initiative"), err);
}

static csr_code write_status(csr_db *db, int64_t id, csr_initiative_status s, csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db, "UPDATE initiative SET status = ?2 WHERE id = ?1", err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, csr_initiative_status_name(s), -1, SQLITE_STATIC);
	return step_done(db, st, N_("saving the initiative"), err);
}

/* Cancels every live place (confirmed or waitlisted); *n is how many. */
static csr_code cancel_places(csr_db *db, int64_t id, int *n, csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db,
		"UPDATE signup SET status = 'cancelled', updated_at = ?2"
		" WHERE initiative_id = ?1 AND status IN ('confirmed', 'waitlisted')", err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, csr_now());
	csr_code rc = step_done(db, st, N_("cancelling the places"), err);
	*n = sqlite3_changes(csr_db_sqlite(db));
	return rc;
}

/* A draft opened for sign-ups is new to those who chose its category. */
static csr_code notify_new(csr_db *db, int64_t id, csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db, "SELECT category FROM initiative WHERE id = ?1", err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, id);
	char category[CSR_KEY_MAX] = "";
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		csr_col_text(st, 0, category, sizeof category);
	csr_stmt_done(st);
	if (rc != SQLITE_ROW)
		return csr_db_fail(db, rc, N_("reading the initiative"), err);
	return csr_notify_interested(db, id, category, err);
}

csr_code csr_initiative_set_status(csr_db *db, int64_t id, csr_initiative_status s,
				   csr_err *err)
{
	csr_err local;
	if (!err)
		err = &local;
	/* TRANSLATORS: completes "Only team leads may %s". */
	csr_code rc = csr_require_role(db, CSR_ROLE_LEAD,
				       N_("change the status of initiatives"), err);
	if (rc != CSR_OK)
		return rc;
	if ((unsigned)s >= NSTATUS)
		return csr_fail(err, CSR_EINVAL,
				_("Status must be one of draft, open, closed, done,"
				  " cancelled"));
	csr_initiative_status old = CSR_INITIATIVE_DRAFT;
	int cancelled = 0;
	rc = csr_tx_begin(db, err);
	if (rc == CSR_OK)
		rc = read_status(db, id, &old, err);
	if (rc == CSR_OK)
		rc = write_status(db, id, s, err);
	if (rc == CSR_OK && s == CSR_INITIATIVE_CANCELLED && old != s)
		rc = csr_notify_places(db, CSR_NOTE_INITIATIVE_CANCELLED, id, err);
	if (rc == CSR_OK && s == CSR_INITIATIVE_CANCELLED)
		rc = cancel_places(db, id, &cancelled, err);
	if (rc == CSR_OK && s == CSR_INITIATIVE_OPEN && old == CSR_INITIATIVE_DRAFT)
		rc = notify_new(db, id, err);
	if (rc == CSR_OK)
		rc = csr_audit_add(db, "initiative.status", "initiative", id, err,
				   "%s -> %s; %d places cancelled", csr_initiative_status_name(old),
				   csr_initiative_status_name(s), cancelled);
	return csr_tx_end(db, rc, err);
}

/* ---- reads ---- */

/* The columns read_row expects, and the table they come from. */
#define ROW_COLUMNS \
	"SELECT i.id, i.title, i.category, i.partner_id, coalesce(p.name, ''), i.location," \
	" i.starts_at, i.ends_at, i.capacity, i.status, i.owner_id, i.minimum," \
	" i.own_time, i.beneficiaries," \
	" (SELECT count(*) FROM signup s WHERE s.initiative_id = i.id" \
	"  AND s.status IN ('confirmed', 'attended'))," \
	" (SELECT count(*) FROM signup s WHERE s.initiative_id = i.id AND s.status = 'waitlisted')"
#define ROW_FROM " FROM initiative i LEFT JOIN partner p ON p.id = i.partner_id"

static void read_row(sqlite3_stmt *st, csr_initiative *r)
{
	memset(r, 0, sizeof *r);
	r->id = sqlite3_column_int64(st, 0);
	csr_col_text(st, 1, r->title, sizeof r->title);
	csr_col_text(st, 2, r->category, sizeof r->category);
	r->partner_id = sqlite3_column_int64(st, 3);
	csr_col_text(st, 4, r->partner_name, sizeof r->partner_name);
	csr_col_text(st, 5, r->location, sizeof r->location);
	r->starts_at = sqlite3_column_int64(st, 6);
	r->ends_at = sqlite3_column_int64(st, 7);
	r->capacity = sqlite3_column_int(st, 8);
	csr_initiative_status_parse((const char *)sqlite3_column_text(st, 9), &r->status);
	r->owner_id = sqlite3_column_int64(st, 10);
	r->minimum = sqlite3_column_int(st, 11);
	r->own_time = sqlite3_column_int(st, 12) != 0;
	r->beneficiaries = sqlite3_column_int(st, 13);
	r->confirmed = sqlite3_column_int(st, 14);
	r->waitlisted = sqlite3_column_int(st, 15);
}

static csr_code read_goals(csr_db *db, csr_initiative *out, csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db, "SELECT metric, target FROM initiative_goal"
				       " WHERE initiative_id = ?1 ORDER BY rowid LIMIT ?2", err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, out->id);
	sqlite3_bind_int(st, 2, CSR_GOALS_MAX);
	int rc;
	out->ngoals = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		csr_goal *g = &out->goals[out->ngoals++];
		csr_col_text(st, 0, g->metric, sizeof g->metric);
		g->target = sqlite3_column_double(st, 1);
	}
	csr_stmt_done(st);
	return rc == SQLITE_DONE ? CSR_OK : csr_db_fail(db, rc, N_("reading the goals"), err);
}

csr_code csr_initiative_get(csr_db *db, int64_t id, csr_initiative *out, csr_err *err)
{
	csr_err local;
	if (!err)
		err = &local;
	sqlite3_stmt *st = csr_db_stmt(db, ROW_COLUMNS ", i.description" ROW_FROM
				       " WHERE i.id = ?1", err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		read_row(st, out);
		csr_col_text(st, 16, out->description, sizeof out->description);
	}
	csr_stmt_done(st);
	if (rc == SQLITE_DONE)
		return csr_fail(err, CSR_ENOTFOUND,
				_("There is no initiative %lld"), (long long)id);
	if (rc != SQLITE_ROW)
		return csr_db_fail(db, rc, N_("reading the initiative"), err);
	return read_goals(db, out, err);
}

/* ?1 search pattern, ?2 category, ?3 status, ?4 when, ?5 now; NULL = any. */
#define FILTER \
	" WHERE (?1 IS NULL OR i.title LIKE ?1 ESCAPE '\\' OR i.location LIKE ?1 ESCAPE '\\'" \
	"  OR p.name LIKE ?1 ESCAPE '\\')" \
	" AND (?2 IS NULL OR i.category = ?2)" \
	" AND (?3 IS NULL OR i.status = ?3)" \
	" AND (?4 = 0 OR (?4 = 1 AND i.ends_at > ?5) OR (?4 = 2 AND i.ends_at <= ?5))"

/* "%text%" with LIKE's wildcards (and the escape) escaped; NULL for none. */
static char *like_pattern(const char *search)
{
	if (!search || !*search)
		return NULL;
	size_t size = 2 * strlen(search) + 3;
	char *p = malloc(size);
	if (p)
		csr_like_pattern(search, p, size);
	return p;
}

static csr_code bind_query(sqlite3_stmt *st, const csr_initiative_query *q, char **pattern,
			   csr_err *err)
{
	static const csr_initiative_query all = { .status = -1 };
	if (!q)
		q = &all;
	*pattern = like_pattern(q->search);
	if (q->search && *q->search && !*pattern)
		return csr_fail(err, CSR_ENOMEM, _("out of memory"));
	if (q->status >= (int)NSTATUS || q->status < -1)
		return csr_fail(err, CSR_EINVAL, _("Status filter %d is not a status"), q->status);
	sqlite3_bind_text(st, 1, *pattern, -1, SQLITE_STATIC);
	csr_bind_text_or_null(st, 2, q->category);
	if (q->status >= 0)
		sqlite3_bind_text(st, 3, status_names[q->status], -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, (int)q->when);
	sqlite3_bind_int64(st, 5, csr_now());
	return CSR_OK;
}

/* A page in each order, [order][backward]: ?6 starts_at, ?7 id and ?8 the
 * title or category of the row to continue from; ?9 the limit. Every order
 * is read in an index (initiative_by_start, _by_title, _by_category), never
 * sorted whole. The title's COLLATE NOCASE sits on the parameter: on the
 * column, SQLite 3.40 scans all of initiative_by_title instead of seeking. */
static const char *const page_sql[][2] = {
	[CSR_INITIATIVE_BY_START] = {
		ROW_COLUMNS ROW_FROM FILTER " AND (i.starts_at, i.id) > (?6, ?7)"
		" ORDER BY i.starts_at, i.id LIMIT ?9",
		ROW_COLUMNS ROW_FROM FILTER " AND (i.starts_at, i.id) < (?6, ?7)"
		" ORDER BY i.starts_at DESC, i.id DESC LIMIT ?9" },
	[CSR_INITIATIVE_BY_TITLE] = {
		ROW_COLUMNS ROW_FROM FILTER " AND (i.title, i.id) > (?8 COLLATE NOCASE, ?7)"
		" ORDER BY i.title COLLATE NOCASE, i.id LIMIT ?9",
		ROW_COLUMNS ROW_FROM FILTER " AND (i.title, i.id) < (?8 COLLATE NOCASE, ?7)"
		" ORDER BY i.title COLLATE NOCASE DESC, i.id DESC LIMIT ?9" },
	[CSR_INITIATIVE_BY_CATEGORY] = {
		ROW_COLUMNS ROW_FROM FILTER " AND (i.category, i.starts_at, i.id) > (?8, ?6, ?7)"
		" ORDER BY i.category, i.starts_at, i.id LIMIT ?9",
		ROW_COLUMNS ROW_FROM FILTER " AND (i.category, i.starts_at, i.id) < (?8, ?6, ?7)"
		" ORDER BY i.category DESC, i.starts_at DESC, i.id DESC LIMIT ?9" },
};
#define NORDERS (sizeof page_sql / sizeof page_sql[0])

static csr_initiative_order order_of(const csr_initiative_query *q)
{
	return q ? q->order : CSR_INITIATIVE_BY_START;
}

/* Binds the key of the row to continue from. Without one, a key before
 * every row (backward: after every row): '' sorts before any text and a
 * blob after any text. */
static void bind_key(sqlite3_stmt *st, csr_initiative_order order, const csr_initiative *after,
		     bool backward)
{
	if (after) {
		sqlite3_bind_int64(st, 6, after->starts_at);
		sqlite3_bind_int64(st, 7, after->id);
		/* A copy: after may be one of the rows this page overwrites. */
		sqlite3_bind_text(st, 8, order == CSR_INITIATIVE_BY_TITLE ? after->title
									  : after->category,
				  -1, SQLITE_TRANSIENT);
		return;
	}
	sqlite3_bind_int64(st, 6, backward ? INT64_MAX : INT64_MIN);
	sqlite3_bind_int64(st, 7, backward ? INT64_MAX : INT64_MIN);
	if (backward) /* a blob, not NULL: a zero-length blob */
		sqlite3_bind_zeroblob(st, 8, 0);
	else
		sqlite3_bind_text(st, 8, "", 0, SQLITE_STATIC);
}

csr_code csr_initiative_page_after(csr_db *db, const csr_initiative_query *q,
				   const csr_initiative *after, bool backward,
				   csr_initiative *rows, int max, int *n, csr_err *err)
{
	csr_err local;
	if (!err)
		err = &local;
	*n = 0;
	csr_initiative_order order = order_of(q);
	if ((unsigned)order >= NORDERS)
		return csr_fail(err, CSR_EINVAL, _("Order %d is not a list order"), (int)order);
	/* Past initiatives by date list the newest first: the list's forward
	 * is the index's backward. */
	bool newest_first = order == CSR_INITIATIVE_BY_START && q && q->when == CSR_WHEN_PAST;
	bool descending = backward != newest_first;
	sqlite3_stmt *st = csr_db_stmt(db, page_sql[order][descending], err);
	if (!st)
		return err->code;
	char *pattern = NULL;
	csr_code code = bind_query(st, q, &pattern, err);
	bind_key(st, order, after, descending);
	sqlite3_bind_int(st, 9, max);
	int rc = SQLITE_DONE;
	while (code == CSR_OK && *n < max && (rc = sqlite3_step(st)) == SQLITE_ROW)
		read_row(st, &rows[(*n)++]);
	csr_stmt_done(st);
	free(pattern);
	if (code == CSR_OK && rc != SQLITE_ROW && rc != SQLITE_DONE)
		code = csr_db_fail(db, rc, N_("listing initiatives"), err);
	if (code == CSR_OK && backward)
		csr_rows_reverse(rows, *n, sizeof *rows);
	return code;
}

csr_code csr_initiative_page(csr_db *db, const csr_initiative_query *q, int64_t after_start,
			     int64_t after_id, bool backward, csr_initiative *rows, int max,
			     int *n, csr_err *err)
{
	if (after_id == 0)
		return csr_initiative_page_after(db, q, NULL, backward, rows, max, n, err);
	*n = 0;
	if (order_of(q) != CSR_INITIATIVE_BY_START)
		return csr_fail(err, CSR_EINVAL,
				_("A page after an initiative in this order needs its"
				  " title and category: use csr_initiative_page_after"));
	csr_initiative key = { .id = after_id, .starts_at = after_start };
	return csr_initiative_page_after(db, q, &key, backward, rows, max, n, err);
}

csr_code csr_initiative_count(csr_db *db, const csr_initiative_query *q, int64_t *out,
			      csr_err *err)
{
	csr_err local;
	if (!err)
		err = &local;
	sqlite3_stmt *st = csr_db_stmt(db, "SELECT count(*)" ROW_FROM FILTER, err);
	if (!st)
		return err->code;
	char *pattern = NULL;
	csr_code code = bind_query(st, q, &pattern, err);
	int rc = code == CSR_OK ? sqlite3_step(st) : SQLITE_DONE;
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	csr_stmt_done(st);
	free(pattern);
	if (code == CSR_OK && rc != SQLITE_ROW)
		code = csr_db_fail(db, rc, N_("counting initiatives"), err);
	return code;
}
