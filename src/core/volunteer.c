/* SPDX-License-Identifier: MIT */
/* Volunteers: validation, saving, look-ups and the keyset-paged list, searched
 * through a trigram index (migration 5) and, for one or two characters,
 * the short index (migration 14). */
#include "csrdesk/volunteer.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "csrdesk/clock.h"
#include "csrdesk/i18n.h"
#include "csrdesk/text.h"
#include "db_private.h"
#include "records.h"

enum { SEARCH_MAX = 128 };

/* ASCII letters, digits, '-', '_' and '.': safe in file names, CSV and logs. */
static bool is_plain_id(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c >= 0x80 || !(isalnum(c) || c == '-' || c == '_' || c == '.'))
			return false;
	}
	return true;
}

/* Every field fits and is safe text; only skills may hold line breaks. */
static csr_code check_fields(const csr_volunteer *v, csr_err *err)
{
	const csr_field f[] = {
		{ v->employee_id, sizeof v->employee_id, CSR_TEXT_LINE, N_("Employee ID") },
		{ v->name, sizeof v->name, CSR_TEXT_LINE, N_("Name") },
		{ v->team, sizeof v->team, CSR_TEXT_LINE, N_("Team") },
		{ v->site, sizeof v->site, CSR_TEXT_LINE, N_("Site") },
		{ v->email, sizeof v->email, CSR_TEXT_LINE, N_("Email") },
		{ v->skills, sizeof v->skills, CSR_TEXT_LINES, N_("Skills") },
		{ v->unix_user, sizeof v->unix_user, CSR_TEXT_LINE, N_("Unix user") },
	};
	return csr_fields_check(f, sizeof f / sizeof f[0], err);
}

csr_code csr_volunteer_validate(const csr_volunteer *v, csr_err *err)
{
	if (!*v->employee_id)
		return csr_fail(err, CSR_EINVAL, _("Employee ID is required"));
	csr_code rc = csr_field_required(v->name, sizeof v->name, N_("Name"), err);
	if (rc == CSR_OK)
		rc = check_fields(v, err);
	if (rc)
		return rc;
	if (!is_plain_id(v->employee_id))
		return csr_fail(err, CSR_EINVAL,
				_("Employee ID may contain only letters, digits, '-', '_' and '.'"));
	if (*v->email && !csr_looks_like_email(v->email))
		return csr_fail(err, CSR_EINVAL,
				_("Email must be an address like name@example.org"));
	if (*v->unix_user && !is_plain_id(v->unix_user))
		return csr_fail(err, CSR_EINVAL,
				_("Unix user may contain only letters, digits, '-', '_' and '.'"));
	return CSR_OK;
}

/* CSR_ECONFLICT when another volunteer already has this value in column. */
/* taken: the message, a translated format for the value, the other's
 * name and employee ID. */
static csr_code check_unique(csr_db *db, sqlite3_stmt *st, const csr_volunteer *v,
			     const char *value, const char *taken, csr_err *err)
{
	if (!st)
		return csr_err_code(err);
	sqlite3_bind_text(st, 1, value, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, v->id);
	int step = sqlite3_step(st);
	csr_code rc = CSR_OK;
	if (step == SQLITE_ROW)
		rc = csr_fail(err, CSR_ECONFLICT, taken, value,
			      (const char *)sqlite3_column_text(st, 1),
			      (const char *)sqlite3_column_text(st, 0));
	else if (step != SQLITE_DONE)
		rc = csr_db_fail(db, step, N_("checking the volunteer"), err);
	csr_stmt_done(st);
	return rc;
}

static csr_code check_conflicts(csr_db *db, const csr_volunteer *v, csr_err *err)
{
	csr_code rc = check_unique(db,
		csr_db_stmt(db, "SELECT employee_id, name FROM volunteer"
				" WHERE employee_id = ?1 AND id <> ?2", err),
		v, v->employee_id, _("Employee ID %s is already used by %s (%s)"), err);
	if (rc == CSR_OK && *v->unix_user)
		rc = check_unique(db,
			csr_db_stmt(db, "SELECT employee_id, name FROM volunteer"
					" WHERE unix_user = ?1 AND id <> ?2", err),
			v, v->unix_user, _("Unix user %s is already used by %s (%s)"), err);
	return rc;
}

/* ---- the checks every record module shares (records.h) ---- */

csr_code csr_field_check(const char *value, size_t size, csr_text_kind kind, const char *label,
			 csr_err *err)
{
	const char *shown = _(label);
	if (strnlen(value, size) >= size)
		/* TRANSLATORS: %s is the name of a form field ("Title", "Note"). */
		return csr_fail(err, CSR_EINVAL, _("%s is too long (at most %zu bytes)"), shown,
				size - 1);
	return csr_text_check(value, kind, shown, err);
}

csr_code csr_field_required(const char *value, size_t size, const char *label, csr_err *err)
{
	if (strnlen(value, size) < size && csr_field_blank(value))
		/* TRANSLATORS: %s is the name of a form field ("Title", "Name"). */
		return csr_fail(err, CSR_EINVAL, _("%s is required"), _(label));
	return CSR_OK;
}

csr_code csr_require_row(csr_db *db, sqlite3_stmt *st, int64_t id, const char *missing,
			 csr_err *err)
{
	if (!st)
		return csr_err_code(err);
	sqlite3_bind_int64(st, 1, id);
	int step = sqlite3_step(st);
	csr_stmt_done(st);
	if (step == SQLITE_DONE)
		return csr_fail(err, CSR_ENOTFOUND, _(missing), (long long)id);
	return step == SQLITE_ROW ? CSR_OK
				  : csr_db_fail(db, step, N_("reading the database"), err);
}

csr_code csr_require_initiative(csr_db *db, int64_t id, csr_err *err)
{
	return csr_require_row(db, csr_db_stmt(db, "SELECT 1 FROM initiative WHERE id = ?1", err),
			       id, N_("There is no initiative %lld"), err);
}

csr_code csr_require_volunteer(csr_db *db, int64_t id, csr_err *err)
{
	return csr_require_row(db, csr_db_stmt(db, "SELECT 1 FROM volunteer WHERE id = ?1", err),
			       id, N_("There is no volunteer %lld"), err);
}

void csr_volunteer_bind_fields(sqlite3_stmt *st, const csr_volunteer *v)
{
	sqlite3_bind_text(st, 1, v->employee_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, v->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, v->team, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, v->site, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, v->email, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, v->skills, -1, SQLITE_STATIC);
	csr_bind_text_or_null(st, 7, v->unix_user);
}

/* New volunteers start active; activity changes only through set_active. */
static csr_code insert(csr_db *db, csr_volunteer *v, csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db,
		"INSERT INTO volunteer (employee_id, name, team, site, email, skills, unix_user,"
		" active, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1, ?8)", err);
	if (!st)
		return csr_err_code(err);
	csr_volunteer_bind_fields(st, v);
	sqlite3_bind_int64(st, 8, csr_now());
	int step = sqlite3_step(st);
	csr_stmt_done(st);
	if (step != SQLITE_DONE)
		return csr_db_fail(db, step, N_("adding the volunteer"), err);
	v->id = sqlite3_last_insert_rowid(csr_db_sqlite(db));
	v->active = true;
	return csr_audit_add(db, "volunteer.create", "volunteer", v->id, err, "%s %s",
			     v->employee_id, v->name);
}

static csr_code update(csr_db *db, const csr_volunteer *v, csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db,
		"UPDATE volunteer SET employee_id = ?1, name = ?2, team = ?3, site = ?4,"
		" email = ?5, skills = ?6, unix_user = ?7 WHERE id = ?8", err);
	if (!st)
		return csr_err_code(err);
	csr_volunteer_bind_fields(st, v);
	sqlite3_bind_int64(st, 8, v->id);
	int step = sqlite3_step(st);
	csr_stmt_done(st);
	if (step != SQLITE_DONE)
		return csr_db_fail(db, step, N_("saving the volunteer"), err);
	if (sqlite3_changes(csr_db_sqlite(db)) == 0)
		return csr_fail(err, CSR_ENOTFOUND,
				_("There is no volunteer %lld"), (long long)v->id);
	return csr_audit_add(db, "volunteer.update", "volunteer", v->id, err, "%s %s",
			     v->employee_id, v->name);
}

csr_code csr_volunteer_save(csr_db *db, csr_volunteer *v, csr_err *err)
{
	csr_code rc = csr_tx_begin(db, err);
	if (rc)
		return rc;
	/* TRANSLATORS: completes "Only team leads may %s". */
	rc = csr_require_role(db, CSR_ROLE_LEAD, N_("add or edit volunteers"), err);
	if (rc == CSR_OK)
		rc = csr_volunteer_validate(v, err);
	if (rc == CSR_OK)
		rc = check_conflicts(db, v, err);
	if (rc == CSR_OK)
		rc = v->id ? update(db, v, err) : insert(db, v, err);
	return csr_tx_end(db, rc, err);
}

static csr_code write_active(csr_db *db, int64_t id, bool active, csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db, "UPDATE volunteer SET active = ?1 WHERE id = ?2", err);
	if (!st)
		return csr_err_code(err);
	sqlite3_bind_int(st, 1, active);
	sqlite3_bind_int64(st, 2, id);
	int step = sqlite3_step(st);
	csr_stmt_done(st);
	if (step != SQLITE_DONE)
		return csr_db_fail(db, step, N_("saving the volunteer"), err);
	if (sqlite3_changes(csr_db_sqlite(db)) == 0)
		return csr_fail(err, CSR_ENOTFOUND, _("There is no volunteer %lld"), (long long)id);
	return csr_audit_add(db, active ? "volunteer.activate" : "volunteer.deactivate",
			     "volunteer", id, err, "%s", active ? "active" : "inactive");
}

csr_code csr_volunteer_set_active(csr_db *db, int64_t id, bool active, csr_err *err)
{
	csr_code rc = csr_tx_begin(db, err);
	if (rc)
		return rc;
	/* TRANSLATORS: completes "Only team leads may %s". */
	rc = csr_require_role(db, CSR_ROLE_LEAD, N_("activate or deactivate volunteers"), err);
	if (rc == CSR_OK)
		rc = write_active(db, id, active, err);
	return csr_tx_end(db, rc, err);
}

/* The columns read_row expects, first in every query that returns records. */
#define VOLUNTEER_COLUMNS \
	"id, employee_id, name, team, site, email, skills, unix_user, active," \
	" pin_hash IS NOT NULL, pin_failures"

static void read_row(csr_db *db, sqlite3_stmt *st, csr_volunteer *v)
{
	v->id = sqlite3_column_int64(st, 0);
	csr_col_text(st, 1, v->employee_id, sizeof v->employee_id);
	csr_col_text(st, 2, v->name, sizeof v->name);
	csr_col_text(st, 3, v->team, sizeof v->team);
	csr_col_text(st, 4, v->site, sizeof v->site);
	csr_col_text(st, 5, v->email, sizeof v->email);
	csr_col_text(st, 6, v->skills, sizeof v->skills);
	csr_col_text(st, 7, v->unix_user, sizeof v->unix_user);
	v->active = sqlite3_column_int(st, 8) != 0;
	v->has_pin = sqlite3_column_int(st, 9) != 0;
	v->locked = sqlite3_column_int(st, 10) >= csr_db_config(db)->kiosk.max_pin_attempts;
}

/* Runs a look-up whose ?1 is already bound; missing is the not-found message. */
static csr_code lookup(csr_db *db, sqlite3_stmt *st, csr_volunteer *out, const char *missing,
		       csr_err *err)
{
	int step = sqlite3_step(st);
	csr_code rc = CSR_OK;
	if (step == SQLITE_ROW)
		read_row(db, st, out);
	else if (step == SQLITE_DONE)
		rc = csr_fail(err, CSR_ENOTFOUND, "%s", missing);
	else
		rc = csr_db_fail(db, step, N_("reading the volunteer"), err);
	csr_stmt_done(st);
	return rc;
}

csr_code csr_volunteer_get(csr_db *db, int64_t id, csr_volunteer *out, csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db,
		"SELECT " VOLUNTEER_COLUMNS " FROM volunteer WHERE id = ?1", err);
	if (!st)
		return csr_err_code(err);
	sqlite3_bind_int64(st, 1, id);
	char missing[64];
	snprintf(missing, sizeof missing, _("There is no volunteer %lld"), (long long)id);
	return lookup(db, st, out, missing, err);
}

csr_code csr_volunteer_find(csr_db *db, const char *employee_id, csr_volunteer *out,
			    csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db,
		"SELECT " VOLUNTEER_COLUMNS " FROM volunteer WHERE employee_id = ?1", err);
	if (!st)
		return csr_err_code(err);
	sqlite3_bind_text(st, 1, employee_id, -1, SQLITE_STATIC);
	char missing[CSR_ERR_MSG_MAX];
	snprintf(missing, sizeof missing, _("No volunteer has employee ID %.128s"), employee_id);
	return lookup(db, st, out, missing, err);
}

csr_code csr_volunteer_find_unix(csr_db *db, const char *unix_user, csr_volunteer *out,
				 csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db,
		"SELECT " VOLUNTEER_COLUMNS " FROM volunteer WHERE unix_user = ?1", err);
	if (!st)
		return csr_err_code(err);
	sqlite3_bind_text(st, 1, unix_user, -1, SQLITE_STATIC);
	char missing[CSR_ERR_MSG_MAX];
	snprintf(missing, sizeof missing, _("No volunteer has Unix user %.128s"), unix_user);
	return lookup(db, st, out, missing, err);
}

/* ---- the list: search, pages and counts ---- */

/* How a search finds its rows. Without a search the page is a walk of
 * volunteer_by_name and the count, unless a team is chosen, one row of
 * volunteer_count. */
typedef enum read_plan {
	READ_SCAN,  /* every row (of the name index, for a page) is tested with LIKE */
	READ_INDEX, /* volunteer_search names the candidates; LIKE tests only those */
	READ_SHORT, /* volunteer_short names them (one or two characters) */
	READ_PLANS
} read_plan;

enum {
	/* The trigram index is used while its candidates are at most an eighth
	 * of all volunteers, or this many. Past that, looking each candidate up
	 * costs more than reading the table once (at 50,000 volunteers: ~1.3 us
	 * a candidate for the count and ~1.6 us for a page, against ~22 ms for
	 * a scan), and a search that matches so many finds its page within a
	 * few steps of the name index. */
	INDEX_SHARE = 8,
	INDEX_ALWAYS = 1000,
	/* The short index names the candidates of a page while they are at
	 * most this many (measured: ~1.7 us each at 50,000 volunteers, ~3.4 us
	 * at 500,000, so at most ~7 and ~14 ms). More of them fill a page of
	 * the name index within about 40 * roster / 4000 steps when they are
	 * spread over the alphabet, as Latin letters are; characters of one
	 * script cluster in name order (Han, Arabic, Hangul sort last), where
	 * the walk to them or past them (End) is longer. */
	SHORT_ALWAYS = 4000,
};

/* "%text%" for LIKE ... ESCAPE '\', so % and _ typed by a person match
 * themselves. */
static csr_code like_pattern(const char *search, char *out, size_t size, csr_err *err)
{
	if (strlen(search) > SEARCH_MAX || !csr_like_pattern(search, out, size))
		return csr_fail(err, CSR_EINVAL, _("Search text is too long (at most %d bytes)"),
				SEARCH_MAX);
	return CSR_OK;
}

static bool has_search(const csr_volunteer_query *q)
{
	return q && q->search && *q->search;
}

/* Binds the query's filters to ?1 (pattern), ?2 (team), ?3 (include
 * inactive) and, for an index plan, the search text to ?9. */
static csr_code bind_query(sqlite3_stmt *st, const csr_volunteer_query *q, read_plan plan,
			   csr_err *err)
{
	char pattern[2 * SEARCH_MAX + 3];
	if (has_search(q)) {
		csr_code rc = like_pattern(q->search, pattern, sizeof pattern, err);
		if (rc)
			return rc;
		sqlite3_bind_text(st, 1, pattern, -1, SQLITE_TRANSIENT);
		if (plan != READ_SCAN)
			sqlite3_bind_text(st, 9, q->search, -1, SQLITE_STATIC);
	}
	csr_bind_text_or_null(st, 2, q ? q->team : NULL);
	sqlite3_bind_int(st, 3, q && q->include_inactive);
	return CSR_OK;
}

static csr_code read_count(csr_db *db, sqlite3_stmt *st, int64_t *out, csr_err *err)
{
	return csr_read_count(db, st, out, N_("counting volunteers"), err);
}

/* All volunteers, or the active ones: one row of volunteer_count each. */
static csr_code count_all(csr_db *db, bool include_inactive, int64_t *out, csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db,
		"SELECT coalesce(sum(n), 0) FROM volunteer_count WHERE ?1 OR active = 1", err);
	if (!st)
		return csr_err_code(err);
	sqlite3_bind_int(st, 1, include_inactive);
	return read_count(db, st, out, err);
}

/* The search text as one FTS5 phrase: the trigrams of the text, in a row,
 * within one column, which is "contains the text" ("" doubles a quote). */
#define SEARCH_PHRASE(param) "'\"' || replace(" param ", '\"', '\"\"') || '\"'"

/* The one- or two-character search text as volunteer_short's token (see
 * migration 14: 'a' for the active, 'i' for the inactive, then the text
 * folded by lower() in hex), the inactive's too when include is true. */
#define SHORT_TOKENS(param, include) \
	"'a' || hex(lower(" param ")) || iif(" include ", ' OR i' || hex(lower(" param ")), '')"

/* How many rows the index names for search, counting no further than
 * limit + 1. */
static csr_code count_candidates(csr_db *db, const char *search, int64_t limit, int64_t *out,
				 csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db,
		"SELECT count(*) FROM (SELECT 1 FROM volunteer_search"
		" WHERE volunteer_search MATCH " SEARCH_PHRASE("?1") " LIMIT ?2)", err);
	if (!st)
		return csr_err_code(err);
	sqlite3_bind_text(st, 1, search, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, limit + 1);
	return read_count(db, st, out, err);
}

/* How many volunteers (the active ones, or everyone) hold the one or two
 * characters search, counting no further than limit + 1; the index alone
 * answers, exactly as LIKE would. */
static csr_code count_short(csr_db *db, const char *search, bool include_inactive,
			    int64_t limit, int64_t *out, csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db,
		"SELECT count(*) FROM (SELECT 1 FROM volunteer_short"
		" WHERE volunteer_short MATCH " SHORT_TOKENS("?1", "?2") " LIMIT ?3)", err);
	if (!st)
		return csr_err_code(err);
	sqlite3_bind_text(st, 1, search, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, include_inactive);
	sqlite3_bind_int64(st, 3, limit < INT64_MAX ? limit + 1 : limit);
	return read_count(db, st, out, err);
}

/* Characters (code points) of valid UTF-8 text. */
static size_t chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* Whether LIKE reads a character of valid UTF-8 text as U+FFFD, as it does
 * U+FFFD itself, U+FFFE, U+FFFF and the surrogates: the short index holds
 * U+FFFD also for stored bytes past U+10FFFF, which LIKE reads otherwise,
 * so such searches are left to the scan. */
static bool has_replacement(const char *s)
{
	for (const unsigned char *c = (const unsigned char *)s; *c; c++)
		if ((c[0] == 0xEF && c[1] == 0xBF && c[2] >= 0xBD) ||
		    (c[0] == 0xED && c[1] >= 0xA0))
			return true;
	return false;
}

/* Which index can answer the search: the trigram index three or more
 * characters, the short index one or two, none text that is not valid,
 * printable UTF-8 (so that the character count above is the indexes'). */
static read_plan index_for(const csr_volunteer_query *q)
{
	if (!has_search(q) || strlen(q->search) > SEARCH_MAX || !csr_text_is_safe(q->search))
		return READ_SCAN;
	if (chars(q->search) >= 3)
		return READ_INDEX;
	return has_replacement(q->search) ? READ_SCAN : READ_SHORT;
}

/* The trigram index answers "contains these three or more characters" with
 * a superset of LIKE's rows: it folds case for all of Unicode where LIKE
 * folds ASCII only, and both read bytes into characters the same way. The
 * short index answers one or two characters exactly. Either is read while
 * it names few enough rows; a search that matches more of them is a walk of
 * the name index, which soon finds a page of them. */
static csr_code choose_plan(csr_db *db, const csr_volunteer_query *q, read_plan *plan,
			    csr_err *err)
{
	*plan = index_for(q);
	if (*plan == READ_SCAN)
		return CSR_OK;
	int64_t limit = SHORT_ALWAYS, candidates = 0;
	csr_code rc;
	if (*plan == READ_SHORT) {
		rc = count_short(db, q->search, q->include_inactive, limit, &candidates, err);
	} else {
		int64_t total = 0;
		rc = count_all(db, true, &total, err);
		if (rc)
			return rc;
		limit = total / INDEX_SHARE > INDEX_ALWAYS ? total / INDEX_SHARE : INDEX_ALWAYS;
		rc = count_candidates(db, q->search, limit, &candidates, err);
	}
	if (rc == CSR_OK && candidates > limit)
		*plan = READ_SCAN;
	return rc;
}

#define VOLUNTEER_FILTER \
	" (?1 IS NULL OR name LIKE ?1 ESCAPE '\\' OR employee_id LIKE ?1 ESCAPE '\\'" \
	" OR team LIKE ?1 ESCAPE '\\' OR email LIKE ?1 ESCAPE '\\')" \
	" AND (?2 IS NULL OR team = ?2) AND (?3 OR active = 1)"

/* The rows an index names for the search text ?9; VOLUNTEER_FILTER still
 * decides. NOT INDEXED keeps SQLite on rowid look-ups of the candidates
 * rather than a walk of an index over the whole table. */
#define FROM_CANDIDATES(match) \
	" FROM volunteer NOT INDEXED WHERE id IN (SELECT rowid FROM " match ") AND" VOLUNTEER_FILTER
#define TRIGRAM_MATCH "volunteer_search WHERE volunteer_search MATCH " SEARCH_PHRASE("?9")
#define SHORT_MATCH "volunteer_short WHERE volunteer_short MATCH " SHORT_TOKENS("?9", "?3")

/* The figures are correlated subqueries, so only the rows of the page are
 * counted; ?4..?5 bound the current calendar year. The unary + keeps the
 * planner on hours_by_volunteer rather than scanning all approved hours of
 * the year through hours_by_status for every row. */
#define PAGE_COLUMNS \
	"SELECT " VOLUNTEER_COLUMNS "," \
	" (SELECT coalesce(sum(minutes), 0) FROM hours h WHERE h.volunteer_id = volunteer.id" \
	"   AND +h.status = 'approved' AND h.worked_on >= ?4 AND h.worked_on < ?5)," \
	" (SELECT count(*) FROM signup s WHERE s.volunteer_id = volunteer.id" \
	"   AND s.status IN ('confirmed', 'waitlisted', 'attended'))"

/* A scan: INDEXED BY makes the (name, id) index a promise, so the page is a
 * seek plus steps until max rows pass the filter, never a sort of the whole
 * table. */
#define SCAN_PAGE(keyset, order) \
	PAGE_COLUMNS " FROM volunteer INDEXED BY volunteer_by_name WHERE" VOLUNTEER_FILTER \
	keyset " ORDER BY " order " LIMIT ?6"

/* From an index: the candidates are sorted to pick the page's ids (a top-N
 * sort of the few that pass), and only the page's rows get figures. */
#define INDEX_PAGE(match, keyset, order) \
	PAGE_COLUMNS " FROM volunteer NOT INDEXED WHERE id IN (SELECT id" FROM_CANDIDATES(match) \
	keyset " ORDER BY " order " LIMIT ?6) ORDER BY " order

#define AFTER " AND (name, id) > (?7, ?8)"
#define BEFORE " AND (name, id) < (?7, ?8)"
#define UP "name, id"
#define DOWN "name DESC, id DESC"

/* One statement per plan, direction and start: a "?after = 0 OR ..." term
 * would keep SQLite from seeking the index to the key. */
#define INDEX_PAGES(match)                                                              \
	{ { INDEX_PAGE(match, "", UP), INDEX_PAGE(match, AFTER, UP) },                     \
	  { INDEX_PAGE(match, "", DOWN), INDEX_PAGE(match, BEFORE, DOWN) } }
static const char *const page_sql[READ_PLANS][2][2] = {
	[READ_SCAN] = { { SCAN_PAGE("", UP), SCAN_PAGE(AFTER, UP) },
			{ SCAN_PAGE("", DOWN), SCAN_PAGE(BEFORE, DOWN) } },
	[READ_INDEX] = INDEX_PAGES(TRIGRAM_MATCH),
	[READ_SHORT] = INDEX_PAGES(SHORT_MATCH),
};

/* [start, end) of the current calendar year in local time. */
static void this_year(int64_t *start, int64_t *end)
{
	time_t now = (time_t)csr_now();
	struct tm tm;
	localtime_r(&now, &tm);
	tm = (struct tm){ .tm_year = tm.tm_year, .tm_mday = 1, .tm_isdst = -1 };
	*start = (int64_t)mktime(&tm);
	tm = (struct tm){ .tm_year = tm.tm_year + 1, .tm_mday = 1, .tm_isdst = -1 };
	*end = (int64_t)mktime(&tm);
}

static csr_code read_page(csr_db *db, sqlite3_stmt *st, csr_volunteer_row *rows, int max,
			  int *n, csr_err *err)
{
	int step = SQLITE_DONE;
	while (*n < max && (step = sqlite3_step(st)) == SQLITE_ROW) {
		csr_volunteer_row *r = &rows[(*n)++];
		read_row(db, st, &r->v);
		r->minutes_this_year = sqlite3_column_int(st, 11);
		r->signups = sqlite3_column_int(st, 12);
	}
	csr_stmt_done(st);
	if (*n < max && step != SQLITE_DONE)
		return csr_db_fail(db, step, N_("listing volunteers"), err);
	return CSR_OK;
}

csr_code csr_volunteer_page(csr_db *db, const csr_volunteer_query *q, const char *after_name,
			    int64_t after_id, bool backward, csr_volunteer_row *rows, int max,
			    int *n, csr_err *err)
{
	*n = 0;
	if (max <= 0)
		return CSR_OK;
	read_plan plan;
	csr_code rc = choose_plan(db, q, &plan, err);
	if (rc)
		return rc;
	sqlite3_stmt *st = csr_db_stmt(db, page_sql[plan][backward][after_id != 0], err);
	if (!st)
		return csr_err_code(err);
	rc = bind_query(st, q, plan, err);
	if (rc) {
		csr_stmt_done(st);
		return rc;
	}
	int64_t start, end;
	this_year(&start, &end);
	sqlite3_bind_int64(st, 4, start);
	sqlite3_bind_int64(st, 5, end);
	sqlite3_bind_int(st, 6, max);
	if (after_id) {
		sqlite3_bind_text(st, 7, after_name ? after_name : "", -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 8, after_id);
	}
	rc = read_page(db, st, rows, max, n, err);
	if (rc == CSR_OK && backward)
		csr_rows_reverse(rows, *n, sizeof *rows);
	return rc;
}

static const char *const count_sql[READ_PLANS] = {
	[READ_SCAN] = "SELECT count(*) FROM volunteer WHERE" VOLUNTEER_FILTER,
	[READ_INDEX] = "SELECT count(*)" FROM_CANDIDATES(TRIGRAM_MATCH),
	[READ_SHORT] = "SELECT count(*)" FROM_CANDIDATES(SHORT_MATCH),
};

csr_code csr_volunteer_count(csr_db *db, const csr_volunteer_query *q, int64_t *out,
			     csr_err *err)
{
	bool team = q && q->team && *q->team;
	if (!has_search(q) && !team)
		return count_all(db, q && q->include_inactive, out, err);
	if (!team && index_for(q) == READ_SHORT)
		return count_short(db, q->search, q->include_inactive, INT64_MAX, out, err);
	read_plan plan;
	csr_code rc = choose_plan(db, q, &plan, err);
	if (rc)
		return rc;
	sqlite3_stmt *st = csr_db_stmt(db, count_sql[plan], err);
	if (!st)
		return csr_err_code(err);
	rc = bind_query(st, q, plan, err);
	if (rc) {
		csr_stmt_done(st);
		return rc;
	}
	return read_count(db, st, out, err);
}

/* The sites and teams with active volunteers, from the list of groups that
 * triggers keep (migration 013): a few rows, whatever the roster's size. */
static const char group_sql[] =
	"SELECT name FROM volunteer_group WHERE kind = ?2 AND active > 0 AND name <> ''"
	" ORDER BY name LIMIT ?1";

csr_code csr_volunteer_groups(csr_db *db, csr_volunteer_group group,
			      char (*rows)[CSR_TEAM_MAX], int max, int *n, csr_err *err)
{
	*n = 0;
	if (group != CSR_GROUP_TEAM && group != CSR_GROUP_SITE)
		return csr_fail(err, CSR_EINVAL, _("Unknown volunteer group %d: use team or site"),
				(int)group);
	if (max <= 0)
		return CSR_OK;
	sqlite3_stmt *st = csr_db_stmt(db, group_sql, err);
	if (!st)
		return csr_err_code(err);
	sqlite3_bind_int(st, 1, max);
	sqlite3_bind_int(st, 2, group == CSR_GROUP_SITE ? 1 : 2);
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW)
		csr_col_text(st, 0, rows[(*n)++], CSR_TEAM_MAX);
	csr_stmt_done(st);
	return step == SQLITE_DONE ? CSR_OK : csr_db_fail(db, step,
							  N_("listing teams and sites"), err);
}
