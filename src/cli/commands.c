/* SPDX-License-Identifier: MIT */
/* Subcommands: init, check-config and backup. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/commands.h"
#include "csrdesk/format.h"
#include "csrdesk/i18n.h"
#include "csrdesk/privilege.h"
#include "csrdesk/removed.h"

/* While a full integrity check reads a large database, stderr (on a
 * terminal) shows that it is working and for how long. */
typedef struct check_ui {
	const char *path;
	struct timespec start;
	long shown; /* seconds last shown; -1 none */
} check_ui;

static long seconds_since(const struct timespec *t)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long)(now.tv_sec - t->tv_sec);
}

static void show_check(void *ctx)
{
	check_ui *ui = ctx;
	long s = seconds_since(&ui->start);
	if (s < 1 || s == ui->shown)
		return;
	ui->shown = s;
	char seconds[CSR_FMT_NUMBER_MAX];
	csr_fmt_count(s, seconds, sizeof seconds);
	/* TRANSLATORS: progress on the terminal: the database, the seconds so
	 * far ("s" for seconds). */
	fputc('\r', stderr);
	fprintf(stderr, _("checking that %s is intact: %s s"), ui->path, seconds);
}

/* A full integrity check, for init and backup: rare commands, where a
 * damaged database must show before anyone relies on it or on its copy. */
static int check_intact(csr_db *db)
{
	check_ui ui = { .path = csr_db_path(db), .shown = -1 };
	clock_gettime(CLOCK_MONOTONIC, &ui.start);
	bool tty = isatty(STDERR_FILENO);
	csr_err err;
	csr_code rc = csr_db_check_progress(db, tty ? show_check : NULL, &ui, &err);
	if (ui.shown >= 0) /* blanks over the progress line, however long it was */
		fprintf(stderr, "\r%*s\r", (int)strlen(ui.path) + 80, "");
	if (rc == CSR_OK)
		return CLI_OK;
	if (err.code != CSR_EDB)
		return cli_fail_err(&err);
	/* SQLite's report runs over several lines: keep it to one. */
	for (char *p = err.msg; (p = strchr(p, '\n'));)
		*p = ' ';
	return cli_fail(_("%s; restore it from a backup"), err.msg);
}

/* Warns, one line on stderr each, of the categories and metrics db uses
 * that its config no longer defines; their records stay, shown as
 * "(removed) key". */
static int warn_removed(csr_db *db)
{
	csr_removed found[CSR_REMOVED_MAX];
	int n = 0;
	csr_err err;
	if (csr_removed_list(db, csr_db_config(db), found, CSR_REMOVED_MAX, &n, &err) != CSR_OK)
		return cli_fail_err(&err);
	for (int i = 0; i < n; i++) {
		char text[CSR_REMOVED_TEXT_MAX];
		csr_removed_text(&found[i], text, sizeof text);
		/* TRANSLATORS: the database, then what it uses that the config no
		 * longer defines. */
		fprintf(stderr, _("csrdesk: warning: %s: %s\n"), csr_db_path(db), text);
	}
	return CLI_OK;
}

/* ---- init ---- */

/* Opens what init gives to the group without following a link (a link
 * planted beside the database would make root give away the file it
 * names), as a plain file with one name, or as a directory. */
static int open_to_share(const char *name, bool dir, bool required, int *fd)
{
	*fd = open(name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | (dir ? O_DIRECTORY : 0));
	if (*fd < 0 && errno == ENOENT && !required)
		return CLI_OK;
	if (*fd < 0 && errno == ELOOP)
		return dir ? cli_fail(_("%s is a symbolic link; csrdesk never follows links to or"
					" beside its database: name the real directory in the"
					" config's database"), name)
			   : cli_fail(_("%s is a symbolic link; csrdesk never follows links to or"
					" beside its database: remove it"), name);
	if (*fd < 0)
		return cli_fail("%s: %s", name, strerror(errno));
	struct stat sb;
	bool plain = fstat(*fd, &sb) == 0 &&
		     (dir ? S_ISDIR(sb.st_mode) : S_ISREG(sb.st_mode) && sb.st_nlink == 1);
	if (plain && dir && (sb.st_mode & S_IWOTH))
		return cli_fail(_("%s is writable by everyone; give the database a directory of"
				  " its own, such as /var/lib/csrdesk"), name);
	if (!plain)
		return cli_fail(_("%s is not a plain file with one name (a hard link or a special"
				  " file): remove it"), name);
	return CLI_OK;
}

/* Gives name to the group with exactly mode, through its descriptor, so
 * what is changed is what was checked. A missing file is fine unless
 * required. */
static int share(const char *name, bool dir, bool required, gid_t gid, mode_t mode,
		 const char *group)
{
	int fd = -1;
	int status = open_to_share(name, dir, required, &fd);
	if (status == CLI_OK && fd >= 0 &&
	    (fchown(fd, (uid_t)-1, gid) != 0 || fchmod(fd, mode) != 0))
		status = cli_fail(_("cannot give %s to group %s: %s"), name, group, strerror(errno));
	if (fd >= 0)
		close(fd);
	return status;
}

/* The config's group, looked up before anything is created. */
static int find_group(const char *group, gid_t *gid)
{
	struct group *gr = getgrnam(group);
	if (!gr)
		return cli_fail(_("the config's group %s does not exist on this system"), group);
	*gid = gr->gr_gid;
	return CLI_OK;
}

/* The database's directory becomes the group's with mode 2770 (setgid, so
 * files SQLite makes later belong to the group too) and the files in it
 * 0660: the group and nobody else. Users are not in the group; csrdesk is
 * installed setgid to it (README, Deployment), so only csrdesk opens
 * them. */
static int give_to_group(const char *path, gid_t gid, const char *group)
{
	char dir[CSR_PATH_MAX];
	cli_parent_dir(path, dir, sizeof dir);
	int status = share(dir, true, true, gid, S_ISGID | 0770, group);
	for (size_t i = 0; i < CSR_DB_FILES && status == CLI_OK; i++) {
		char file[CSR_PATH_MAX + 16];
		snprintf(file, sizeof file, "%s%s", path, csr_db_file_suffixes[i]);
		status = share(file, false, i == 0, gid, 0660, group);
	}
	return status;
}

int cmd_init(cli_ctx *c, int argc, char **argv)
{
	int status = cli_check_args(argc, argv, 0, 0, "init");
	/* A setgid csrdesk that gave its group up works on the user's own copy. */
	const char *group = c->own_rights ? "" : c->cfg->group;
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
	if (status == CLI_OK)
		status = warn_removed(db);
	csr_db_close(&db);
	return status;
}

/* ---- check-config ---- */

/* check-config [FILE] [--db DB]: the options after the command. */
static int check_config_args(cli_ctx *c, int argc, char **argv, const char **file)
{
	static const struct option options[] = {
		{ "db", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 },
	};
	static const char synopsis[] = "check-config [FILE] [--db DATABASE]";
	int opt;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":", options, NULL)) != -1) {
		if (opt == 'd')
			c->db_path = optarg;
		else if (opt == ':')
			return cli_usage(_("%s needs a value (usage: csrdesk %s)"), argv[optind - 1],
					 synopsis);
		else
			return cli_usage(_("unknown option %s (usage: csrdesk %s)"), argv[optind - 1],
					 synopsis);
	}
	if (argc - optind > 1)
		return cli_usage(_("wrong arguments; usage: csrdesk %s"), synopsis);
	*file = optind < argc ? argv[optind] : NULL;
	return CLI_OK;
}

int cmd_check_config(cli_ctx *c, int argc, char **argv)
{
	const char *file = NULL;
	int status = check_config_args(c, argc, argv, &file);
	if (status != CLI_OK)
		return status;
	csr_err err;
	csr_code rc = file ? csr_config_load_file(file, &c->cfg, &err)
			   : csr_config_load(c->config_path, &c->cfg, &err);
	if (rc != CSR_OK)
		return cli_fail_err(&err);
	printf("%s: ok\n", c->cfg->source);
	if (!c->db_path)
		return CLI_OK;
	/* A database named here is opened with the user's own rights, as
	 * --db before the command would. */
	if (csr_privileged() && !c->own_rights) {
		if (!csr_privilege_drop())
			return cli_fail(_("cannot give up csrdesk's group: %s"), strerror(errno));
		c->own_rights = true;
	}
	csr_db *db = NULL;
	status = cli_open_path(c, c->db_path, false, &db);
	if (status == CLI_OK)
		status = warn_removed(db);
	csr_db_close(&db);
	return status;
}

/* ---- backup ---- */

/* Dated copies in a directory: csrdesk-YYYY-MM-DDTHHMMSS.db, so a name
 * says when and names sort by age. */
static const char backup_prefix[] = "csrdesk-", backup_suffix[] = ".db";
enum { BACKUP_NAME_LEN = 8 + 17 + 3 };

static bool is_dated_backup(const char *name)
{
	size_t n = strlen(name);
	return n == BACKUP_NAME_LEN && strncmp(name, backup_prefix, 8) == 0 &&
	       strcmp(name + n - 3, backup_suffix) == 0 && name[18] == 'T' &&
	       strspn(name + 8, "0123456789-") == 10 && strspn(name + 19, "0123456789") == 6;
}

static bool is_directory(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

/* FILE, or a new dated name in the directory FILE. */
static int backup_name(const char *target, char *out, size_t size)
{
	if (!is_directory(target)) {
		snprintf(out, size, "%s", target);
		return CLI_OK;
	}
	char stamp[32];
	time_t now = time(NULL);
	strftime(stamp, sizeof stamp, "%Y-%m-%dT%H%M%S", localtime(&now));
	if ((size_t)snprintf(out, size, "%s/%s%s%s", target, backup_prefix, stamp,
			     backup_suffix) >= size)
		return cli_fail("%s", _("the backup's path is too long"));
	return CLI_OK;
}

static int copy_to(csr_db *db, const char *file)
{
	if (csr_db_actor(db)->role < CSR_ROLE_ADMIN)
		return cli_fail("%s", _("Only admins may back up the database"));
	int status = check_intact(db);
	if (status == CLI_OK)
		/* for the user alone: a copy holds everyone's personal data */
		status = cli_claim_new_file(file, "backup", 0600);
	if (status != CLI_OK)
		return status;
	csr_err err;
	if (csr_db_backup(db, file, &err) != CSR_OK) {
		unlink(file);
		return cli_fail_err(&err);
	}
	struct stat sb;
	char mib[CSR_FMT_NUMBER_MAX]; /* stdout is the machine output: "12.5" */
	csr_fmt_machine_fixed(stat(file, &sb) == 0 ? (double)sb.st_size / (1 << 20) : 0, 1, mib,
			      sizeof mib);
	printf("wrote %s (%s MiB, schema version %d, checked intact)\n", file, mib,
	       csr_db_schema_version(db));
	return CLI_OK;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Removes the oldest dated backups in dir until keep are left; only plain
 * files named like csrdesk's own copies, never through a link. */
static int prune(const char *dir, long keep)
{
	DIR *d = opendir(dir);
	if (!d)
		return cli_fail("%s: %s", dir, strerror(errno));
	char **names = NULL;
	size_t n = 0, cap = 0;
	int status = CLI_OK;
	for (struct dirent *e; status == CLI_OK && (e = readdir(d));) {
		struct stat sb;
		if (!is_dated_backup(e->d_name) ||
		    fstatat(dirfd(d), e->d_name, &sb, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(sb.st_mode))
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 16;
			char **grown = realloc(names, cap * sizeof *names);
			if (!grown) {
				status = cli_fail("%s", _("out of memory"));
				break;
			}
			names = grown;
		}
		if (!(names[n] = strdup(e->d_name)))
			status = cli_fail("%s", _("out of memory"));
		else
			n++;
	}
	if (n)
		qsort(names, n, sizeof *names, by_name);
	for (size_t i = 0; status == CLI_OK && i + (size_t)keep < n; i++) {
		if (unlinkat(dirfd(d), names[i], 0) != 0)
			status = cli_fail(_("cannot remove %s/%s: %s"), dir, names[i], strerror(errno));
		else
			printf("removed %s/%s\n", dir, names[i]);
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	closedir(d);
	return status;
}

static int parse_backup(int argc, char **argv, const char **target, long *keep)
{
	static const struct option options[] = {
		{ "keep", required_argument, NULL, 'k' },
		{ NULL, 0, NULL, 0 },
	};
	static const char synopsis[] = "backup FILE | backup DIR [--keep N]";
	int64_t n;
	for (int opt; (opt = getopt_long(argc, argv, ":", options, NULL)) != -1;) {
		if (opt == ':')
			return cli_usage(_("--keep needs a number (usage: csrdesk %s)"), synopsis);
		if (opt != 'k')
			return cli_usage(_("unknown option (usage: csrdesk %s)"), synopsis);
		int status = cli_number_option("--keep", optarg, 1, 100000, &n);
		if (status != CLI_OK)
			return status;
		*keep = (long)n;
	}
	if (argc - optind != 1)
		return cli_usage(_("wrong arguments; usage: csrdesk %s"), synopsis);
	*target = argv[optind];
	if (*keep && !is_directory(*target))
		return cli_usage(_("--keep needs a directory of dated backups, and %s is none"),
				 *target);
	return CLI_OK;
}

int cmd_backup(cli_ctx *c, int argc, char **argv)
{
	const char *target = NULL;
	long keep = 0;
	int status = parse_backup(argc, argv, &target, &keep);
	char file[CSR_PATH_MAX + 64];
	if (status == CLI_OK)
		status = backup_name(target, file, sizeof file);
	csr_db *db = NULL;
	if (status == CLI_OK)
		status = cli_open(c, &db);
	if (status == CLI_OK)
		status = copy_to(db, file);
	if (status == CLI_OK && keep) {
		csr_privilege_suspend(); /* the user's directory, with the user's rights */
		status = prune(target, keep);
		csr_privilege_resume();
	}
	csr_db_close(&db);
	return status;
}
