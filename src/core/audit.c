/* SPDX-License-Identifier: MIT */
/* The audit log, newest first. Entries are written by csr_audit_add (db.c)
 * inside each write's transaction. */
#include "csrdesk/audit.h"

#include "csrdesk/i18n.h"
#include "db_private.h"

static void read_row(sqlite3_stmt *st, csr_audit_entry *e)
{
	e->id = sqlite3_column_int64(st, 0);
	e->at = sqlite3_column_int64(st, 1);
	csr_col_text(st, 2, e->actor, sizeof e->actor);
	csr_col_text(st, 3, e->action, sizeof e->action);
	csr_col_text(st, 4, e->entity, sizeof e->entity);
	e->entity_id = sqlite3_column_int64(st, 5);
	csr_col_text(st, 6, e->detail, sizeof e->detail);
}

csr_code csr_audit_page(csr_db *db, int64_t before_id, csr_audit_entry *rows, int max, int *n,
			csr_err *err)
{
	*n = 0;
	sqlite3_stmt *st = csr_db_stmt(db,
		"SELECT id, at, actor, action, entity, coalesce(entity_id, 0), detail FROM audit"
		" WHERE id < ?1 ORDER BY id DESC LIMIT ?2", err);
	if (!st)
		return err ? err->code : CSR_EDB;
	sqlite3_bind_int64(st, 1, before_id > 0 ? before_id : INT64_MAX);
	sqlite3_bind_int(st, 2, max > 0 ? max : 0);
	int step = SQLITE_DONE;
	while (*n < max && (step = sqlite3_step(st)) == SQLITE_ROW)
		read_row(st, &rows[(*n)++]);
	csr_stmt_done(st);
	if (*n < max && step != SQLITE_DONE)
		/* TRANSLATORS: what was being done when the database failed, shown before
		 * the reason ("reading the audit log: database is locked"). */
		return csr_db_fail(db, step, N_("reading the audit log"), err);
	return CSR_OK;
}
