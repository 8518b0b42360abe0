/* SPDX-License-Identifier: MIT */
/* notify: the system job that the csrdesk-notify timer runs (as root, an
 * admin). It makes the due reminders, mails every due notification once,
 * then removes delivered rows older than notify.retention_days.
 *
 * Each mail is handed over by a courier: a child in a session of its own
 * (killing notify or its process group does not stop a hand-off under
 * way) that ignores SIGTERM, SIGINT and SIGHUP, opens its own database
 * connection (notify closes its own before it forks: an SQLite connection
 * must not cross a fork), claims the rows (mail.h), writes the whole
 * message to a memfd, runs the MTA on it and marks the rows mailed. A row
 * is so sent at most once and never lost, but for one window: a courier
 * that dies between the MTA's success and its commit leaves a claim that
 * a later run takes again, and that mail goes out twice, with the same
 * Message-ID. */
#include <errno.h>
#include <getopt.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli/commands.h"
#include "csrdesk/calendar.h"
#include "csrdesk/clock.h"
#include "csrdesk/format.h"
#include "csrdesk/i18n.h"
#include "csrdesk/mail.h"
#include "csrdesk/notification.h"
#include "csrdesk/volunteer.h"

static const char synopsis[] = "notify [--dry-run]";

enum {
	NOTIFY_RECIPIENTS = 256, /* in a run; the others wait for the next */
	NOTIFY_ROWS = 32,        /* of one recipient in a run */
	COURIER_SENT = 0,
	COURIER_FAILED = 1,
	COURIER_TAKEN = 3,       /* another sender has the rows, or they went */
};

/* One mail: a notification, or a lead's notices as one digest. */
typedef struct letter {
	const csr_notification *rows[NOTIFY_ROWS]; /* into the batch */
	int n;
	bool digest;
	int64_t volunteer_id; /* whose calendar goes with it; 0: none */
	char to[CSR_MAIL_ADDRESS_MAX];
	char language[8];
} letter;

typedef struct batch {
	csr_notification *rows;
	int nrows;
	letter *letters;
	int nletters;
	int64_t *skipped; /* rows that no mail will carry */
	int nskipped;
} batch;

typedef struct notify_run {
	cli_ctx *c;
	bool dry_run;
	char db_path[CSR_PATH_MAX];
	csr_actor actor; /* for the couriers' connections */
	int sent, skipped, failed;
} notify_run;

/* ---- what a mail says ---- */

static bool is_lead_notice(csr_notification_kind k)
{
	return k >= CSR_NOTE_LEAD_BELOW_MINIMUM && k < CSR_NOTE_KINDS;
}

/* A notice about a place, which the person's calendar shows. */
static bool about_a_place(csr_notification_kind k)
{
	return k == CSR_NOTE_PROMOTED || k == CSR_NOTE_PLACE_CANCELLED || k == CSR_NOTE_PLACE_MOVED ||
	       k == CSR_NOTE_INITIATIVE_CANCELLED || k == CSR_NOTE_INITIATIVE_CHANGED ||
	       k == CSR_NOTE_REMINDER_DAY || k == CSR_NOTE_REMINDER_HOUR;
}

static bool wants_calendar(const letter *l)
{
	return !l->digest && l->volunteer_id && about_a_place(l->rows[0]->kind);
}

static void subject_of(const letter *l, char *buf, size_t size)
{
	if (!l->digest) {
		csr_notification_text(l->rows[0], buf, size);
		return;
	}
	char count[CSR_FMT_NUMBER_MAX];
	csr_fmt_count(l->n, count, sizeof count);
	/* TRANSLATORS: the subject of a team lead's daily mail; %s is a count. */
	snprintf(buf, size, csr_plural(l->n, "csrdesk: %s notice for team leads",
				       "csrdesk: %s notices for team leads"), count);
}

static void write_body(FILE *f, const letter *l, bool calendar)
{
	char text[CSR_NOTIFICATION_TEXT_MAX];
	for (int i = 0; i < l->n; i++) {
		csr_notification_text(l->rows[i], text, sizeof text);
		fprintf(f, l->digest ? "- %s\n" : "%s\n", text);
	}
	if (calendar)
		fprintf(f, "\n%s\n", _("Your calendar of csrdesk places is attached; importing it"
				       " again updates the events you imported before."));
	fprintf(f, "\n-- \n%s\n", _("An automatic message from csrdesk; replies are not read."));
}

/* The subject and the body (malloc'd) of l in its language; the language
 * shown before is back after. */
static char *render(const letter *l, bool calendar, char *subject, size_t size)
{
	char was[8];
	snprintf(was, sizeof was, "%s", csr_i18n_language());
	csr_i18n_set_language(l->language, NULL);
	subject_of(l, subject, size);
	char *body = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&body, &n);
	if (f) {
		write_body(f, l, calendar);
		fclose(f);
	}
	csr_i18n_set_language(was, NULL);
	return body;
}

/* ---- the courier ---- */

/* The person's calendar (malloc'd, *n bytes), or NULL: then the mail goes
 * without it. */
static char *calendar_of(csr_db *db, int64_t volunteer_id, size_t *n)
{
	char *text = NULL;
	FILE *f = open_memstream(&text, n);
	if (!f)
		return NULL;
	csr_err err;
	csr_code rc = csr_calendar_volunteer(db, volunteer_id, f, &err);
	fclose(f);
	if (rc == CSR_OK)
		return text;
	fprintf(stderr, _("csrdesk: warning: the mail goes without the calendar: %s\n"), err.msg);
	free(text);
	return NULL;
}

/* The whole message into a new memfd; -1 (said why) on failure. */
static int write_message(const notify_run *run, csr_db *db, const letter *l)
{
	size_t cal_size = 0;
	char *cal = wants_calendar(l) ? calendar_of(db, l->volunteer_id, &cal_size) : NULL;
	char subject[CSR_NOTIFICATION_TEXT_MAX], from[CSR_MAIL_ADDRESS_MAX], id[CSR_MAIL_ID_MAX];
	char *body = render(l, cal != NULL, subject, sizeof subject);
	csr_mail_from(run->c->cfg, from, sizeof from);
	csr_mail_message_id(l->rows[0]->id, id, sizeof id);
	csr_mail m = { .from = from, .to = l->to, .subject = subject, .body = body ? body : "",
		       .message_id = id, .date = csr_now(), .calendar = cal,
		       .calendar_size = cal_size };
	int fd = memfd_create("csrdesk-mail", MFD_CLOEXEC);
	int copy = fd >= 0 ? dup(fd) : -1;
	FILE *f = copy >= 0 ? fdopen(copy, "w") : NULL;
	csr_err err;
	csr_code rc = f ? csr_mail_compose(&m, f, &err)
			: csr_fail(&err, CSR_EIO, _("cannot write the mail: %s"), strerror(errno));
	if (f && fclose(f) != 0 && rc == CSR_OK)
		rc = csr_fail(&err, CSR_EIO, _("cannot write the mail: %s"), strerror(errno));
	else if (!f && copy >= 0)
		close(copy);
	free(body);
	free(cal);
	if (rc == CSR_OK)
		return fd;
	if (fd >= 0)
		close(fd);
	cli_fail_err(&err);
	return -1;
}

/* Keeps in l the rows whose ids are ids[0..n). */
static void keep_claimed(letter *l, const int64_t *ids, int n)
{
	int kept = 0;
	for (int i = 0; i < l->n; i++)
		for (int j = 0; j < n; j++)
			if (l->rows[i]->id == ids[j]) {
				l->rows[kept++] = l->rows[i];
				break;
			}
	l->n = kept;
}

static int claim_and_send(const notify_run *run, csr_db *db, letter *l)
{
	int64_t ids[NOTIFY_ROWS];
	int n = l->n;
	for (int i = 0; i < n; i++)
		ids[i] = l->rows[i]->id;
	csr_err err;
	if (csr_mail_claim(db, ids, &n, (int)getpid(), csr_now(), &err) != CSR_OK)
		return cli_fail_err(&err);
	if (n == 0)
		return COURIER_TAKEN;
	keep_claimed(l, ids, n);
	int fd = write_message(run, db, l);
	if (fd < 0)
		return COURIER_FAILED;
	csr_code rc = csr_mail_run(run->c->cfg->mail.command, fd, CSR_MAIL_SEND_SECONDS, &err);
	close(fd);
	if (rc == CSR_OK)
		rc = csr_notification_mark(db, CSR_CHANNEL_MAIL, ids, n, &err);
	if (rc != CSR_OK)
		/* TRANSLATORS: the recipient's address, then why. */
		return cli_fail(_("the mail to %s was not sent: %s"), l->to, err.msg);
	return COURIER_SENT;
}

/* In the child: the hand-off of one mail, whatever happens to notify. */
static int courier(const notify_run *run, letter *l)
{
	setsid();
	sigset_t hold;
	sigemptyset(&hold);
	sigaddset(&hold, SIGTERM);
	sigaddset(&hold, SIGINT);
	sigaddset(&hold, SIGHUP);
	sigprocmask(SIG_BLOCK, &hold, NULL);
	signal(SIGPIPE, SIG_IGN); /* notify's terminal or pipe may be gone */
	csr_db *db = NULL;
	if (cli_open_path(run->c, run->db_path, false, &db) != CLI_OK)
		return COURIER_FAILED;
	csr_db_set_actor(db, &run->actor);
	int status = claim_and_send(run, db, l);
	csr_db_close(&db);
	return status;
}

/* Forks the courier of l and waits for it. */
static void deliver(notify_run *run, letter *l)
{
	fflush(stdout);
	fflush(stderr);
	pid_t pid = fork();
	if (pid == 0)
		_exit(courier(run, l));
	int status = 0;
	while (pid > 0 && waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (pid < 0)
		cli_fail(_("cannot start a process to send mail: %s"), strerror(errno));
	if (pid > 0 && WIFEXITED(status) && WEXITSTATUS(status) == COURIER_SENT)
		run->sent++;
	else if (pid < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != COURIER_TAKEN)
		run->failed++;
}

/* ---- what is due, and to whom ---- */

static void skip_rows(batch *b, const csr_notification *rows, int n)
{
	for (int i = 0; i < n; i++)
		b->skipped[b->nskipped++] = rows[i].id;
}

/* Where r's mail goes and in which language: the volunteer's email, or
 * the lead's login on this host; to "" when nowhere (no email, mail
 * switched off or not configured). */
static int address_of(const notify_run *run, csr_db *db, const csr_mail_recipient *r,
		      char *to, size_t size, char *language, size_t lsize)
{
	csr_volunteer v;
	csr_err err;
	csr_code rc = r->volunteer_id ? csr_volunteer_get(db, r->volunteer_id, &v, &err)
				      : csr_volunteer_find_unix(db, r->unix_user, &v, &err);
	if (rc != CSR_OK && rc != CSR_ENOTFOUND)
		return cli_fail_err(&err);
	csr_notification_prefs prefs = { 0 };
	if (rc == CSR_OK && csr_notification_prefs_get(db, v.id, &prefs, &err) != CSR_OK)
		return cli_fail_err(&err);
	const char *config = run->c->cfg->language;
	snprintf(language, lsize, "%s", prefs.language[0] ? prefs.language : config[0] ? config : "en");
	bool off = prefs.mail_off || !run->c->cfg->mail.command[0];
	csr_notification_prefs_free(&prefs);
	to[0] = '\0';
	if (!off && r->volunteer_id)
		snprintf(to, size, "%s", v.email);
	else if (!off && getpwnam(r->unix_user))
		snprintf(to, size, "%s@localhost", r->unix_user);
	if (to[0] && !csr_mail_address_valid(to)) {
		fprintf(stderr, _("csrdesk: warning: %s is not an address csrdesk can mail; the"
				  " notifications to it are not mailed\n"), to);
		to[0] = '\0';
	}
	return CLI_OK;
}

static letter *new_letter(batch *b, const char *to, const char *language, int64_t volunteer_id)
{
	letter *l = &b->letters[b->nletters++];
	*l = (letter){ .volunteer_id = volunteer_id };
	snprintf(l->to, sizeof l->to, "%s", to);
	snprintf(l->language, sizeof l->language, "%s", language);
	return l;
}

/* Into b: r's due rows, each a mail of its own, but a lead's notices in
 * one digest a day (those made after today's went out wait for
 * tomorrow's). */
static int gather_one(const notify_run *run, csr_db *db, const csr_mail_recipient *r,
		      int64_t now, batch *b)
{
	csr_notification *rows = b->rows + b->nrows;
	csr_recipient who = { r->volunteer_id, r->unix_user };
	int n = 0;
	char to[CSR_MAIL_ADDRESS_MAX], language[8];
	csr_err err;
	if (csr_notification_pending(db, &who, CSR_CHANNEL_MAIL, now, rows, NOTIFY_ROWS, &n,
				     &err) != CSR_OK)
		return cli_fail_err(&err);
	b->nrows += n;
	int status = address_of(run, db, r, to, sizeof to, language, sizeof language);
	if (status != CLI_OK)
		return status;
	if (!to[0]) {
		skip_rows(b, rows, n);
		return CLI_OK;
	}
	letter *digest = NULL;
	bool sent_today = false;
	if (csr_mail_digest_sent(db, r, csr_day_start(now), &sent_today, &err) != CSR_OK)
		return cli_fail_err(&err);
	for (int i = 0; i < n; i++) {
		if (!is_lead_notice(rows[i].kind)) {
			letter *l = new_letter(b, to, language, r->volunteer_id);
			l->rows[l->n++] = &rows[i];
		} else if (!sent_today) {
			if (!digest)
				digest = new_letter(b, to, language, r->volunteer_id);
			digest->digest = true;
			digest->rows[digest->n++] = &rows[i];
		}
	}
	return CLI_OK;
}

static int gather(const notify_run *run, csr_db *db, int64_t now, batch *b)
{
	size_t most = (size_t)NOTIFY_RECIPIENTS * NOTIFY_ROWS;
	csr_mail_recipient *who = calloc(NOTIFY_RECIPIENTS, sizeof *who);
	b->rows = calloc(most, sizeof *b->rows);
	b->letters = calloc(most, sizeof *b->letters);
	b->skipped = calloc(most, sizeof *b->skipped);
	if (!who || !b->rows || !b->letters || !b->skipped) {
		free(who);
		return cli_fail("%s", _("out of memory"));
	}
	int n = 0, status = CLI_OK;
	csr_err err;
	if (csr_mail_recipients(db, now, who, NOTIFY_RECIPIENTS, &n, &err) != CSR_OK)
		status = cli_fail_err(&err);
	for (int i = 0; status == CLI_OK && i < n; i++)
		status = gather_one(run, db, &who[i], now, b);
	free(who);
	return status;
}

static void batch_free(batch *b)
{
	free(b->rows);
	free(b->letters);
	free(b->skipped);
}

/* ---- the run ---- */

static void print_plan(const batch *b)
{
	for (int i = 0; i < b->nletters; i++) {
		char subject[CSR_NOTIFICATION_TEXT_MAX];
		free(render(&b->letters[i], false, subject, sizeof subject));
		printf("%s\t%s\n", b->letters[i].to, subject);
	}
	printf("would send %d, skip %d\n", b->nletters, b->nskipped);
}

/* Makes the reminders, gathers what is due and marks what no mail will
 * carry; db stays open. */
static int prepare(notify_run *run, csr_db *db, batch *b)
{
	if (csr_db_actor(db)->role < CSR_ROLE_ADMIN)
		return cli_fail("%s", _("Only admins may send notifications: csrdesk notify is the"
					" job of the csrdesk-notify timer, which runs it as root"));
	int64_t now = csr_now();
	csr_err err;
	if (!run->dry_run && csr_notification_schedule(db, now, NULL, &err) != CSR_OK)
		return cli_fail_err(&err);
	int status = gather(run, db, now, b);
	if (status == CLI_OK && !run->dry_run && b->nskipped &&
	    csr_notification_mark(db, CSR_CHANNEL_MAIL, b->skipped, b->nskipped, &err) != CSR_OK)
		status = cli_fail_err(&err);
	run->skipped = b->nskipped;
	run->actor = *csr_db_actor(db);
	return status;
}

static int purge(notify_run *run)
{
	csr_db *db = NULL;
	int status = cli_open_path(run->c, run->db_path, false, &db);
	csr_err err;
	int64_t before = csr_now() - (int64_t)run->c->cfg->notify.retention_days * 24 * 3600;
	if (status == CLI_OK)
		csr_db_set_actor(db, &run->actor);
	if (status == CLI_OK && csr_notification_purge(db, before, NULL, &err) != CSR_OK)
		status = cli_fail_err(&err);
	csr_db_close(&db);
	return status;
}

static int parse_notify(int argc, char **argv, bool *dry_run)
{
	static const struct option options[] = {
		{ "dry-run", no_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	opterr = 0;
	for (int opt; (opt = getopt_long(argc, argv, ":", options, NULL)) != -1;) {
		if (opt != 'n')
			return cli_option_error(opt, argv, synopsis);
		*dry_run = true;
	}
	if (optind != argc)
		return cli_usage(_("wrong arguments; usage: csrdesk %s"), synopsis);
	return CLI_OK;
}

int cmd_notify(cli_ctx *c, int argc, char **argv)
{
	notify_run run = { .c = c };
	bool is_default;
	int status = parse_notify(argc, argv, &run.dry_run);
	if (status == CLI_OK)
		status = cli_db_path(c, run.db_path, sizeof run.db_path, &is_default);
	csr_db *db = NULL;
	if (status == CLI_OK)
		status = cli_open(c, &db);
	batch b = { 0 };
	if (status == CLI_OK)
		status = prepare(&run, db, &b);
	if (status == CLI_OK && run.dry_run)
		print_plan(&b);
	csr_db_close(&db); /* before any fork: the couriers open their own */
	for (int i = 0; status == CLI_OK && !run.dry_run && i < b.nletters; i++)
		deliver(&run, &b.letters[i]);
	batch_free(&b);
	if (status == CLI_OK && !run.dry_run)
		status = purge(&run);
	if (status != CLI_OK || run.dry_run)
		return status;
	if (run.failed)
		printf("sent %d, skipped %d, failed %d\n", run.sent, run.skipped, run.failed);
	else
		printf("sent %d, skipped %d\n", run.sent, run.skipped);
	return run.failed ? CLI_FAILED : CLI_OK;
}
