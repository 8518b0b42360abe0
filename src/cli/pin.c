/* SPDX-License-Identifier: MIT */
/* pin: kiosk PINs from the command line. A lead issues an activation code
 * or resets a PIN; a person sets their own PIN from their own login. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "cli/commands.h"
#include "csrdesk/i18n.h"
#include "csrdesk/auth.h"
#include "csrdesk/clock.h"
#include "csrdesk/volunteer.h"

static const char synopsis[] = "pin activate EMPLOYEE_ID | pin reset EMPLOYEE_ID | pin set";

/* Prints the code and when it stops working: shown only now. */
static int activate(csr_db *db, const char *employee_id)
{
	char code[CSR_ACTIVATION_CODE_SIZE], when[CSR_TIME_TEXT_MAX];
	int64_t expires_at = 0;
	csr_err err;
	if (csr_auth_issue_activation(db, employee_id, code, sizeof code, &expires_at, &err) !=
	    CSR_OK)
		return cli_fail_err(&err);
	csr_time_format_machine(expires_at, when, sizeof when); /* stdout: for scripts too */
	printf("%s\nvalid once, until %s\n", code, when);
	explicit_bzero(code, sizeof code);
	return CLI_OK;
}

static int reset(csr_db *db, const char *employee_id)
{
	csr_err err;
	if (csr_auth_reset_pin(db, employee_id, &err) != CSR_OK)
		return cli_fail_err(&err);
	printf("reset\n");
	return CLI_OK;
}

/* ---- reading a PIN from the terminal without echo ---- */

static volatile sig_atomic_t interrupted;

static void on_interrupt(int sig)
{
	(void)sig;
	interrupted = 1;
}

/* One line from the terminal tty, not echoed; false on end of input or
 * Ctrl-C (the terminal is restored either way). */
static bool read_secret(int tty, const char *prompt, char *buf, size_t size)
{
	struct termios saved, quiet;
	if (tcgetattr(tty, &saved) != 0)
		return false;
	quiet = saved;
	quiet.c_lflag &= (tcflag_t)~(ECHO | ECHONL);
	/* No SA_RESTART: Ctrl-C ends the read, then the echo comes back. */
	struct sigaction sa = { .sa_handler = on_interrupt }, old_int;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &old_int);
	ssize_t n = -1;
	if (write(tty, prompt, strlen(prompt)) >= 0 && tcsetattr(tty, TCSAFLUSH, &quiet) == 0)
		n = read(tty, buf, size - 1);
	tcsetattr(tty, TCSAFLUSH, &saved);
	sigaction(SIGINT, &old_int, NULL);
	if (write(tty, "\n", 1) < 0 || n <= 0 || interrupted)
		return false;
	buf[n] = '\0';
	buf[strcspn(buf, "\r\n")] = '\0';
	return true;
}

typedef struct pins {
	char old[CSR_PIN_MAX + 2], pin[CSR_PIN_MAX + 2], again[CSR_PIN_MAX + 2];
} pins;

/* The current PIN when one is set, then the new one twice. */
static int ask_pins(bool has_pin, pins *p)
{
	int tty = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (tty < 0)
		return cli_fail(_("pin set reads the PIN from a terminal, and there is none (%s)"),
				strerror(errno));
	char prompt[64];
	/* TRANSLATORS: a prompt on the terminal; the PIN typed follows it. */
	snprintf(prompt, sizeof prompt, _("New PIN (%d to %d digits): "), CSR_PIN_MIN, CSR_PIN_MAX);
	bool read = (!has_pin || read_secret(tty, _("Current PIN: "), p->old, sizeof p->old)) &&
		    read_secret(tty, prompt, p->pin, sizeof p->pin) &&
		    read_secret(tty, _("New PIN again: "), p->again, sizeof p->again);
	close(tty);
	if (!read)
		return cli_fail("%s", _("no PIN was set"));
	if (strcmp(p->pin, p->again) != 0)
		return cli_fail("%s", _("the two new PINs differ; no PIN was set"));
	return CLI_OK;
}

/* The person running csrdesk sets their own PIN. */
static int set_own(csr_db *db)
{
	const csr_actor *me = csr_db_actor(db);
	csr_volunteer v;
	csr_err err;
	if (me->volunteer_id == 0)
		return cli_fail("%s", _("you have no volunteer record: a team lead can link your"
				      " Unix user to it"));
	if (csr_volunteer_get(db, me->volunteer_id, &v, &err) != CSR_OK)
		return cli_fail_err(&err);
	pins p = { 0 };
	int status = ask_pins(v.has_pin, &p);
	if (status == CLI_OK && csr_auth_set_own_pin(db, v.employee_id, v.has_pin ? p.old : NULL,
						    p.pin, &err) != CSR_OK)
		status = cli_fail_err(&err);
	explicit_bzero(&p, sizeof p);
	if (status == CLI_OK)
		printf("PIN set for %s\n", v.employee_id);
	return status;
}

int cmd_pin(cli_ctx *c, int argc, char **argv)
{
	const char *what = argc > 1 ? argv[1] : "";
	bool set = strcmp(what, "set") == 0;
	bool for_someone = strcmp(what, "activate") == 0 || strcmp(what, "reset") == 0;
	if (!set && !for_someone)
		return cli_usage(_("pin needs activate, reset or set (usage: csrdesk %s)"), synopsis);
	int status = cli_check_args(argc - 1, argv + 1, set ? 0 : 1, set ? 0 : 1, synopsis);
	csr_db *db = NULL;
	if (status == CLI_OK)
		status = cli_open(c, &db);
	if (status == CLI_OK)
		status = set ? set_own(db)
		       : what[0] == 'a' ? activate(db, argv[2]) : reset(db, argv[2]);
	csr_db_close(&db);
	return status;
}
