/* SPDX-License-Identifier: MIT */
/* Reports and exports (leads): every report format, every CSV export, the
 * calendar and the printable sheets, from one menu. Each can be shown here
 * in a pager, written to a file (when the user has a shell to reach it:
 * not over `csrdesk --ssh`), and fetched to the lead's own machine with
 * the ssh command this dialog names, which writes the same bytes as the
 * file. The pager shows HTML as its plain-text equivalent (the text report,
 * the text sheet): markup is not for reading in a terminal. An existing
 * file is replaced only when the user says so, and only once the new one
 * is complete. */
#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csrdesk/calendar.h"
#include "csrdesk/clock.h"
#include "csrdesk/export.h"
#include "csrdesk/i18n.h"
#include "csrdesk/privilege.h"
#include "csrdesk/report.h"
#include "csrdesk/sheet.h"
#include "csrdesk/text.h"
#include "csrdesk/volunteer.h"
#include "dialog.h"
#include "period_picker.h"
#include "picker.h"
#include "widget.h"

enum {
	NAME_MAX_BYTES = 1024, TEAMS_MAX = 1000, COMMAND_MAX = 1024, NOTICE_LINES = 6,
	NOTICE_LINE = 256
};

typedef enum out_kind { OUT_REPORT, OUT_CSV, OUT_ICS, OUT_SHEET } out_kind;

/* One line of the menu: what it writes and in which format. */
typedef struct out_entry {
	const char *text; /* N_(): translated where shown */
	out_kind kind;
	int format;       /* a csr_report_format or csr_sheet_format */
	const char *what; /* the CSV export, or the sheet's kind word */
	const char *ext;
} out_entry;

static const out_entry entries[] = {
	{ N_("Impact report: HTML with charts, for the newsletter"), OUT_REPORT, CSR_REPORT_HTML,
	  NULL, "html" },
	{ N_("Impact report: Markdown"), OUT_REPORT, CSR_REPORT_MD, NULL, "md" },
	{ N_("Impact report: plain text"), OUT_REPORT, CSR_REPORT_TEXT, NULL, "txt" },
	{ N_("Impact report: CSV, for a spreadsheet"), OUT_REPORT, CSR_REPORT_CSV, NULL, "csv" },
	{ N_("Volunteers (CSV)"), OUT_CSV, 0, "volunteers", "csv" },
	{ N_("Initiatives (CSV)"), OUT_CSV, 0, "initiatives", "csv" },
	{ N_("Sign-ups (CSV)"), OUT_CSV, 0, "signups", "csv" },
	{ N_("Hours (CSV)"), OUT_CSV, 0, "hours", "csv" },
	{ N_("Impact values (CSV)"), OUT_CSV, 0, "impact", "csv" },
	{ N_("Calendar of the open initiatives (iCalendar)"), OUT_ICS, 0, NULL, "ics" },
	{ N_("Sign-up sheet to print (HTML)"), OUT_SHEET, CSR_SHEET_HTML, "signup", "html" },
	{ N_("Sign-up sheet (plain text)"), OUT_SHEET, CSR_SHEET_TEXT, "signup", "txt" },
	{ N_("Attendance list to print (HTML)"), OUT_SHEET, CSR_SHEET_HTML, "attendance", "html" },
	{ N_("Attendance list (plain text)"), OUT_SHEET, CSR_SHEET_TEXT, "attendance", "txt" },
};
enum { ENTRIES = sizeof entries / sizeof entries[0] };

/* What the user chose: the entry and, as it needs, period and team or the
 * initiative. */
typedef struct out_choice {
	const out_entry *entry;
	csr_period period;
	char team[CSR_TEAM_MAX]; /* "" = everyone */
	int64_t initiative;
	char name[NAME_MAX_BYTES]; /* the file's default name */
} out_choice;

static bool choose_period(tui_app *app, csr_period *out)
{
	period_choice c = { .kind = PERIOD_YEAR };
	if (!period_choice_pick(app, _(" Report period "), &c))
		return false;
	period_choice_resolve(&c, out);
	return true;
}

/* Everyone, or one of the teams of active volunteers. */
static bool choose_team(tui_app *app, char *team, size_t size)
{
	char(*names)[CSR_TEAM_MAX] = calloc(TEAMS_MAX, sizeof *names);
	const char **items = calloc(TEAMS_MAX + 1, sizeof *items);
	int n = 0, choice = -1;
	csr_err err;
	if (!names || !items)
		tui_message(app, "%s", _("Not enough memory for the list of teams"));
	else if (csr_volunteer_groups(app->db, CSR_GROUP_TEAM, names, TEAMS_MAX, &n, &err) != CSR_OK)
		tui_error(app, &err);
	else {
		/* TRANSLATORS: the report for every team */
		items[0] = _("Everyone");
		for (int i = 0; i < n; i++)
			items[i + 1] = names[i];
		/* TRANSLATORS: the title of a list: everyone, then the teams */
		choice = ui_choose(app, _(" Report for "), items, n + 1, 0, -1, -1, false);
		snprintf(team, size, "%s", choice > 0 ? names[choice - 1] : "");
	}
	free(names);
	free(items);
	return choice >= 0;
}

/* Asks what the entry needs; false when the user gave up. */
static bool complete_choice(tui_app *app, out_choice *c)
{
	const out_entry *e = c->entry;
	csr_initiative in;
	switch (e->kind) {
	case OUT_REPORT:
		if (!choose_period(app, &c->period) || !choose_team(app, c->team, sizeof c->team))
			return false;
		snprintf(c->name, sizeof c->name, "report-%s.%s", c->period.label, e->ext);
		return true;
	case OUT_SHEET:
		if (!pick_initiative(app, "", &in))
			return false;
		c->initiative = in.id;
		snprintf(c->name, sizeof c->name, "%s-%lld.%s", e->what, (long long)in.id, e->ext);
		return true;
	case OUT_CSV: snprintf(c->name, sizeof c->name, "%s.csv", e->what); return true;
	default: snprintf(c->name, sizeof c->name, "initiatives.ics"); return true;
	}
}

/* ---- writing ---- */

static csr_code write_report(tui_app *app, const out_choice *c, bool on_screen, FILE *out,
			     csr_err *err)
{
	csr_report *r = NULL;
	csr_report_format format = (csr_report_format)c->entry->format;
	if (on_screen && format == CSR_REPORT_HTML)
		format = CSR_REPORT_TEXT;
	csr_code rc = csr_report_build(app->db, &c->period, c->team, &r, err);
	if (rc == CSR_OK)
		rc = csr_report_write(r, format, out, err);
	csr_report_free(&r);
	return rc;
}

static csr_code write_choice(tui_app *app, const out_choice *c, bool on_screen, FILE *out,
			     csr_err *err)
{
	const out_entry *e = c->entry;
	csr_sheet_kind kind;
	csr_sheet_format format = (csr_sheet_format)e->format;
	switch (e->kind) {
	case OUT_REPORT: return write_report(app, c, on_screen, out, err);
	case OUT_CSV: return csr_export_csv(app->db, e->what, out, err);
	case OUT_ICS: return csr_calendar_open(app->db, out, err);
	default:
		csr_sheet_kind_parse(e->what, &kind);
		if (on_screen)
			format = CSR_SHEET_TEXT;
		return csr_sheet_write(app->db, &c->initiative, 1, kind, format, out, err);
	}
}

/* The writers measure text by display width, which needs a UTF-8
 * locale: in a C locale they write with C.UTF-8 meanwhile, as the command
 * line does, so the file is the bytes `ssh SERVER ...` fetches. */
static csr_code write_utf8(tui_app *app, const out_choice *c, bool on_screen, FILE *out,
			   csr_err *err)
{
	char saved[64];
	snprintf(saved, sizeof saved, "%s", setlocale(LC_CTYPE, NULL));
	bool switched = strcmp(nl_langinfo(CODESET), "UTF-8") != 0 &&
			setlocale(LC_CTYPE, "C.UTF-8") != NULL;
	csr_code rc = write_choice(app, c, on_screen, out, err);
	if (switched)
		setlocale(LC_CTYPE, saved);
	return rc;
}

/* ---- the pager ---- */

typedef struct pager_text {
	char **lines;
	int n;
	int shift; /* characters left out at the start of each line (Left, Right) */
} pager_text;

/* The rest of line after shift characters ("" when it is shorter). */
static const char *shifted(const char *line, int shift)
{
	size_t left = strlen(line);
	for (bool safe; shift > 0 && left > 0; shift--) {
		size_t n = csr_text_char(line, left, &safe);
		line += n;
		left -= n;
	}
	return line;
}

static void write_lines(void *ctx, ui_view *v)
{
	const pager_text *t = ctx;
	for (int i = 0; i < t->n; i++)
		view_line(v, shifted(t->lines[i], t->shift), A_NORMAL);
}

/* Cuts buf into lines in place: LF, CRLF (CSV) and a form feed (a new
 * page of a text sheet) end one. */
static bool split_lines(char *buf, size_t len, pager_text *t)
{
	size_t max = 1;
	for (size_t i = 0; i < len; i++)
		max += buf[i] == '\n' || buf[i] == '\f';
	t->lines = calloc(max, sizeof *t->lines);
	if (!t->lines)
		return false;
	for (char *p = buf; p < buf + len;) {
		size_t n = strcspn(p, "\n\f");
		t->lines[t->n++] = p;
		if (n > 0 && p[n - 1] == '\r')
			p[n - 1] = '\0';
		p[n] = '\0';
		p += n + 1;
	}
	return true;
}

static void show(tui_app *app, const out_choice *c)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	csr_err err;
	csr_code rc = out ? write_utf8(app, c, true, out, &err) : CSR_ENOMEM;
	if (out)
		fclose(out);
	pager_text t = { 0 };
	if (rc == CSR_ENOMEM || (rc == CSR_OK && !split_lines(buf, len, &t)))
		tui_message(app, "%s", _("Not enough memory to show it"));
	else if (rc != CSR_OK)
		tui_error(app, &err);
	else {
		char title[320];
		if (strcmp(c->entry->ext, "html") == 0)
			/* TRANSLATORS: a title; %s is what is shown, "Sign-up sheet to print (HTML)" */
			snprintf(title, sizeof title, _(" %s, as plain text "), _(c->entry->text));
		else
			snprintf(title, sizeof title, " %s ", _(c->entry->text));
		ui_text_pager(app, title, COLS,
			      _("Up/Down PgUp/PgDn Home/End scroll   Left/Right sideways   Esc close"),
			      write_lines, &t, &t.shift);
	}
	free(t.lines);
	free(buf);
}

/* ---- a file on the server ---- */

/* Asks for the file; false when the user gave up. "~/" means $HOME. */
static bool ask_path(tui_app *app, const char *suggested, char *path, size_t size)
{
	char name[NAME_MAX_BYTES];
	const char *label = _("Save as:");
	snprintf(name, sizeof name, "%s", suggested);
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
			label = _("A file name, please:");
			continue;
		}
		if (stat(path, &st) != 0)
			return true;
		if (S_ISDIR(st.st_mode)) {
			label = _("That is a folder; save as:");
			continue;
		}
		char question[CSR_PATH_MAX + 48];
		/* TRANSLATORS: %s is a file */
		snprintf(question, sizeof question, _("%s exists. Replace it?"), path);
		if (ui_confirm(app, question))
			return true;
		label = _("Save as:");
	}
}

/* Writes to a new file next to path, then puts it in place. */
static csr_code write_file(tui_app *app, const out_choice *c, const char *path, csr_err *err)
{
	char tmp[CSR_PATH_MAX + 16];
	snprintf(tmp, sizeof tmp, "%s.XXXXXX", path);
	/* The user's file, made with the user's rights (privilege.h). */
	csr_privilege_suspend();
	int fd = mkstemp(tmp);
	csr_privilege_resume();
	/* TRANSLATORS: the file, and why (the system's message) */
	const char *cannot = _("Cannot write %s: %s");
	if (fd < 0)
		return csr_fail(err, CSR_EIO, cannot, path, strerror(errno));
	mode_t mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask); /* as any new file, not mkstemp's 0600 */
	FILE *out = fdopen(fd, "w");
	csr_code rc = out ? write_utf8(app, c, false, out, err)
			  : csr_fail(err, CSR_EIO, cannot, path, strerror(errno));
	if (out && fclose(out) != 0 && rc == CSR_OK)
		rc = csr_fail(err, CSR_EIO, cannot, path, strerror(errno));
	if (!out)
		close(fd);
	csr_privilege_suspend();
	if (rc == CSR_OK && rename(tmp, path) != 0)
		rc = csr_fail(err, CSR_EIO, cannot, path, strerror(errno));
	if (rc != CSR_OK)
		unlink(tmp);
	csr_privilege_resume();
	return rc;
}

static void save(tui_app *app, const out_choice *c)
{
	char path[CSR_PATH_MAX];
	csr_err err;
	if (!ask_path(app, c->name, path, sizeof path)) {
		tui_message(app, "%s", _("Nothing was written"));
		return;
	}
	if (write_file(app, c, path, &err) != CSR_OK) {
		tui_error(app, &err);
		return;
	}
	char *full = realpath(path, NULL);
	/* TRANSLATORS: %s is the file written */
	tui_message(app, _("Wrote %s"), full ? full : path);
	free(full);
}

/* ---- the command that fetches it ---- */

/* Where the user reached us: the address and port in sshd's
 * SSH_CONNECTION ("client port server port"); false when it is not set
 * or has not that shape. Read even when setgid: sshd sets it, and it is
 * only shown. */
static bool ssh_connection(char *address, size_t size, unsigned *port)
{
	const char *conn = getenv("SSH_CONNECTION");
	char client[64], server[64];
	unsigned client_port;
	if (!conn || sscanf(conn, "%63s %u %63s %u", client, &client_port, server, port) != 4 ||
	    strspn(server, "0123456789abcdefABCDEF.:") != strlen(server) || *port == 0 ||
	    *port > 65535)
		return false;
	snprintf(address, size, "%s", server);
	return true;
}

/* "[-p PORT] USER@HOST": the host the config's server names, else the
 * address the user reached us on, else SERVER; the port when it is not
 * ssh's own. */
static void ssh_target(const tui_app *app, char *out, size_t size)
{
	char address[64], host[CSR_SERVER_MAX + CSR_ACTOR_NAME_MAX + 8], port_option[16] = "";
	unsigned port = 22;
	const char *server = tui_config(app)->server;
	const char *user = strncmp(app->actor.name, "unix:", 5) == 0 ? app->actor.name + 5 : "";
	bool known = ssh_connection(address, sizeof address, &port);
	if (!*server)
		server = known ? address : "SERVER";
	if (*user && !strchr(server, '@'))
		snprintf(host, sizeof host, "%s@%s", user, server);
	else
		snprintf(host, sizeof host, "%s", server);
	if (known && port != 22)
		snprintf(port_option, sizeof port_option, "-p %u ", port);
	snprintf(out, size, "%s%s", port_option, host);
}

/* A team goes over SSH as one word (no blanks: csrdesk --ssh splits on
 * them), quoted for the user's own shell when it holds anything else. */
static bool team_word(const char *team, char *out, size_t size)
{
	if (strpbrk(team, " \t'\"\\`"))
		return false;
	bool plain = strspn(team, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") ==
		     strlen(team);
	snprintf(out, size, plain ? "%s" : "'%s'", team);
	return true;
}

/* The words after "ssh TARGET"; false when no command can carry them. */
static bool remote_words(const out_choice *c, char *out, size_t size)
{
	const out_entry *e = c->entry;
	char team[CSR_TEAM_MAX + 16];
	switch (e->kind) {
	case OUT_REPORT:
		if (c->team[0] && !team_word(c->team, team, sizeof team))
			return false;
		snprintf(out, size, "report --period %s%s%s --format %s", c->period.label,
			 c->team[0] ? " --team " : "", c->team[0] ? team : "",
			 csr_report_format_name((csr_report_format)e->format));
		return true;
	case OUT_CSV: snprintf(out, size, "export %s --format csv", e->what); return true;
	case OUT_ICS: snprintf(out, size, "export ics"); return true;
	default:
		snprintf(out, size, "export sheet %lld --format %s --kind %s",
			 (long long)c->initiative, e->format == CSR_SHEET_HTML ? "html" : "text",
			 e->what);
		return true;
	}
}

/* The command on lines of its own, wrapped only where the screen is
 * narrower than it. */
static void write_command(void *ctx, ui_view *v)
{
	view_line(v, _("On your own machine, type:"), A_NORMAL);
	view_blank(v);
	view_para(v, ctx, ui_attr(UI_TITLE), 0);
	view_blank(v);
	view_line(v, _("It writes the same file into the folder you are in."), A_NORMAL);
	view_blank(v);
}

static void fetch_command(tui_app *app, const out_choice *c)
{
	char target[CSR_SERVER_MAX + CSR_ACTOR_NAME_MAX + 32], words[COMMAND_MAX];
	char command[3 * COMMAND_MAX];
	if (!remote_words(c, words, sizeof words)) {
		/* TRANSLATORS: a notice: lines of at most 62 columns, at most 6 lines */
		const char *text = _("The team's name holds a blank or a quote, which a command\n"
				     "given to ssh cannot carry. Show it here, or fetch the report\n"
				     "for everyone.");
		char lines[NOTICE_LINES][NOTICE_LINE];
		const char *rows[NOTICE_LINES];
		int n = 0;
		for (const char *p = text; *p && n < NOTICE_LINES; n++) {
			size_t len = strcspn(p, "\n");
			snprintf(lines[n], sizeof lines[n], "%.*s", (int)len, p);
			rows[n] = lines[n];
			p += len + (p[len] == '\n');
		}
		ui_notice(app, _(" Fetch it to your machine "), rows, n);
		return;
	}
	ssh_target(app, target, sizeof target);
	snprintf(command, sizeof command, "ssh %s %s > %s", target, words, c->name);
	int width = ui_width(command) + 4;
	ui_text_popup(app, _(" Fetch it to your machine "), width < 64 ? 64 : width,
		      _("Press Enter to close"), write_command, command);
}

/* ---- the dialog ---- */

/* Show, save, fetch: until Esc. Saving is offered only to users with a
 * shell, who can reach the file. */
static void act_on(tui_app *app, const out_choice *c)
{
	bool shell = !app->opts->ssh;
	const char *items[3] = { _("Show it here"), _("Fetch it to your own machine (the command)"),
				 _("Save it to a file here") };
	for (;;) {
		int choice = ui_choose(app, _(" What now? "), items, shell ? 3 : 2, 0, -1, -1, false);
		if (choice < 0 || app->quit)
			return;
		if (choice == 0)
			show(app, c);
		else if (choice == 1)
			fetch_command(app, c);
		else
			save(app, c);
	}
}

/* Changes nothing the screen shows. */
bool report_export_run(tui_app *app)
{
	const char *items[ENTRIES];
	for (int i = 0; i < ENTRIES; i++)
		items[i] = _(entries[i].text);
	int choice = ui_choose(app, _(" Reports and exports "), items, ENTRIES, 0, -1, -1, false);
	if (choice < 0)
		return false;
	out_choice c = { .entry = &entries[choice] };
	if (complete_choice(app, &c))
		act_on(app, &c);
	return false;
}
