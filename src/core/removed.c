/* SPDX-License-Identifier: MIT */
/* Keys in the database that the config no longer defines: see
 * csrdesk/removed.h. */
#include "csrdesk/removed.h"

#include <stdio.h>

#include "csrdesk/format.h"
#include "csrdesk/i18n.h"
#include "csrdesk/text.h"
#include "db_private.h"

/* Each kind: the keys in use and how many use each, in key order. The
 * category is read in initiative_by_category; impact and goals are small
 * (a few rows per initiative). */
static const char *const used_sql[] = {
	[CSR_REMOVED_CATEGORY] = "SELECT category, count(*) FROM initiative GROUP BY category",
	[CSR_REMOVED_METRIC] = "SELECT metric, count(*) FROM impact GROUP BY metric",
	[CSR_REMOVED_GOAL] = "SELECT metric, count(*) FROM initiative_goal GROUP BY metric",
};

static bool defined(const csr_config *cfg, csr_removed_kind kind, const char *key)
{
	return kind == CSR_REMOVED_CATEGORY ? csr_config_category(cfg, key) != NULL
					    : csr_config_metric(cfg, key) != NULL;
}

static csr_code list_kind(csr_db *db, const csr_config *cfg, csr_removed_kind kind,
			  csr_removed *out, int max, int *n, csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db, used_sql[kind], err);
	if (!st)
		return err->code;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < max) {
		csr_removed *r = &out[*n];
		csr_col_text(st, 0, r->key, sizeof r->key);
		if (defined(cfg, kind, r->key))
			continue;
		r->kind = kind;
		r->count = sqlite3_column_int64(st, 1);
		(*n)++;
	}
	csr_stmt_done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		/* TRANSLATORS: what was being done when the database failed, shown before
		 * the reason ("looking for categories and metrics in use: database is
		 * locked"). */
		return csr_db_fail(db, rc, N_("looking for categories and metrics in use"), err);
	return CSR_OK;
}

csr_code csr_removed_list(csr_db *db, const csr_config *cfg, csr_removed *out, int max, int *n,
			  csr_err *err)
{
	csr_err local;
	if (!err)
		err = &local;
	*n = 0;
	csr_code rc = CSR_OK;
	for (int kind = CSR_REMOVED_CATEGORY; rc == CSR_OK && kind <= CSR_REMOVED_GOAL; kind++)
		rc = list_kind(db, cfg, (csr_removed_kind)kind, out, max, n, err);
	return rc;
}

/* One message for one, one for more, per kind: "%s" the count, then the key. */
static const char *removed_format(csr_removed_kind kind, int64_t count)
{
	switch (kind) {
	case CSR_REMOVED_CATEGORY:
		/* TRANSLATORS: %s is how many (a number), then a category's key
		 * as written in the config (not translated). */
		return csr_plural(count,
				  "%s initiative uses category '%s', which the config no longer"
				  " defines",
				  "%s initiatives use category '%s', which the config no longer"
				  " defines");
	case CSR_REMOVED_METRIC:
		/* TRANSLATORS: %s is how many (a number), then a metric's key as
		 * written in the config (not translated). */
		return csr_plural(count,
				  "%s impact record uses metric '%s', which the config no longer"
				  " defines",
				  "%s impact records use metric '%s', which the config no longer"
				  " defines");
	case CSR_REMOVED_GOAL:
		break;
	}
	/* TRANSLATORS: %s is how many (a number), then a metric's key as
	 * written in the config (not translated). */
	return csr_plural(count, "%s goal uses metric '%s', which the config no longer defines",
			  "%s goals use metric '%s', which the config no longer defines");
}

void csr_removed_text(const csr_removed *r, char *out, size_t size)
{
	char count[CSR_FMT_NUMBER_MAX], key[CSR_KEY_MAX];
	csr_fmt_count(r->count, count, sizeof count);
	csr_text_sanitize(r->key, key, sizeof key);
	snprintf(out, size, removed_format(r->kind, r->count), count, key);
}
