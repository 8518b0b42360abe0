/* SPDX-License-Identifier: MIT */
/* Impact records: what an initiative achieved, per config metric. */
#include "csrdesk/impact.h"

#include <math.h>

#include "csrdesk/clock.h"
#include "csrdesk/format.h"
#include "csrdesk/i18n.h"
#include "db_private.h"
#include "records.h"

static csr_code check_value(double value, csr_err *err)
{
	if (!isfinite(value) || value < 0)
		return csr_fail(err, CSR_EINVAL, _("Value must be a number of 0 or more"));
	return CSR_OK;
}

static csr_code validate(csr_db *db, const csr_impact *rec, csr_err *err)
{
	csr_code rc = csr_field_check(rec->metric, sizeof rec->metric, CSR_TEXT_LINE, N_("Metric"),
				      err);
	if (rc == CSR_OK)
		rc = csr_field_check(rec->note, sizeof rec->note, CSR_TEXT_LINES, N_("Note"), err);
	if (rc)
		return rc;
	if (!*rec->metric)
		return csr_fail(err, CSR_EINVAL, _("Metric is required"));
	if (!csr_config_metric(csr_db_config(db), rec->metric))
		return csr_fail(err, CSR_EINVAL,
				_("Metric '%s' is not defined in the configuration"),
				rec->metric);
	return check_value(rec->value, err);
}

/* The audit log keeps values in the machine form, whatever the display style. */
static void machine_value(double value, char out[CSR_FMT_NUMBER_MAX])
{
	csr_fmt_machine_number(value, out, CSR_FMT_NUMBER_MAX);
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
		return csr_db_fail(db, step, N_("recording the impact"), err);
	rec->id = sqlite3_last_insert_rowid(csr_db_sqlite(db));
	char value[CSR_FMT_NUMBER_MAX];
	machine_value(rec->value, value);
	return csr_audit_add(db, "impact.record", "impact", rec->id, err,
			     "%s %s for initiative %lld", value, rec->metric,
			     (long long)rec->initiative_id);
}

csr_code csr_impact_record(csr_db *db, csr_impact *rec, csr_err *err)
{
	csr_code rc = csr_tx_begin(db, err);
	if (rc)
		return rc;
	/* TRANSLATORS: completes "Only team leads may %s". */
	rc = csr_require_role(db, CSR_ROLE_LEAD, N_("record impact"), err);
	if (rc == CSR_OK)
		rc = validate(db, rec, err);
	if (rc == CSR_OK)
		rc = csr_require_initiative(db, rec->initiative_id, err);
	if (rc == CSR_OK)
		rc = insert(db, rec, err);
	return csr_tx_end(db, rc, err);
}

#define IMPACT_SELECT \
	"SELECT id, initiative_id, metric, value, coalesce(recorded_by, 0), recorded_at, note," \
	" coalesce(voided_at, 0), coalesce(voided_by, 0), void_reason FROM impact"

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
	r->voided_at = sqlite3_column_int64(st, 7);
	r->voided_by = sqlite3_column_int64(st, 8);
	csr_col_text(st, 9, r->void_reason, sizeof r->void_reason);
}

csr_code csr_impact_list(csr_db *db, int64_t initiative_id, csr_impact *rows, int max,
			 int *n, csr_err *err)
{
	*n = 0;
	sqlite3_stmt *st = csr_db_stmt(db,
		IMPACT_SELECT " WHERE initiative_id = ?1 ORDER BY recorded_at, id LIMIT ?2", err);
	if (!st)
		return csr_err_code(err);
	sqlite3_bind_int64(st, 1, initiative_id);
	sqlite3_bind_int(st, 2, max > 0 ? max : 0);
	return csr_read_rows(db, st, read_record, rows, sizeof *rows, max, n,
			     N_("listing impact records"), err);
}

csr_code csr_impact_get(csr_db *db, int64_t id, csr_impact *out, csr_err *err)
{
	return csr_read_by_id(db, csr_db_stmt(db, IMPACT_SELECT " WHERE id = ?1", err), id,
			      read_record, out, N_("There is no impact record %lld"), err);
}

/* Oldest first from the key (?2, ?3) on, [backward]: an initiative has a
 * handful of records, read from impact_by_initiative and sorted. */
static const char *const page_sql[2] = {
	IMPACT_SELECT " WHERE initiative_id = ?1 AND (recorded_at, id) > (?2, ?3)"
	" ORDER BY recorded_at, id LIMIT ?4",
	IMPACT_SELECT " WHERE initiative_id = ?1 AND (recorded_at, id) < (?2, ?3)"
	" ORDER BY recorded_at DESC, id DESC LIMIT ?4",
};

csr_code csr_impact_page(csr_db *db, int64_t initiative_id, const csr_impact *after,
			 bool backward, csr_impact *rows, int max, int *n, csr_err *err)
{
	*n = 0;
	if (max <= 0)
		return CSR_OK;
	sqlite3_stmt *st = csr_db_stmt(db, page_sql[backward], err);
	if (!st)
		return csr_err_code(err);
	sqlite3_bind_int64(st, 1, initiative_id);
	csr_bind_time_key(st, 2, after, after ? after->recorded_at : 0, after ? after->id : 0,
			  backward);
	sqlite3_bind_int(st, 4, max);
	return csr_read_page(db, st, read_record, rows, sizeof *rows, max, n, backward,
			     N_("listing impact records"), err);
}

csr_code csr_impact_count(csr_db *db, int64_t initiative_id, int64_t *out, csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db, "SELECT count(*) FROM impact WHERE initiative_id = ?1",
				       err);
	if (!st)
		return csr_err_code(err);
	sqlite3_bind_int64(st, 1, initiative_id);
	return csr_read_count(db, st, out, N_("counting impact records"), err);
}

/* ---- corrections ---- */

/* The record to correct, which must still count. */
static csr_code editable(csr_db *db, int64_t id, csr_impact *old, csr_err *err)
{
	csr_code rc = csr_impact_get(db, id, old, err);
	if (rc == CSR_OK && old->voided_at)
		rc = csr_fail(err, CSR_EREFUSED,
			      _("Impact record %lld was voided: record a new value"
				" instead"), (long long)id);
	return rc;
}

static csr_code update_value(csr_db *db, const csr_impact *rec, csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db, "UPDATE impact SET value = ?1, note = ?2 WHERE id = ?3",
				       err);
	if (!st)
		return csr_err_code(err);
	sqlite3_bind_double(st, 1, rec->value);
	sqlite3_bind_text(st, 2, rec->note, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, rec->id);
	int step = sqlite3_step(st);
	csr_stmt_done(st);
	return step == SQLITE_DONE ? CSR_OK : csr_db_fail(db, step,
							  N_("correcting the impact"), err);
}

static csr_code edit(csr_db *db, int64_t id, double value, const char *note, csr_err *err)
{
	csr_impact old, rec;
	csr_code rc = editable(db, id, &old, err);
	if (rc == CSR_OK)
		rc = check_value(value, err);
	if (rc == CSR_OK && note)
		rc = csr_field_check(note, sizeof rec.note, CSR_TEXT_LINES, N_("Note"), err);
	if (rc)
		return rc;
	rec = old;
	rec.value = value;
	if (note)
		csr_copy(rec.note, sizeof rec.note, note);
	rc = update_value(db, &rec, err);
	if (rc)
		return rc;
	char was[CSR_FMT_NUMBER_MAX], now[CSR_FMT_NUMBER_MAX];
	machine_value(old.value, was);
	machine_value(value, now);
	return csr_audit_add(db, "impact.edit", "impact", id, err,
			     "%s for initiative %lld changed from %s to %s", rec.metric,
			     (long long)rec.initiative_id, was, now);
}

csr_code csr_impact_edit(csr_db *db, int64_t id, double value, const char *note, csr_err *err)
{
	csr_code rc = csr_tx_begin(db, err);
	if (rc)
		return rc;
	/* TRANSLATORS: completes "Only team leads may %s". */
	rc = csr_require_role(db, CSR_ROLE_LEAD, N_("correct impact values"), err);
	if (rc == CSR_OK)
		rc = edit(db, id, value, note, err);
	return csr_tx_end(db, rc, err);
}

static csr_code mark_void(csr_db *db, int64_t id, const char *reason, csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db,
		"UPDATE impact SET voided_at = ?1, voided_by = nullif(?2, 0), void_reason = ?3"
		" WHERE id = ?4", err);
	if (!st)
		return csr_err_code(err);
	sqlite3_bind_int64(st, 1, csr_now());
	sqlite3_bind_int64(st, 2, csr_db_actor(db)->volunteer_id);
	sqlite3_bind_text(st, 3, reason, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, id);
	int step = sqlite3_step(st);
	csr_stmt_done(st);
	return step == SQLITE_DONE ? CSR_OK : csr_db_fail(db, step, N_("voiding the impact"), err);
}

static csr_code void_record(csr_db *db, int64_t id, const char *reason, csr_err *err)
{
	csr_impact old;
	csr_code rc = csr_field_required(reason, CSR_IMPACT_NOTE_MAX, N_("Reason"), err);
	if (rc == CSR_OK)
		rc = csr_field_check(reason, CSR_IMPACT_NOTE_MAX, CSR_TEXT_LINE, N_("Reason"), err);
	if (rc == CSR_OK)
		rc = editable(db, id, &old, err);
	if (rc == CSR_OK)
		rc = mark_void(db, id, reason, err);
	if (rc)
		return rc;
	char value[CSR_FMT_NUMBER_MAX];
	machine_value(old.value, value);
	return csr_audit_add(db, "impact.void", "impact", id, err,
			     "%s %s for initiative %lld voided: %s", value, old.metric,
			     (long long)old.initiative_id, reason);
}

csr_code csr_impact_void(csr_db *db, int64_t id, const char *reason, csr_err *err)
{
	csr_code rc = csr_tx_begin(db, err);
	if (rc)
		return rc;
	/* TRANSLATORS: completes "Only team leads may %s". */
	rc = csr_require_role(db, CSR_ROLE_LEAD, N_("void impact values"), err);
	if (rc == CSR_OK)
		rc = void_record(db, id, reason ? reason : "", err);
	return csr_tx_end(db, rc, err);
}

/* The sums, in the record's columns (id 0, no recorder, time or note). */
csr_code csr_impact_totals(csr_db *db, int64_t initiative_id, csr_impact *rows, int max, int *n,
			   csr_err *err)
{
	*n = 0;
	sqlite3_stmt *st = csr_db_stmt(db,
		"SELECT 0, initiative_id, metric, total(value), 0, 0, '', 0, 0, '' FROM impact"
		" WHERE initiative_id = ?1 AND voided_at IS NULL GROUP BY metric ORDER BY metric"
		" LIMIT ?2", err);
	if (!st)
		return csr_err_code(err);
	sqlite3_bind_int64(st, 1, initiative_id);
	sqlite3_bind_int(st, 2, max > 0 ? max : 0);
	return csr_read_rows(db, st, read_record, rows, sizeof *rows, max, n,
			     N_("adding up impact records"), err);
}
