/* SPDX-License-Identifier: MIT */
/* Impact records: what an initiative achieved, per config metric. */
#include "csrdesk/impact.h"

#include <math.h>

#include "csrdesk/clock.h"
#include "csrdesk/format.h"
#include "db_private.h"
#include "records.h"

static csr_code validate(csr_db *db, const csr_impact *rec, csr_err *err)
{
	csr_code rc = csr_field_check(rec->metric, sizeof rec->metric, CSR_TEXT_LINE, "Metric",
				      err);
	if (rc == CSR_OK)
		rc = csr_field_check(rec->note, sizeof rec->note, CSR_TEXT_LINES, "Note", err);
	if (rc)
		return rc;
	if (!*rec->metric)
		return csr_fail(err, CSR_EINVAL, "Metric is required");
	if (!csr_config_metric(csr_db_config(db), rec->metric))
		return csr_fail(err, CSR_EINVAL, "Metric '%s' is not defined in the configuration",
				rec->metric);
	if (!isfinite(rec->value) || rec->value < 0)
		return csr_fail(err, CSR_EINVAL, "Value must be a number of 0 or more");
	return CSR_OK;
}

static csr_code insert(csr_db *db, csr_impact *rec, csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db,
		"INSERT INTO impact (initiative_id, metric, value, recorded_by, recorded_at, note)"
		" VALUES (?1, ?2, ?3, nullif(?4, 0), ?5, ?6)", err);
	if (!st)
		return csr_err_code(err);
	rec->recorded_by = csr_db_actor(db)->volunteer_id;
	rec->recorded_at = csr_now();
	sqlite3_bind_int64(st, 1, rec->initiative_id);
	sqlite3_bind_text(st, 2, rec->metric, -1, SQLITE_STATIC);
	sqlite3_bind_double(st, 3, rec->value);
	sqlite3_bind_int64(st, 4, rec->recorded_by);
	sqlite3_bind_int64(st, 5, rec->recorded_at);
	sqlite3_bind_text(st, 6, rec->note, -1, SQLITE_STATIC);
	int step = sqlite3_step(st);
	csr_stmt_done(st);
	if (step != SQLITE_DONE)
		return csr_db_fail(db, step, "recording the impact", err);
	rec->id = sqlite3_last_insert_rowid(csr_db_sqlite(db));
	char value[CSR_FMT_NUMBER_MAX]; /* the audit log keeps the machine form */
	csr_fmt_machine_number(rec->value, value, sizeof value);
	return csr_audit_add(db, "impact.record", "impact", rec->id, err,
			     "%s %s for initiative %lld", value, rec->metric,
			     (long long)rec->initiative_id);
}

csr_code csr_impact_record(csr_db *db, csr_impact *rec, csr_err *err)
{
	csr_code rc = csr_tx_begin(db, err);
	if (rc)
		return rc;
	rc = csr_require_role(db, CSR_ROLE_LEAD, "record impact", err);
	if (rc == CSR_OK)
		rc = validate(db, rec, err);
	if (rc == CSR_OK)
		rc = csr_require_initiative(db, rec->initiative_id, err);
	if (rc == CSR_OK)
		rc = insert(db, rec, err);
	return csr_tx_end(db, rc, err);
}

static void read_record(sqlite3_stmt *st, void *row)
{
	csr_impact *r = row;
	r->id = sqlite3_column_int64(st, 0);
	r->initiative_id = sqlite3_column_int64(st, 1);
	csr_col_text(st, 2, r->metric, sizeof r->metric);
	r->value = sqlite3_column_double(st, 3);
	r->recorded_by = sqlite3_column_int64(st, 4);
	r->recorded_at = sqlite3_column_int64(st, 5);
	csr_col_text(st, 6, r->note, sizeof r->note);
}

csr_code csr_impact_list(csr_db *db, int64_t initiative_id, csr_impact *rows, int max,
			 int *n, csr_err *err)
{
	*n = 0;
	sqlite3_stmt *st = csr_db_stmt(db,
		"SELECT id, initiative_id, metric, value, coalesce(recorded_by, 0), recorded_at, note"
		" FROM impact WHERE initiative_id = ?1 ORDER BY recorded_at, id LIMIT ?2", err);
	if (!st)
		return csr_err_code(err);
	sqlite3_bind_int64(st, 1, initiative_id);
	sqlite3_bind_int(st, 2, max > 0 ? max : 0);
	return csr_read_rows(db, st, read_record, rows, sizeof *rows, max, n,
			     "listing impact records", err);
}

/* The sums, in the record's columns (id 0, no recorder, time or note). */
csr_code csr_impact_totals(csr_db *db, int64_t initiative_id, csr_impact *rows, int max, int *n,
			   csr_err *err)
{
	*n = 0;
	sqlite3_stmt *st = csr_db_stmt(db,
		"SELECT 0, initiative_id, metric, total(value), 0, 0, '' FROM impact"
		" WHERE initiative_id = ?1 GROUP BY metric ORDER BY metric LIMIT ?2", err);
	if (!st)
		return csr_err_code(err);
	sqlite3_bind_int64(st, 1, initiative_id);
	sqlite3_bind_int(st, 2, max > 0 ? max : 0);
	return csr_read_rows(db, st, read_record, rows, sizeof *rows, max, n,
			     "adding up impact records", err);
}
