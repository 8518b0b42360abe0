/* SPDX-License-Identifier: MIT */
/* Who is acting: Unix users (SSH, command line) and kiosk sign-in by
 * employee ID and PIN. */
#include "csrdesk/auth.h"

#include <grp.h>
#include <pwd.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csrdesk/clock.h"
#include "csrdesk/format.h"
#include "csrdesk/i18n.h"
#include "db_private.h"

/* PINs are hashed with Argon2id at OWASP's minimum for password storage:
 * m = 19 MiB, t = 2, p = 1 (libsodium always uses one lane). A 6-digit PIN
 * has a million values: at a kiosk the lockout (max_pin_attempts) protects
 * it; the cost slows down a search in a copied database, to about 30 ms a
 * guess (8 CPU-hours for all PINs of one person; it was 9 ms at 4 MiB).
 * Measured on the 2-core build machine: one hash 26-32 ms, one
 * verification the same (70-110 ms while other work loads both cores). The
 * 19 MiB are allocated for the hash only and freed after it: a process's
 * peak resident memory is about 16 MiB higher than at 4 MiB (21 against
 * 6 MiB for a program that only hashes). Hashes made with other parameters
 * are upgraded at the next successful sign-in. */
#define PIN_OPSLIMIT 2ULL
#define PIN_MEMLIMIT ((size_t)19 << 20)

/* Activation codes are hashed the same way, not with a keyed fast hash: a
 * key would have to live where a copied database does not reach, and
 * csrdesk has no such place (whoever can copy the database can read what
 * csrdesk's group reads, config included), while a fast hash of 12 digits
 * falls in minutes. Under Argon2id a search of the
 * 10^12 codes takes about 900 CPU-years, far beyond a code's life (at most
 * a week); at a kiosk, wrong codes count towards the lockout. */

const char *csr_role_name(csr_role role)
{
	switch (role) {
	/* TRANSLATORS: a role, shown after the person's name: "Kim (admin)". */
	case CSR_ROLE_ADMIN: return C_("role", "admin");
	/* TRANSLATORS: a role (a team lead), shown after the person's name. */
	case CSR_ROLE_LEAD: return C_("role", "lead");
	case CSR_ROLE_AGENT: break;
	}
	/* TRANSLATORS: a role (a call-center agent), shown after the person's
	 * name. */
	return C_("role", "agent");
}

static bool listed(char **list, int n, const char *user)
{
	for (int i = 0; i < n; i++)
		if (strcmp(list[i], user) == 0)
			return true;
	return false;
}

static bool in_group(const char *user, const char *group)
{
	struct passwd *pw = getpwnam(user);
	struct group *gr = group && *group ? getgrnam(group) : NULL;
	if (!pw || !gr)
		return false;
	gid_t want = gr->gr_gid;
	int n = 64;
	gid_t *groups = malloc((size_t)n * sizeof *groups);
	if (groups && getgrouplist(user, pw->pw_gid, groups, &n) < 0) {
		gid_t *more = realloc(groups, (size_t)n * sizeof *groups);
		groups = more ? more : groups;
		if (!more || getgrouplist(user, pw->pw_gid, groups, &n) < 0)
			n = 0;
	}
	bool found = false;
	for (int i = 0; groups && i < n && !found; i++)
		found = groups[i] == want;
	free(groups);
	return found;
}

csr_role csr_auth_role_of_user(const csr_config *cfg, const char *user, unsigned uid)
{
	if (uid == 0 || listed(cfg->roles.admins, cfg->roles.nadmins, user) ||
	    in_group(user, cfg->roles.admin_group))
		return CSR_ROLE_ADMIN;
	if (listed(cfg->roles.leads, cfg->roles.nleads, user) ||
	    in_group(user, cfg->roles.lead_group))
		return CSR_ROLE_LEAD;
	return CSR_ROLE_AGENT;
}

/* The active volunteer with this column value; 0 when there is none. */
static csr_code volunteer_by(csr_db *db, const char *sql, const char *value, int64_t *id,
			     csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db, sql, err);
	if (!st)
		return err ? err->code : CSR_EDB;
	sqlite3_bind_text(st, 1, value, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	*id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	csr_stmt_done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		/* TRANSLATORS: what was being done when the database failed, shown before
		 * the reason ("looking up the volunteer: database is locked"). */
		return csr_db_fail(db, rc, N_("looking up the volunteer"), err);
	return CSR_OK;
}

csr_code csr_auth_from_unix(csr_db *db, csr_actor *out, csr_err *err)
{
	uid_t uid = getuid();
	struct passwd *pw = getpwuid(uid);
	if (!pw)
		return csr_fail(err, CSR_EDENIED, _("user id %u has no name on this system"),
				(unsigned)uid);
	*out = (csr_actor){ .role = csr_auth_role_of_user(csr_db_config(db), pw->pw_name, uid),
			    .own_login = true };
	snprintf(out->name, sizeof out->name, "unix:%s", pw->pw_name);
	return volunteer_by(db, "SELECT id FROM volunteer WHERE unix_user = ? AND active = 1",
			    pw->pw_name, &out->volunteer_id, err);
}

typedef struct pin_state {
	int64_t id;
	char hash[crypto_pwhash_STRBYTES];
	int failures;
	bool counted; /* a wrong PIN or code was counted: commit it, though refused */
} pin_state;

static csr_code load_pin(csr_db *db, const char *employee_id, pin_state *ps, csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db,
		"SELECT id, pin_hash, pin_failures FROM volunteer"
		" WHERE employee_id = ? AND active = 1", err);
	if (!st)
		return err ? err->code : CSR_EDB;
	sqlite3_bind_text(st, 1, employee_id, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		ps->id = sqlite3_column_int64(st, 0);
		csr_col_text(st, 1, ps->hash, sizeof ps->hash);
		ps->failures = sqlite3_column_int(st, 2);
	}
	csr_stmt_done(st);
	if (rc == SQLITE_DONE)
		return csr_fail(err, CSR_ENOTFOUND, _("No active volunteer has employee ID %s"),
				employee_id);
	return rc == SQLITE_ROW ? CSR_OK : csr_db_fail(db, rc, N_("looking up the volunteer"), err);
}

/* Sets the failure count (and the hash when hash is not NULL, "" = none);
 * audited as action unless that is NULL. */
static csr_code store_pin(csr_db *db, int64_t id, const char *hash, int failures,
			  const char *action, csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db,
		"UPDATE volunteer SET pin_failures = ?2,"
		" pin_hash = CASE WHEN ?3 IS NULL THEN pin_hash ELSE nullif(?3, '') END"
		" WHERE id = ?1", err);
	if (!st)
		return err ? err->code : CSR_EDB;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, failures);
	if (hash)
		sqlite3_bind_text(st, 3, hash, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	csr_stmt_done(st);
	if (rc != SQLITE_DONE)
		/* TRANSLATORS: what was being done when the database failed, shown before
		 * the reason ("saving the PIN: database is locked"). */
		return csr_db_fail(db, rc, N_("saving the PIN"), err);
	if (!action)
		return CSR_OK;
	return csr_audit_add(db, action, "volunteer", id, err, "failures=%d", failures);
}

/* ---- activation codes in the database ---- */

typedef struct code_state {
	char hash[crypto_pwhash_STRBYTES]; /* "" when no code was issued */
	int64_t expires_at;
} code_state;

static csr_code load_code(csr_db *db, int64_t volunteer_id, code_state *cs, csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db,
		"SELECT code_hash, expires_at FROM pin_activation WHERE volunteer_id = ?", err);
	if (!st)
		return err ? err->code : CSR_EDB;
	sqlite3_bind_int64(st, 1, volunteer_id);
	int rc = sqlite3_step(st);
	*cs = (code_state){ 0 };
	if (rc == SQLITE_ROW) {
		csr_col_text(st, 0, cs->hash, sizeof cs->hash);
		cs->expires_at = sqlite3_column_int64(st, 1);
	}
	csr_stmt_done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		/* TRANSLATORS: what was being done when the database failed, shown before
		 * the reason ("looking up the activation code: database is locked"). */
		return csr_db_fail(db, rc, N_("looking up the activation code"), err);
	return CSR_OK;
}

/* One code per person: a new one replaces the last. */
static csr_code save_code(csr_db *db, int64_t volunteer_id, const char *hash,
			  int64_t issued_at, int64_t expires_at, csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db,
		"INSERT INTO pin_activation (volunteer_id, code_hash, expires_at, issued_at)"
		" VALUES (?1, ?2, ?3, ?4) ON CONFLICT (volunteer_id) DO UPDATE SET"
		" code_hash = excluded.code_hash, expires_at = excluded.expires_at,"
		" issued_at = excluded.issued_at", err);
	if (!st)
		return err ? err->code : CSR_EDB;
	sqlite3_bind_int64(st, 1, volunteer_id);
	sqlite3_bind_text(st, 2, hash, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, expires_at);
	sqlite3_bind_int64(st, 4, issued_at);
	int rc = sqlite3_step(st);
	csr_stmt_done(st);
	if (rc == SQLITE_DONE)
		return CSR_OK;
	/* TRANSLATORS: what was being done when the database failed, shown before the
	 * reason ("saving the activation code: database is locked"). */
	return csr_db_fail(db, rc, N_("saving the activation code"), err);
}

static csr_code drop_code(csr_db *db, int64_t volunteer_id, csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db, "DELETE FROM pin_activation WHERE volunteer_id = ?",
				       err);
	if (!st)
		return err ? err->code : CSR_EDB;
	sqlite3_bind_int64(st, 1, volunteer_id);
	int rc = sqlite3_step(st);
	csr_stmt_done(st);
	if (rc == SQLITE_DONE)
		return CSR_OK;
	/* TRANSLATORS: what was being done when the database failed, shown before the
	 * reason ("removing the activation code: database is locked"). */
	return csr_db_fail(db, rc, N_("removing the activation code"), err);
}

/* A new PIN (hash; "" = none), no failures and no activation code left. */
static csr_code put_pin(csr_db *db, const pin_state *ps, const char *hash, const char *action,
			csr_err *err)
{
	csr_code rc = store_pin(db, ps->id, hash, 0, action, err);
	return rc ? rc : drop_code(db, ps->id, err);
}

/* ---- hashing, checking and counting ---- */

/* no_memory: the whole message when the hash finds no memory. */
static csr_code hash_secret(const char *secret, char hash[crypto_pwhash_STRBYTES],
			    const char *no_memory, csr_err *err)
{
	if (sodium_init() < 0)
		return csr_fail(err, CSR_ENOMEM, "%s", _("libsodium could not start"));
	if (crypto_pwhash_str(hash, secret, strlen(secret), PIN_OPSLIMIT, PIN_MEMLIMIT) != 0)
		return csr_fail(err, CSR_ENOMEM, "%s", no_memory);
	return CSR_OK;
}

static bool matches(const char *hash, const char *secret)
{
	return sodium_init() >= 0 &&
	       crypto_pwhash_str_verify(hash, secret, strlen(secret)) == 0;
}

static csr_code refuse_locked(csr_db *db, const pin_state *ps, const char *employee_id,
			      csr_err *err)
{
	int max = csr_db_config(db)->kiosk.max_pin_attempts;
	if (ps->failures < max)
		return CSR_OK;
	/* TRANSLATORS: %s is an employee ID, %d how many wrong PINs or
	 * activation codes locked it (max_pin_attempts). */
	return csr_fail(err, CSR_EDENIED,
			csr_plural(max,
				   "ID %s is locked after %d wrong PIN or code; ask a team"
				   " lead to reset it",
				   "ID %s is locked after %d wrong PINs or codes; ask a team"
				   " lead to reset it"),
			employee_id, max);
}

/* What was typed wrong: each has its own messages. */
typedef enum wrong_secret { WRONG_PIN, WRONG_CODE, WRONG_CURRENT_PIN } wrong_secret;

static csr_code refuse_wrong(wrong_secret what, int left, csr_err *err)
{
	switch (what) {
	case WRONG_CODE:
		return csr_fail(err, CSR_EDENIED,
				csr_plural(left, "Wrong activation code (%d attempt left)",
					   "Wrong activation code (%d attempts left)"), left);
	case WRONG_CURRENT_PIN:
		return csr_fail(err, CSR_EDENIED,
				csr_plural(left, "Wrong current PIN (%d attempt left)",
					   "Wrong current PIN (%d attempts left)"), left);
	case WRONG_PIN:
		break;
	}
	return csr_fail(err, CSR_EDENIED, csr_plural(left, "Wrong PIN (%d attempt left)",
						     "Wrong PIN (%d attempts left)"), left);
}

/* The last attempt went wrong: employee_id is locked now. */
static csr_code refuse_last(wrong_secret what, const char *employee_id, csr_err *err)
{
	switch (what) {
	case WRONG_CODE:
		/* TRANSLATORS: %s is an employee ID. */
		return csr_fail(err, CSR_EDENIED, _("Wrong activation code; ID %s is now locked."
						    " Ask a team lead to reset it"), employee_id);
	case WRONG_CURRENT_PIN:
		/* TRANSLATORS: %s is an employee ID. */
		return csr_fail(err, CSR_EDENIED, _("Wrong current PIN; ID %s is now locked."
						    " Ask a team lead to reset it"), employee_id);
	case WRONG_PIN:
		break;
	}
	/* TRANSLATORS: %s is an employee ID. */
	return csr_fail(err, CSR_EDENIED, _("Wrong PIN; ID %s is now locked. Ask a team lead to"
					    " reset it"), employee_id);
}

/* Counts a wrong PIN or code (what): the caller commits the count although
 * it refuses (see end_check). */
static csr_code count_wrong(csr_db *db, pin_state *ps, const char *employee_id,
			    wrong_secret what, const char *action, csr_err *err)
{
	csr_code rc = store_pin(db, ps->id, NULL, ps->failures + 1, action, err);
	if (rc)
		return rc;
	ps->counted = true;
	int left = csr_db_config(db)->kiosk.max_pin_attempts - ps->failures - 1;
	if (left > 0)
		return refuse_wrong(what, left, err);
	return refuse_last(what, employee_id, err);
}

/* Ends the transaction of a check: a refusal rolls back, except that a
 * counted wrong PIN or code is committed, so two terminals guessing at once
 * cannot both slip past the lockout. */
static csr_code end_check(csr_db *db, csr_code rc, const pin_state *ps, csr_err *err)
{
	if (rc == CSR_OK || !ps->counted)
		return csr_tx_end(db, rc, rc == CSR_OK ? err : NULL);
	csr_code end = csr_tx_end(db, CSR_OK, err);
	return end != CSR_OK ? end : rc;
}

static void kiosk_actor(csr_actor *out, int64_t id, const char *employee_id)
{
	*out = (csr_actor){ .role = CSR_ROLE_AGENT, .volunteer_id = id };
	snprintf(out->name, sizeof out->name, "kiosk:%s", employee_id);
}

/* A PIN hashed with other parameters than today's is hashed again once it
 * has been typed right. */
static csr_code upgrade_hash(csr_db *db, const pin_state *ps, const char *pin, csr_err *err)
{
	char hash[crypto_pwhash_STRBYTES];
	csr_code rc = hash_secret(pin, hash, _("out of memory while hashing the PIN"), err);
	if (rc == CSR_OK)
		rc = store_pin(db, ps->id, hash, 0, "pin.rehash", err);
	sodium_memzero(hash, sizeof hash);
	return rc;
}

/* Checks the PIN inside the write transaction. */
static csr_code verify_pin(csr_db *db, const char *employee_id, const char *pin,
			   pin_state *ps, csr_err *err)
{
	csr_code rc = load_pin(db, employee_id, ps, err);
	if (rc)
		return rc;
	if (!ps->hash[0])
		/* TRANSLATORS: %s is an employee ID. */
		return csr_fail(err, CSR_ENOTFOUND,
				_("%s has no PIN yet: ask your team lead for an activation code"),
				employee_id);
	rc = refuse_locked(db, ps, employee_id, err);
	if (rc)
		return rc;
	if (!matches(ps->hash, pin))
		return count_wrong(db, ps, employee_id, WRONG_PIN, "pin.wrong", err);
	if (crypto_pwhash_str_needs_rehash(ps->hash, PIN_OPSLIMIT, PIN_MEMLIMIT) != 0)
		return upgrade_hash(db, ps, pin, err);
	return ps->failures ? store_pin(db, ps->id, NULL, 0, "pin.ok", err) : CSR_OK;
}

csr_code csr_auth_kiosk(csr_db *db, const char *employee_id, const char *pin,
			csr_actor *out, bool *needs_pin, csr_err *err)
{
	pin_state ps = { 0 };
	*needs_pin = false;
	if (!csr_db_config(db)->kiosk.require_pin) {
		csr_code rc = load_pin(db, employee_id, &ps, err);
		if (rc == CSR_OK)
			kiosk_actor(out, ps.id, employee_id);
		return rc;
	}
	csr_code rc = csr_tx_begin(db, err);
	if (rc)
		return rc;
	rc = verify_pin(db, employee_id, pin ? pin : "", &ps, err);
	csr_code end = end_check(db, rc, &ps, NULL);
	if (end != CSR_OK && rc == CSR_OK)
		return csr_fail(err, end, "%s", _("Could not sign in; try again"));
	*needs_pin = end == CSR_ENOTFOUND && ps.id != 0;
	if (end == CSR_OK)
		kiosk_actor(out, ps.id, employee_id);
	return end;
}

static csr_code check_pin_format(const char *pin, csr_err *err)
{
	size_t n = strlen(pin);
	bool digits = n > 0 && strspn(pin, "0123456789") == n;
	if (!digits || n < CSR_PIN_MIN || n > CSR_PIN_MAX)
		return csr_fail(err, CSR_EINVAL, _("PIN: use %d to %d digits"), CSR_PIN_MIN,
				CSR_PIN_MAX);
	return CSR_OK;
}

/* Checks and hashes a new PIN, then starts the write transaction: the slow
 * hash is done before the lock is taken. */
static csr_code begin_new_pin(csr_db *db, const char *pin, char hash[crypto_pwhash_STRBYTES],
			      csr_err *err)
{
	csr_code rc = check_pin_format(pin, err);
	if (rc == CSR_OK)
		rc = hash_secret(pin, hash, _("out of memory while hashing the PIN"), err);
	if (rc == CSR_OK)
		rc = csr_tx_begin(db, err);
	if (rc)
		sodium_memzero(hash, crypto_pwhash_STRBYTES);
	return rc;
}

/* ---- activation codes ---- */

/* The digits of a typed code, leaving out spaces and dashes; false unless
 * there are exactly CSR_ACTIVATION_DIGITS. */
static bool code_digits(const char *typed, char out[CSR_ACTIVATION_DIGITS + 1])
{
	int n = 0;
	for (const char *p = typed ? typed : ""; *p; p++) {
		if (*p >= '0' && *p <= '9' && n < CSR_ACTIVATION_DIGITS)
			out[n++] = *p;
		else if (*p != ' ' && *p != '-')
			return false;
	}
	out[n] = '\0';
	return n == CSR_ACTIVATION_DIGITS;
}

/* "482109375512" as "4821-0937-5512". */
static void code_grouped(const char *digits, char *out, size_t size)
{
	snprintf(out, size, "%.4s-%.4s-%.4s", digits, digits + 4, digits + 8);
}

static void new_code(char digits[CSR_ACTIVATION_DIGITS + 1])
{
	for (int i = 0; i < CSR_ACTIVATION_DIGITS; i++)
		digits[i] = (char)('0' + randombytes_uniform(10));
	digits[CSR_ACTIVATION_DIGITS] = '\0';
}

static csr_code issue_locked(csr_db *db, const char *employee_id, const char *hash,
			     int64_t issued_at, int64_t expires_at, csr_err *err)
{
	pin_state ps = { 0 };
	csr_code rc = load_pin(db, employee_id, &ps, err);
	if (rc)
		return rc;
	if (ps.hash[0])
		/* TRANSLATORS: %s is an employee ID. */
		return csr_fail(err, CSR_ECONFLICT,
				_("%s has a PIN already: if they forgot it, reset it first, then"
				  " issue an activation code"), employee_id);
	rc = save_code(db, ps.id, hash, issued_at, expires_at, err);
	if (rc == CSR_OK)
		rc = store_pin(db, ps.id, NULL, 0, NULL, err); /* unlocks the ID */
	char when[CSR_TIME_TEXT_MAX]; /* a record: the machine form, whatever the language */
	csr_time_format_machine(expires_at, when, sizeof when);
	return rc ? rc : csr_audit_add(db, "pin.code_issued", "volunteer", ps.id, err,
				       "expires %s", when);
}

csr_code csr_auth_issue_activation(csr_db *db, const char *employee_id, char *code, size_t size,
				   int64_t *expires_at, csr_err *err)
{
	/* TRANSLATORS: completes "Only team leads may ..." (or "Only admins may ..."):
	 * "issue activation codes". */
	csr_code rc = csr_require_role(db, CSR_ROLE_LEAD, N_("issue activation codes"), err);
	if (rc)
		return rc;
	if (size < CSR_ACTIVATION_CODE_SIZE)
		return csr_fail(err, CSR_EINVAL, "%s", _("no room for the activation code"));
	char digits[CSR_ACTIVATION_DIGITS + 1], hash[crypto_pwhash_STRBYTES];
	if (sodium_init() < 0)
		return csr_fail(err, CSR_ENOMEM, "%s", _("libsodium could not start"));
	new_code(digits);
	rc = hash_secret(digits, hash, _("out of memory while hashing the activation code"), err);
	/* One moment for both: hashing and the wait for the write lock may
	 * cross a second. */
	int64_t issued = csr_now();
	int64_t expires = issued + (int64_t)csr_db_config(db)->kiosk.activation_hours * 3600;
	if (rc == CSR_OK)
		rc = csr_tx_begin(db, err);
	if (rc == CSR_OK)
		rc = csr_tx_end(db, issue_locked(db, employee_id, hash, issued, expires, err), err);
	if (rc == CSR_OK) {
		code_grouped(digits, code, size);
		*expires_at = expires;
	}
	sodium_memzero(digits, sizeof digits);
	return rc;
}

/* The volunteer has no PIN and an issued, unexpired code that matches;
 * inside the write transaction. */
static csr_code verify_code(csr_db *db, const char *employee_id, const char *code,
			    pin_state *ps, csr_err *err)
{
	code_state cs;
	char digits[CSR_ACTIVATION_DIGITS + 1];
	csr_code rc = load_pin(db, employee_id, ps, err);
	if (rc == CSR_OK && ps->hash[0])
		/* TRANSLATORS: %s is an employee ID. */
		rc = csr_fail(err, CSR_ECONFLICT, _("%s has a PIN already: sign in with it"),
			      employee_id);
	if (rc == CSR_OK)
		rc = refuse_locked(db, ps, employee_id, err);
	if (rc == CSR_OK)
		rc = load_code(db, ps->id, &cs, err);
	if (rc)
		return rc;
	if (!cs.hash[0])
		/* TRANSLATORS: %s is an employee ID. */
		return csr_fail(err, CSR_ENOTFOUND,
				_("No activation code was issued for %s: ask your team lead"
				  " for one"), employee_id);
	if (cs.expires_at <= csr_now()) {
		char when[CSR_TIME_TEXT_MAX];
		csr_time_format(cs.expires_at, when, sizeof when);
		/* TRANSLATORS: an employee ID, then a date and time. */
		return csr_fail(err, CSR_EREFUSED, _("The activation code for %s expired at %s: ask"
						     " your team lead for a new one"),
				employee_id, when);
	}
	if (!code_digits(code, digits))
		return csr_fail(err, CSR_EINVAL, _("Activation code: type its %d digits"),
				CSR_ACTIVATION_DIGITS);
	rc = matches(cs.hash, digits) ? CSR_OK
		: count_wrong(db, ps, employee_id, WRONG_CODE, "pin.code_wrong", err);
	sodium_memzero(digits, sizeof digits);
	return rc;
}

csr_code csr_auth_check_activation(csr_db *db, const char *employee_id, const char *code,
				   csr_err *err)
{
	pin_state ps = { 0 };
	csr_code rc = csr_tx_begin(db, err);
	if (rc)
		return rc;
	return end_check(db, verify_code(db, employee_id, code, &ps, err), &ps, err);
}

csr_code csr_auth_set_pin_with_code(csr_db *db, const char *employee_id, const char *code,
				    const char *pin, csr_err *err)
{
	char hash[crypto_pwhash_STRBYTES];
	pin_state ps = { 0 };
	csr_code rc = begin_new_pin(db, pin, hash, err);
	if (rc)
		return rc;
	rc = verify_code(db, employee_id, code, &ps, err);
	if (rc == CSR_OK)
		rc = put_pin(db, &ps, hash, "pin.code_used", err);
	sodium_memzero(hash, sizeof hash);
	return end_check(db, rc, &ps, err);
}

/* ---- setting and resetting PINs ---- */

static csr_code set_own_locked(csr_db *db, const char *employee_id, const char *old_pin,
			       const char *hash, pin_state *ps, csr_err *err)
{
	csr_code rc = load_pin(db, employee_id, ps, err);
	if (rc)
		return rc;
	if (ps->id != csr_db_actor(db)->volunteer_id)
		return csr_fail(err, CSR_EDENIED, "%s", _("You may set only your own PIN"));
	if (ps->hash[0]) {
		rc = refuse_locked(db, ps, employee_id, err);
		if (rc == CSR_OK && !matches(ps->hash, old_pin ? old_pin : ""))
			rc = count_wrong(db, ps, employee_id, WRONG_CURRENT_PIN, "pin.wrong", err);
	}
	return rc ? rc : put_pin(db, ps, hash, "pin.own_set", err);
}

csr_code csr_auth_set_own_pin(csr_db *db, const char *employee_id, const char *old_pin,
			      const char *pin, csr_err *err)
{
	const csr_actor *me = csr_db_actor(db);
	if (!me->own_login || me->volunteer_id == 0)
		return csr_fail(err, CSR_EDENIED, "%s",
				_("Set your own PIN from your own login, or at a kiosk with an"
				  " activation code from your team lead"));
	char hash[crypto_pwhash_STRBYTES];
	pin_state ps = { 0 };
	csr_code rc = begin_new_pin(db, pin, hash, err);
	if (rc)
		return rc;
	rc = set_own_locked(db, employee_id, old_pin, hash, &ps, err);
	sodium_memzero(hash, sizeof hash);
	return end_check(db, rc, &ps, err);
}

static csr_code set_pin_locked(csr_db *db, const char *employee_id, const char *hash,
			       csr_err *err)
{
	pin_state ps = { 0 };
	csr_code rc = load_pin(db, employee_id, &ps, err);
	return rc ? rc : put_pin(db, &ps, hash, "pin.set", err);
}

csr_code csr_auth_set_pin(csr_db *db, const char *employee_id, const char *pin, csr_err *err)
{
	char hash[crypto_pwhash_STRBYTES];
	/* TRANSLATORS: completes "Only team leads may ..." (or "Only admins may ..."): "set
	 * someone's PIN". */
	csr_code rc = csr_require_role(db, CSR_ROLE_LEAD, N_("set someone's PIN"), err);
	if (rc == CSR_OK)
		rc = begin_new_pin(db, pin, hash, err);
	if (rc)
		return rc;
	rc = csr_tx_end(db, set_pin_locked(db, employee_id, hash, err), err);
	sodium_memzero(hash, sizeof hash);
	return rc;
}

static csr_code reset_pin_locked(csr_db *db, const char *employee_id, csr_err *err)
{
	pin_state ps = { 0 };
	/* TRANSLATORS: completes "Only team leads may ..." (or "Only admins may ..."):
	 * "reset a PIN". */
	csr_code rc = csr_require_role(db, CSR_ROLE_LEAD, N_("reset a PIN"), err);
	if (rc == CSR_OK)
		rc = load_pin(db, employee_id, &ps, err);
	return rc ? rc : put_pin(db, &ps, "", "pin.reset", err);
}

csr_code csr_auth_reset_pin(csr_db *db, const char *employee_id, csr_err *err)
{
	csr_code rc = csr_tx_begin(db, err);
	return rc ? rc : csr_tx_end(db, reset_pin_locked(db, employee_id, err), err);
}
