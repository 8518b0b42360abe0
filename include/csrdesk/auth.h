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
} csr_actor;

const char *csr_role_name(csr_role role);

/* The role of a Unix user: admin when uid 0, listed in roles.admins or a
 * member of roles.admin_group; lead likewise; else agent. */
csr_role csr_auth_role_of_user(const csr_config *cfg, const char *user, unsigned uid);

/* Establishes the actor from getuid(): role from the config, volunteer record
 * by its unix_user column (volunteer_id 0 when there is none). */
csr_code csr_auth_from_unix(csr_db *db, csr_actor *out, csr_err *err);

/* Kiosk sign-in. With the config's require_pin, checks pin against the
 * stored hash (libsodium crypto_pwhash_str); the failure count is kept in the
 * database, shared by every terminal, and the ID is locked after
 * max_pin_attempts failures. A volunteer with no PIN yet gets CSR_ENOTFOUND
 * with needs_pin set, so the kiosk can ask them to choose one. */
csr_code csr_auth_kiosk(csr_db *db, const char *employee_id, const char *pin,
			csr_actor *out, bool *needs_pin, csr_err *err);

/* Sets a volunteer's PIN (at least CSR_PIN_MIN digits) the first time, or by
 * a lead; resets the failure count. */
csr_code csr_auth_set_pin(csr_db *db, const char *employee_id, const char *pin, csr_err *err);

/* Lead: clears a volunteer's PIN and unlocks the ID. */
csr_code csr_auth_reset_pin(csr_db *db, const char *employee_id, csr_err *err);

#endif
