/* SPDX-License-Identifier: MIT */
/* Finding, creating and opening the database for the command line. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/commands.h"
#include "csrdesk/i18n.h"
#include "csrdesk/auth.h"
#include "csrdesk/privilege.h"

int cli_db_path(const cli_ctx *c, char *out, size_t size, bool *is_default)
{
	*is_default = false;
	const char *chosen = c->db_path ? c->db_path : c->cfg->database;
	if (chosen && *chosen) {
		if ((size_t)snprintf(out, size, "%s", chosen) >= size)
			return cli_fail("%s", _("the database path is too long"));
		return CLI_OK;
	}
	/* Installed setgid, csrdesk serves the one shared database. */
	if (csr_privileged())
		/* TRANSLATORS: %s is the config file; database = "..." is its
		 * syntax, to be typed as it is. */
		return cli_fail(_("%s sets no database; set database ="
				  " \"/var/lib/csrdesk/csrdesk.db\" there (csrdesk is installed"
				  " setgid for a shared database)"), c->cfg->source);
	const char *xdg = csr_getenv("XDG_DATA_HOME"), *home = csr_home_dir();
	int n;
	if (xdg && *xdg)
		n = snprintf(out, size, "%s/csrdesk/csrdesk.db", xdg);
	else if (home)
		n = snprintf(out, size, "%s/.local/share/csrdesk/csrdesk.db", home);
	else
		return cli_fail("%s", _("no database given: set database in the config, or use --db FILE"));
	if (n < 0 || (size_t)n >= size)
		return cli_fail("%s", _("the database path is too long"));
	*is_default = true;
	return CLI_OK;
}

void cli_parent_dir(const char *path, char *dir, size_t size)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		snprintf(dir, size, ".");
	else if (slash == path)
		snprintf(dir, size, "/");
	else
		snprintf(dir, size, "%.*s", (int)(slash - path), path);
}

int cli_make_parent_dir(const char *path)
{
	char dir[CSR_PATH_MAX];
	cli_parent_dir(path, dir, sizeof dir);
	/* Each prefix in turn, like mkdir -p. */
	for (char *p = dir + 1;; p++) {
		bool last = *p == '\0';
		if (*p != '/' && !last)
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST)
			return cli_fail(_("cannot create the directory %s: %s"), dir, strerror(errno));
		if (last)
			return CLI_OK;
		*p = '/';
	}
}

/* The database this run opened, named in database errors (cli_fail_err). */
static char db_in_use[CSR_PATH_MAX];

const char *cli_db_in_use(void)
{
	return db_in_use[0] ? db_in_use : NULL;
}

/* Whether the user cannot write the database at path, with why: SQLite
 * writes the file, and the first session to open it creates its -wal and
 * -shm files beside it. eaccess() asks with the effective group, which is
 * what a setgid csrdesk writes with; it also answers for root, who is
 * stopped only by a read-only file system or an immutable file. */
static bool cannot_write(const char *path, char *why, size_t size)
{
	if (eaccess(path, W_OK) != 0 && errno != ENOENT) {
		snprintf(why, size, _("%s: cannot write to the database file: %s"), path,
			 strerror(errno));
		return true;
	}
	char dir[CSR_PATH_MAX], wal[CSR_PATH_MAX + 8], shm[CSR_PATH_MAX + 8];
	cli_parent_dir(path, dir, sizeof dir);
	if (eaccess(dir, W_OK | X_OK) == 0)
		return false;
	int dir_errno = errno;
	snprintf(wal, sizeof wal, "%s-wal", path);
	snprintf(shm, sizeof shm, "%s-shm", path);
	if (eaccess(wal, W_OK) == 0 && eaccess(shm, W_OK) == 0)
		return false;
	/* TRANSLATORS: the database file, its directory, why (from the system). */
	snprintf(why, size, _("%s: cannot create files in the database's directory %s (%s);"
			      " csrdesk keeps the database's -wal and -shm files there"), path, dir,
		 strerror(dir_errno));
	return true;
}

/* An open that failed: says which file, and why when the cause is that
 * the file or its directory cannot be written. */
static int open_failed(const cli_ctx *c, const char *path, const csr_err *err)
{
	char why[2 * CSR_PATH_MAX + 256];
	if (err->code == CSR_EIO && c->own_rights && cannot_write(path, why, sizeof why))
		/* TRANSLATORS: %s is why the database cannot be written. */
		return cli_fail(_("%s (with --config or --db csrdesk runs with your own rights,"
				  " not those of its group)"), why);
	if (err->code == CSR_EIO && cannot_write(path, why, sizeof why))
		return cli_fail("%s", why);
	if (strstr(err->msg, path))
		return cli_fail_err(err);
	return cli_fail("%s: %s", path, err->msg);
}

int cli_open_path(const cli_ctx *c, const char *path, bool create, csr_db **db)
{
	umask(007);
	csr_err err;
	if (csr_db_open(path, c->cfg, create, db, &err) != CSR_OK)
		return open_failed(c, path, &err);
	/* A command that writes finds out now, not halfway through its work. */
	char why[2 * CSR_PATH_MAX + 256];
	if (c->writes && cannot_write(path, why, sizeof why)) {
		csr_db_close(db);
		return cli_fail("%s", why);
	}
	snprintf(db_in_use, sizeof db_in_use, "%s", path);
	return CLI_OK;
}

int cli_open(const cli_ctx *c, csr_db **db)
{
	char path[CSR_PATH_MAX];
	bool is_default;
	int status = cli_db_path(c, path, sizeof path, &is_default);
	if (status == CLI_OK)
		status = cli_open_path(c, path, false, db);
	if (status != CLI_OK)
		return status;
	csr_actor actor;
	csr_err err;
	if (csr_auth_from_unix(*db, &actor, &err) != CSR_OK) {
		csr_db_close(db);
		return cli_fail_err(&err);
	}
	csr_db_set_actor(*db, &actor);
	return CLI_OK;
}

int cli_claim_new_file(const char *path, const char *what, mode_t mode)
{
	int fd = csr_open_as_user(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, mode);
	if (fd < 0 && errno == EEXIST)
		/* TRANSLATORS: a file; then the command or option that needs it
		 * (backup, --demo), as typed. */
		return cli_fail(_("%s already exists; %s needs a new file"), path, what);
	if (fd < 0)
		return cli_fail(_("cannot create %s: %s"), path, strerror(errno));
	close(fd);
	return CLI_OK;
}
