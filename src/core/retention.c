/* SPDX-License-Identifier: MIT */
/* Retention: who is anonymised for being inactive, which feedback comments
 * are emptied for their age; the dry run reads what the run then does in
 * one transaction. */
#include "csrdesk/retention.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "csrdesk/clock.h"
#include "csrdesk/config.h"
#include "csrdesk/i18n.h"
#include "anonymise.h"
#include "records.h"

int64_t csr_retention_cutoff(int64_t now, int months)
{
	if (months <= 0)
		return 0;
	time_t t = (time_t)now;
	struct tm tm;
	localtime_r(&t, &tm);
	/* mktime carries a day the month lacks into the next (31 March less a
	 * month: 3 March), a few days later at most. */
	tm.tm_mon -= months;
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm);
}

/* Volunteers not anonymised, added before ?1, whose last activity (a place
 * changed, hours worked, feedback, management time) is before it too. One
 * pass over each table, not a look-up per person. */
static const char inactive_sql[] =
	"WITH last (volunteer_id, t) AS (SELECT volunteer_id, max(t) FROM ("
	" SELECT volunteer_id, updated_at AS t FROM signup"
	" UNION ALL SELECT volunteer_id, worked_on FROM hours"
	" UNION ALL SELECT volunteer_id, created_at FROM feedback"
	" UNION ALL SELECT volunteer_id, worked_on FROM management_time)"
	" GROUP BY volunteer_id)"
	" SELECT v.id, v.employee_id, max(v.created_at, coalesce(l.t, 0)) FROM volunteer v"
	" LEFT JOIN last l ON l.volunteer_id = v.id"
	" WHERE v.anonymised_at IS NULL AND v.created_at < ?1 AND coalesce(l.t, 0) < ?1"
	" ORDER BY v.employee_id, v.id";

static csr_code grow(csr_retention_plan *plan, int *cap, csr_err *err)
{
	if (plan->npeople < *cap)
		return CSR_OK;
	int more = *cap ? 2 * *cap : 16;
	csr_retention_person *p = realloc(plan->people, (size_t)more * sizeof *p);
	if (!p)
		return csr_fail(err, CSR_ENOMEM, "%s", _("Out of memory"));
	plan->people = p;
	*cap = more;
	return CSR_OK;
}

static csr_code read_inactive(csr_db *db, csr_retention_plan *plan, csr_err *err)
{
	if (!plan->inactive_before)
		return CSR_OK;
	sqlite3_stmt *st = csr_db_stmt(db, inactive_sql, err);
	if (!st)
		return csr_err_code(err);
	sqlite3_bind_int64(st, 1, plan->inactive_before);
	int cap = 0, rc;
	csr_code code = CSR_OK;
	while (code == CSR_OK && (rc = sqlite3_step(st)) == SQLITE_ROW &&
	       (code = grow(plan, &cap, err)) == CSR_OK) {
		csr_retention_person *p = &plan->people[plan->npeople++];
		p->id = sqlite3_column_int64(st, 0);
		csr_col_text(st, 1, p->employee_id, sizeof p->employee_id);
		p->last_active = sqlite3_column_int64(st, 2);
	}
	csr_stmt_done(st);
	if (code == CSR_OK && rc != SQLITE_DONE)
		/* TRANSLATORS: what was being done when the database failed. */
		return csr_db_fail(db, rc, N_("applying the retention"), err);
	return code;
}

static csr_code count_comments(csr_db *db, csr_retention_plan *plan, csr_err *err)
{
	if (!plan->comments_before)
		return CSR_OK;
	sqlite3_stmt *st = csr_db_stmt(db, "SELECT count(*) FROM feedback"
					   " WHERE comment <> '' AND created_at < ?1", err);
	if (!st)
		return csr_err_code(err);
	sqlite3_bind_int64(st, 1, plan->comments_before);
	return csr_read_count(db, st, &plan->comments, N_("applying the retention"), err);
}

static csr_code read_plan(csr_db *db, int64_t now, csr_retention_plan *out, csr_err *err)
{
	const csr_config *cfg = csr_db_config(db);
	memset(out, 0, sizeof *out);
	out->inactive_before = csr_retention_cutoff(now, cfg->retention.inactive_months);
	out->comments_before = csr_retention_cutoff(now, cfg->retention.comments_months);
	csr_code rc = read_inactive(db, out, err);
	return rc == CSR_OK ? count_comments(db, out, err) : rc;
}

csr_code csr_retention_plan_read(csr_db *db, int64_t now, csr_retention_plan *out,
				 csr_err *err)
{
	memset(out, 0, sizeof *out);
	/* TRANSLATORS: completes "Only admins may ...". */
	csr_code rc = csr_require_role(db, CSR_ROLE_ADMIN, N_("apply the retention"), err);
	return rc == CSR_OK ? read_plan(db, now, out, err) : rc;
}

void csr_retention_plan_free(csr_retention_plan *plan)
{
	free(plan->people);
	plan->people = NULL;
	plan->npeople = 0;
}

static csr_code empty_comments(csr_db *db, const csr_retention_plan *plan, csr_err *err)
{
	if (!plan->comments_before)
		return CSR_OK;
	sqlite3_stmt *st = csr_db_stmt(db, "UPDATE feedback SET comment = ''"
					   " WHERE comment <> '' AND created_at < ?1", err);
	if (!st)
		return csr_err_code(err);
	sqlite3_bind_int64(st, 1, plan->comments_before);
	int rc = sqlite3_step(st);
	csr_stmt_done(st);
	return rc == SQLITE_DONE ? CSR_OK : csr_db_fail(db, rc, N_("applying the retention"), err);
}

static csr_code anonymise_all(csr_db *db, const csr_retention_plan *plan,
			      csr_anonymised *list, csr_err *err)
{
	csr_code rc = CSR_OK;
	for (int i = 0; rc == CSR_OK && i < plan->npeople; i++) {
		char since[CSR_TIME_TEXT_MAX], detail[64];
		csr_date_format_machine(plan->people[i].last_active, since, sizeof since);
		/* the audit's detail: machine text, without the name */
		snprintf(detail, sizeof detail, "retention: inactive since %.7s", since);
		rc = csr_anonymise_person(db, list, plan->people[i].id, "person.anonymise", detail,
					  err);
	}
	return rc == CSR_OK ? csr_anonymise_texts(db, list, err) : rc;
}

/* Inside the transaction: the plan read again, then done and audited. */
static csr_code apply(csr_db *db, int64_t now, csr_retention_plan *out, csr_anonymised *list,
		      csr_err *err)
{
	csr_code rc = read_plan(db, now, out, err);
	if (rc == CSR_OK)
		rc = anonymise_all(db, out, list, err);
	if (rc == CSR_OK)
		rc = empty_comments(db, out, err);
	if (rc == CSR_OK)
		rc = csr_audit_add(db, "retention.run", "volunteer", 0, err,
				   "anonymised %d, comments removed %lld", out->npeople,
				   (long long)out->comments);
	return rc;
}

csr_code csr_retention_run(csr_db *db, int64_t now, csr_retention_plan *out, csr_err *err)
{
	memset(out, 0, sizeof *out);
	csr_code rc = csr_require_role(db, CSR_ROLE_ADMIN, N_("apply the retention"), err);
	csr_anonymised *list = rc == CSR_OK ? csr_anonymised_new() : NULL;
	if (rc == CSR_OK && !list)
		rc = csr_fail(err, CSR_ENOMEM, "%s", _("Out of memory"));
	int before = 0;
	if (rc == CSR_OK && (rc = csr_anonymise_secure_begin(db, &before, err)) == CSR_OK) {
		if ((rc = csr_tx_begin(db, err)) == CSR_OK)
			rc = csr_tx_end(db, apply(db, now, out, list, err), err);
		csr_anonymise_secure_end(db, before);
	}
	csr_anonymised_free(&list);
	if (rc != CSR_OK)
		csr_retention_plan_free(out);
	return rc;
}
