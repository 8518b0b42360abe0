/* SPDX-License-Identifier: MIT */
/* csrdesk — running setgid to the private group that owns the database.
 *
 * Installed as crontab and mail spools are: the binary is setgid to a
 * group of its own (csrdesk), the database's directory belongs to that
 * group with mode 2770, and users are not members. So a role checked by
 * the data layer holds even for someone with a shell: only csrdesk can
 * open the file. The user is still who getuid() says.
 *
 * When privileged (the effective group differs from the real one at start)
 * csrdesk trusts nothing the user controls: only the system config counts,
 * the process cannot be traced or dumped, and any file the user names is
 * opened with the user's own group, so it cannot reach the database's
 * directory through csrdesk. */
#ifndef CSRDESK_PRIVILEGE_H
#define CSRDESK_PRIVILEGE_H

#include <stdbool.h>
#include <sys/types.h>

/* Called first thing in main: notes whether csrdesk runs setgid and, if it
 * does, makes the process non-dumpable, without core files, with umask
 * 007. */
void csr_privilege_init(void);

/* Whether csrdesk still holds its setgid group. */
bool csr_privileged(void);

/* Gives the setgid group up for good (real, effective and saved): for a
 * run on the user's own files (--config, --db, --demo). false when the
 * kernel refused, and then nothing may go on. */
bool csr_privilege_drop(void);

/* Opens a file the user named (a CSV to import, a config to check, a
 * report or backup to write) with the user's own group, so csrdesk's group
 * grants nothing. Like open(2): -1 with errno on failure. */
int csr_open_as_user(const char *path, int flags, mode_t mode);

/* The same for code that must create files itself (mkstemp): between
 * suspend and resume file-system calls use the user's own group. */
void csr_privilege_suspend(void);
void csr_privilege_resume(void);

/* getenv, except when privileged: then NULL, so no variable the user
 * sets steers a privileged run. */
const char *csr_getenv(const char *name);

/* The user's home: $HOME (csr_getenv), else the password database's. */
const char *csr_home_dir(void);

#endif
