/* SPDX-License-Identifier: MIT */
/* Keys in the database that the config no longer defines: see
 * csrdesk/removed.h. */
#include "csrdesk/removed.h"

#include <stdio.h>

#include "csrdesk/format.h"
#include "csrdesk/i18n.h"
#include "csrdesk/text.h"
#include "db_private.h"

/* Each kind: the keys in use, in key order, one seek each in the key's
 * index (initiative_by_category; migration 19's indexes by metric), and
 * how many use one key, counted only for a key the config lacks. A GROUP
 * BY read every record at each start. */
#define KEYS_IN_USE(TABLE, COLUMN) \
	"WITH RECURSIVE k (key) AS (SELECT min(" COLUMN ") FROM " TABLE \
	" UNION ALL SELECT (SELECT min(" COLUMN ") FROM " TABLE " WHERE " COLUMN " > k.key)" \
	" FROM k WHERE k.key IS NOT NULL) SELECT key FROM k WHERE key IS NOT NULL"
static const char *const used_sql[] = {
	[CSR_REMOVED_CATEGORY] = KEYS_IN_USE("initiative", "category"),
	[CSR_REMOVED_METRIC] = KEYS_IN_USE("impact", "metric"),
	[CSR_REMOVED_GOAL] = KEYS_IN_USE("initiative_goal", "metric"),
};
static const char *const count_sql[] = {
	[CSR_REMOVED_CATEGORY] = "SELECT count(*) FROM initiative WHERE category = ?1",
	[CSR_REMOVED_METRIC] = "SELECT count(*) FROM impact WHERE metric = ?1",
	[CSR_REMOVED_GOAL] = "SELECT count(*) FROM initiative_goal WHERE metric = ?1",
};

/* How many rows use key (one the config lacks). */
static int64_t key_count(csr_db *db, csr_removed_kind kind, const char *key, int *rc,
			 csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db, count_sql[kind], err);
	if (!st) {
		*rc = SQLITE_ERROR;
		return 0;
	}
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	*rc = sqlite3_step(st);
	int64_t n = *rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	csr_stmt_done(st);
	return n;
}

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
	int rc, counted = SQLITE_ROW;
	while (counted == SQLITE_ROW && (rc = sqlite3_step(st)) == SQLITE_ROW && *n < max) {
		csr_removed *r = &out[*n];
		csr_col_text(st, 0, r->key, sizeof r->key);
		if (defined(cfg, kind, r->key))
			continue;
		r->kind = kind;
		r->count = key_count(db, kind, r->key, &counted, err);
		(*n)++;
	}
	csr_stmt_done(st);
	if (counted != SQLITE_ROW)
		rc = counted;
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
