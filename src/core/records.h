/* SPDX-License-Identifier: MIT */
/* csrdesk — checks the record modules share: fields people type and rows
 * a record refers to (private to src/core/: volunteer, partner, hours,
 * impact, feedback, announcement). */
#ifndef CSRDESK_RECORDS_H
#define CSRDESK_RECORDS_H

#include <ctype.h>
#include <stdbool.h>
#include <string.h>

#include "csrdesk/text.h"
#include "csrdesk/volunteer.h"
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
 * label is the field's name, translated here: mark it N_("Title") (a text
 * translated already passes unchanged). Defined in volunteer.c, as are the
 * other functions here whose messages people read (po/POTFILES lists the
 * .c files only). */
csr_code csr_field_check(const char *value, size_t size, csr_text_kind kind, const char *label,
			 csr_err *err);

/* True when value (already known to fit) has nothing but white space. */
static inline bool csr_field_blank(const char *value)
{
	while (*value && isspace((unsigned char)*value))
		value++;
	return *value == '\0';
}

/* "<label> is required" when value fits and has nothing but white space;
 * checked before csr_field_check, which would complain about the tab in
 * " \t " instead of saying what is missing. label: as for csr_field_check. */
csr_code csr_field_required(const char *value, size_t size, const char *label, csr_err *err);

/* One field of a record, for csr_fields_check. */
typedef struct csr_field {
	const char *value;
	size_t size; /* of its buffer */
	csr_text_kind kind;
	const char *label; /* marked N_("Name"): csr_field_check translates it */
} csr_field;

/* csr_field_check on each of n fields in turn: the first refusal. */
static inline csr_code csr_fields_check(const csr_field *f, size_t n, csr_err *err)
{
	for (size_t i = 0; i < n; i++) {
		csr_code rc = csr_field_check(f[i].value, f[i].size, f[i].kind, f[i].label, err);
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

/* CSR_ENOTFOUND unless st, a query with one ?1 id parameter, returns a
 * row for id; missing is the message, a format taking id, marked
 * N_("There is no initiative %lld") and translated here. */
csr_code csr_require_row(csr_db *db, sqlite3_stmt *st, int64_t id, const char *missing,
			 csr_err *err);

/* csr_require_row for an initiative, a volunteer. */
csr_code csr_require_initiative(csr_db *db, int64_t id, csr_err *err);
csr_code csr_require_volunteer(csr_db *db, int64_t id, csr_err *err);

/* Binds ?1..?7 of st to the fields of a volunteer a lead edits (employee
 * ID, name, team, site, email, skills, Unix user): volunteer.c's writes and
 * the roster import's staging rows. */
void csr_volunteer_bind_fields(sqlite3_stmt *st, const csr_volunteer *v);

/* Whether the actor may approve (or reject) the hours of this volunteer:
 * a lead, for someone else's hours, or their own with hours.self_approval.
 * Hours the actor records are approved at once exactly when this holds. */
bool csr_hours_may_decide(csr_db *db, int64_t volunteer_id);

#endif
