/* SPDX-License-Identifier: MIT */
/* Starting the terminal interface: as the Unix user, as a kiosk, or on a
 * fresh demo database. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/commands.h"
#include "csrdesk/i18n.h"
#include "csrdesk/auth.h"
#include "csrdesk/demo.h"
#include "csrdesk/privilege.h"
#include "csrdesk/volunteer.h"
#include "tui/tui.h"

/* Who the demo's admin is as a volunteer (data/demo.sql). */
#define CLI_DEMO_EMPLOYEE_ID "E1001"

static int start_tui(cli_ctx *c, csr_db *db, bool demo)
{
	/* The TUI watches the file it was configured from. */
	bool builtin = strcmp(c->cfg->source, "(built-in)") == 0;
	tui_options opts = { .kiosk = c->kiosk, .demo = demo, .ssh = c->ssh,
			     .config_path = builtin ? NULL : c->cfg->source };
	return tui_run(db, &c->cfg, &opts);
}

/* Acts as the Unix user; in kiosk mode each person signs in instead. */
static int act(cli_ctx *c, csr_db *db, bool admin)
{
	csr_actor actor = { .role = CSR_ROLE_AGENT, .name = "kiosk" };
	csr_err err;
	if (!c->kiosk || admin) {
		if (csr_auth_from_unix(db, &actor, &err) != CSR_OK)
			return cli_fail_err(&err);
		if (admin)
			actor.role = CSR_ROLE_ADMIN;
	}
	csr_db_set_actor(db, &actor);
	return CLI_OK;
}

static int run_normal(cli_ctx *c)
{
	char path[CSR_PATH_MAX];
	bool is_default;
	int status = cli_db_path(c, path, sizeof path, &is_default);
	/* A personal database in the default place is made on first use; a
	 * configured or given one must have been made with 'csrdesk init'. */
	if (status == CLI_OK && is_default)
		status = cli_make_parent_dir(path);
	csr_db *db = NULL;
	if (status == CLI_OK)
		status = cli_open_path(c, path, is_default, &db);
	if (status == CLI_OK)
		status = act(c, db, false);
	if (status == CLI_OK)
		status = start_tui(c, db, false);
	csr_db_close(&db);
	return status;
}

/* The demo database: --db FILE (which must be new) or a temporary
 * directory, removed again by remove_demo. */
static int demo_path(cli_ctx *c, char *dir, size_t dsize, char *path, size_t psize)
{
	dir[0] = '\0';
	if (c->db_path) {
		snprintf(path, psize, "%s", c->db_path);
		return cli_claim_new_file(path, "--demo", 0660);
	}
	const char *tmp = csr_getenv("TMPDIR");
	snprintf(dir, dsize, "%s/csrdesk-demo-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		int status = cli_fail(_("cannot create a directory for the demo in %s: %s"),
				      tmp && *tmp ? tmp : "/tmp", strerror(errno));
		dir[0] = '\0';
		return status;
	}
	snprintf(path, psize, "%s/demo.db", dir);
	return CLI_OK;
}

/* Removes the temporary demo database, or a --db FILE that never got its
 * demo data. */
static void remove_demo(const char *dir, const char *path, bool failed)
{
	if (!dir[0] && !failed)
		return;
	char file[CSR_PATH_MAX + 16];
	for (size_t i = 0; i < CSR_DB_FILES; i++) {
		snprintf(file, sizeof file, "%s%s", path, csr_db_file_suffixes[i]);
		unlink(file);
	}
	if (dir[0])
		rmdir(dir);
}

static int fill_demo(csr_db *db)
{
	csr_err err;
	if (csr_demo_populate(db, &err) != CSR_OK)
		return cli_fail_err(&err);
	return CLI_OK;
}

/* In the demo the admin is also a volunteer, so signing up can be tried. */
static void act_as_demo_volunteer(csr_db *db)
{
	csr_volunteer v;
	csr_actor actor = *csr_db_actor(db);
	if (csr_volunteer_find(db, CLI_DEMO_EMPLOYEE_ID, &v, NULL) != CSR_OK)
		return;
	actor.volunteer_id = v.id;
	csr_db_set_actor(db, &actor);
}

static int run_demo(cli_ctx *c)
{
	char dir[CSR_PATH_MAX], path[CSR_PATH_MAX + 16];
	int status = demo_path(c, dir, sizeof dir, path, sizeof path);
	if (status != CLI_OK)
		return status;
	csr_db *db = NULL;
	status = cli_open_path(c, path, true, &db);
	if (status == CLI_OK)
		status = act(c, db, true);
	if (status == CLI_OK)
		status = fill_demo(db);
	if (status == CLI_OK && c->kiosk)
		status = act(c, db, false);
	else if (status == CLI_OK)
		act_as_demo_volunteer(db);
	bool filled = status == CLI_OK;
	if (filled)
		status = start_tui(c, db, true);
	csr_db_close(&db);
	remove_demo(dir, path, !filled);
	return status;
}

int cli_run_tui(cli_ctx *c)
{
	return c->demo ? run_demo(c) : run_normal(c);
}
