/* SPDX-License-Identifier: MIT */
/* Driving csrdesk through a pseudo-terminal: start it, send keys, and see
 * when its output for a key has ended. */
#include "bench_tty.h"

#include <errno.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"

int tty_spawn(tty *t, char *const argv[])
{
	struct winsize ws = { .ws_row = TTY_ROWS, .ws_col = TTY_COLS };
	*t = (tty){ .fd = -1 };
	screen_init(&t->scr);
	t->pid = forkpty(&t->fd, NULL, NULL, &ws);
	if (t->pid < 0)
		return -1;
	if (t->pid == 0) {
		setenv("TERM", "xterm", 1);
		setenv("LANG", "C.UTF-8", 1);
		setenv("LC_ALL", "C.UTF-8", 1);
		unsetenv("CSRDESK_CONFIG");
		execv(argv[0], argv);
		_exit(127);
	}
	return 0;
}

static bool buf_add(tty_buf *b, const char *data, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = (b->len + n + 1) * 2;
		char *s = realloc(b->s, cap);
		if (!s)
			return false;
		b->s = s;
		b->cap = cap;
	}
	memcpy(b->s + b->len, data, n);
	b->len += n;
	b->s[b->len] = '\0';
	return true;
}

static void buf_clear(tty_buf *b)
{
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
}

/* A small parser for what ncurses writes to an xterm: CSI sequences
 * (ESC [ ... final), charset selections (ESC ( B), OSC strings and two-byte
 * escapes are dropped, and so are control bytes; printable text stays. */
enum { ESC_NONE, ESC_START, ESC_CSI, ESC_INTER, ESC_OSC };

static int esc_step(int state, unsigned char c, bool *keep)
{
	*keep = false;
	switch (state) {
	case ESC_START:
		return c == '[' ? ESC_CSI : c == ']' ? ESC_OSC
		       : c >= 0x20 && c <= 0x2f ? ESC_INTER : ESC_NONE;
	case ESC_CSI: return c >= 0x40 && c <= 0x7e ? ESC_NONE : ESC_CSI;
	case ESC_INTER: return c >= 0x30 && c <= 0x7e ? ESC_NONE : ESC_INTER;
	case ESC_OSC: return c == 0x07 ? ESC_NONE : c == 0x1b ? ESC_START : ESC_OSC;
	default:
		if (c == 0x1b)
			return ESC_START;
		*keep = c >= 0x20 && c != 0x7f;
		return ESC_NONE;
	}
}

static bool add_text(tty *t, const char *data, size_t n)
{
	char plain[16384];
	size_t len = 0;
	for (size_t i = 0; i < n && len < sizeof plain; i++) {
		bool keep;
		t->esc = esc_step(t->esc, (unsigned char)data[i], &keep);
		if (keep)
			plain[len++] = data[i];
	}
	return buf_add(&t->text, plain, len);
}

/* Appends what one read() gives; -1 at the end of the output. */
static int read_some(tty *t)
{
	char buf[16384];
	ssize_t n = read(t->fd, buf, sizeof buf);
	if (n <= 0)
		return n < 0 && errno == EINTR ? 0 : -1;
	t->last_us = bench_us();
	screen_feed(&t->scr, buf, (size_t)n, t->last_us);
	if (!buf_add(&t->raw, buf, (size_t)n) || !add_text(t, buf, (size_t)n))
		return -1;
	return 1;
}

/* Waits up to ms for output: 1 read, 0 none, -1 ended. */
static int wait_output(tty *t, int ms)
{
	struct pollfd pfd = { .fd = t->fd, .events = POLLIN };
	int rc = poll(&pfd, 1, ms);
	if (rc < 0)
		return errno == EINTR ? 0 : -1;
	if (rc == 0)
		return 0;
	return read_some(t);
}

static bool has_marker(const tty *t, const char *marker)
{
	return !marker || (t->text.s && strstr(t->text.s, marker));
}

int64_t tty_settle(tty *t, const char *marker, int quiet_ms, int timeout_ms)
{
	int64_t deadline = bench_us() + (int64_t)timeout_ms * 1000;
	size_t start = t->raw.len;
	for (;;) {
		bool seen = t->raw.len > start && has_marker(t, marker);
		int64_t now = bench_us();
		if (now >= deadline)
			return -1;
		int wait = seen ? quiet_ms : (int)((deadline - now) / 1000) + 1;
		int rc = wait_output(t, wait);
		if (rc < 0)
			return -1;
		if (rc == 0 && seen)
			return t->last_us;
	}
}

int64_t tty_until(tty *t, tty_done *done, const void *arg, int timeout_ms)
{
	int64_t deadline = bench_us() + (int64_t)timeout_ms * 1000;
	for (;;) {
		int64_t now = bench_us();
		if (now >= deadline)
			return -1;
		int rc = wait_output(t, (int)((deadline - now) / 1000) + 1);
		if (rc < 0)
			return -1;
		if (rc > 0 && done(t, arg))
			return t->last_us;
	}
}

int64_t tty_quiet(tty *t, int quiet_ms)
{
	while (wait_output(t, quiet_ms) > 0)
		;
	return t->last_us;
}

int tty_drain(tty *t)
{
	int rc;
	while ((rc = wait_output(t, 0)) > 0)
		;
	return rc;
}

void tty_forget(tty *t)
{
	while (wait_output(t, 0) > 0)
		;
	buf_clear(&t->raw);
	buf_clear(&t->text);
}

void tty_dump(const tty *t, const char *path)
{
	FILE *f = fopen(path, "w");
	if (!f)
		return;
	fwrite(t->raw.s ? t->raw.s : "", 1, t->raw.len, f);
	fclose(f);
}

int64_t tty_send(tty *t, const char *keys)
{
	int64_t at = bench_us();
	size_t len = strlen(keys);
	if (write(t->fd, keys, len) != (ssize_t)len)
		return -1;
	return at;
}

long tty_peak_rss_kb(const tty *t)
{
	char path[64], line[256];
	snprintf(path, sizeof path, "/proc/%d/status", (int)t->pid);
	FILE *f = fopen(path, "r");
	long kb = -1;
	while (f && fgets(line, sizeof line, f))
		if (sscanf(line, "VmHWM: %ld kB", &kb) == 1)
			break;
	if (f)
		fclose(f);
	return kb;
}

/* waitpid with a time limit; true when the program ended. */
static bool reaped(pid_t pid, int ms)
{
	for (int waited = 0; waited < ms; waited += 10) {
		pid_t rc = waitpid(pid, NULL, WNOHANG);
		if (rc == pid || (rc < 0 && errno == ECHILD))
			return true;
		usleep(10000);
	}
	return false;
}

void tty_close(tty *t)
{
	if (t->pid > 0) {
		tty_send(t, "q");
		/* Keep reading so the program never blocks on a full pty. */
		for (int i = 0; i < 300 && waitpid(t->pid, NULL, WNOHANG) == 0; i++)
			wait_output(t, 10);
		if (!reaped(t->pid, 10)) {
			kill(t->pid, SIGKILL);
			reaped(t->pid, 3000);
		}
	}
	if (t->fd >= 0)
		close(t->fd);
	free(t->raw.s);
	free(t->text.s);
	*t = (tty){ .fd = -1 };
}
