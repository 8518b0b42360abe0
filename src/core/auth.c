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

#include "db_private.h"

/* Argon2id at 4 MiB: a 6-digit PIN is protected by the lockout, not by the
 * hash's cost, and a kiosk session must stay small (8 MB RSS target). */
enum { PIN_OPSLIMIT = 3, PIN_MEMLIMIT = 4 << 20 };

const char *csr_role_name(csr_role role)
{
	switch (role) {
	case CSR_ROLE_ADMIN: return "admin";
	case CSR_ROLE_LEAD: return "lead";
	case CSR_ROLE_AGENT: break;
	}
	return "agent";
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
		return csr_db_fail(db, rc, "looking up the volunteer", err);
	return CSR_OK;
}

csr_code csr_auth_from_unix(csr_db *db, csr_actor *out, csr_err *err)
{
	uid_t uid = getuid();
	struct passwd *pw = getpwuid(uid);
	if (!pw)
		return csr_fail(err, CSR_EDENIED, "user id %u has no name on this system",
				(unsigned)uid);
	*out = (csr_actor){ .role = csr_auth_role_of_user(csr_db_config(db), pw->pw_name, uid) };
	snprintf(out->name, sizeof out->name, "unix:%s", pw->pw_name);
	return volunteer_by(db, "SELECT id FROM volunteer WHERE unix_user = ? AND active = 1",
			    pw->pw_name, &out->volunteer_id, err);
}

typedef struct pin_state {
	int64_t id;
	char hash[crypto_pwhash_STRBYTES];
	int failures;
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
		return csr_fail(err, CSR_ENOTFOUND, "No active volunteer has employee ID %s",
				employee_id);
	return rc == SQLITE_ROW ? CSR_OK : csr_db_fail(db, rc, "looking up the volunteer", err);
}

/* Sets the failure count (and the hash when hash is not NULL, "" = none). */
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
		return csr_db_fail(db, rc, "saving the PIN", err);
	return csr_audit_add(db, action, "volunteer", id, err, "failures=%d", failures);
}

static void kiosk_actor(csr_actor *out, int64_t id, const char *employee_id)
{
	*out = (csr_actor){ .role = CSR_ROLE_AGENT, .volunteer_id = id };
	snprintf(out->name, sizeof out->name, "kiosk:%s", employee_id);
}

/* Checks the PIN inside the write transaction, so two terminals guessing at
 * once cannot both slip past the lockout. */
static csr_code verify_pin(csr_db *db, const char *employee_id, const char *pin,
			   pin_state *ps, csr_err *err)
{
	int max = csr_db_config(db)->kiosk.max_pin_attempts;
	csr_code rc = load_pin(db, employee_id, ps, err);
	if (rc)
		return rc;
	if (!ps->hash[0])
		return csr_fail(err, CSR_ENOTFOUND, "Choose a PIN of at least %d digits",
				CSR_PIN_MIN);
	if (ps->failures >= max)
		return csr_fail(err, CSR_EDENIED,
				"ID %s is locked after %d wrong PINs; ask a team lead to reset it",
				employee_id, max);
	if (crypto_pwhash_str_verify(ps->hash, pin, strlen(pin)) == 0)
		return ps->failures ? store_pin(db, ps->id, NULL, 0, "pin.ok", err) : CSR_OK;
	rc = store_pin(db, ps->id, NULL, ps->failures + 1, "pin.wrong", err);
	if (rc)
		return rc;
	int left = max - ps->failures - 1;
	/* Commit the failure: the caller's csr_tx_end must not roll it back. */
	return left > 0 ? csr_fail(err, CSR_EDENIED, "Wrong PIN (%d attempt%s left)", left,
				   left == 1 ? "" : "s")
			: csr_fail(err, CSR_EDENIED,
				   "Wrong PIN; ID %s is now locked. Ask a team lead to reset it",
				   employee_id);
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
	if (sodium_init() < 0)
		return csr_fail(err, CSR_ENOMEM, "libsodium could not start");
	csr_code rc = csr_tx_begin(db, err);
	if (rc)
		return rc;
	rc = verify_pin(db, employee_id, pin ? pin : "", &ps, err);
	/* A wrong PIN is refused, but its counted failure must be committed. */
	csr_code end = csr_tx_end(db, rc == CSR_EDENIED && ps.id ? CSR_OK : rc, NULL);
	if (end != CSR_OK && rc == CSR_OK)
		return csr_fail(err, end, "Could not sign in; try again");
	*needs_pin = rc == CSR_ENOTFOUND && ps.id != 0;
	if (rc == CSR_OK)
		kiosk_actor(out, ps.id, employee_id);
	return rc;
}

static csr_code check_pin_format(const char *pin, csr_err *err)
{
	size_t n = strlen(pin);
	bool digits = n > 0 && strspn(pin, "0123456789") == n;
	if (!digits || n < CSR_PIN_MIN || n > CSR_PIN_MAX)
		return csr_fail(err, CSR_EINVAL, "PIN: use %d to %d digits", CSR_PIN_MIN,
				CSR_PIN_MAX);
	return CSR_OK;
}

static csr_code set_pin_locked(csr_db *db, const char *employee_id, const char *hash,
			       csr_err *err)
{
	pin_state ps = { 0 };
	csr_code rc = load_pin(db, employee_id, &ps, err);
	if (rc)
		return rc;
	/* Anyone may choose the first PIN at a kiosk; changing one takes a lead. */
	if (ps.hash[0] && csr_db_actor(db)->role < CSR_ROLE_LEAD)
		return csr_fail(err, CSR_EDENIED, "A PIN is already set; ask a team lead to reset it");
	return store_pin(db, ps.id, hash, 0, "pin.set", err);
}

csr_code csr_auth_set_pin(csr_db *db, const char *employee_id, const char *pin, csr_err *err)
{
	csr_code rc = check_pin_format(pin, err);
	if (rc)
		return rc;
	if (sodium_init() < 0)
		return csr_fail(err, CSR_ENOMEM, "libsodium could not start");
	char hash[crypto_pwhash_STRBYTES];
	if (crypto_pwhash_str(hash, pin, strlen(pin), PIN_OPSLIMIT, PIN_MEMLIMIT) != 0)
		return csr_fail(err, CSR_ENOMEM, "out of memory while hashing the PIN");
	rc = csr_tx_begin(db, err);
	if (rc == CSR_OK)
		rc = csr_tx_end(db, set_pin_locked(db, employee_id, hash, err), err);
	sodium_memzero(hash, sizeof hash);
	return rc;
}

static csr_code reset_pin_locked(csr_db *db, const char *employee_id, csr_err *err)
{
	pin_state ps = { 0 };
	csr_code rc = csr_require_role(db, CSR_ROLE_LEAD, "reset a PIN", err);
	if (rc == CSR_OK)
		rc = load_pin(db, employee_id, &ps, err);
	return rc ? rc : store_pin(db, ps.id, "", 0, "pin.reset", err);
}

csr_code csr_auth_reset_pin(csr_db *db, const char *employee_id, csr_err *err)
{
	csr_code rc = csr_tx_begin(db, err);
	return rc ? rc : csr_tx_end(db, reset_pin_locked(db, employee_id, err), err);
}
