/* SPDX-License-Identifier: MIT */
/* Management time: logged by leads, audited, listed. */
#include "csrdesk/management.h"

#include "csrdesk/clock.h"
#include "csrdesk/i18n.h"
#include "db_private.h"
#include "records.h"

static csr_code validate(const csr_management_time *m, csr_err *err)
{
	if (m->minutes < 1 || m->minutes > CSR_HOURS_MAX_MINUTES)
		return csr_fail(err, CSR_EINVAL, _("Minutes must be a whole number from 1 to %d"),
				CSR_HOURS_MAX_MINUTES);
	if (m->worked_on <= 0)
		return csr_fail(err, CSR_EINVAL, _("Date worked is required"));
	/* worked_on is the day's first second: today's has passed already */
	if (m->worked_on > csr_now())
		return csr_fail(err, CSR_EINVAL, _("Date worked cannot be in the future"));
	return csr_field_check(m->note, sizeof m->note, CSR_TEXT_LINES, N_("Note"), err);
}

static csr_code insert(csr_db *db, csr_management_time *m, csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db,
		"INSERT INTO management_time (volunteer_id, worked_on, minutes, note, created_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5)", err);
	if (!st)
		return csr_err_code(err);
	m->created_at = csr_now();
	sqlite3_bind_int64(st, 1, m->volunteer_id);
	sqlite3_bind_int64(st, 2, m->worked_on);
	sqlite3_bind_int(st, 3, m->minutes);
	sqlite3_bind_text(st, 4, m->note, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, m->created_at);
	int step = sqlite3_step(st);
	csr_stmt_done(st);
	if (step != SQLITE_DONE)
		return csr_db_fail(db, step, N_("logging the management time"), err);
	m->id = sqlite3_last_insert_rowid(csr_db_sqlite(db));
	char day[CSR_TIME_TEXT_MAX];
	csr_date_format_machine(m->worked_on, day, sizeof day); /* a record: ISO */
	return csr_audit_add(db, "management.log", "management_time", m->id, err,
			     "%d minutes on %s for volunteer %lld", m->minutes, day,
			     (long long)m->volunteer_id);
}

csr_code csr_management_log(csr_db *db, csr_management_time *m, csr_err *err)
{
	/* TRANSLATORS: completes "Only team leads may %s". */
	csr_code rc = csr_require_role(db, CSR_ROLE_LEAD, N_("log management time"), err);
	if (rc != CSR_OK)
		return rc;
	rc = csr_tx_begin(db, err);
	if (rc)
		return rc;
	rc = validate(m, err);
	if (rc == CSR_OK)
		rc = csr_require_volunteer(db, m->volunteer_id, err);
	if (rc == CSR_OK)
		rc = insert(db, m, err);
	return csr_tx_end(db, rc, err);
}

static void read_row(sqlite3_stmt *st, void *row)
{
	csr_management_time *m = row;
	m->id = sqlite3_column_int64(st, 0);
	m->volunteer_id = sqlite3_column_int64(st, 1);
	m->worked_on = sqlite3_column_int64(st, 2);
	m->minutes = sqlite3_column_int(st, 3);
	csr_col_text(st, 4, m->note, sizeof m->note);
	m->created_at = sqlite3_column_int64(st, 5);
	csr_col_text(st, 6, m->name, sizeof m->name);
	csr_col_text(st, 7, m->employee_id, sizeof m->employee_id);
}

csr_code csr_management_list(csr_db *db, int offset, csr_management_time *rows, int max,
			     int *n, csr_err *err)
{
	*n = 0;
	/* TRANSLATORS: completes "Only team leads may %s". */
	csr_code rc = csr_require_role(db, CSR_ROLE_LEAD, N_("list management time"), err);
	if (rc != CSR_OK)
		return rc;
	sqlite3_stmt *st = csr_db_stmt(db,
		"SELECT m.id, m.volunteer_id, m.worked_on, m.minutes, m.note, m.created_at, v.name,"
		" v.employee_id FROM management_time m JOIN volunteer v ON v.id = m.volunteer_id"
		" ORDER BY m.worked_on DESC, m.id DESC LIMIT ?1 OFFSET ?2", err);
	if (!st)
		return csr_err_code(err);
	sqlite3_bind_int(st, 1, max > 0 ? max : 0);
	sqlite3_bind_int(st, 2, offset > 0 ? offset : 0);
	return csr_read_rows(db, st, read_row, rows, sizeof *rows, max, n,
			     N_("listing management time"), err);
}
