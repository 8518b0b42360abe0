/* SPDX-License-Identifier: MIT */
/* csrdesk — who is acting, and with which role.
 *
 * A session is established once: from getuid() (never $USER) for SSH and
 * the command line, or from an employee ID and PIN at a kiosk. The data
 * layer checks the actor's role on every write. */
#ifndef CSRDESK_AUTH_H
#define CSRDESK_AUTH_H

#include <stdbool.h>
#include <stdint.h>

#include "csrdesk/config.h"
#include "csrdesk/status.h"

typedef struct csr_db csr_db;

typedef enum csr_role {
	CSR_ROLE_AGENT = 0, /* a volunteer: acts on their own record only */
	CSR_ROLE_LEAD,      /* runs initiatives, records what happened */
	CSR_ROLE_ADMIN,     /* a lead who also sees configuration problems */
} csr_role;

enum { CSR_ACTOR_NAME_MAX = 64, CSR_PIN_MIN = 6, CSR_PIN_MAX = 32 };

typedef struct csr_actor {
	csr_role role;
	int64_t volunteer_id;          /* 0 when the user has no volunteer record */
	char name[CSR_ACTOR_NAME_MAX]; /* "unix:alice" or "kiosk:E1234", for the audit log */
	bool own_login;                /* from getuid(): the person's own Unix login */
} csr_actor;

/* The role as people read it, in the language shown ("admin", "lead",
 * "agent"; German "Admin", "Teamleitung", "Mitarbeiter/in"): for display,
 * not for stored data or output that scripts read. */
const char *csr_role_name(csr_role role);

/* The role of a Unix user: admin when uid 0, listed in roles.admins or a
 * member of roles.admin_group; lead likewise; else agent. */
csr_role csr_auth_role_of_user(const csr_config *cfg, const char *user, unsigned uid);

/* Establishes the actor from getuid(): role from the config, volunteer record
 * by its unix_user column (volunteer_id 0 when there is none), own_login. */
csr_code csr_auth_from_unix(csr_db *db, csr_actor *out, csr_err *err);

/* Kiosk sign-in. With the config's require_pin, checks pin against the
 * stored hash (libsodium crypto_pwhash_str, upgraded to today's parameters
 * on success); the failure count is kept in the database, shared by every
 * terminal, and the ID is locked after max_pin_attempts failures. A
 * volunteer with no PIN yet gets CSR_ENOTFOUND with needs_pin set: they set
 * one with an activation code (csr_auth_set_pin_with_code). */
csr_code csr_auth_kiosk(csr_db *db, const char *employee_id, const char *pin,
			csr_actor *out, bool *needs_pin, csr_err *err);

/* Activation codes: CSR_ACTIVATION_DIGITS random digits, written in groups
 * of four ("4821-0937-5512", CSR_ACTIVATION_CODE_SIZE bytes with the NUL);
 * typed with or without the dashes or spaces. */
enum { CSR_ACTIVATION_DIGITS = 12, CSR_ACTIVATION_CODE_SIZE = 15 };

/* Lead: issues a one-time activation code with which a volunteer who has no
 * PIN (new, or reset by a lead) chooses one at a kiosk. It works for the
 * config's kiosk.activation_hours (*expires_at), replaces an earlier code
 * and unlocks the ID; only its hash is stored, so it can be shown only
 * now. A volunteer who has a PIN gets CSR_ECONFLICT: reset it first. */
csr_code csr_auth_issue_activation(csr_db *db, const char *employee_id, char *code, size_t size,
				   int64_t *expires_at, csr_err *err);

/* Kiosk: is this the volunteer's activation code? Checked before they
 * choose a PIN, without using it up. No code issued: CSR_ENOTFOUND;
 * expired: CSR_EREFUSED; wrong: CSR_EDENIED, counted like a wrong PIN
 * (max_pin_attempts locks the ID); not 12 digits: CSR_EINVAL, not counted. */
csr_code csr_auth_check_activation(csr_db *db, const char *employee_id, const char *code,
				   csr_err *err);

/* Kiosk: sets the first PIN (at least CSR_PIN_MIN digits) with the
 * activation code, which is then used up; errors as
 * csr_auth_check_activation. */
csr_code csr_auth_set_pin_with_code(csr_db *db, const char *employee_id, const char *code,
				    const char *pin, csr_err *err);

/* The person themself, from their own login (an own_login actor whose
 * volunteer record this is): sets their PIN; when one is set, old_pin must
 * be it (a wrong one counts like a wrong PIN at a kiosk). */
csr_code csr_auth_set_own_pin(csr_db *db, const char *employee_id, const char *old_pin,
			      const char *pin, csr_err *err);

/* Lead: sets a volunteer's PIN; resets the failure count. */
csr_code csr_auth_set_pin(csr_db *db, const char *employee_id, const char *pin, csr_err *err);

/* Lead: clears a volunteer's PIN and activation code and unlocks the ID. */
csr_code csr_auth_reset_pin(csr_db *db, const char *employee_id, csr_err *err);

#endif
