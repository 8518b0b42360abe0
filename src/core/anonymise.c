/* SPDX-License-Identifier: MIT */
/* Anonymising volunteers (the erasure and the retention). In one
 * transaction:
 * - the volunteer row: name "Former volunteer #N", employee ID "former-N",
 *   email, skills, Unix user, PIN, PIN failures and language cleared, mail
 *   off, anonymised_at set; team, site and active stay (the figures group
 *   by team and site, and participation counts the active volunteers, so a
 *   past report stays byte for byte the same);
 * - their interests and activation code are deleted, their notifications
 *   too (also those addressed to their Unix user), their feedback comments
 *   emptied (the ratings stay);
 * - every other text in the database that holds their email, employee ID
 *   or name gets "Former volunteer #N" or "former-N" in its place: a lead's
 *   name on a place they changed (signup.changed_by_name), reasons, notes,
 *   notification details, audit details and kiosk actors ("kiosk:E1234"),
 *   announcements. The columns are found in the schema (every TEXT column
 *   of every table but volunteer, whose other rows are other people, even
 *   one of the same name), so a column a later migration adds is covered
 *   too. The email and the employee ID are replaced only whole (E100 in
 *   E1001 is someone else's), a name of several words wherever it occurs
 *   (also in "Max Mustermanns"), a name of one word only whole ("Al" is
 *   not replaced in "Alpha"). The audit's "unix:LOGIN" actors become "unix:former-N".
 * - the records (places, hours, ratings, impact, management time) stay,
 *   tied to the anonymous row, so every figure stays. */
#include "anonymise.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csrdesk/i18n.h"
#include "csrdesk/person.h"
#include "csrdesk/volunteer.h"
#include "records.h"

/* What a person was called, and what they are called from now on. */
typedef struct identity {
	char name[CSR_NAME_MAX], employee_id[CSR_EMPLOYEE_ID_MAX], email[CSR_EMAIL_MAX];
	char unix_user[CSR_UNIX_USER_MAX];
	char new_name[64], new_id[32];
} identity;

struct csr_anonymised {
	identity *people;
	int n, cap;
};

csr_anonymised *csr_anonymised_new(void)
{
	return calloc(1, sizeof(csr_anonymised));
}

void csr_anonymised_free(csr_anonymised **list)
{
	if (!*list)
		return;
	if ((*list)->people)
		explicit_bzero((*list)->people, (size_t)(*list)->cap * sizeof *(*list)->people);
	free((*list)->people);
	free(*list);
	*list = NULL;
}

static identity *add_identity(csr_anonymised *list)
{
	if (list->n == list->cap) {
		int cap = list->cap ? 2 * list->cap : 4;
		identity *more = calloc((size_t)cap, sizeof *more);
		if (!more)
			return NULL;
		if (list->n) {
			memcpy(more, list->people, (size_t)list->n * sizeof *more);
			explicit_bzero(list->people, (size_t)list->n * sizeof *more);
		}
		free(list->people);
		list->people = more;
		list->cap = cap;
	}
	return memset(&list->people[list->n], 0, sizeof(identity));
}

/* TRANSLATORS: what was being done when the database failed. */
static const char failing[] = N_("anonymising a volunteer");

static csr_code read_identity(csr_db *db, int64_t id, identity *who, csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db,
		"SELECT name, employee_id, email, coalesce(unix_user, ''),"
		" anonymised_at IS NOT NULL FROM volunteer WHERE id = ?1", err);
	if (!st)
		return csr_err_code(err);
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	bool anonymised = false;
	if (rc == SQLITE_ROW) {
		csr_col_text(st, 0, who->name, sizeof who->name);
		csr_col_text(st, 1, who->employee_id, sizeof who->employee_id);
		csr_col_text(st, 2, who->email, sizeof who->email);
		csr_col_text(st, 3, who->unix_user, sizeof who->unix_user);
		anonymised = sqlite3_column_int(st, 4) != 0;
	}
	csr_stmt_done(st);
	if (rc == SQLITE_DONE)
		return csr_fail(err, CSR_ENOTFOUND, _("No volunteer with id %lld"), (long long)id);
	if (rc != SQLITE_ROW)
		return csr_db_fail(db, rc, failing, err);
	if (anonymised)
		return csr_fail(err, CSR_ECONFLICT, _("Volunteer #%lld is anonymised already"),
				(long long)id);
	snprintf(who->new_name, sizeof who->new_name, CSR_PERSON_FORMER_NAME, (long long)id);
	snprintf(who->new_id, sizeof who->new_id, CSR_PERSON_FORMER_ID, (long long)id);
	return CSR_OK;
}

/* The person's own rows: ?1 their id, ?2 the new name, ?3 the new
 * employee ID, ?4 their Unix user (NULL when none). The actor rows before
 * the texts: "unix:LOGIN" is no substring match. */
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

static csr_code run_own(csr_db *db, const char *sql, const identity *who, int64_t id,
			csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db, sql, err);
	if (!st)
		return csr_err_code(err);
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
	return rc == SQLITE_DONE ? CSR_OK : csr_db_fail(db, rc, failing, err);
}

csr_code csr_anonymise_person(csr_db *db, csr_anonymised *list, int64_t id, const char *action,
			      const char *detail, csr_err *err)
{
	identity *who = add_identity(list);
	if (!who)
		return csr_fail(err, CSR_ENOMEM, "%s", _("Out of memory"));
	csr_code rc = read_identity(db, id, who, err);
	for (size_t i = 0; rc == CSR_OK && i < sizeof own_rows_sql / sizeof own_rows_sql[0]; i++)
		rc = run_own(db, own_rows_sql[i], who, id, err);
	if (rc == CSR_OK)
		rc = csr_audit_add(db, action, "volunteer", id, err, "%s", detail);
	if (rc == CSR_OK)
		list->n++;
	return rc;
}

/* ---- the texts ---- */

/* Part of an identifier (an employee ID, an email address): a letter, a
 * digit, '-', '_', '@', or a '.' inside one (not a full stop after it). */
static bool in_identifier(const char *p, const char *end)
{
	unsigned char c = (unsigned char)*p;
	if (c == '.')
		return p + 1 < end && (isalnum((unsigned char)p[1]) || (unsigned char)p[1] >= 0x80);
	return isalnum(c) || c >= 0x80 || c == '-' || c == '_' || c == '@';
}

/* text with old replaced by new (only whole when whole), into out. */
static void replace_into(sqlite3_str *out, const char *text, const char *old, const char *new,
			 bool whole)
{
	size_t nold = strlen(old);
	const char *end = text + strlen(text), *p = text;
	for (const char *hit; nold && (hit = strstr(p, old));) {
		bool ok = !whole || ((hit == text || !in_identifier(hit - 1, end)) &&
				     (hit + nold == end || !in_identifier(hit + nold, end)));
		sqlite3_str_append(out, p, (int)(hit - p));
		sqlite3_str_appendall(out, ok ? new : old);
		p = hit + nold;
	}
	sqlite3_str_appendall(out, p);
}

/* One replacement pass over text; a new string for sqlite3_free, NULL
 * when out of memory. */
static char *replace_pass(const char *text, const char *old, const char *new, bool whole)
{
	sqlite3_str *out = sqlite3_str_new(NULL);
	replace_into(out, text, old, new, whole);
	return sqlite3_str_finish(out);
}

/* SQL csr_anonymised_hit(text): whether text holds a name, email or
 * employee ID of the list (the user data). */
static void sql_hit(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const csr_anonymised *list = sqlite3_user_data(ctx);
	const char *text = (const char *)sqlite3_value_text(argv[0]);
	bool hit = false;
	for (int i = 0; text && !hit && i < list->n; i++) {
		const identity *w = &list->people[i];
		hit = (w->email[0] && strstr(text, w->email)) || strstr(text, w->employee_id) ||
		      (w->name[0] && strstr(text, w->name));
	}
	sqlite3_result_int(ctx, hit);
}

/* SQL csr_anonymised_text(text): text with everyone's email (whole), then
 * employee ID (whole), then name replaced. */
static void sql_text(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const csr_anonymised *list = sqlite3_user_data(ctx);
	const char *in = (const char *)sqlite3_value_text(argv[0]);
	char *text = in ? sqlite3_mprintf("%s", in) : NULL;
	for (int i = 0; text && i < list->n; i++) {
		const identity *w = &list->people[i];
		const char *old[] = { w->email, w->employee_id, w->name };
		const char *new[] = { w->new_name, w->new_id, w->new_name };
		for (int k = 0; text && k < 3; k++) {
			/* A name of one word ("Al") is replaced only whole: inside
			 * other words ("Alpha") it is not this person. */
			bool whole = k < 2 || !strchr(w->name, ' ');
			char *next = replace_pass(text, old[k], new[k], whole);
			sqlite3_free(text);
			text = next;
		}
	}
	if (in && !text)
		sqlite3_result_error_nomem(ctx);
	else
		sqlite3_result_text(ctx, text, -1, sqlite3_free);
}

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

/* Every TEXT column of every ordinary table but volunteer: not the search
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
			     failing, err);
}

/* One column, one pass for everyone. The table and column come from the
 * schema, quoted (%w); not cached: it runs once per transaction. */
static csr_code scrub_column(csr_db *db, const text_column *c, csr_err *err)
{
	char *sql = sqlite3_mprintf("UPDATE \"%w\" SET \"%w\" = csr_anonymised_text(\"%w\")"
				    " WHERE csr_anonymised_hit(\"%w\")",
				    c->table, c->column, c->column, c->column);
	sqlite3_stmt *st = NULL;
	int rc = sql ? sqlite3_prepare_v2(csr_db_sqlite(db), sql, -1, &st, NULL) : SQLITE_NOMEM;
	sqlite3_free(sql);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? CSR_OK : csr_db_fail(db, rc, failing, err);
}

/* The two functions know list only while the texts are scrubbed. */
static int define_functions(csr_db *db, const csr_anonymised *list)
{
	sqlite3 *sql = csr_db_sqlite(db);
	void (*hit)(sqlite3_context *, int, sqlite3_value **) = list ? sql_hit : NULL;
	void (*text)(sqlite3_context *, int, sqlite3_value **) = list ? sql_text : NULL;
	int rc = sqlite3_create_function(sql, "csr_anonymised_hit", 1, SQLITE_UTF8,
					 (void *)list, hit, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_create_function(sql, "csr_anonymised_text", 1, SQLITE_UTF8,
					     (void *)list, text, NULL, NULL);
	return rc;
}

/* Both search indexes merged into one segment each, so that no older
 * segment keeps the erased texts' trigrams or short pieces. */
static csr_code reindex(csr_db *db, csr_err *err)
{
	static const char *const optimize[] = {
		"INSERT INTO volunteer_search (volunteer_search) VALUES ('optimize')",
		"INSERT INTO volunteer_short (volunteer_short) VALUES ('optimize')",
	};
	for (size_t i = 0; i < sizeof optimize / sizeof optimize[0]; i++) {
		sqlite3_stmt *st = csr_db_stmt(db, optimize[i], err);
		if (!st)
			return csr_err_code(err);
		int rc = sqlite3_step(st);
		csr_stmt_done(st);
		if (rc != SQLITE_DONE)
			return csr_db_fail(db, rc, failing, err);
	}
	return CSR_OK;
}

csr_code csr_anonymise_texts(csr_db *db, const csr_anonymised *list, csr_err *err)
{
	if (list->n == 0)
		return CSR_OK;
	text_column *cols = calloc(TEXT_COLUMNS_MAX, sizeof *cols);
	if (!cols)
		return csr_fail(err, CSR_ENOMEM, "%s", _("Out of memory"));
	int n = 0, rc = define_functions(db, list);
	csr_code code = rc == SQLITE_OK ? list_text_columns(db, cols, &n, err)
					: csr_db_fail(db, rc, failing, err);
	for (int i = 0; i < n && code == CSR_OK; i++)
		code = scrub_column(db, &cols[i], err);
	define_functions(db, NULL);
	free(cols);
	return code == CSR_OK ? reindex(db, err) : code;
}

/* ---- secure_delete and the WAL ---- */

static int pragma(csr_db *db, const char *sql)
{
	sqlite3_stmt *st = csr_db_stmt(db, sql, NULL);
	int rc = st ? sqlite3_step(st) : SQLITE_ERROR;
	int value = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	while (rc == SQLITE_ROW)
		rc = sqlite3_step(st);
	if (st)
		csr_stmt_done(st);
	return rc == SQLITE_DONE ? value : -1;
}

csr_code csr_anonymise_secure_begin(csr_db *db, int *before, csr_err *err)
{
	*before = pragma(db, "PRAGMA secure_delete");
	if (*before < 0 || pragma(db, "PRAGMA secure_delete = 1") < 0)
		return csr_fail(err, CSR_EDB, "%s", _("Cannot switch on SQLite's secure_delete"));
	return CSR_OK;
}

void csr_anonymise_secure_end(csr_db *db, int before)
{
	pragma(db, before > 0 ? "PRAGMA secure_delete = 1" : "PRAGMA secure_delete = 0");
	/* Best effort: a reader in another process keeps the WAL as it is. */
	pragma(db, "PRAGMA wal_checkpoint(TRUNCATE)");
}
