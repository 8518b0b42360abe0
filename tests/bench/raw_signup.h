/* SPDX-License-Identifier: MIT */
/* csrdesk benchmarks — the yardsticks for sign-up and cancel throughput:
 * the same writes as csr_signup_add and csr_signup_cancel, written as
 * plainly as SQLite allows. */
#ifndef CSRDESK_BENCH_RAW_SIGNUP_H
#define CSRDESK_BENCH_RAW_SIGNUP_H

#include <sqlite3.h>
#include <stdint.h>

typedef struct raw_signup {
	sqlite3 *db;
	sqlite3_stmt *begin, *read, *insert, *commit;
	sqlite3_stmt *cancel, *first_waiting, *confirm, *notify; /* raw_signup_cancel's */
} raw_signup;

/* Opens path in WAL mode with synchronous=FULL and a 10 s busy timeout
 * (what csrdesk uses). SQLITE_OK or an SQLite error code. */
int raw_signup_open(raw_signup *r, const char *path);

/* BEGIN IMMEDIATE; read the capacity and the confirmed count; insert the
 * place, confirmed or waitlisted; COMMIT. SQLITE_OK or an error code. */
int raw_signup_add(raw_signup *r, int64_t initiative_id, int64_t volunteer_id);

/* BEGIN IMMEDIATE; cancel the volunteer's confirmed place; find the first
 * waitlisted place; confirm it; insert its 'promoted' notification; COMMIT.
 * SQLITE_NOTFOUND when there was no confirmed place, or nobody waiting. */
int raw_signup_cancel(raw_signup *r, int64_t initiative_id, int64_t volunteer_id);

void raw_signup_close(raw_signup *r);

#endif
