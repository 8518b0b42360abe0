/* SPDX-License-Identifier: MIT */
/* The impact report from the menu (leads): a format, a period and a file
 * name, then the same report `csrdesk report` writes. An existing file is
 * replaced only when the user says so, and only once the new one is
 * complete. */
#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csrdesk/clock.h"
#include "csrdesk/privilege.h"
#include "csrdesk/report.h"
#include "dialog.h"
#include "widget.h"

enum { FORMATS = 4, PERIODS = 4, NAME_MAX_BYTES = 1024 };

static const struct {
	csr_report_format format;
	const char *text, *ext;
} formats[FORMATS] = {
	{ CSR_REPORT_HTML, "HTML: one file with charts, for the newsletter", "html" },
	{ CSR_REPORT_MD, "Markdown", "md" },
	{ CSR_REPORT_TEXT, "Plain text", "txt" },
	{ CSR_REPORT_CSV, "CSV, for a spreadsheet", "csv" },
};

static const char *const period_names[PERIODS] = { "This year", "This quarter", "This month",
						   "Last year" };

static void period_of(int choice, csr_period *out)
{
	int64_t now = csr_now();
	switch (choice) {
	case 1: csr_period_quarter(now, out); break;
	case 2: csr_period_month(now, out); break;
	case 3:
		csr_period_year(now, out);
		csr_period_year(out->from - 1, out);
		break;
	default: csr_period_year(now, out); break;
	}
}

static int choose_format(tui_app *app)
{
	const char *items[FORMATS];
	for (int i = 0; i < FORMATS; i++)
		items[i] = formats[i].text;
	return ui_choose(app, " Report format ", items, FORMATS, 0, -1, -1, false);
}

static bool choose_period(tui_app *app, csr_period *out)
{
	char texts[PERIODS][64];
	const char *items[PERIODS];
	for (int i = 0; i < PERIODS; i++) {
		csr_period p;
		period_of(i, &p);
		snprintf(texts[i], sizeof texts[i], "%s (%s)", period_names[i], p.label);
		items[i] = texts[i];
	}
	int choice = ui_choose(app, " Report period ", items, PERIODS, 0, -1, -1, false);
	if (choice >= 0)
		period_of(choice, out);
	return choice >= 0;
}

/* Asks for the file; false when the user gave up. "~/" means $HOME. */
static bool ask_path(tui_app *app, const csr_period *period, const char *ext, char *path,
		     size_t size)
{
	char name[NAME_MAX_BYTES];
	const char *label = "Save the report as:";
	snprintf(name, sizeof name, "csrdesk-report-%s.%s", period->label, ext);
	for (;;) {
		if (!ui_prompt(app, label, name, sizeof name, NULL, NULL))
			return false;
		const char *home = csr_home_dir();
		if (strncmp(name, "~/", 2) == 0 && home)
			snprintf(path, size, "%s/%s", home, name + 2);
		else
			snprintf(path, size, "%s", name);
		struct stat st;
		if (!*path) {
			label = "A file name, please:";
			continue;
		}
		if (stat(path, &st) != 0)
			return true;
		if (S_ISDIR(st.st_mode)) {
			label = "That is a folder; save as:";
			continue;
		}
		char question[CSR_PATH_MAX + 48];
		snprintf(question, sizeof question, "%s exists. Replace it?", path);
		if (ui_confirm(app, question))
			return true;
		label = "Save the report as:";
	}
}

/* The writers measure text by display width, which needs a UTF-8
 * locale: in a C locale the report is written with C.UTF-8 meanwhile. */
static csr_code write_utf8(const csr_report *r, csr_report_format format, FILE *out,
			   csr_err *err)
{
	char saved[64];
	snprintf(saved, sizeof saved, "%s", setlocale(LC_CTYPE, NULL));
	bool switched = strcmp(nl_langinfo(CODESET), "UTF-8") != 0 &&
			setlocale(LC_CTYPE, "C.UTF-8") != NULL;
	csr_code rc = csr_report_write(r, format, out, err);
	if (switched)
		setlocale(LC_CTYPE, saved);
	return rc;
}

/* Writes to a new file next to path, then puts it in place. */
static csr_code write_file(const char *path, const csr_report *r, csr_report_format format,
			   csr_err *err)
{
	char tmp[CSR_PATH_MAX + 16];
	snprintf(tmp, sizeof tmp, "%s.XXXXXX", path);
	/* The user's file, made with the user's rights (privilege.h). */
	csr_privilege_suspend();
	int fd = mkstemp(tmp);
	csr_privilege_resume();
	if (fd < 0)
		return csr_fail(err, CSR_EIO, "Cannot write %s: %s", path, strerror(errno));
	mode_t mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask); /* as any new file, not mkstemp's 0600 */
	FILE *out = fdopen(fd, "w");
	csr_code rc = out ? write_utf8(r, format, out, err)
			  : csr_fail(err, CSR_EIO, "Cannot write %s: %s", path, strerror(errno));
	if (out && fclose(out) != 0 && rc == CSR_OK)
		rc = csr_fail(err, CSR_EIO, "Cannot write %s: %s", path, strerror(errno));
	if (!out)
		close(fd);
	csr_privilege_suspend();
	if (rc == CSR_OK && rename(tmp, path) != 0)
		rc = csr_fail(err, CSR_EIO, "Cannot write %s: %s", path, strerror(errno));
	if (rc != CSR_OK)
		unlink(tmp);
	csr_privilege_resume();
	return rc;
}

static void export_to(tui_app *app, const csr_period *period, int format, const char *path)
{
	csr_report *r = NULL;
	csr_err err;
	if (csr_report_build(app->db, period, NULL, &r, &err) != CSR_OK ||
	    write_file(path, r, formats[format].format, &err) != CSR_OK) {
		tui_error(app, &err);
		csr_report_free(&r);
		return;
	}
	csr_report_free(&r);
	char *full = realpath(path, NULL);
	tui_message(app, "Wrote the %s report (%s) to %s", period->label,
		    csr_report_format_name(formats[format].format), full ? full : path);
	free(full);
}

/* Writes a file; changes nothing the screen shows. */
bool report_export_run(tui_app *app)
{
	int format = choose_format(app);
	csr_period period;
	char path[CSR_PATH_MAX];
	if (format < 0 || !choose_period(app, &period))
		return false;
	if (!ask_path(app, &period, formats[format].ext, path, sizeof path)) {
		tui_message(app, "The report was not written");
		return false;
	}
	export_to(app, &period, format, path);
	return false;
}
