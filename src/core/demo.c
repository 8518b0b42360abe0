/* SPDX-License-Identifier: MIT */
/* Demo data: data/demo.sql, embedded at build time, run in one transaction. */
#include "csrdesk/demo.h"

#include <sqlite3.h>

#include "csrdesk/i18n.h"
#include "db_private.h"

/* Generated from data/demo.sql by tools/embed.py (see meson.build). */
extern const char csr_demo_sql[];

static csr_code count_rows(csr_db *db, int64_t *volunteers, int64_t *initiatives, csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db,
		"SELECT (SELECT count(*) FROM volunteer), (SELECT count(*) FROM initiative)", err);
	if (!st)
		return err ? err->code : CSR_EDB;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*volunteers = sqlite3_column_int64(st, 0);
		*initiatives = sqlite3_column_int64(st, 1);
	}
	csr_stmt_done(st);
	/* TRANSLATORS: what was being done when the database failed, shown before the
	 * reason ("counting the volunteers: database is locked"). */
	return rc == SQLITE_ROW ? CSR_OK : csr_db_fail(db, rc, N_("counting the volunteers"), err);
}

/* The script uses fixed ids, so it only goes into an empty database. */
static csr_code require_empty(csr_db *db, csr_err *err)
{
	int64_t volunteers = 0, initiatives = 0;
	csr_code rc = count_rows(db, &volunteers, &initiatives, err);
	if (rc == CSR_OK && (volunteers > 0 || initiatives > 0))
		rc = csr_fail(err, CSR_EREFUSED,
			      /* TRANSLATORS: how many volunteers, then how many
			       * initiatives the database has (either may be 1). */
			      _("This database already has %lld volunteers and %lld initiatives;"
				" demo data goes only into an empty database"),
			      (long long)volunteers, (long long)initiatives);
	return rc;
}

/* Our own embedded text with no user values: the one whole script run with
 * sqlite3_exec outside the migrations. */
static csr_code run_script(csr_db *db, csr_err *err)
{
	int rc = sqlite3_exec(csr_db_sqlite(db), csr_demo_sql, NULL, NULL, NULL);
	/* TRANSLATORS: what was being done when the database failed, shown before the
	 * reason ("loading the demo data: database is locked"). */
	return rc == SQLITE_OK ? CSR_OK : csr_db_fail(db, rc, N_("loading the demo data"), err);
}

static csr_code audit(csr_db *db, csr_err *err)
{
	int64_t volunteers = 0, initiatives = 0;
	csr_code rc = count_rows(db, &volunteers, &initiatives, err);
	if (rc == CSR_OK)
		rc = csr_audit_add(db, "demo.populate", "database", 0, err,
				   "demo data: %lld volunteers, %lld initiatives",
				   (long long)volunteers, (long long)initiatives);
	return rc;
}

csr_code csr_demo_populate(csr_db *db, csr_err *err)
{
	/* TRANSLATORS: completes "Only team leads may ..." (or "Only admins may ..."):
	 * "load the demo data". */
	csr_code rc = csr_require_role(db, CSR_ROLE_ADMIN, N_("load the demo data"), err);
	if (rc == CSR_OK)
		rc = csr_tx_begin(db, err);
	if (rc != CSR_OK)
		return rc;
	rc = require_empty(db, err);
	if (rc == CSR_OK)
		rc = run_script(db, err);
	if (rc == CSR_OK)
		rc = audit(db, err);
	return csr_tx_end(db, rc, err);
}
