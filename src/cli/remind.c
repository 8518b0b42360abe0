/* SPDX-License-Identifier: MIT */
/* csrdesk remind: what is new for the current Unix user, for a login
 * message (data/profile.d/csrdesk.sh). Silent when there is nothing. Each
 * notification is printed once: the login message is a channel of its own
 * (notification.h), so what the kiosk showed is still printed here once. */
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "csrdesk/clock.h"
#include "csrdesk/format.h"
#include "csrdesk/i18n.h"
#include "csrdesk/notification.h"
#include "csrdesk/text.h"

enum { REMIND_MAX = 20 }; /* a login message stays short */

/* One notification, sanitized: a title never sends control characters to
 * the terminal. */
static void print_line(const csr_notification *n)
{
	char text[CSR_NOTIFICATION_TEXT_MAX], safe[CSR_NOTIFICATION_TEXT_MAX];
	csr_notification_text(n, text, sizeof text);
	csr_text_sanitize(text, safe, sizeof safe);
	printf("  %s\n", safe);
}

static int print_and_mark(csr_db *db, const csr_notification *rows, int n)
{
	int64_t ids[REMIND_MAX];
	/* TRANSLATORS: the first line of the login message. */
	printf(csr_plural(n, "csrdesk: %d new notification\n", "csrdesk: %d new notifications\n"),
	       n);
	for (int i = 0; i < n; i++) {
		print_line(&rows[i]);
		ids[i] = rows[i].id;
	}
	fflush(stdout);
	csr_err err;
	if (csr_notification_mark(db, CSR_CHANNEL_LOGIN, ids, n, &err) != CSR_OK)
		return cli_fail_err(&err);
	return CLI_OK;
}

int cmd_remind(cli_ctx *c, int argc, char **argv)
{
	int status = cli_check_args(argc, argv, 0, 0, "remind");
	csr_db *db = NULL;
	if (status == CLI_OK)
		status = cli_open(c, &db);
	if (status != CLI_OK)
		return status;
	const csr_actor *a = csr_db_actor(db);
	const char *login = strncmp(a->name, "unix:", 5) == 0 ? a->name + 5 : NULL;
	csr_recipient r = { .volunteer_id = a->volunteer_id, .unix_user = login };
	csr_notification rows[REMIND_MAX];
	int n = 0;
	csr_err err;
	int64_t now = csr_now();
	/* Reminders fall due with time: make those due now first. */
	if (csr_notification_schedule(db, now, NULL, &err) != CSR_OK ||
	    csr_notification_pending(db, &r, CSR_CHANNEL_LOGIN, now, rows, REMIND_MAX, &n,
				     &err) != CSR_OK)
		status = cli_fail_err(&err);
	else if (n > 0)
		status = print_and_mark(db, rows, n);
	csr_db_close(&db);
	return status;
}
