/* SPDX-License-Identifier: MIT */
/* csrdesk — checks the record modules share: fields people type and rows
 * a record refers to (private to src/core/: volunteer, partner, hours,
 * impact, feedback, announcement). */
#ifndef CSRDESK_RECORDS_H
#define CSRDESK_RECORDS_H

#include <ctype.h>
#include <stdbool.h>
#include <string.h>

#include "csrdesk/i18n.h"
#include "csrdesk/text.h"
#include "db_private.h"

/* The code err carries after a helper failed (err may be NULL). */
static inline csr_code csr_err_code(const csr_err *err)
{
	return err ? err->code : CSR_EDB;
}

/* A fixed-size field holds at most size - 1 bytes and its terminator (a
 * buffer filled to the brim was cut or never terminated), and nothing that
 * could steer a terminal it is shown on (csr_text_check): checked here, on
 * every write, so the TUI, the CLI and the import are held to one rule.
 * label is the field's name as shown, translated (_("Title")). */
static inline csr_code csr_field_check(const char *value, size_t size, csr_text_kind kind,
				       const char *label, csr_err *err)
{
	if (strnlen(value, size) >= size)
		/* TRANSLATORS: %s is the name of a form field ("Title", "Note"). */
		return csr_fail(err, CSR_EINVAL, _("%s is too long (at most %zu bytes)"), label,
				size - 1);
	return csr_text_check(value, kind, label, err);
}

/* True when value (already known to fit) has nothing but white space. */
static inline bool csr_field_blank(const char *value)
{
	while (*value && isspace((unsigned char)*value))
		value++;
	return *value == '\0';
}

/* "<label> is required" when value fits and has nothing but white space;
 * checked before csr_field_check, which would complain about the tab in
 * " \t " instead of saying what is missing. */
static inline csr_code csr_field_required(const char *value, size_t size, const char *label,
					  csr_err *err)
{
	if (strnlen(value, size) < size && csr_field_blank(value))
		/* TRANSLATORS: %s is the name of a form field ("Title", "Name"). */
		return csr_fail(err, CSR_EINVAL, _("%s is required"), label);
	return CSR_OK;
}

/* One field of a record, for csr_fields_check. */
typedef struct csr_field {
	const char *value;
	size_t size; /* of its buffer */
	csr_text_kind kind;
	const char *label; /* untranslated, marked N_("Name"): shown through _() */
} csr_field;

/* csr_field_check on each of n fields in turn: the first refusal. */
static inline csr_code csr_fields_check(const csr_field *f, size_t n, csr_err *err)
{
	for (size_t i = 0; i < n; i++) {
		csr_code rc = csr_field_check(f[i].value, f[i].size, f[i].kind, _(f[i].label), err);
		if (rc)
			return rc;
	}
	return CSR_OK;
}

/* name@domain.tld: one @, no spaces or control bytes, a dot inside the
 * domain but not at its ends, no empty labels. */
static inline bool csr_looks_like_email(const char *s)
{
	const char *at = strchr(s, '@');
	if (!at || at == s || strchr(at + 1, '@'))
		return false;
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == 0x7F)
			return false;
	const char *domain = at + 1;
	size_t n = strlen(domain);
	return n >= 3 && strchr(domain, '.') && domain[0] != '.' && domain[n - 1] != '.' &&
	       !strstr(domain, "..");
}

/* CSR_ENOTFOUND with missing, a translated format taking id ("There is no
 * initiative %lld"), unless st, a query with one ?1 id parameter, returns
 * a row for id. */
static inline csr_code csr_require_row(csr_db *db, sqlite3_stmt *st, int64_t id,
				       const char *missing, csr_err *err)
{
	if (!st)
		return csr_err_code(err);
	sqlite3_bind_int64(st, 1, id);
	int step = sqlite3_step(st);
	csr_stmt_done(st);
	if (step == SQLITE_DONE)
		return csr_fail(err, CSR_ENOTFOUND, missing, (long long)id);
	return step == SQLITE_ROW ? CSR_OK : csr_db_fail(db, step, _("reading the database"), err);
}

static inline csr_code csr_require_initiative(csr_db *db, int64_t id, csr_err *err)
{
	return csr_require_row(db, csr_db_stmt(db, "SELECT 1 FROM initiative WHERE id = ?1", err),
			       id, _("There is no initiative %lld"), err);
}

static inline csr_code csr_require_volunteer(csr_db *db, int64_t id, csr_err *err)
{
	return csr_require_row(db, csr_db_stmt(db, "SELECT 1 FROM volunteer WHERE id = ?1", err),
			       id, _("There is no volunteer %lld"), err);
}

/* Whether the actor may approve (or reject) the hours of this volunteer:
 * a lead, for someone else's hours, or their own with hours.self_approval.
 * Hours the actor records are approved at once exactly when this holds. */
bool csr_hours_may_decide(csr_db *db, int64_t volunteer_id);

#endif
