/* SPDX-License-Identifier: MIT */
/* Partners: the NGOs initiatives are run with. */
#include "csrdesk/partner.h"
#include "csrdesk/i18n.h"

#include <stdio.h>

#include "db_private.h"
#include "records.h"

csr_code csr_partner_validate(const csr_partner *p, csr_err *err)
{
	const csr_field f[] = {
		{ p->name, sizeof p->name, CSR_TEXT_LINE, N_("Name") },
		{ p->contact, sizeof p->contact, CSR_TEXT_LINE, N_("Contact") },
		{ p->email, sizeof p->email, CSR_TEXT_LINE, N_("Email") },
		{ p->phone, sizeof p->phone, CSR_TEXT_LINE, N_("Phone") },
		{ p->website, sizeof p->website, CSR_TEXT_LINE, N_("Website") },
		{ p->notes, sizeof p->notes, CSR_TEXT_LINES, N_("Notes") },
	};
	csr_code rc = csr_field_required(p->name, sizeof p->name, N_("Name"), err);
	if (rc == CSR_OK)
		rc = csr_fields_check(f, sizeof f / sizeof f[0], err);
	if (rc == CSR_OK && *p->email && !csr_looks_like_email(p->email))
		rc = csr_fail(err, CSR_EINVAL, _("Email must be an address like name@example.org"));
	return rc;
}

static csr_code check_name_free(csr_db *db, const csr_partner *p, csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db,
		"SELECT 1 FROM partner WHERE name = ?1 AND id <> ?2", err);
	if (!st)
		return csr_err_code(err);
	sqlite3_bind_text(st, 1, p->name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, p->id);
	int step = sqlite3_step(st);
	csr_stmt_done(st);
	if (step == SQLITE_ROW)
		return csr_fail(err, CSR_ECONFLICT,
				_("A partner named %s already exists"), p->name);
	return step == SQLITE_DONE ? CSR_OK : csr_db_fail(db, step, N_("checking the partner"), err);
}

static void bind_fields(sqlite3_stmt *st, const csr_partner *p)
{
	sqlite3_bind_text(st, 1, p->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, p->contact, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, p->email, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, p->phone, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, p->website, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, p->notes, -1, SQLITE_STATIC);
}

static csr_code insert(csr_db *db, csr_partner *p, csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db,
		"INSERT INTO partner (name, contact, email, phone, website, notes)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6)", err);
	if (!st)
		return csr_err_code(err);
	bind_fields(st, p);
	int step = sqlite3_step(st);
	csr_stmt_done(st);
	if (step != SQLITE_DONE)
		return csr_db_fail(db, step, N_("adding the partner"), err);
	p->id = sqlite3_last_insert_rowid(csr_db_sqlite(db));
	return csr_audit_add(db, "partner.create", "partner", p->id, err, "%s", p->name);
}

static csr_code update(csr_db *db, const csr_partner *p, csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db,
		"UPDATE partner SET name = ?1, contact = ?2, email = ?3, phone = ?4, website = ?5,"
		" notes = ?6 WHERE id = ?7", err);
	if (!st)
		return csr_err_code(err);
	bind_fields(st, p);
	sqlite3_bind_int64(st, 7, p->id);
	int step = sqlite3_step(st);
	csr_stmt_done(st);
	if (step != SQLITE_DONE)
		return csr_db_fail(db, step, N_("saving the partner"), err);
	if (sqlite3_changes(csr_db_sqlite(db)) == 0)
		return csr_fail(err, CSR_ENOTFOUND,
				_("There is no partner %lld"), (long long)p->id);
	return csr_audit_add(db, "partner.update", "partner", p->id, err, "%s", p->name);
}

csr_code csr_partner_save(csr_db *db, csr_partner *p, csr_err *err)
{
	csr_code rc = csr_tx_begin(db, err);
	if (rc)
		return rc;
	/* TRANSLATORS: completes "Only team leads may %s". */
	rc = csr_require_role(db, CSR_ROLE_LEAD, N_("add or edit partners"), err);
	if (rc == CSR_OK)
		rc = csr_partner_validate(p, err);
	if (rc == CSR_OK)
		rc = check_name_free(db, p, err);
	if (rc == CSR_OK)
		rc = p->id ? update(db, p, err) : insert(db, p, err);
	return csr_tx_end(db, rc, err);
}

#define PARTNER_COLUMNS "id, name, contact, email, phone, website, notes"

static void read_row(sqlite3_stmt *st, void *row)
{
	csr_partner *p = row;
	p->id = sqlite3_column_int64(st, 0);
	csr_col_text(st, 1, p->name, sizeof p->name);
	csr_col_text(st, 2, p->contact, sizeof p->contact);
	csr_col_text(st, 3, p->email, sizeof p->email);
	csr_col_text(st, 4, p->phone, sizeof p->phone);
	csr_col_text(st, 5, p->website, sizeof p->website);
	csr_col_text(st, 6, p->notes, sizeof p->notes);
}

/* Runs a look-up whose ?1 is already bound; missing is the not-found message. */
static csr_code lookup(csr_db *db, sqlite3_stmt *st, csr_partner *out, const char *missing,
		       csr_err *err)
{
	int step = sqlite3_step(st);
	csr_code rc = CSR_OK;
	if (step == SQLITE_ROW)
		read_row(st, out);
	else if (step == SQLITE_DONE)
		rc = csr_fail(err, CSR_ENOTFOUND, "%s", missing);
	else
		rc = csr_db_fail(db, step, N_("reading the partner"), err);
	csr_stmt_done(st);
	return rc;
}

csr_code csr_partner_get(csr_db *db, int64_t id, csr_partner *out, csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db,
		"SELECT " PARTNER_COLUMNS " FROM partner WHERE id = ?1", err);
	if (!st)
		return csr_err_code(err);
	sqlite3_bind_int64(st, 1, id);
	char missing[64];
	snprintf(missing, sizeof missing, _("There is no partner %lld"), (long long)id);
	return lookup(db, st, out, missing, err);
}

csr_code csr_partner_find(csr_db *db, const char *name, csr_partner *out, csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db,
		"SELECT " PARTNER_COLUMNS " FROM partner WHERE name = ?1", err);
	if (!st)
		return csr_err_code(err);
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	char missing[CSR_ERR_MSG_MAX];
	snprintf(missing, sizeof missing, _("There is no partner named %.200s"), name);
	return lookup(db, st, out, missing, err);
}

/* Steps st to the end, filling up to max rows. */
static csr_code read_rows(csr_db *db, sqlite3_stmt *st, csr_partner *rows, int max, int *n,
			  csr_err *err)
{
	return csr_read_rows(db, st, read_row, rows, sizeof *rows, max, n,
			     N_("listing partners"), err);
}

csr_code csr_partner_page(csr_db *db, const char *after_name, csr_partner *rows, int max,
			  int *n, csr_err *err)
{
	*n = 0;
	sqlite3_stmt *st = csr_db_stmt(db,
		"SELECT " PARTNER_COLUMNS " FROM partner WHERE name > ?1 ORDER BY name LIMIT ?2",
		err);
	if (!st)
		return csr_err_code(err);
	sqlite3_bind_text(st, 1, after_name ? after_name : "", -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, max > 0 ? max : 0);
	return read_rows(db, st, rows, max, n, err);
}

/* ---- keyset pages ---- */

enum { SEARCH_MAX = 200 }; /* bytes of a search */

/* ?1 the search pattern (NULL = all). Partners are a few hundred at most:
 * a search tests each one on the way through the name index. */
#define FROM_MATCHING \
	" FROM partner WHERE (?1 IS NULL OR name LIKE ?1 ESCAPE '\\'" \
	" OR contact LIKE ?1 ESCAPE '\\')"

/* By name, then id, from the key ?2, ?3 on, [backward]. */
static const char *const page_sql[2] = {
	"SELECT " PARTNER_COLUMNS FROM_MATCHING " AND (name, id) > (?2, ?3)"
	" ORDER BY name, id LIMIT ?4",
	"SELECT " PARTNER_COLUMNS FROM_MATCHING " AND (name, id) < (?2, ?3)"
	" ORDER BY name DESC, id DESC LIMIT ?4",
};

/* The LIKE pattern for search (size: 2 * SEARCH_MAX + 3); "" for none. */
static csr_code search_pattern(const char *search, char *pattern, size_t size, csr_err *err)
{
	pattern[0] = '\0';
	if (!search || !*search)
		return CSR_OK;
	if (!csr_like_pattern(search, pattern, size))
		return csr_fail(err, CSR_EINVAL, _("Search text is too long (at most %d bytes)"),
				SEARCH_MAX);
	return CSR_OK;
}

/* The key of the row to continue from; without one, before every row
 * (backward: after every row): '' sorts before any text and a blob after
 * any text. */
static void bind_key(sqlite3_stmt *st, const csr_partner *after, bool backward)
{
	if (after) {
		/* A copy: after may be one of the rows the page overwrites. */
		sqlite3_bind_text(st, 2, after->name, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 3, after->id);
	} else if (backward) {
		sqlite3_bind_zeroblob(st, 2, 0);
		sqlite3_bind_int64(st, 3, INT64_MAX);
	} else {
		sqlite3_bind_text(st, 2, "", 0, SQLITE_STATIC);
		sqlite3_bind_int64(st, 3, INT64_MIN);
	}
}

csr_code csr_partner_page_after(csr_db *db, const char *search, const csr_partner *after,
				bool backward, csr_partner *rows, int max, int *n, csr_err *err)
{
	*n = 0;
	char pattern[2 * SEARCH_MAX + 3];
	csr_code rc = search_pattern(search, pattern, sizeof pattern, err);
	if (rc != CSR_OK || max <= 0)
		return rc;
	sqlite3_stmt *st = csr_db_stmt(db, page_sql[backward], err);
	if (!st)
		return csr_err_code(err);
	csr_bind_text_or_null(st, 1, pattern);
	bind_key(st, after, backward);
	sqlite3_bind_int(st, 4, max);
	return csr_read_page(db, st, read_row, rows, sizeof *rows, max, n, backward,
			     N_("listing partners"), err);
}

csr_code csr_partner_count(csr_db *db, const char *search, int64_t *out, csr_err *err)
{
	char pattern[2 * SEARCH_MAX + 3];
	csr_code rc = search_pattern(search, pattern, sizeof pattern, err);
	if (rc != CSR_OK)
		return rc;
	sqlite3_stmt *st = csr_db_stmt(db, "SELECT count(*)" FROM_MATCHING, err);
	if (!st)
		return csr_err_code(err);
	csr_bind_text_or_null(st, 1, pattern);
	return csr_read_count(db, st, out, N_("counting partners"), err);
}
