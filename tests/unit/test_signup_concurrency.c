/* SPDX-License-Identifier: MIT */
/* Sign-up rules under real concurrency: 32 processes, each with its own
 * connection to the same database file (opened after fork; a connection is
 * never shared across fork), released together and signing up at once. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "csrdesk/signup.h"
#include "testutil.h"

enum { PROCS = 32, MAX_VOLUNTEERS = 100 };

/* What one process does: sign volunteers first, first + step, ... up for
 * initiative, each acting as that volunteer (an agent at a kiosk). */
typedef struct share {
	int64_t initiative;
	int first, step;
} share;

/* One sign-up's outcome, sent to the parent through a pipe (small enough
 * for write() to be atomic). */
typedef struct report {
	int32_t volunteer; /* index into the volunteers */
	int32_t code;
	int32_t status;
	int32_t position;
	int32_t overlap; /* refused because of an overlapping place */
} report;

static void sign_up_share(csr_db *db, const share *s, const int64_t *vols, int nvols, int out)
{
	for (int i = s->first; i < nvols; i += s->step) {
		csr_actor a = { .role = CSR_ROLE_AGENT, .volunteer_id = vols[i] };
		snprintf(a.name, sizeof a.name, "kiosk:E%d", i);
		csr_db_set_actor(db, &a);
		csr_signup_result res = { 0 };
		csr_err err = { 0 };
		report r = { .volunteer = i };
		r.code = csr_signup_add(db, s->initiative, vols[i], &res, &err);
		r.status = res.status;
		r.position = res.waitlist_position;
		r.overlap = r.code == CSR_EREFUSED && strstr(err.msg, "at the same time") != NULL;
		if (r.code != CSR_OK && !r.overlap)
			fprintf(stderr, "volunteer %d: %s\n", i, err.msg);
		if (write(out, &r, sizeof r) != (ssize_t)sizeof r)
			_exit(3);
	}
}

/* The child: waits for the start signal, opens its own connection, works
 * through its share and leaves without touching the parent's state. */
static void child(tu_env *env, int go, int out, const share *s, const int64_t *vols, int nvols)
{
	char c;
	if (read(go, &c, 1) != 0) /* EOF: the parent released everyone */
		_exit(4);
	csr_db *db = NULL;
	csr_err err;
	if (csr_db_open(env->dbpath, env->cfg, false, &db, &err) != CSR_OK) {
		fprintf(stderr, "child: %s\n", err.msg);
		_exit(2);
	}
	sign_up_share(db, s, vols, nvols, out);
	csr_db_close(&db);
	_exit(0);
}

/* The test itself could not run (a process crashed or could not start):
 * exit status 99 makes meson report an error, never an expected failure of
 * the broken variant (tests/unit/meson.build). */
static void harness_error(const char *what, int status)
{
	fprintf(stderr, "%s (status %#x)\n", what, (unsigned)status);
	exit(99);
}

/* Runs PROCS processes at once; fills reports and returns how many. */
static int run(tu_env *env, const share *shares, const int64_t *vols, int nvols,
	       report *reports, int max)
{
	int go[2], res[2];
	if (pipe(go) != 0 || pipe(res) != 0)
		harness_error("cannot make a pipe", errno);
	fflush(NULL);
	pid_t pids[PROCS];
	for (int p = 0; p < PROCS; p++) {
		pids[p] = fork();
		if (pids[p] < 0)
			harness_error("cannot start a process", errno);
		if (pids[p] == 0) {
			close(go[1]);
			close(res[0]);
			child(env, go[0], res[1], &shares[p], vols, nvols);
		}
	}
	close(go[0]);
	close(res[1]);
	close(go[1]); /* start */
	int n = 0;
	report r;
	while (read(res[0], &r, sizeof r) == (ssize_t)sizeof r && n < max)
		reports[n++] = r;
	close(res[0]);
	for (int p = 0; p < PROCS; p++) {
		int status = 0;
		if (waitpid(pids[p], &status, 0) != pids[p])
			harness_error("lost a sign-up process", errno);
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
			harness_error("a sign-up process crashed or could not open the database",
				      status);
	}
	return n;
}

/* Fails when any sign-up ended in an error other than the expected refusal
 * of an overlapping place, saying how many did: under a broken write lock
 * they fail with "database busy" rather than wait their turn. */
static void assert_no_errors(const report *reports, int n)
{
	int failed = 0;
	for (int i = 0; i < n; i++)
		if (reports[i].code != CSR_OK && !reports[i].overlap)
			failed++;
	if (failed)
		fail_msg("%d of %d concurrent sign-ups failed", failed, n);
}

static void make_volunteers(tu_env *env, int64_t *vols, int n)
{
	for (int i = 0; i < n; i++) {
		char emp[16];
		snprintf(emp, sizeof emp, "E%03d", i);
		vols[i] = tu_volunteer(env, emp, "Volunteer");
	}
}

/* Takes away the writers' queue (DB-queue, see csr_tx_begin in db.c) by
 * putting a directory in its place, as when it cannot be created: then
 * SQLite's lock alone must keep the rules, only the ordering may suffer.
 * This is also where the broken variant (tests/unit/meson.build) must fail:
 * the queue by itself would line up its DEFERRED writes. */
static void without_queue(tu_env *env)
{
	char path[sizeof env->dbpath + 8];
	snprintf(path, sizeof path, "%s-queue", env->dbpath);
	unlink(path); /* made when the test's own connection opened */
	assert_int_equal(mkdir(path, 0700), 0);
}

static void hundred_for_twenty_places(tu_env *env)
{
	int64_t vols[MAX_VOLUNTEERS];
	make_volunteers(env, vols, 100);
	int64_t ini = tu_initiative(env, "Tree planting", 72, 20);
	share shares[PROCS];
	for (int p = 0; p < PROCS; p++)
		shares[p] = (share){ ini, p, PROCS };
	report reports[128];
	int n = run(env, shares, vols, 100, reports, 128);
	assert_int_equal(n, 100);
	assert_no_errors(reports, n);
	int confirmed = 0, seen[81] = { 0 };
	for (int i = 0; i < n; i++) {
		assert_int_equal(reports[i].code, CSR_OK);
		if (reports[i].status == CSR_SIGNUP_CONFIRMED) {
			confirmed++;
			continue;
		}
		assert_int_equal(reports[i].status, CSR_SIGNUP_WAITLISTED);
		assert_in_range(reports[i].position, 1, 80);
		seen[reports[i].position]++;
	}
	assert_int_equal(confirmed, 20);
	for (int pos = 1; pos <= 80; pos++)
		assert_int_equal(seen[pos], 1); /* 1..80, no gaps, no repeats */
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM signup WHERE status = 'confirmed'"),
			 20);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM signup WHERE status = 'waitlisted'"),
			 80);
	/* arrival order: every confirmed place came before every waitlisted one */
	assert_true(tu_scalar(env, "SELECT max(id) FROM signup WHERE status = 'confirmed'") <
		    tu_scalar(env, "SELECT min(id) FROM signup WHERE status = 'waitlisted'"));
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM audit WHERE action = 'signup.add'"),
			 100);

	int64_t first = tu_scalar(env, "SELECT volunteer_id FROM signup WHERE status ="
				  " 'waitlisted' ORDER BY id LIMIT 1");
	int64_t leaving = tu_scalar(env, "SELECT volunteer_id FROM signup WHERE status ="
				    " 'confirmed' ORDER BY id DESC LIMIT 1");
	tu_act(env, CSR_ROLE_LEAD, 0);
	csr_signup_result res;
	csr_err err;
	assert_int_equal(csr_signup_cancel(env->db, ini, leaving, &res, &err), CSR_OK);
	assert_int_equal(res.promoted_volunteer_id, first);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM signup WHERE status = 'confirmed'"),
			 20);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM signup WHERE status = 'waitlisted'"),
			 79);
}

/* Half the processes sign everyone up for A, the other half for B at the
 * same time: each volunteer races themselves across two overlapping
 * initiatives and may end with at most one confirmed place. */
static void overlapping_initiatives(tu_env *env)
{
	enum { N = 40, CAP = 15, HALF = PROCS / 2 };
	int64_t vols[MAX_VOLUNTEERS];
	make_volunteers(env, vols, N);
	int64_t a = tu_initiative(env, "Blood drive", 72, CAP);
	int64_t b = tu_initiative(env, "Charity run", 73, CAP);
	share shares[PROCS];
	for (int p = 0; p < PROCS; p++)
		shares[p] = (share){ p < HALF ? a : b, p % HALF, HALF };
	report reports[2 * N + 8];
	int n = run(env, shares, vols, N, reports, 2 * N + 8);
	assert_int_equal(n, 2 * N);
	assert_no_errors(reports, n);
	assert_int_equal(tu_scalar(env, "SELECT count(*) FROM (SELECT volunteer_id FROM signup"
				   " WHERE status = 'confirmed' GROUP BY volunteer_id"
				   " HAVING count(*) > 1)"), 0);
	/* with 40 people for 2 x 15 places, both fill up */
	int64_t ids[] = { a, b };
	for (int i = 0; i < 2; i++) {
		char sql[128];
		snprintf(sql, sizeof sql, "SELECT count(*) FROM signup WHERE status = 'confirmed'"
			 " AND initiative_id = %lld", (long long)ids[i]);
		assert_int_equal(tu_scalar(env, sql), CAP);
	}
}

static void test_hundred_for_twenty_places(void **state)
{
	hundred_for_twenty_places(*state);
}

static void test_hundred_for_twenty_places_without_queue(void **state)
{
	without_queue(*state);
	hundred_for_twenty_places(*state);
}

static void test_overlapping_initiatives(void **state)
{
	overlapping_initiatives(*state);
}

static void test_overlapping_initiatives_without_queue(void **state)
{
	without_queue(*state);
	overlapping_initiatives(*state);
}

#define T(f) cmocka_unit_test_setup_teardown(f, tu_setup, tu_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_hundred_for_twenty_places),
		T(test_hundred_for_twenty_places_without_queue),
		T(test_overlapping_initiatives),
		T(test_overlapping_initiatives_without_queue),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
