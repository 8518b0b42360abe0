/* SPDX-License-Identifier: MIT */
/* import volunteers and export: CSV in and out. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/commands.h"
#include "csrdesk/export.h"
#include "csrdesk/format.h"
#include "csrdesk/i18n.h"
#include "csrdesk/privilege.h"
#include "csrdesk/roster.h"

/* Files larger than this get a progress bar (on a terminal). */
enum { PROGRESS_MIN_BYTES = 1 << 20, BAR_WIDTH = 30 };

typedef struct import_ui {
	int percent;   /* last drawn, -1 = none yet */
	bool drawn;    /* a bar is on the screen */
} import_ui;

static void clear_bar(import_ui *ui)
{
	if (ui->drawn)
		fprintf(stderr, "\r%*s\r", BAR_WIDTH + 20, "");
	ui->drawn = false;
}

static void draw_bar(void *ctx, long done, long total)
{
	import_ui *ui = ctx;
	int percent = total > 0 ? (int)(done * 100 / total) : 0;
	if (total <= 0 || percent == ui->percent)
		return;
	ui->percent = percent;
	int filled = percent * BAR_WIDTH / 100;
	char shown[CSR_FMT_NUMBER_MAX];
	csr_fmt_percent(percent / 100.0, shown, sizeof shown);
	fputc('\r', stderr);
	/* TRANSLATORS: the progress bar of an import on stderr: the bar (%.*s%*s,
	 * 30 columns) and the percentage. */
	fprintf(stderr, _("importing [%.*s%*s] %4s"), filled,
		"##############################", BAR_WIDTH - filled, "", shown);
	ui->drawn = true;
}

static void warn_row(void *ctx, const char *message)
{
	clear_bar(ctx);
	/* TRANSLATORS: %s is "FILE:LINE: why" of a bad row that --skip-bad skips. */
	cli_fail(_("%s (skipped)"), message);
}

static bool wants_bar(FILE *in)
{
	struct stat sb;
	return isatty(STDERR_FILENO) && fstat(fileno(in), &sb) == 0 &&
	       sb.st_size > PROGRESS_MIN_BYTES;
}

static int parse_import(int argc, char **argv, bool *skip_bad, const char **path)
{
	static const struct option options[] = {
		{ "skip-bad", no_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 },
	};
	static const char synopsis[] = "import volunteers FILE.csv [--skip-bad]";
	int opt;
	while ((opt = getopt_long(argc, argv, ":", options, NULL)) != -1) {
		if (opt != 's')
			/* TRANSLATORS: the second %s is the command's synopsis, typed as it is. */
			return cli_usage(_("unknown option %s (usage: csrdesk %s)"),
					 argv[optind - 1], synopsis);
		*skip_bad = true;
	}
	if (argc - optind != 2 || strcmp(argv[optind], "volunteers") != 0)
		/* TRANSLATORS: %s is the command's synopsis, typed as it is. */
		return cli_usage(_("wrong arguments; usage: csrdesk %s"), synopsis);
	*path = argv[optind + 1];
	return CLI_OK;
}

/* A pipe or a terminal (`export volunteers | import volunteers /dev/stdin`)
 * is read to its end into memory before the import takes the write lock:
 * the program writing it may need to write itself (an export is audited),
 * and no kiosk should wait on another program's output. A regular file is
 * read as it is. NULL (errno set) when the copy fails. */
static FILE *whole_input(FILE *in)
{
	struct stat sb;
	if (fstat(fileno(in), &sb) == 0 && S_ISREG(sb.st_mode))
		return in;
	int fd = memfd_create("csrdesk-import", MFD_CLOEXEC);
	FILE *copy = fd >= 0 ? fdopen(fd, "w+b") : NULL;
	if (!copy) {
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	char block[1 << 16];
	size_t n;
	while ((n = fread(block, 1, sizeof block, in)) > 0)
		if (fwrite(block, 1, n, copy) != n)
			break;
	if (ferror(in) || ferror(copy) || fflush(copy) != 0 || fseek(copy, 0, SEEK_SET) != 0) {
		int why = errno ? errno : EIO;
		fclose(copy);
		errno = why;
		return NULL;
	}
	return copy;
}

static int import_file(csr_db *db, const char *path, bool skip_bad)
{
	int fd = csr_open_as_user(path, O_RDONLY, 0);
	FILE *in = fd >= 0 ? fdopen(fd, "rb") : NULL;
	if (!in) {
		int why = errno;
		if (fd >= 0)
			close(fd);
		/* TRANSLATORS: a file name, then the system's reason. */
		return cli_fail(_("%s: cannot read: %s"), path, strerror(why));
	}
	FILE *whole = whole_input(in);
	if (whole != in) {
		int why = errno;
		fclose(in);
		if (!whole)
			/* TRANSLATORS: a file name, then the system's reason. */
			return cli_fail(_("%s: cannot read: %s"), path, strerror(why));
		in = whole;
	}
	import_ui ui = { .percent = -1 };
	csr_roster_report r;
	csr_err err;
	csr_code rc = csr_roster_import(db, in, path, skip_bad, wants_bar(in) ? draw_bar : NULL,
					warn_row, &ui, &r, &err);
	fclose(in);
	clear_bar(&ui);
	if (rc == CSR_EINVAL)
		/* TRANSLATORS: %s is why the import stopped ("FILE:LINE: ..."). */
		return cli_fail(_("%s; nothing was imported"), err.msg);
	if (rc != CSR_OK)
		return cli_fail_err(&err);
	/* stdout is the machine output (scripts read it): plain integers, and
	 * English in every language, so neither line goes through gettext. */
	printf(r.rows == 1 ? "imported %ld row: %ld added, %ld updated, %ld skipped\n"
			   : "imported %ld rows: %ld added, %ld updated, %ld skipped\n",
	       r.rows, r.inserted, r.updated, r.skipped);
	return CLI_OK;
}

int cmd_import(cli_ctx *c, int argc, char **argv)
{
	bool skip_bad = false;
	const char *path = NULL;
	int status = parse_import(argc, argv, &skip_bad, &path);
	csr_db *db = NULL;
	if (status == CLI_OK)
		status = cli_open(c, &db);
	if (status == CLI_OK)
		status = import_file(db, path, skip_bad);
	csr_db_close(&db);
	return status;
}

static const char export_synopsis[] = "export volunteers|initiatives|signups|hours|impact"
				      " [--format csv] [--excel|--no-excel]";

/* export's options: --format csv, --excel (German Excel's form) and
 * --no-excel (RFC 4180) over the config's export { excel }. */
static int export_option(int opt, char **argv, int *excel)
{
	if (opt == ':')
		/* TRANSLATORS: %s is an option as typed (--format). */
		return cli_usage(_("%s needs a value"), argv[optind - 1]);
	if (opt == 'x' || opt == 'n') {
		*excel = opt == 'x';
		return CLI_OK;
	}
	if (opt != 'f')
		return cli_usage(_("unknown option %s (usage: csrdesk %s)"), argv[optind - 1],
				 export_synopsis);
	if (strcmp(optarg, "csv") != 0)
		/* TRANSLATORS: "csv" is typed as it is. */
		return cli_usage(_("unknown format '%s'; csv is the one format"), optarg);
	return CLI_OK;
}

/* excel: 1 (--excel), 0 (--no-excel) or -1 (the config's default). */
static int parse_export(int argc, char **argv, const char **what, int *excel)
{
	static const struct option options[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "excel", no_argument, NULL, 'x' },
		{ "no-excel", no_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	int opt;
	while ((opt = getopt_long(argc, argv, ":", options, NULL)) != -1) {
		int status = export_option(opt, argv, excel);
		if (status != CLI_OK)
			return status;
	}
	if (argc - optind != 1)
		return cli_usage(_("wrong arguments; usage: csrdesk %s"), export_synopsis);
	static const char *const kinds[] = { "volunteers", "initiatives", "signups", "hours",
					     "impact" };
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcmp(argv[optind], kinds[i]) == 0) {
			*what = kinds[i];
			return CLI_OK;
		}
	/* TRANSLATORS: the first %s is the word typed, the second the synopsis. */
	return cli_usage(_("there is no export named '%s'; usage: csrdesk %s"), argv[optind],
			 export_synopsis);
}

static csr_code export_csv(csr_db *db, const char *what, int excel, csr_err *err)
{
	if (excel < 0)
		return csr_export_csv(db, what, stdout, err);
	return csr_export_csv_form(db, what, excel ? CSR_CSV_EXCEL : CSR_CSV_PLAIN, stdout, err);
}

int cmd_export(cli_ctx *c, int argc, char **argv)
{
	const char *what = NULL;
	int excel = -1;
	int status = parse_export(argc, argv, &what, &excel);
	csr_db *db = NULL;
	if (status == CLI_OK)
		status = cli_open(c, &db);
	csr_err err;
	if (status == CLI_OK && export_csv(db, what, excel, &err) != CSR_OK)
		status = cli_fail_err(&err);
	csr_db_close(&db);
	return status;
}
