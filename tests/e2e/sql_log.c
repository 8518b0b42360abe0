/* SPDX-License-Identifier: MIT */
/* A test's window on the SQL a running csrdesk executes, without any hook
 * in the program: preloaded (LD_PRELOAD), it wraps sqlite3_step and appends
 * each statement's text, once per execution, as one line to the file named
 * by $E2E_SQL_LOG. While the file named by $E2E_SQL_SLOW exists, each
 * execution first waits $E2E_SQL_SLOW_MS milliseconds (default 100), so a
 * test can see what the screen shows while csrdesk counts. */
#include <dlfcn.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum { LINE_MAX_LEN = 400 };

typedef int (*step_fn)(sqlite3_stmt *);

/* A statement's text on one line (newlines and tabs as spaces), cut. */
static size_t one_line(const char *sql, char *out, size_t size)
{
	size_t n = 0;
	for (; sql && *sql && n + 2 < size; sql++)
		out[n++] = *sql == '\n' || *sql == '\t' || *sql == '\r' ? ' ' : *sql;
	out[n++] = '\n';
	return n;
}

static void log_statement(sqlite3_stmt *st)
{
	const char *path = getenv("E2E_SQL_LOG");
	if (!path)
		return;
	char line[LINE_MAX_LEN];
	size_t n = one_line(sqlite3_sql(st), line, sizeof line);
	int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0)
		return;
	if (write(fd, line, n) < 0) {
		/* a test that reads the log fails on what is missing */
	}
	close(fd);
}

static void maybe_slow(void)
{
	const char *flag = getenv("E2E_SQL_SLOW");
	struct stat st;
	if (!flag || stat(flag, &st) != 0)
		return;
	const char *ms = getenv("E2E_SQL_SLOW_MS");
	long wait = ms ? strtol(ms, NULL, 10) : 100;
	struct timespec ts = { wait / 1000, (wait % 1000) * 1000000L };
	nanosleep(&ts, NULL);
}

int sqlite3_step(sqlite3_stmt *st)
{
	static step_fn real;
	if (!real)
		real = (step_fn)dlsym(RTLD_NEXT, "sqlite3_step");
	if (!sqlite3_stmt_busy(st)) { /* the first step of an execution */
		maybe_slow();
		log_statement(st);
	}
	return real(st);
}
