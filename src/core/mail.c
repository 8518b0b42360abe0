/* SPDX-License-Identifier: MIT */
/* Mail: encoding and composing a message, handing it to the MTA, and the
 * mail channel's claim on outbox rows (mail.h). */
#include "csrdesk/mail.h"
#include "csrdesk/i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "csrdesk/privilege.h"
#include "csrdesk/text.h"
#include "db_private.h"
#include "records.h"

/* ---- addresses and the command ---- */

bool csr_mail_address_valid(const char *addr)
{
	static const char special[] = "()<>[]:;,\\\"";
	const char *at = addr ? strchr(addr, '@') : NULL;
	if (!at || at == addr || !at[1] || strchr(at + 1, '@') ||
	    strlen(addr) >= CSR_MAIL_ADDRESS_MAX)
		return false;
	for (const char *p = addr; *p; p++)
		if (*p <= ' ' || *p >= 0x7F || strchr(special, *p))
			return false;
	return true;
}

bool csr_mail_command_valid(const char *command)
{
	if (!command || !*command)
		return true;
	for (const char *p = command; *p; p++)
		if ((unsigned char)*p < ' ' || *p == 0x7F)
			return false;
	char buf[CSR_MAIL_COMMAND_MAX];
	char *argv[CSR_MAIL_COMMAND_WORDS + 1];
	return csr_mail_command_words(command, buf, sizeof buf, argv) > 0 && argv[0][0] == '/';
}

int csr_mail_command_words(const char *command, char *buf, size_t size,
			   char *argv[CSR_MAIL_COMMAND_WORDS + 1])
{
	if ((size_t)snprintf(buf, size, "%s", command) >= size)
		return 0;
	int n = 0;
	for (char *save = NULL, *w = strtok_r(buf, " \t", &save); w;
	     w = strtok_r(NULL, " \t", &save)) {
		if (n == CSR_MAIL_COMMAND_WORDS)
			return 0;
		argv[n++] = w;
	}
	argv[n] = NULL;
	return n;
}

void csr_mail_host(char *out, size_t size)
{
	char host[256] = "", probe[CSR_MAIL_ADDRESS_MAX];
	if (gethostname(host, sizeof host - 1) != 0)
		host[0] = '\0';
	/* A name that would not make a valid address is no name for a mail. */
	snprintf(probe, sizeof probe, "x@%s", host);
	snprintf(out, size, "%s", csr_mail_address_valid(probe) ? host : "localhost");
}

void csr_mail_from(const csr_config *cfg, char *out, size_t size)
{
	if (cfg->mail.from[0]) {
		snprintf(out, size, "%s", cfg->mail.from);
		return;
	}
	char host[256];
	csr_mail_host(host, sizeof host);
	snprintf(out, size, "csrdesk@%s", host);
}

void csr_mail_message_id(int64_t notification_id, char *out, size_t size)
{
	char host[256];
	csr_mail_host(host, sizeof host);
	snprintf(out, size, "<csrdesk-notification-%lld@%s>", (long long)notification_id, host);
}

/* ---- encoding ---- */

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* Three bytes (n of them real, 1-3) as four characters into out. */
static void b64_group(const unsigned char *in, size_t n, char out[4])
{
	unsigned v = (unsigned)in[0] << 16 | (n > 1 ? (unsigned)in[1] << 8 : 0) |
		     (n > 2 ? in[2] : 0);
	out[0] = b64[v >> 18 & 63];
	out[1] = b64[v >> 12 & 63];
	out[2] = n > 1 ? b64[v >> 6 & 63] : '=';
	out[3] = n > 2 ? b64[v & 63] : '=';
}

/* data (n bytes) in base64 into out, which has room for 4 * ceil(n / 3)
 * characters and the NUL. */
static void b64_string(const unsigned char *data, size_t n, char *out)
{
	for (size_t i = 0; i < n; i += 3, out += 4)
		b64_group(data + i, n - i < 3 ? n - i : 3, out);
	*out = '\0';
}

void csr_mail_base64(FILE *out, const void *data, size_t n)
{
	const unsigned char *p = data;
	enum { GROUPS_A_LINE = 19 }; /* 76 characters */
	for (size_t i = 0, groups = 0; i < n; i += 3) {
		char four[4];
		b64_group(p + i, n - i < 3 ? n - i : 3, four);
		fwrite(four, 1, 4, out);
		if (++groups == GROUPS_A_LINE || i + 3 >= n) {
			fputc('\n', out);
			groups = 0;
		}
	}
}

/* How many bytes of whole characters from text (len bytes) fit in max. */
static size_t whole_chars(const char *text, size_t len, size_t max)
{
	size_t taken = 0;
	while (taken < len) {
		bool safe;
		size_t c = csr_text_char(text + taken, len - taken, &safe);
		if (taken + c > max)
			break;
		taken += c;
	}
	return taken;
}

void csr_mail_encode_header(const char *name, const char *text, char *out, size_t size)
{
	static const char open[] = "=?UTF-8?B?", close[] = "?=";
	enum { WORD_EXTRA = sizeof open - 1 + sizeof close - 1 };
	char clean[1024];
	size_t len = csr_text_sanitize(text, clean, sizeof clean);
	size_t o = (size_t)snprintf(out, size, "%s:", name), name_cols = o;
	for (size_t at = 0; at < len && o < size;) {
		/* after the name or at a new line, a blank before the word, then
		 * as many groups of three bytes as fit */
		size_t col = at ? 0 : name_cols;
		size_t groups = (CSR_MAIL_HEADER_COLUMNS - col - 1 - WORD_EXTRA) / 4;
		size_t take = whole_chars(clean + at, len - at, groups * 3);
		if (take == 0) /* a character wider than a line: cannot happen below 4 bytes */
			break;
		char word[256];
		b64_string((const unsigned char *)clean + at, take, word);
		size_t need = (at ? 2 : 1) + WORD_EXTRA + strlen(word);
		if (o + need >= size)
			break;
		o += (size_t)snprintf(out + o, size - o, "%s%s%s%s", at ? "\n " : " ", open, word,
				      close);
		at += take;
	}
}

void csr_mail_date(int64_t t, char *out, size_t size)
{
	static const char days[7][4] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
	static const char months[12][4] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
					    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	time_t tt = (time_t)t;
	struct tm tm;
	localtime_r(&tt, &tm);
	long off = tm.tm_gmtoff / 60;
	char sign = off < 0 ? '-' : '+';
	off = labs(off);
	snprintf(out, size, "%s, %02d %s %04d %02d:%02d:%02d %c%02ld%02ld", days[tm.tm_wday % 7],
		 tm.tm_mday, months[tm.tm_mon % 12], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
		 tm.tm_sec, sign, off / 60, off % 60);
}

/* ---- composing ---- */

static bool body_fits(const char *body)
{
	for (const char *line = body; *line;) {
		size_t n = strcspn(line, "\n");
		if (n > CSR_MAIL_BODY_LINE_MAX || memchr(line, '\r', n))
			return false;
		line += n + (line[n] == '\n');
	}
	return true;
}

static bool message_id_valid(const char *id)
{
	size_t n = id ? strlen(id) : 0;
	if (n < 3 || n >= CSR_MAIL_ID_MAX || id[0] != '<' || id[n - 1] != '>')
		return false;
	for (const char *p = id; *p; p++)
		if (*p <= ' ' || *p >= 0x7F)
			return false;
	return true;
}

static csr_code check_mail(const csr_mail *m, csr_err *err)
{
	if (!csr_mail_address_valid(m->from))
		return csr_fail(err, CSR_EINVAL, _("The sender %s is not a mail address"), m->from);
	if (!csr_mail_address_valid(m->to))
		return csr_fail(err, CSR_EINVAL, _("The recipient %s is not a mail address"), m->to);
	if (!message_id_valid(m->message_id))
		return csr_fail(err, CSR_EINVAL, "%s", _("The mail's Message-ID is not valid"));
	if (!body_fits(m->body))
		return csr_fail(err, CSR_EINVAL,
				_("A line of the mail is longer than %d bytes or holds a carriage return"),
				CSR_MAIL_BODY_LINE_MAX);
	return CSR_OK;
}

static void write_headers(const csr_mail *m, FILE *out)
{
	char subject[2048], date[64];
	csr_mail_encode_header("Subject", m->subject, subject, sizeof subject);
	csr_mail_date(m->date, date, sizeof date);
	fprintf(out, "From: %s\nTo: %s\n%s\nDate: %s\nMessage-ID: %s\n", m->from, m->to, subject,
		date, m->message_id);
	fputs("MIME-Version: 1.0\nAuto-Submitted: auto-generated\n", out);
}

static void write_text_part(const char *body, FILE *out)
{
	fputs("Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n\n", out);
	fputs(body, out);
	if (*body && body[strlen(body) - 1] != '\n')
		fputc('\n', out);
}

/* The calendar with METHOD:PUBLISH after its first line, as the part's
 * method=PUBLISH says (RFC 6047); the text as it is when it has one. */
static char *published(const char *cal, size_t n, size_t *out_n)
{
	static const char method[] = "METHOD:PUBLISH\r\n";
	const char *eol = memchr(cal, '\n', n);
	bool has = memmem(cal, n, "\nMETHOD:", 8) != NULL;
	bool insert = eol && !has;
	size_t first = insert ? (size_t)(eol + 1 - cal) : n;
	size_t extra = insert ? sizeof method - 1 : 0;
	char *buf = malloc(n + extra + 1);
	if (!buf)
		return NULL;
	memcpy(buf, cal, first);
	memcpy(buf + first, method, extra);
	memcpy(buf + first + extra, cal + first, n - first);
	*out_n = n + extra;
	return buf;
}

/* A boundary that is not in the body ("=_" never is in base64). */
static void boundary_for(const char *body, char *out, size_t size)
{
	for (unsigned i = 0;; i++) {
		snprintf(out, size, "=_csrdesk_%u", i);
		if (!strstr(body, out))
			return;
	}
}

csr_code csr_mail_compose(const csr_mail *m, FILE *out, csr_err *err)
{
	csr_code rc = check_mail(m, err);
	if (rc != CSR_OK)
		return rc;
	write_headers(m, out);
	if (!m->calendar) {
		write_text_part(m->body, out);
		return CSR_OK;
	}
	size_t n;
	char *cal = published(m->calendar, m->calendar_size, &n);
	if (!cal)
		return csr_fail(err, CSR_ENOMEM, "%s", _("out of memory"));
	char boundary[64];
	boundary_for(m->body, boundary, sizeof boundary);
	fprintf(out, "Content-Type: multipart/mixed; boundary=\"%s\"\n\n--%s\n", boundary,
		boundary);
	write_text_part(m->body, out);
	fprintf(out, "--%s\nContent-Type: text/calendar; charset=UTF-8; method=PUBLISH\n"
		     "Content-Transfer-Encoding: base64\n"
		     "Content-Disposition: attachment; filename=\"csrdesk.ics\"\n\n", boundary);
	csr_mail_base64(out, cal, n);
	fprintf(out, "--%s--\n", boundary);
	free(cal);
	return CSR_OK;
}

/* ---- handing over ---- */

/* In the MTA's process, before exec: csrdesk's group given up, signals
 * as by default, fd as standard input, no output; never returns. */
static void exec_mta(char **argv, int fd)
{
	static char *const env[] = { "PATH=/usr/sbin:/usr/bin:/sbin:/bin", NULL };
	if (csr_privileged() && !csr_privilege_drop())
		_exit(126);
	sigset_t none;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	for (int s = 1; s < NSIG; s++)
		if (s != SIGKILL && s != SIGSTOP)
			signal(s, SIG_DFL);
	int null = open("/dev/null", O_WRONLY);
	setpgid(0, 0); /* its helpers go with it when it is killed */
	if (dup2(fd, STDIN_FILENO) < 0 || null < 0 || dup2(null, STDOUT_FILENO) < 0)
		_exit(126);
	close_range(3, ~0U, 0); /* none of csrdesk's files reaches it */
	execve(argv[0], argv, env);
	_exit(127);
}

/* Waits for pid at most timeout seconds, then kills it; its status. */
static int wait_bounded(pid_t pid, int timeout)
{
	struct timespec step = { 0, 20 * 1000 * 1000 };
	int status = 0;
	for (long waited = 0; waited < timeout * 50L; waited++) {
		pid_t r = waitpid(pid, &status, WNOHANG);
		if (r == pid || (r < 0 && errno != EINTR))
			return r == pid ? status : -1;
		nanosleep(&step, NULL);
	}
	kill(-pid, SIGKILL);
	kill(pid, SIGKILL);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	return -1;
}

csr_code csr_mail_run(const char *command, int fd, int timeout, csr_err *err)
{
	char buf[CSR_MAIL_COMMAND_MAX];
	char *argv[CSR_MAIL_COMMAND_WORDS + 1];
	if (!csr_mail_command_valid(command) || csr_mail_command_words(command, buf, sizeof buf, argv) == 0)
		return csr_fail(err, CSR_EINVAL, _("The mail command \"%s\" is not valid"), command);
	if (lseek(fd, 0, SEEK_SET) != 0)
		return csr_fail(err, CSR_EIO, _("Cannot read the mail back: %s"), strerror(errno));
	pid_t pid = fork();
	if (pid < 0)
		return csr_fail(err, CSR_EIO, _("Cannot start %s: %s"), argv[0], strerror(errno));
	if (pid == 0)
		exec_mta(argv, fd);
	setpgid(pid, pid); /* as the MTA does itself: whichever comes first */
	int status = wait_bounded(pid, timeout);
	if (status == -1)
		return csr_fail(err, CSR_EIO, _("%s did not finish within %d seconds"), argv[0],
				timeout);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
		return csr_fail(err, CSR_EIO, _("Cannot run %s"), argv[0]);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return csr_fail(err, CSR_EIO, _("%s refused the mail (status %d)"), argv[0],
				WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
	return CSR_OK;
}

/* ---- the claim ---- */

static bool sender_alive(int64_t pid)
{
	return pid > 0 && pid <= INT32_MAX && (kill((pid_t)pid, 0) == 0 || errno != ESRCH);
}

/* Whether row id may be claimed now: not mailed and not held by a live
 * sender's fresh claim. */
static csr_code claimable(csr_db *db, int64_t id, int64_t now, bool *yes, csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db,
		"SELECT mailed_at IS NULL, coalesce(mail_claim, 0), coalesce(mail_claimed_at, 0)"
		" FROM notification WHERE id = ?1", err);
	if (!st)
		return csr_err_code(err);
	sqlite3_bind_int64(st, 1, id);
	int step = sqlite3_step(st);
	*yes = step == SQLITE_ROW && sqlite3_column_int(st, 0) &&
	       (!sender_alive(sqlite3_column_int64(st, 1)) ||
		sqlite3_column_int64(st, 2) <= now - CSR_MAIL_CLAIM_SECONDS);
	csr_stmt_done(st);
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		return csr_db_fail(db, step, N_("claiming a mail"), err);
	return CSR_OK;
}

static csr_code claim_one(csr_db *db, int64_t id, int pid, int64_t now, csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db,
		"UPDATE notification SET mail_claim = ?2, mail_claimed_at = ?3 WHERE id = ?1", err);
	if (!st)
		return csr_err_code(err);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, pid);
	sqlite3_bind_int64(st, 3, now);
	int step = sqlite3_step(st);
	csr_stmt_done(st);
	return step == SQLITE_DONE ? CSR_OK : csr_db_fail(db, step, N_("claiming a mail"), err);
}

csr_code csr_mail_claim(csr_db *db, int64_t *ids, int *n, int pid, int64_t now, csr_err *err)
{
	csr_code rc = csr_tx_begin(db, err);
	int kept = 0;
	for (int i = 0; rc == CSR_OK && i < *n; i++) {
		bool yes = false;
		rc = claimable(db, ids[i], now, &yes, err);
		if (rc == CSR_OK && yes)
			rc = claim_one(db, ids[i], pid, now, err);
		if (rc == CSR_OK && yes)
			ids[kept++] = ids[i];
	}
	rc = csr_tx_end(db, rc, err);
	*n = rc == CSR_OK ? kept : 0;
	return rc;
}

/* ---- who has mail due ---- */

static void read_recipient(sqlite3_stmt *st, void *row)
{
	csr_mail_recipient *r = row;
	r->volunteer_id = sqlite3_column_int64(st, 0);
	csr_col_text(st, 1, r->unix_user, sizeof r->unix_user);
}

csr_code csr_mail_recipients(csr_db *db, int64_t now, csr_mail_recipient *out, int max, int *n,
			     csr_err *err)
{
	*n = 0;
	sqlite3_stmt *st = csr_db_stmt(db,
		"SELECT coalesce(volunteer_id, 0), coalesce(unix_user, '') FROM notification"
		" WHERE mailed_at IS NULL AND due_at <= ?1 GROUP BY 1, 2 ORDER BY min(due_at)"
		" LIMIT ?2", err);
	if (!st)
		return csr_err_code(err);
	sqlite3_bind_int64(st, 1, now);
	sqlite3_bind_int(st, 2, max);
	return csr_read_rows(db, st, read_recipient, out, sizeof *out, max, n,
			     N_("reading the mail due"), err);
}

csr_code csr_mail_digest_sent(csr_db *db, const csr_mail_recipient *r, int64_t since, bool *yes,
			      csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db,
		"SELECT count(*) FROM notification WHERE (volunteer_id = ?1 OR unix_user = ?2)"
		" AND kind LIKE 'lead\\_%' ESCAPE '\\' AND mailed_at >= ?3", err);
	if (!st)
		return csr_err_code(err);
	sqlite3_bind_int64(st, 1, r->volunteer_id ? r->volunteer_id : -1);
	if (r->unix_user[0])
		sqlite3_bind_text(st, 2, r->unix_user, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, since);
	int64_t count = 0;
	csr_code rc = csr_read_count(db, st, &count, N_("reading the mail due"), err);
	*yes = count > 0;
	return rc;
}
