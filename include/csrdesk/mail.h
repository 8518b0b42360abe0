/* SPDX-License-Identifier: MIT */
/* csrdesk — mail: notifications handed to the system's MTA (csrdesk notify).
 *
 * A mail is plain text (UTF-8, 8bit) written by hand here: From, To,
 * Subject (RFC 2047 encoded-words), Date (RFC 5322), a Message-ID made
 * from the notification's id (<csrdesk-notification-ID@host>, so a mail
 * sent again is recognisable as the same), MIME-Version, Auto-Submitted;
 * with a calendar it is multipart/mixed with the calendar as a base64
 * text/calendar part. A header never holds a line break: every text put
 * in one is sanitized or refused.
 *
 * The MTA is the config's mail.command ("/usr/sbin/sendmail -t -oi"),
 * split on blanks and run without a shell, with the whole message in a
 * file as its standard input (never a pipe: a writer that dies would hand
 * it half a message).
 *
 * The mail channel of the outbox (notification.h): a sender claims a row
 * (mail_claim, mail_claimed_at) in a transaction before it hands the mail
 * over and marks it mailed after; a claim whose sender is gone, or older
 * than CSR_MAIL_CLAIM_SECONDS, may be taken again, and the mail then goes
 * out with the same Message-ID. */
#ifndef CSRDESK_MAIL_H
#define CSRDESK_MAIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "csrdesk/config.h"
#include "csrdesk/status.h"

typedef struct csr_db csr_db;

enum {
	CSR_MAIL_HEADER_COLUMNS = 76, /* a header line is never wider */
	CSR_MAIL_BODY_LINE_MAX = 998, /* octets in a line of an 8bit body (RFC 5322) */
	CSR_MAIL_COMMAND_WORDS = 32,
	CSR_MAIL_SEND_SECONDS = 60,   /* then the MTA is killed */
	CSR_MAIL_CLAIM_SECONDS = 600, /* a claim older than this is taken again */
	CSR_MAIL_ID_MAX = 320,
};

/* Whether addr is an address csrdesk writes into a header: local@domain
 * in printable ASCII, without blanks, quotes, comments or brackets. */
bool csr_mail_address_valid(const char *addr);

/* Whether command is one mail.command may be: empty, or words split on
 * blanks whose first is an absolute path, all printable. */
bool csr_mail_command_valid(const char *command);

/* Splits command into words (into buf, size bytes) for exec: at most
 * CSR_MAIL_COMMAND_WORDS, argv ended by NULL; the number of words, 0 when
 * there are none or they do not fit. */
int csr_mail_command_words(const char *command, char *buf, size_t size,
			   char *argv[CSR_MAIL_COMMAND_WORDS + 1]);

/* The host's name (gethostname), for the sender and the Message-ID. */
void csr_mail_host(char *out, size_t size);

/* The sender: the config's mail.from, else csrdesk@ the host's name. */
void csr_mail_from(const csr_config *cfg, char *out, size_t size);

/* "<csrdesk-notification-ID@host>": the same every time the row is sent. */
void csr_mail_message_id(int64_t notification_id, char *out, size_t size);

/* "Subject: =?UTF-8?B?...?=" for the header name and a UTF-8 text: the
 * text (sanitized: no control character reaches it) as encoded-words,
 * each split on a character boundary, folded so that no line is wider
 * than CSR_MAIL_HEADER_COLUMNS; lines joined by "\n ". Cut at a
 * character when out is too small. */
void csr_mail_encode_header(const char *name, const char *text, char *out, size_t size);

/* data in base64, in lines of 76 characters ended by "\n". */
void csr_mail_base64(FILE *out, const void *data, size_t n);

/* RFC 5322's date for Unix seconds t, in local time with its offset:
 * "Mon, 07 Dec 2026 09:30:00 +0100" (English names, whatever the locale). */
void csr_mail_date(int64_t t, char *out, size_t size);

/* One mail. */
typedef struct csr_mail {
	const char *from, *to;   /* addresses (csr_mail_address_valid) */
	const char *subject;     /* one line of UTF-8 */
	const char *body;        /* lines of UTF-8 ended by "\n" */
	const char *message_id;  /* "<...>" */
	int64_t date;
	const char *calendar;    /* an iCalendar text to attach; NULL: none */
	size_t calendar_size;
} csr_mail;

/* Writes m as a message for sendmail -t (lines end with "\n"). An invalid
 * address, a Message-ID with a blank or a control character, or a body
 * line longer than CSR_MAIL_BODY_LINE_MAX is CSR_EINVAL. */
csr_code csr_mail_compose(const csr_mail *m, FILE *out, csr_err *err);

/* Runs command (csr_mail_command_words) with the file fd (from its start)
 * as standard input, its output thrown away, its errors on ours, without
 * csrdesk's group, signals as by default; waits at most timeout seconds,
 * then kills it. CSR_OK when it exited with 0. */
csr_code csr_mail_run(const char *command, int fd, int timeout, csr_err *err);

/* Claims rows ids[0..*n) for the sender pid in one transaction: those
 * not mailed yet and not claimed by a sender that is alive and claimed
 * them less than CSR_MAIL_CLAIM_SECONDS ago. ids keeps the claimed ones,
 * in order; *n how many. */
csr_code csr_mail_claim(csr_db *db, int64_t *ids, int *n, int pid, int64_t now, csr_err *err);

/* Who has mail due: a volunteer, or a Unix user (a lead without a
 * volunteer record). */
typedef struct csr_mail_recipient {
	int64_t volunteer_id; /* 0: a Unix user */
	char unix_user[64];
} csr_mail_recipient;

/* Up to max recipients of rows due by now and not mailed yet, those
 * waiting longest first; *n how many. */
csr_code csr_mail_recipients(csr_db *db, int64_t now, csr_mail_recipient *out, int max, int *n,
			     csr_err *err);

/* Whether r was mailed a leads' notice (kind lead_*) at or after since:
 * a lead's digest goes out once a day. */
csr_code csr_mail_digest_sent(csr_db *db, const csr_mail_recipient *r, int64_t since, bool *yes,
			      csr_err *err);

#endif
