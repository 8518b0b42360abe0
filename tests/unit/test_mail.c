/* SPDX-License-Identifier: MIT */
/* Tests for src/core/mail.c: the Subject's encoded-words (split on
 * character boundaries, never wider than 76 columns), base64, the date,
 * the composed message (headers, the calendar part, no header injection),
 * running the MTA with a file as its input (status, time limit), and the
 * claim on outbox rows. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "csrdesk/mail.h"
#include "csrdesk/text.h"
#include "testutil.h"

/* ---- helpers ---------------------------------------------------------- */

/* Decodes base64 text (no line breaks) into out; the length. */
static size_t unbase64(const char *in, size_t n, char *out)
{
	static const char alphabet[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t o = 0;
	unsigned v = 0;
	int bits = 0;
	for (size_t i = 0; i < n && in[i] != '='; i++) {
		const char *p = strchr(alphabet, in[i]);
		assert_non_null(p);
		v = v << 6 | (unsigned)(p - alphabet);
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[o++] = (char)(v >> bits & 0xFF);
		}
	}
	out[o] = '\0';
	return o;
}

/* Checks a folded header made by csr_mail_encode_header and returns its
 * decoded text (static): every line at most 76 columns, every
 * encoded-word at most 75 characters and whole UTF-8 by itself. */
static const char *decode_header(const char *header, const char *name)
{
	static char text[4096];
	size_t t = 0;
	size_t prefix = strlen(name) + 1;
	assert_memory_equal(header, name, prefix - 1);
	assert_int_equal(header[prefix - 1], ':');
	const char *line = header;
	for (int first = 1; *line; first = 0) {
		size_t len = strcspn(line, "\n");
		if (len > 76)
			fail_msg("a line of %zu columns: %.*s", len, (int)len, line);
		const char *word = line + (first ? prefix : 0);
		assert_int_equal(*word, ' ');
		word++;
		size_t wlen = (size_t)(line + len - word);
		assert_true(wlen <= 75);
		assert_memory_equal(word, "=?UTF-8?B?", 10);
		assert_memory_equal(word + wlen - 2, "?=", 2);
		char part[256];
		unbase64(word + 10, wlen - 12, part);
		if (!csr_text_is_safe(part))
			fail_msg("an encoded-word splits a character: %s", part);
		t += (size_t)snprintf(text + t, sizeof text - t, "%s", part);
		line += len + (line[len] == '\n');
	}
	return text;
}

static char *compose(const csr_mail *m, csr_code want)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&buf, &size);
	assert_non_null(f);
	csr_err err = { 0 };
	assert_int_equal(csr_mail_compose(m, f, &err), want);
	fclose(f);
	return buf;
}

/* The value of header name in message (static), "" when it is not there. */
static const char *header(const char *message, const char *name)
{
	static char value[1024];
	char key[64];
	snprintf(key, sizeof key, "\n%s: ", name);
	char *copy = NULL;
	assert_int_not_equal(asprintf(&copy, "\n%s", message), -1);
	const char *end_of_headers = strstr(copy, "\n\n");
	const char *at = strstr(copy, key);
	value[0] = '\0';
	if (at && at < end_of_headers)
		snprintf(value, sizeof value, "%.*s", (int)strcspn(at + strlen(key), "\n"),
			 at + strlen(key));
	free(copy);
	return value;
}

/* ---- encoding ---------------------------------------------------------- */

static void test_subject_short(void **state)
{
	(void)state;
	char out[512];
	csr_mail_encode_header("Subject", "You have a place", out, sizeof out);
	assert_string_equal(out, "Subject: =?UTF-8?B?WW91IGhhdmUgYSBwbGFjZQ==?=");
	assert_string_equal(decode_header(out, "Subject"), "You have a place");
}

/* Long titles with umlauts and a four-byte character split on character
 * boundaries, whatever the offset, and decode to the text. */
static void test_subject_long_umlauts(void **state)
{
	(void)state;
	static const char *const texts[] = {
		("Sie haben einen Platz: Blutspende für das Städtische Klinikum Süd, "
		 "Übergabe der Spenden an die Geschäftsführung, 12.12.2026 09:30"),
		"ääääääääääääääääääääääääääääääääääääääääääääääääääääääääääääääääääää",
		"xäxäxäxäxäxäxäxäxäxäxäxäxäxäxäxäxäxäxäxäxäxäxäxäxäxäxäxäxäxäxäxä",
		"Baumpflanzung 🌳🌳🌳🌳🌳🌳🌳🌳🌳🌳🌳🌳🌳🌳🌳🌳🌳🌳🌳🌳🌳 im Stadtpark",
	};
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		char out[2048];
		csr_mail_encode_header("Subject", texts[i], out, sizeof out);
		assert_non_null(strchr(out, '\n')); /* long: folded */
		assert_string_equal(decode_header(out, "Subject"), texts[i]);
	}
}

/* A line break in a title can never start a header of its own. */
static void test_subject_no_injection(void **state)
{
	(void)state;
	char out[512];
	csr_mail_encode_header("Subject", "Place\r\nBcc: everyone@example.org", out, sizeof out);
	for (const char *p = out; (p = strchr(p, '\n')); p++)
		assert_int_equal(p[1], ' ');
	assert_string_equal(decode_header(out, "Subject"), "Place??Bcc: everyone@example.org");
}

static void test_base64(void **state)
{
	(void)state;
	static const char *const vectors[][2] = {
		{ "", "" }, { "f", "Zg==\n" }, { "fo", "Zm8=\n" }, { "foo", "Zm9v\n" },
		{ "foob", "Zm9vYg==\n" }, { "fooba", "Zm9vYmE=\n" }, { "foobar", "Zm9vYmFy\n" },
	};
	for (size_t i = 0; i < sizeof vectors / sizeof vectors[0]; i++) {
		char *buf = NULL;
		size_t size = 0;
		FILE *f = open_memstream(&buf, &size);
		csr_mail_base64(f, vectors[i][0], strlen(vectors[i][0]));
		fclose(f);
		assert_string_equal(buf, vectors[i][1]);
		free(buf);
	}
	/* 200 bytes: lines of 76 characters, the last shorter, decoding back */
	unsigned char data[200];
	for (int i = 0; i < 200; i++)
		data[i] = (unsigned char)(i * 7 + 3);
	char *buf = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&buf, &size);
	csr_mail_base64(f, data, sizeof data);
	fclose(f);
	char joined[400] = "";
	for (char *line = buf; *line;) {
		size_t n = strcspn(line, "\n");
		assert_true(n == 76 || line[n + 1] == '\0');
		strncat(joined, line, n);
		line += n + 1;
	}
	char back[300];
	assert_int_equal(unbase64(joined, strlen(joined), back), sizeof data);
	assert_memory_equal(back, data, sizeof data);
	free(buf);
}

static void test_date(void **state)
{
	(void)state;
	char *tz = getenv("TZ") ? strdup(getenv("TZ")) : NULL;
	char out[64];
	setenv("TZ", "UTC", 1);
	tzset();
	csr_mail_date(1796635878, out, sizeof out); /* 2026-12-07 09:31:18 UTC */
	assert_string_equal(out, "Mon, 07 Dec 2026 09:31:18 +0000");
	setenv("TZ", "Europe/Berlin", 1);
	tzset();
	csr_mail_date(1796635878, out, sizeof out);
	assert_string_equal(out, "Mon, 07 Dec 2026 10:31:18 +0100");
	setenv("TZ", "America/St_Johns", 1);
	tzset();
	csr_mail_date(1796635878, out, sizeof out);
	assert_string_equal(out, "Mon, 07 Dec 2026 06:01:18 -0330");
	if (tz)
		setenv("TZ", tz, 1);
	else
		unsetenv("TZ");
	tzset();
	free(tz);
}

static void test_addresses_and_command(void **state)
{
	(void)state;
	assert_true(csr_mail_address_valid("ana@example.org"));
	assert_true(csr_mail_address_valid("csrtest1@localhost"));
	assert_false(csr_mail_address_valid("ana"));
	assert_false(csr_mail_address_valid("@example.org"));
	assert_false(csr_mail_address_valid("ana@"));
	assert_false(csr_mail_address_valid("a@b@c"));
	assert_false(csr_mail_address_valid("ana@example.org\nBcc: x@y"));
	assert_false(csr_mail_address_valid("Ana <ana@example.org>"));
	assert_false(csr_mail_address_valid("änä@example.org"));
	assert_true(csr_mail_command_valid(""));
	assert_true(csr_mail_command_valid("/usr/sbin/sendmail -t -oi"));
	assert_false(csr_mail_command_valid("sendmail -t"));
	assert_false(csr_mail_command_valid("/usr/sbin/sendmail\n-t"));
	char buf[128];
	char *argv[CSR_MAIL_COMMAND_WORDS + 1];
	assert_int_equal(csr_mail_command_words("  /usr/sbin/sendmail  -t\t-oi ", buf, sizeof buf,
						argv), 3);
	assert_string_equal(argv[0], "/usr/sbin/sendmail");
	assert_string_equal(argv[1], "-t");
	assert_string_equal(argv[2], "-oi");
	assert_null(argv[3]);
	char id[CSR_MAIL_ID_MAX];
	csr_mail_message_id(42, id, sizeof id);
	assert_memory_equal(id, "<csrdesk-notification-42@", 25);
	assert_int_equal(id[strlen(id) - 1], '>');
}

/* ---- composing --------------------------------------------------------- */

static const char calendar[] = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\n"
			       "SUMMARY:Blutspende\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

static csr_mail sample(void)
{
	return (csr_mail){
		.from = "csrdesk@example.org",
		.to = "ana@example.org",
		.subject = "Sie haben einen Platz: Blutspende",
		.body = "Sie haben einen Platz: Blutspende\n\n-- \ncsrdesk\n",
		.message_id = "<csrdesk-notification-7@example.org>",
		.date = 1796635878,
	};
}

static void test_compose_plain(void **state)
{
	(void)state;
	csr_mail m = sample();
	char *msg = compose(&m, CSR_OK);
	assert_string_equal(header(msg, "From"), "csrdesk@example.org");
	assert_string_equal(header(msg, "To"), "ana@example.org");
	assert_string_equal(header(msg, "Message-ID"), "<csrdesk-notification-7@example.org>");
	assert_string_equal(header(msg, "MIME-Version"), "1.0");
	assert_string_equal(header(msg, "Auto-Submitted"), "auto-generated");
	assert_string_equal(header(msg, "Content-Type"), "text/plain; charset=UTF-8");
	assert_string_equal(header(msg, "Content-Transfer-Encoding"), "8bit");
	assert_memory_equal(header(msg, "Date"), "Mon, 07 Dec 2026 ", 17);
	assert_non_null(strstr(msg, "\n\nSie haben einen Platz: Blutspende\n\n-- \ncsrdesk\n"));
	const char *subject = strstr(msg, "Subject: ");
	char line[512];
	snprintf(line, sizeof line, "%.*s", (int)strcspn(subject, "\n"), subject);
	assert_string_equal(decode_header(line, "Subject"), m.subject);
	free(msg);
}

static void test_compose_calendar(void **state)
{
	(void)state;
	csr_mail m = sample();
	m.body = "--=_csrdesk_0 in the body\n";
	m.calendar = calendar;
	m.calendar_size = sizeof calendar - 1;
	char *msg = compose(&m, CSR_OK);
	/* the boundary is one the body does not hold */
	assert_string_equal(header(msg, "Content-Type"),
			    "multipart/mixed; boundary=\"=_csrdesk_1\"");
	assert_non_null(strstr(msg, "\n\n--=_csrdesk_1\nContent-Type: text/plain; charset=UTF-8\n"));
	const char *part = strstr(msg, "\n--=_csrdesk_1\nContent-Type: text/calendar; charset=UTF-8;"
				  " method=PUBLISH\nContent-Transfer-Encoding: base64\n"
				  "Content-Disposition: attachment; filename=\"csrdesk.ics\"\n\n");
	assert_non_null(part);
	part = strstr(part, "\n\n") + 2;
	const char *end = strstr(part, "--=_csrdesk_1--\n");
	assert_non_null(end);
	assert_string_equal(end, "--=_csrdesk_1--\n");
	char joined[1024] = "", back[1024];
	for (const char *l = part; l < end; l += strcspn(l, "\n") + 1)
		strncat(joined, l, strcspn(l, "\n"));
	unbase64(joined, strlen(joined), back);
	/* METHOD:PUBLISH as the part's method says, the rest as it was */
	assert_string_equal(back, "BEGIN:VCALENDAR\r\nMETHOD:PUBLISH\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\n"
				  "SUMMARY:Blutspende\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
	free(msg);
}

/* What would break a header or the body's lines is refused. */
static void test_compose_refuses(void **state)
{
	(void)state;
	csr_mail m = sample();
	m.to = "ana@example.org\nBcc: all@example.org";
	free(compose(&m, CSR_EINVAL));
	m = sample();
	m.from = "desk\r\n@example.org";
	free(compose(&m, CSR_EINVAL));
	m = sample();
	m.message_id = "<a b@c>";
	free(compose(&m, CSR_EINVAL));
	m = sample();
	char *long_line = calloc(1, 1200);
	memset(long_line, 'x', 1100);
	m.body = long_line;
	free(compose(&m, CSR_EINVAL));
	m.body = "a\rb\n";
	free(compose(&m, CSR_EINVAL));
	free(long_line);
}

/* ---- running the MTA -------------------------------------------------- */

/* A stand-in MTA in dir: copies its input to dir/got, its arguments and
 * environment to dir/args, then exits with $status from dir/status or
 * sleeps. Its path. */
static const char *fake_mta(tu_env *env)
{
	static char path[400];
	char script[2048];
	snprintf(script, sizeof script,
		 "#!/bin/sh\n"
		 "cat >'%s/got'\n"
		 "echo \"$@\" >'%s/args'\n"
		 "env >>'%s/args'\n"
		 "read status <'%s/status'\n"
		 "[ \"$status\" = sleep ] && sleep 30\n"
		 "exit $status\n", env->dir, env->dir, env->dir, env->dir);
	snprintf(path, sizeof path, "%s", tu_write_file(env, "mta", script));
	assert_int_equal(chmod(path, 0700), 0);
	return path;
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	static char buf[8192];
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static void test_run(void **state)
{
	tu_env *env = *state;
	char command[512], path[400];
	snprintf(command, sizeof command, "%s -t -oi", fake_mta(env));
	int fd = memfd_create("mail", 0);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "To: a@b\n\nhello\n", 15), 15);
	csr_err err = { 0 };
	tu_write_file(env, "status", "0\n");
	assert_int_equal(csr_mail_run(command, fd, 5, &err), CSR_OK);
	snprintf(path, sizeof path, "%s/got", env->dir);
	assert_string_equal(slurp(path), "To: a@b\n\nhello\n"); /* from the start */
	snprintf(path, sizeof path, "%s/args", env->dir);
	const char *args = slurp(path);
	assert_memory_equal(args, "-t -oi\n", 7);
	assert_null(strstr(args, "CSRDESK_CONFIG")); /* not our environment */

	tu_write_file(env, "status", "75\n");
	assert_int_equal(csr_mail_run(command, fd, 5, &err), CSR_EIO);
	assert_non_null(strstr(err.msg, "status 75"));

	tu_write_file(env, "status", "sleep\n");
	time_t start = time(NULL);
	assert_int_equal(csr_mail_run(command, fd, 1, &err), CSR_EIO);
	assert_true(time(NULL) - start < 10);
	assert_non_null(strstr(err.msg, "within 1 seconds"));

	snprintf(command, sizeof command, "%s/no-such-mta -t", env->dir);
	assert_int_equal(csr_mail_run(command, fd, 5, &err), CSR_EIO);
	assert_int_equal(csr_mail_run("relative -t", fd, 5, &err), CSR_EINVAL);
	close(fd);
}

/* ---- the claim --------------------------------------------------------- */

static int64_t note(tu_env *env, const char *extra)
{
	tu_sqlf(env, "INSERT INTO notification (volunteer_id, kind, created_at, due_at%s)"
		" VALUES (1, 'promoted', 100, 100%s)", extra[0] ? ", mailed_at" : "", extra);
	return tu_scalar(env, "SELECT max(id) FROM notification");
}

/* A process id that is certainly gone: a child that exited, reaped. */
static int dead_pid(void)
{
	pid_t pid = fork();
	if (pid == 0)
		_exit(0);
	waitpid(pid, NULL, 0);
	return (int)pid;
}

static void test_claim(void **state)
{
	tu_env *env = *state;
	tu_volunteer(env, "E1", "Ana");
	int64_t now = 1000000;
	int64_t fresh = note(env, ""), mailed = note(env, ", 500");
	int64_t ids[2] = { fresh, mailed };
	int n = 2;
	csr_err err = { 0 };
	assert_int_equal(csr_mail_claim(env->db, ids, &n, getpid(), now, &err), CSR_OK);
	assert_int_equal(n, 1); /* a mailed row is never claimed */
	assert_int_equal(ids[0], fresh);
	assert_int_equal(tu_scalar(env, "SELECT mail_claim FROM notification WHERE mail_claimed_at"
				   " = 1000000"), getpid());

	/* held by a live sender (this process): not again */
	n = 1;
	assert_int_equal(csr_mail_claim(env->db, ids, &n, 4242, now + 10, &err), CSR_OK);
	assert_int_equal(n, 0);
	/* ... unless the claim is older than CSR_MAIL_CLAIM_SECONDS */
	n = 1;
	ids[0] = fresh;
	assert_int_equal(csr_mail_claim(env->db, ids, &n, dead_pid(),
					now + CSR_MAIL_CLAIM_SECONDS, &err), CSR_OK);
	assert_int_equal(n, 1);
	/* a sender that is gone: taken again at once */
	n = 1;
	assert_int_equal(csr_mail_claim(env->db, ids, &n, getpid(), now + CSR_MAIL_CLAIM_SECONDS + 1,
					&err), CSR_OK);
	assert_int_equal(n, 1);
	assert_int_equal(tu_scalar(env, "SELECT mail_claim FROM notification WHERE mail_claimed_at"
				   " = 1000601"), getpid());
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_subject_short),
		cmocka_unit_test(test_subject_long_umlauts),
		cmocka_unit_test(test_subject_no_injection),
		cmocka_unit_test(test_base64),
		cmocka_unit_test(test_date),
		cmocka_unit_test(test_addresses_and_command),
		cmocka_unit_test(test_compose_plain),
		cmocka_unit_test(test_compose_calendar),
		cmocka_unit_test(test_compose_refuses),
		cmocka_unit_test_setup_teardown(test_run, tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(test_claim, tu_setup, tu_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
