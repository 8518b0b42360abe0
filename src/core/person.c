/* SPDX-License-Identifier: MIT */
/* A person's rights: everything stored about a volunteer as JSON (json-c
 * builds and escapes it), and anonymising them.
 *
 * Anonymising (csr_person_anonymise) changes, in one transaction:
 * - the volunteer row: name "Former volunteer #N", employee ID "former-N",
 *   email, skills, Unix user, PIN, PIN failures and language cleared, mail
 *   off, anonymised_at set; team, site and active stay (the figures group
 *   by team and site, and participation counts the active volunteers, so a
 *   past report stays byte for byte the same);
 * - their interests and activation code are deleted, their notifications
 *   too (also those addressed to their Unix user), their feedback comments
 *   emptied (the ratings stay);
 * - every other text in the database that holds their email, employee ID
 *   or name gets "former-N" or "Former volunteer #N" in its place: a lead's
 *   name on a place they changed (signup.changed_by_name), reasons, notes,
 *   notification details, audit details and kiosk actors ("kiosk:E1234"),
 *   announcements. The columns are found in the schema (every TEXT column
 *   of every table but volunteer), so a column a later migration adds is
 *   covered too; the audit's "unix:USER" actors become "unix:former-N".
 *   The email and the employee ID are replaced only whole (E100 in E1001
 *   is someone else's), the name wherever it occurs.
 * - the records (places, hours, ratings, impact, management time) stay,
 *   tied to the anonymous row, so every figure stays. */
#include "csrdesk/person.h"

#include <ctype.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "csrdesk/clock.h"
#include "csrdesk/i18n.h"
#include "csrdesk/volunteer.h"
#include "person_private.h"
#include "records.h"

/* ---- the export ---- */

/* A time column as ISO 8601 UTC ("2026-03-14T09:00:00Z"; NULL stays NULL). */
#define ISO(col) "strftime('%Y-%m-%dT%H:%M:%SZ', " col ", 'unixepoch')"

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
	  " " ISO("h.worked_on") " AS worked_on, h.minutes, h.own_time, h.status,"
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
	  "SELECT id, " ISO("worked_on") " AS worked_on, minutes, note,"
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
		snprintf(a->kiosk, sizeof a->kiosk, "kiosk:%s", (const char *)sqlite3_column_text(st, 1));
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
	const char *text = json_object_to_json_string_ext(
		doc, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED | JSON_C_TO_STRING_NOSLASHESCAPE);
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
	/* One transaction: the audit row and a consistent reading of it all. */
	if (rc == CSR_OK && (rc = csr_tx_begin(db, err)) == CSR_OK) {
		rc = csr_require_row(db, csr_db_stmt(db, "SELECT 1 FROM volunteer WHERE id = ?1", err),
				     id, N_("No volunteer with id %lld"), err);
		if (rc == CSR_OK)
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

/* ---- anonymising ---- */

/* What the person was called, and what they are called from now on. */
typedef struct identity {
	char name[CSR_NAME_MAX], employee_id[CSR_EMPLOYEE_ID_MAX], email[CSR_EMAIL_MAX];
	char unix_user[CSR_UNIX_USER_MAX];
	bool anonymised;
	char new_name[64], new_id[32];
} identity;

static csr_code read_identity(csr_db *db, int64_t id, identity *who, csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db,
		"SELECT name, employee_id, email, coalesce(unix_user, ''), anonymised_at IS NOT NULL"
		" FROM volunteer WHERE id = ?1", err);
	if (!st)
		return csr_err_code(err);
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		csr_col_text(st, 0, who->name, sizeof who->name);
		csr_col_text(st, 1, who->employee_id, sizeof who->employee_id);
		csr_col_text(st, 2, who->email, sizeof who->email);
		csr_col_text(st, 3, who->unix_user, sizeof who->unix_user);
		who->anonymised = sqlite3_column_int(st, 4) != 0;
	}
	csr_stmt_done(st);
	if (rc == SQLITE_DONE)
		return csr_fail(err, CSR_ENOTFOUND, _("No volunteer with id %lld"), (long long)id);
	if (rc != SQLITE_ROW)
		/* TRANSLATORS: what was being done when the database failed. */
		return csr_db_fail(db, rc, N_("anonymising a volunteer"), err);
	if (who->anonymised)
		return csr_fail(err, CSR_ECONFLICT, _("Volunteer #%lld is anonymised already"),
				(long long)id);
	snprintf(who->new_name, sizeof who->new_name, CSR_PERSON_FORMER_NAME, (long long)id);
	snprintf(who->new_id, sizeof who->new_id, CSR_PERSON_FORMER_ID, (long long)id);
	return CSR_OK;
}

/* Runs one of own_rows_sql for volunteer id. */
static csr_code run_write(csr_db *db, const char *sql, const identity *who, int64_t id,
			  csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db, sql, err);
	if (!st)
		return csr_err_code(err);
	/* ?1 the id, ?2 the new name, ?3 the new employee ID, ?4 the Unix user */
	int params = sqlite3_bind_parameter_count(st);
	sqlite3_bind_int64(st, 1, id);
	if (params >= 3) {
		sqlite3_bind_text(st, 2, who->new_name, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, who->new_id, -1, SQLITE_STATIC);
	}
	if (params >= 4)
		csr_bind_text_or_null(st, 4, who->unix_user);
	int rc = sqlite3_step(st);
	csr_stmt_done(st);
	return rc == SQLITE_DONE ? CSR_OK : csr_db_fail(db, rc, N_("anonymising a volunteer"), err);
}

/* The person's own rows: ?1 their id, ?2 the new name, ?3 the new
 * employee ID, ?4 their Unix user (NULL when none). */
static const char *const own_rows_sql[] = {
	"UPDATE volunteer SET name = ?2, employee_id = ?3, email = '', skills = '',"
	" unix_user = NULL, pin_hash = NULL, pin_failures = 0, language = '', mail_off = 1,"
	" anonymised_at = unixepoch() WHERE id = ?1",
	"DELETE FROM volunteer_interest WHERE volunteer_id = ?1",
	"DELETE FROM pin_activation WHERE volunteer_id = ?1",
	"UPDATE feedback SET comment = '' WHERE volunteer_id = ?1 AND comment <> ''",
	"DELETE FROM notification WHERE volunteer_id = ?1 OR unix_user = ?4",
	"UPDATE audit SET actor = 'unix:' || ?3 WHERE actor = 'unix:' || ?4",
};

enum { TEXT_COLUMNS_MAX = 512, SQL_NAME_MAX = 64 };

typedef struct text_column {
	char table[SQL_NAME_MAX], column[SQL_NAME_MAX];
} text_column;

static void read_text_column(sqlite3_stmt *st, void *row)
{
	text_column *c = row;
	csr_col_text(st, 0, c->table, sizeof c->table);
	csr_col_text(st, 1, c->column, sizeof c->column);
}

/* Every TEXT column of every ordinary table but volunteer (whose other
 * rows are other people, even one of the same name): not the search
 * index's virtual table and its shadow tables, nor SQLite's own. */
static csr_code list_text_columns(csr_db *db, text_column *cols, int *n, csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db,
		"SELECT t.name, c.name FROM pragma_table_list AS t, pragma_table_info(t.name) AS c"
		" WHERE t.schema = 'main' AND t.type = 'table'"
		" AND t.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND t.name <> 'volunteer'"
		" AND upper(c.type) LIKE '%TEXT%' ORDER BY t.name, c.cid", err);
	if (!st)
		return csr_err_code(err);
	return csr_read_rows(db, st, read_text_column, cols, sizeof *cols, TEXT_COLUMNS_MAX, n,
			     N_("anonymising a volunteer"), err);
}

/* Part of an identifier (an employee ID, an email address): a letter, a
 * digit, '-', '_', '@', or a '.' inside one (not a full stop after it). */
static bool in_identifier(const char *p, const char *end)
{
	unsigned char c = (unsigned char)*p;
	if (c == '.')
		return p + 1 < end && (isalnum((unsigned char)p[1]) || (unsigned char)p[1] >= 0x80);
	return isalnum(c) || c >= 0x80 || c == '-' || c == '_' || c == '@';
}

/* SQL csr_replace_identifier(text, old, new): text with every whole old
 * replaced by new; "E100" in "E1001" or "kiosk:E1001" is another
 * person's, and stays. */
static void replace_identifier(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const char *text = (const char *)sqlite3_value_text(argv[0]);
	const char *old = (const char *)sqlite3_value_text(argv[1]);
	const char *new = (const char *)sqlite3_value_text(argv[2]);
	if (!text || !old || !*old || !new) {
		sqlite3_result_value(ctx, argv[0]);
		return;
	}
	size_t n = strlen(text), nold = strlen(old), nnew = strlen(new);
	sqlite3_str *out = sqlite3_str_new(NULL);
	const char *end = text + n, *p = text;
	for (const char *hit; (hit = strstr(p, old));) {
		bool whole = (hit == text || !in_identifier(hit - 1, end)) &&
			     (hit + nold == end || !in_identifier(hit + nold, end));
		sqlite3_str_append(out, p, (int)(hit - p));
		sqlite3_str_append(out, whole ? new : old, (int)(whole ? nnew : nold));
		p = hit + nold;
	}
	sqlite3_str_append(out, p, (int)(end - p));
	int len = sqlite3_str_length(out);
	sqlite3_result_text(ctx, sqlite3_str_finish(out), len, sqlite3_free);
}

/* Replaces old by new in one column: a name wherever it occurs (also in
 * "Mustermanns"), an identifier only whole. The table and column come
 * from the schema, quoted (%w); the texts are bound. Not cached: each runs
 * once per anonymised person. */
static csr_code replace_in(csr_db *db, const text_column *c, const char *old, const char *new,
			   bool identifier, csr_err *err)
{
	char *sql = sqlite3_mprintf("UPDATE \"%w\" SET \"%w\" = %s(\"%w\", ?1, ?2)"
				    " WHERE instr(\"%w\", ?1) > 0",
				    c->table, c->column,
				    identifier ? "csr_replace_identifier" : "replace", c->column,
				    c->column);
	sqlite3_stmt *st = NULL;
	int rc = sql ? sqlite3_prepare_v2(csr_db_sqlite(db), sql, -1, &st, NULL) : SQLITE_NOMEM;
	sqlite3_free(sql);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(st, 1, old, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, new, -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? CSR_OK : csr_db_fail(db, rc, N_("anonymising a volunteer"), err);
}

/* The email first (it may hold the employee ID), then the employee ID
 * (a kiosk actor "kiosk:E1234"), then the name. */
static csr_code scrub_texts(csr_db *db, const identity *who, csr_err *err)
{
	int rc = sqlite3_create_function(csr_db_sqlite(db), "csr_replace_identifier", 3,
					 SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
					 replace_identifier, NULL, NULL);
	if (rc != SQLITE_OK)
		return csr_db_fail(db, rc, N_("anonymising a volunteer"), err);
	text_column *cols = calloc(TEXT_COLUMNS_MAX, sizeof *cols);
	if (!cols)
		return csr_fail(err, CSR_ENOMEM, "%s", _("Out of memory"));
	int n = 0;
	csr_code code = list_text_columns(db, cols, &n, err);
	const char *old[] = { who->email, who->employee_id, who->name };
	const char *new[] = { who->new_name, who->new_id, who->new_name };
	for (int k = 0; k < 3 && code == CSR_OK; k++)
		for (int i = 0; i < n && code == CSR_OK && old[k][0]; i++)
			code = replace_in(db, &cols[i], old[k], new[k], k < 2, err);
	free(cols);
	return code;
}

csr_code csr_person_anonymise(csr_db *db, int64_t id, const char *action, const char *detail,
			      csr_err *err)
{
	identity who = { 0 };
	csr_code rc = read_identity(db, id, &who, err);
	/* The actor rows before the texts: "unix:NAME" is no substring match. */
	for (size_t i = 0; rc == CSR_OK && i < sizeof own_rows_sql / sizeof own_rows_sql[0]; i++)
		rc = run_write(db, own_rows_sql[i], &who, id, err);
	if (rc == CSR_OK)
		rc = scrub_texts(db, &who, err);
	if (rc == CSR_OK)
		rc = csr_audit_add(db, action, "volunteer", id, err, "%s", detail);
	explicit_bzero(&who, sizeof who);
	return rc;
}

csr_code csr_person_reindex(csr_db *db, csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db,
		"INSERT INTO volunteer_search (volunteer_search) VALUES ('optimize')", err);
	if (!st)
		return csr_err_code(err);
	int rc = sqlite3_step(st);
	csr_stmt_done(st);
	return rc == SQLITE_DONE ? CSR_OK : csr_db_fail(db, rc, N_("anonymising a volunteer"), err);
}

csr_code csr_person_secure_begin(csr_db *db, int *before, csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db, "PRAGMA secure_delete", err);
	if (!st)
		return csr_err_code(err);
	*before = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	csr_stmt_done(st);
	st = csr_db_stmt(db, "PRAGMA secure_delete = 1", err);
	if (!st)
		return csr_err_code(err);
	int rc = sqlite3_step(st);
	csr_stmt_done(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE
		       ? CSR_OK
		       : csr_db_fail(db, rc, N_("anonymising a volunteer"), err);
}

void csr_person_secure_end(csr_db *db, int before)
{
	sqlite3_stmt *st = csr_db_stmt(db, before ? "PRAGMA secure_delete = 1"
						  : "PRAGMA secure_delete = 0", NULL);
	if (st) {
		sqlite3_step(st);
		csr_stmt_done(st);
	}
	/* Best effort: a reader in another process keeps the WAL as it is. */
	st = csr_db_stmt(db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL);
	if (st) {
		while (sqlite3_step(st) == SQLITE_ROW)
			;
		csr_stmt_done(st);
	}
}

csr_code csr_person_erase(csr_db *db, int64_t id, csr_err *err)
{
	/* TRANSLATORS: completes "Only admins may ...". */
	csr_code rc = csr_require_role(db, CSR_ROLE_ADMIN, N_("erase a person's data"), err);
	int before = 0;
	if (rc == CSR_OK)
		rc = csr_person_secure_begin(db, &before, err);
	if (rc != CSR_OK)
		return rc;
	if ((rc = csr_tx_begin(db, err)) == CSR_OK) {
		rc = csr_person_anonymise(db, id, "person.erase", "anonymised on request", err);
		if (rc == CSR_OK)
			rc = csr_person_reindex(db, err);
		rc = csr_tx_end(db, rc, err);
	}
	csr_person_secure_end(db, before);
	return rc;
}
