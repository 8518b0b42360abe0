/* SPDX-License-Identifier: MIT */
/* A person's rights: everything stored about a volunteer as JSON (json-c
 * builds and escapes it), and the erasure, which anonymises them
 * (anonymise.c says what changes). */
#include "csrdesk/person.h"

#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "csrdesk/clock.h"
#include "csrdesk/i18n.h"
#include "csrdesk/volunteer.h"
#include "anonymise.h"
#include "records.h"

/* ---- the export ---- */

/* A time column as ISO 8601 UTC ("2026-03-14T09:00:00Z"; NULL stays NULL),
 * a day column (the start of a local day) as its date ("2026-03-14"). */
#define ISO(col) "strftime('%Y-%m-%dT%H:%M:%SZ', " col ", 'unixepoch')"
#define DAY(col) "date(" col ", 'unixepoch', 'localtime')"

/* Columns that hold 0 or 1 and are written as false or true. */
static const char *const boolean_columns[] = { "active", "mail_off", "pin_set", "own_time",
					       NULL };

/* One part of the document: a key and the query of its rows, ?1 the
 * volunteer's id, ?2 their audit actor as Unix user ("unix:NAME", NULL
 * when they have none), ?3 as kiosk user ("kiosk:EMPLOYEE_ID"). */
typedef struct section {
	const char *key;
	const char *sql;
} section;

static const section sections[] = {
	{ "interests", "SELECT category FROM volunteer_interest WHERE volunteer_id = ?1"
		       " ORDER BY category" },
	{ "signups",
	  "SELECT s.id, s.initiative_id, i.title AS initiative_title,"
	  " " ISO("i.starts_at") " AS initiative_starts_at, s.status,"
	  " " ISO("s.created_at") " AS created_at, " ISO("s.updated_at") " AS updated_at,"
	  " s.changed_by_name, s.reason"
	  " FROM signup s JOIN initiative i ON i.id = s.initiative_id"
	  " WHERE s.volunteer_id = ?1 ORDER BY s.id" },
	{ "hours",
	  "SELECT h.id, h.initiative_id, i.title AS initiative_title,"
	  " " DAY("h.worked_on") " AS worked_on, h.minutes, h.own_time, h.status,"
	  " " ISO("h.decided_at") " AS decided_at, h.note, h.reason,"
	  " " ISO("h.created_at") " AS created_at"
	  " FROM hours h LEFT JOIN initiative i ON i.id = h.initiative_id"
	  " WHERE h.volunteer_id = ?1 ORDER BY h.worked_on, h.id" },
	{ "feedback",
	  "SELECT f.initiative_id, i.title AS initiative_title, f.rating, f.comment,"
	  " " ISO("f.created_at") " AS created_at"
	  " FROM feedback f JOIN initiative i ON i.id = f.initiative_id"
	  " WHERE f.volunteer_id = ?1 ORDER BY f.id" },
	{ "notifications",
	  "SELECT id, kind, initiative_id, signup_id, hours_id, amount, detail,"
	  " " ISO("created_at") " AS created_at, " ISO("due_at") " AS due_at,"
	  " " ISO("read_at") " AS read_at, " ISO("login_at") " AS login_at,"
	  " " ISO("mailed_at") " AS mailed_at"
	  " FROM notification WHERE volunteer_id = ?1 OR unix_user = substr(?2, 6)"
	  " ORDER BY id" },
	{ "impact_recorded",
	  "SELECT m.id, m.initiative_id, i.title AS initiative_title, m.metric, m.value,"
	  " " ISO("m.recorded_at") " AS recorded_at, m.note, " ISO("m.voided_at") " AS voided_at,"
	  " m.void_reason"
	  " FROM impact m JOIN initiative i ON i.id = m.initiative_id"
	  " WHERE m.recorded_by = ?1 ORDER BY m.id" },
	{ "management_time",
	  "SELECT id, " DAY("worked_on") " AS worked_on, minutes, note,"
	  " " ISO("created_at") " AS created_at"
	  " FROM management_time WHERE volunteer_id = ?1 ORDER BY worked_on, id" },
	{ "initiatives_owned",
	  "SELECT id, title, category, status, " ISO("starts_at") " AS starts_at"
	  " FROM initiative WHERE owner_id = ?1 ORDER BY id" },
	{ "announcements",
	  "SELECT id, title, body, " ISO("created_at") " AS created_at"
	  " FROM announcement WHERE author_id = ?1 ORDER BY id" },
	{ "pin_activation",
	  "SELECT " ISO("issued_at") " AS issued_at, " ISO("expires_at") " AS expires_at"
	  " FROM pin_activation WHERE volunteer_id = ?1" },
	{ "audit",
	  "SELECT id, " ISO("at") " AS at, actor, action, entity, entity_id, detail FROM audit"
	  " WHERE (entity = 'volunteer' AND entity_id = ?1) OR actor = ?2 OR actor = ?3"
	  " ORDER BY id" },
};

static const char volunteer_sql[] =
	"SELECT id, employee_id, name, team, site, email, skills, unix_user,"
	" pin_hash IS NOT NULL AS pin_set, pin_failures, active, language, mail_off,"
	" " ISO("created_at") " AS created_at, " ISO("anonymised_at") " AS anonymised_at"
	" FROM volunteer WHERE id = ?1";

static bool is_boolean(const char *column)
{
	for (const char *const *b = boolean_columns; *b; b++)
		if (strcmp(*b, column) == 0)
			return true;
	return false;
}

static json_object *column_json(sqlite3_stmt *st, int col)
{
	const char *name = sqlite3_column_name(st, col);
	switch (sqlite3_column_type(st, col)) {
	case SQLITE_NULL:
		return NULL;
	case SQLITE_INTEGER:
		if (is_boolean(name))
			return json_object_new_boolean(sqlite3_column_int(st, col) != 0);
		return json_object_new_int64(sqlite3_column_int64(st, col));
	case SQLITE_FLOAT: /* SQLite's shortest text, not json-c's 17 digits */
		return json_object_new_double_s(sqlite3_column_double(st, col),
						(const char *)sqlite3_column_text(st, col));
	default:
		return json_object_new_string_len((const char *)sqlite3_column_text(st, col),
						  sqlite3_column_bytes(st, col));
	}
}

/* The current row of st as an object, keyed by the column names. */
static json_object *row_json(sqlite3_stmt *st)
{
	json_object *row = json_object_new_object();
	for (int col = 0; row && col < sqlite3_column_count(st); col++)
		json_object_object_add(row, sqlite3_column_name(st, col), column_json(st, col));
	return row;
}

/* Runs st (its parameters bound) to its end: every row into array. */
static csr_code rows_json(csr_db *db, sqlite3_stmt *st, json_object *array, csr_err *err)
{
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (json_object_array_add(array, row_json(st)) != 0) {
			rc = SQLITE_NOMEM;
			break;
		}
	csr_stmt_done(st);
	/* TRANSLATORS: what was being done when the database failed, shown before
	 * the reason ("reading a person's data: database is locked"). */
	return rc == SQLITE_DONE ? CSR_OK : csr_db_fail(db, rc, N_("reading a person's data"), err);
}

/* The audit actors the person acts as: by their Unix login and at a kiosk. */
typedef struct actors {
	char unix_user[CSR_UNIX_USER_MAX + 8];
	char kiosk[CSR_EMPLOYEE_ID_MAX + 8];
} actors;

static csr_code add_section(csr_db *db, json_object *doc, const section *s, int64_t id,
			    const actors *a, csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db, s->sql, err);
	if (!st)
		return csr_err_code(err);
	int params = sqlite3_bind_parameter_count(st);
	sqlite3_bind_int64(st, 1, id);
	if (params >= 2)
		csr_bind_text_or_null(st, 2, a->unix_user);
	if (params >= 3)
		sqlite3_bind_text(st, 3, a->kiosk, -1, SQLITE_STATIC);
	json_object *array = json_object_new_array();
	json_object_object_add(doc, s->key, array);
	return rows_json(db, st, array, err);
}

/* The volunteer row into doc, and the actors they act as. */
static csr_code add_volunteer(csr_db *db, json_object *doc, int64_t id, actors *a, csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db, volunteer_sql, err);
	if (!st)
		return csr_err_code(err);
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		char user[CSR_UNIX_USER_MAX];
		csr_col_text(st, 7, user, sizeof user);
		snprintf(a->unix_user, sizeof a->unix_user, "%s%s", user[0] ? "unix:" : "", user);
		snprintf(a->kiosk, sizeof a->kiosk, "kiosk:%s",
			 (const char *)sqlite3_column_text(st, 1));
		json_object_object_add(doc, "volunteer", row_json(st));
	}
	csr_stmt_done(st);
	if (rc == SQLITE_DONE)
		return csr_fail(err, CSR_ENOTFOUND, _("No volunteer with id %lld"), (long long)id);
	return rc == SQLITE_ROW ? CSR_OK : csr_db_fail(db, rc, N_("reading a person's data"), err);
}

static csr_code gather(csr_db *db, json_object *doc, int64_t id, csr_err *err)
{
	char now[32];
	time_t t = (time_t)csr_now();
	struct tm tm;
	strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&t, &tm));
	json_object_object_add(doc, "format", json_object_new_string("csrdesk person export 1"));
	json_object_object_add(doc, "exported_at", json_object_new_string(now));
	actors a;
	csr_code rc = add_volunteer(db, doc, id, &a, err);
	for (size_t i = 0; rc == CSR_OK && i < sizeof sections / sizeof sections[0]; i++)
		rc = add_section(db, doc, &sections[i], id, &a, err);
	return rc;
}

static csr_code may_export(csr_db *db, int64_t id, csr_err *err)
{
	const csr_actor *actor = csr_db_actor(db);
	if (actor->role >= CSR_ROLE_ADMIN || (actor->volunteer_id && actor->volunteer_id == id))
		return CSR_OK;
	return csr_fail(err, CSR_EDENIED, "%s",
			_("Only admins may export another person's data; you may export your own"));
}

static csr_code write_json(json_object *doc, FILE *out, csr_err *err)
{
	int flags = JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
		    JSON_C_TO_STRING_NOSLASHESCAPE;
	const char *text = json_object_to_json_string_ext(doc, flags);
	if (!text)
		return csr_fail(err, CSR_ENOMEM, "%s", _("Out of memory for the export"));
	if (fputs(text, out) == EOF || fputc('\n', out) == EOF)
		return csr_fail(err, CSR_EIO, "%s", _("Cannot write the export"));
	return CSR_OK;
}

csr_code csr_person_export(csr_db *db, int64_t id, FILE *out, csr_err *err)
{
	csr_code rc = may_export(db, id, err);
	json_object *doc = rc == CSR_OK ? json_object_new_object() : NULL;
	if (rc == CSR_OK && !doc)
		rc = csr_fail(err, CSR_ENOMEM, "%s", _("Out of memory for the export"));
	/* One transaction: the audit row (in the export too, or rolled back
	 * when there is no such volunteer) and a consistent reading of it all. */
	if (rc == CSR_OK && (rc = csr_tx_begin(db, err)) == CSR_OK) {
		rc = csr_audit_add(db, "person.export", "volunteer", id, err, "%s", "");
		if (rc == CSR_OK)
			rc = gather(db, doc, id, err);
		rc = csr_tx_end(db, rc, err);
	}
	if (rc == CSR_OK)
		rc = write_json(doc, out, err);
	json_object_put(doc);
	return rc;
}

csr_code csr_person_erase(csr_db *db, int64_t id, csr_err *err)
{
	/* TRANSLATORS: completes "Only admins may ...". */
	csr_code rc = csr_require_role(db, CSR_ROLE_ADMIN, N_("erase a person's data"), err);
	csr_anonymised *list = rc == CSR_OK ? csr_anonymised_new() : NULL;
	if (rc == CSR_OK && !list)
		rc = csr_fail(err, CSR_ENOMEM, "%s", _("Out of memory"));
	int before = 0;
	if (rc == CSR_OK && (rc = csr_anonymise_secure_begin(db, &before, err)) == CSR_OK) {
		if ((rc = csr_tx_begin(db, err)) == CSR_OK) {
			rc = csr_anonymise_person(db, list, id, "person.erase",
						  "anonymised on request", err);
			if (rc == CSR_OK)
				rc = csr_anonymise_texts(db, list, err);
			rc = csr_tx_end(db, rc, err);
		}
		csr_anonymise_secure_end(db, before);
	}
	csr_anonymised_free(&list);
	return rc;
}
