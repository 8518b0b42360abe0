/* SPDX-License-Identifier: MIT */
/* Who may see whom: names on the initiatives of private categories. */
#include "csrdesk/visibility.h"

#include "csrdesk/config.h"
#include "csrdesk/i18n.h"
#include "db_private.h"

bool csr_may_see_names(const csr_db *db, const char *category)
{
	if (csr_db_actor(db)->role >= CSR_ROLE_LEAD)
		return true;
	const csr_category *cat = csr_config_category(csr_db_config(db), category);
	return !cat || !cat->is_private;
}

csr_code csr_may_see_names_on(csr_db *db, int64_t initiative_id, bool *may, csr_err *err)
{
	*may = csr_db_actor(db)->role >= CSR_ROLE_LEAD;
	if (*may)
		return CSR_OK;
	sqlite3_stmt *st = csr_db_stmt(db, "SELECT category FROM initiative WHERE id = ?1", err);
	if (!st)
		return err ? err->code : CSR_EDB;
	sqlite3_bind_int64(st, 1, initiative_id);
	char category[CSR_KEY_MAX] = "";
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		csr_col_text(st, 0, category, sizeof category);
	csr_stmt_done(st);
	if (rc == SQLITE_DONE)
		return csr_fail(err, CSR_ENOTFOUND, _("There is no initiative %lld"),
				(long long)initiative_id);
	if (rc != SQLITE_ROW)
		/* TRANSLATORS: what was being done when the database failed. */
		return csr_db_fail(db, rc, N_("reading the initiative"), err);
	*may = csr_may_see_names(db, category);
	return CSR_OK;
}

csr_code csr_require_names_on(csr_db *db, int64_t initiative_id, csr_err *err)
{
	bool may = false;
	csr_code rc = csr_may_see_names_on(db, initiative_id, &may, err);
	if (rc == CSR_OK && !may)
		return csr_fail(err, CSR_EDENIED, "%s",
				_("Who signed up for an initiative in a private category is shown"
				  " only to team leads"));
	return rc;
}
