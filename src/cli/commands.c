/* Subcommands: init, check-config, backup, signup and cancel. */
#include <errno.h>
#include <grp.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/commands.h"
#include "csrdesk/signup.h"
#include "csrdesk/volunteer.h"

/* A full integrity check, for init and backup: rare commands, where a
 * damaged database must show before anyone relies on it or on its copy. */
static int check_intact(csr_db *db)
{
	csr_err err;
	if (csr_db_check(db, &err) == CSR_OK)
		return CLI_OK;
	if (err.code != CSR_EDB)
		return cli_fail_err(&err);
	/* SQLite's report runs over several lines: keep it to one. */
	for (char *p = err.msg; (p = strchr(p, '\n'));)
		*p = ' ';
	return cli_fail("%s; restore it from a backup", err.msg);
}

/* ---- init ---- */

/* Gives file to the group and adds the mode bits; a missing file is fine
 * unless required. */
static int share(const char *file, gid_t gid, mode_t add, bool required, const char *group)
{
	struct stat sb;
	if (stat(file, &sb) != 0)
		return required ? cli_fail("%s: %s", file, strerror(errno)) : CLI_OK;
	if (chown(file, (uid_t)-1, gid) != 0 || chmod(file, (sb.st_mode & 07777) | add) != 0)
		return cli_fail("cannot give %s to group %s: %s", file, group, strerror(errno));
	return CLI_OK;
}

/* The config's group, looked up before anything is created. */
static int find_group(const char *group, gid_t *gid)
{
	struct group *gr = getgrnam(group);
	if (!gr)
		return cli_fail("the config's group %s does not exist on this system", group);
	*gid = gr->gr_gid;
	return CLI_OK;
}

/* The database, the files beside it and its directory become the
 * group's and group-writable; the directory gets the setgid bit so files
 * SQLite creates later belong to the group too. A world-writable directory
 * such as /tmp is left alone. */
static int give_to_group(const char *path, gid_t gid, const char *group)
{
	char dir[CSR_PATH_MAX];
	cli_parent_dir(path, dir, sizeof dir);
	struct stat sb;
	int status = CLI_OK;
	if (stat(dir, &sb) == 0 && !(sb.st_mode & S_IWOTH))
		status = share(dir, gid, S_ISGID | 0070, true, group);
	for (size_t i = 0; i < CSR_DB_FILES && status == CLI_OK; i++) {
		char file[CSR_PATH_MAX + 16];
		snprintf(file, sizeof file, "%s%s", path, csr_db_file_suffixes[i]);
		status = share(file, gid, 0060, i == 0, group);
	}
	return status;
}

int cmd_init(cli_ctx *c, int argc, char **argv)
{
	int status = cli_check_args(argc, argv, 0, 0, "init");
	const char *group = c->cfg->group;
	gid_t gid = (gid_t)-1;
	if (status == CLI_OK && group[0])
		status = find_group(group, &gid);
	char path[CSR_PATH_MAX];
	bool is_default;
	if (status == CLI_OK)
		status = cli_db_path(c, path, sizeof path, &is_default);
	if (status == CLI_OK)
		status = cli_make_parent_dir(path);
	csr_db *db = NULL;
	if (status == CLI_OK)
		status = cli_open_path(c, path, true, &db);
	if (status == CLI_OK)
		status = check_intact(db);
	if (status == CLI_OK && group[0])
		status = give_to_group(path, gid, group);
	if (status == CLI_OK)
		printf("%s: schema version %d\n", path, csr_db_schema_version(db));
	csr_db_close(&db);
	return status;
}

/* ---- check-config ---- */

int cmd_check_config(cli_ctx *c, int argc, char **argv)
{
	int status = cli_check_args(argc, argv, 0, 1, "check-config [FILE]");
	if (status != CLI_OK)
		return status;
	csr_err err;
	csr_code rc = argc > 1 ? csr_config_load_file(argv[1], &c->cfg, &err)
			       : csr_config_load(c->config_path, &c->cfg, &err);
	if (rc != CSR_OK)
		return cli_fail_err(&err);
	printf("%s: ok\n", c->cfg->source);
	return CLI_OK;
}

/* ---- backup ---- */

static int copy_to(csr_db *db, const char *file)
{
	if (csr_db_actor(db)->role < CSR_ROLE_ADMIN)
		return cli_fail("Only admins may back up the database");
	int status = check_intact(db);
	if (status == CLI_OK)
		status = cli_claim_new_file(file, "backup");
	if (status != CLI_OK)
		return status;
	csr_err err;
	if (csr_db_backup(db, file, &err) == CSR_OK)
		return CLI_OK;
	unlink(file);
	return cli_fail_err(&err);
}

int cmd_backup(cli_ctx *c, int argc, char **argv)
{
	int status = cli_check_args(argc, argv, 1, 1, "backup FILE");
	csr_db *db = NULL;
	if (status == CLI_OK)
		status = cli_open(c, &db);
	if (status == CLI_OK)
		status = copy_to(db, argv[1]);
	csr_db_close(&db);
	return status;
}

/* ---- signup and cancel ---- */

/* Parses INITIATIVE_ID EMPLOYEE_ID, opens the database and finds both. */
static int place_args(cli_ctx *c, int argc, char **argv, csr_db **db, int64_t *initiative_id,
		      int64_t *volunteer_id)
{
	char synopsis[64];
	snprintf(synopsis, sizeof synopsis, "%s INITIATIVE_ID EMPLOYEE_ID", argv[0]);
	int status = cli_check_args(argc, argv, 2, 2, synopsis);
	if (status != CLI_OK)
		return status;
	if (!cli_parse_number(argv[1], initiative_id))
		return cli_usage("INITIATIVE_ID must be a number, not '%s'", argv[1]);
	status = cli_check_text(argv[2], CSR_TEXT_LINE, "EMPLOYEE_ID");
	if (status == CLI_OK)
		status = cli_open(c, db);
	if (status != CLI_OK)
		return status;
	csr_volunteer v;
	csr_err err;
	if (csr_volunteer_find(*db, argv[2], &v, &err) != CSR_OK)
		return cli_fail_err(&err);
	*volunteer_id = v.id;
	return CLI_OK;
}

int cmd_signup(cli_ctx *c, int argc, char **argv)
{
	csr_db *db = NULL;
	int64_t initiative_id = 0, volunteer_id = 0;
	int status = place_args(c, argc, argv, &db, &initiative_id, &volunteer_id);
	csr_signup_result res;
	csr_err err;
	if (status == CLI_OK && csr_signup_add(db, initiative_id, volunteer_id, &res, &err) != CSR_OK)
		status = cli_fail_err(&err);
	if (status == CLI_OK && res.status == CSR_SIGNUP_WAITLISTED)
		printf("waitlisted %d\n", res.waitlist_position);
	else if (status == CLI_OK)
		printf("%s\n", csr_signup_status_name(res.status));
	csr_db_close(&db);
	return status;
}

static int print_promoted(csr_db *db, int64_t volunteer_id)
{
	csr_volunteer v;
	csr_err err;
	if (csr_volunteer_get(db, volunteer_id, &v, &err) != CSR_OK)
		return cli_fail_err(&err);
	printf("promoted %s\n", v.employee_id);
	return CLI_OK;
}

int cmd_cancel(cli_ctx *c, int argc, char **argv)
{
	csr_db *db = NULL;
	int64_t initiative_id = 0, volunteer_id = 0;
	int status = place_args(c, argc, argv, &db, &initiative_id, &volunteer_id);
	csr_signup_result res;
	csr_err err;
	if (status == CLI_OK &&
	    csr_signup_cancel(db, initiative_id, volunteer_id, &res, &err) != CSR_OK)
		status = cli_fail_err(&err);
	if (status == CLI_OK) {
		printf("cancelled\n");
		if (res.promoted_volunteer_id)
			status = print_promoted(db, res.promoted_volunteer_id);
	}
	csr_db_close(&db);
	return status;
}
