/* SPDX-License-Identifier: MIT */
/* Many sessions on Impact. On a copy of the data set, b->sessions csrdesk
 * processes start one after the other, each in its own pty, switch to
 * Impact (3) and wait there until the figures are drawn. Then, while a
 * poll loop reads every pty (so no session ever blocks on a full one),
 * their CPU time (utime + stime from /proc/PID/stat) is read at three
 * moments: before and after b->seconds of nothing happening (idle), and
 * after b->seconds more during which a writer process logs one hours row
 * per second through the library, as a lead for someone else, so each row
 * is approved at once and changes the figures every session shows. */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"
#include "bench_files.h"
#include "bench_sessions.h"
#include "bench_table.h"
#include "bench_tty.h"
#include "csrdesk/auth.h"
#include "csrdesk/clock.h"
#include "csrdesk/db.h"
#include "csrdesk/hours.h"

enum { START_TIMEOUT_MS = 60000, SETTLE_MS = 2000 };

static const double CORES_TARGET = 0.2, IDLE_TARGET_MS = 10;

/* utime + stime of a process, in ms; -1 when it is gone. */
static double cpu_ms(pid_t pid)
{
	char path[64], line[1024];
	snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	char *ok = fgets(line, sizeof line, f);
	fclose(f);
	char *p = ok ? strrchr(line, ')') : NULL; /* the name may hold spaces */
	unsigned long utime, stime;
	if (!p || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &utime,
			 &stime) != 2)
		return -1;
	return (double)(utime + stime) * 1000.0 / (double)sysconf(_SC_CLK_TCK);
}

static double total_cpu_ms(const tty *t, int n)
{
	double sum = 0;
	for (int i = 0; i < n; i++) {
		double ms = cpu_ms(t[i].pid);
		sum += ms > 0 ? ms : 0;
	}
	return sum;
}

/* Reads every pty for ms, throwing the output away. */
static void drain_for(tty *t, int n, int ms)
{
	struct pollfd *pfd = calloc((size_t)n, sizeof *pfd);
	char buf[16384];
	if (!pfd)
		return;
	for (int i = 0; i < n; i++)
		pfd[i] = (struct pollfd){ .fd = t[i].fd, .events = POLLIN };
	int64_t end = bench_us() + (int64_t)ms * 1000;
	for (int64_t now = bench_us(); now < end; now = bench_us()) {
		if (poll(pfd, (nfds_t)n, (int)((end - now) / 1000) + 1) <= 0)
			continue;
		for (int i = 0; i < n; i++)
			if (pfd[i].revents & POLLIN) {
				if (read(pfd[i].fd, buf, sizeof buf) < 0 && errno != EINTR)
					pfd[i].fd = -1;
			} else if (pfd[i].revents & (POLLHUP | POLLERR)) {
				pfd[i].fd = -1; /* the session ended */
			}
	}
	free(pfd);
}

/* One session, on Impact with its figures drawn; false when it was not. */
static bool start_session(const sessions_bench *b, const char *db, tty *t)
{
	char *argv[] = { (char *)b->csrdesk, "--config", (char *)b->config, "--db", (char *)db,
			 NULL };
	if (tty_spawn(t, argv) != 0)
		return false;
	if (tty_settle(t, "q quit", b->quiet_ms, START_TIMEOUT_MS) < 0)
		return false;
	tty_forget(t);
	tty_send(t, "3");
	bool ok = tty_settle(t, "Participation", b->quiet_ms, START_TIMEOUT_MS) >= 0;
	tty_forget(t);
	return ok;
}

/* The writer: one approved hours row per second for `seconds` seconds. */
static void writer(const sessions_bench *b, const char *db_path)
{
	csr_db *db = NULL;
	csr_err err;
	csr_actor lead = { .role = CSR_ROLE_LEAD, .volunteer_id = 1, .name = "bench:writer" };
	if (csr_db_open(db_path, b->cfg, false, &db, &err) != CSR_OK)
		_exit(1);
	csr_db_set_actor(db, &lead);
	int64_t start = bench_us();
	int failed = 0;
	for (int i = 0; i < b->seconds; i++) {
		int64_t wait = start + (int64_t)i * 1000000 - bench_us();
		if (wait > 0)
			usleep((useconds_t)wait);
		csr_hours h = { .volunteer_id = 2 + i, .worked_on = csr_now(), .minutes = 60 };
		snprintf(h.note, sizeof h.note, "bench: many sessions");
		failed += csr_hours_log(db, &h, &err) != CSR_OK || h.status != CSR_HOURS_APPROVED;
	}
	csr_db_close(&db);
	_exit(failed ? 1 : 0);
}

static void add_rows(const sessions_bench *b, int n, double idle_ms, double busy_ms,
		     bool writer_ok)
{
	char note[160];
	double minutes = b->seconds / 60.0;
	snprintf(note, sizeof note, "%d sessions on Impact, %d s without any write", n,
		 b->seconds);
	table_add_value("sessions idle: CPU per session per minute", idle_ms / n / minutes, "ms",
			TARGET_AT_MOST, IDLE_TARGET_MS, note);
	snprintf(note, sizeof note, "%d sessions on Impact, one approved hours row per second"
		 " for %d s%s", n, b->seconds, writer_ok ? "" : " (the writer FAILED)");
	table_add_value("sessions + writer: cores used in total", busy_ms / 1000.0 / b->seconds,
			"cores", TARGET_AT_MOST, CORES_TARGET, note);
	table_add_value("sessions + writer: CPU per session per minute", busy_ms / n / minutes,
			"ms", TARGET_NONE, 0, NULL);
}

static int measure(const sessions_bench *b, const char *db, tty *t, int n)
{
	drain_for(t, n, SETTLE_MS);
	double before = total_cpu_ms(t, n);
	drain_for(t, n, b->seconds * 1000);
	double idle = total_cpu_ms(t, n);
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0)
		writer(b, db);
	drain_for(t, n, b->seconds * 1000);
	double busy = total_cpu_ms(t, n);
	int status = 0;
	bool writer_ok = pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
			 WEXITSTATUS(status) == 0;
	add_rows(b, n, idle - before, busy - idle, writer_ok);
	return 0;
}

int sessions_bench_run(const sessions_bench *b)
{
	char db[4200];
	snprintf(db, sizeof db, "%s/sessions.db", b->work_dir);
	bench_remove_db(db);
	if (bench_copy_file(b->source_db, db) != 0)
		return -1;
	tty *t = calloc((size_t)b->sessions, sizeof *t);
	int n = 0, rc = -1;
	while (t && n < b->sessions && start_session(b, db, &t[n]))
		n++;
	if (t && n == b->sessions)
		rc = measure(b, db, t, n);
	else
		fprintf(stderr, "csrbench: session %d of %d never showed Impact\n", n + 1,
			b->sessions);
	for (int i = 0; t && i < n + (n < b->sessions); i++)
		tty_close(&t[i]);
	free(t);
	bench_remove_db(db);
	return rc;
}
