/* SPDX-License-Identifier: MIT */
/* csrdesk benchmarks — what the data set generator and the benchmark share:
 * the generator's version (the cache key of the generated database), the
 * size of the data set, a small deterministic PRNG and a clock. Test
 * tooling, not part of csrdesk. */
#ifndef CSRDESK_BENCH_H
#define CSRDESK_BENCH_H

#include <stdint.h>
#include <time.h>

/* Bump whenever the generator's output changes: the benchmark caches the
 * database under a name that holds this number. */
#define BENCH_GEN_VERSION 1

enum {
	BENCH_VOLUNTEERS = 50000,
	BENCH_SITES = 4,
	BENCH_TEAMS = 40,
	BENCH_PARTNERS = 200,
	BENCH_INITIATIVES = 5000,
	BENCH_SIGNUPS = 600000,   /* sign-up rows, cancelled history included */
	BENCH_RECORDS = 1000000,  /* sign-ups + hours */
	BENCH_DAYS_PAST = 730,    /* initiatives from two years back ... */
	BENCH_DAYS_AHEAD = 365,   /* ... to one year ahead of the anchor */
	BENCH_DAY = 86400,
};

/* xorshift64*: small, fast and the same on every platform, so a seed
 * always gives the same data set. */
typedef struct bench_rng {
	uint64_t s;
} bench_rng;

static inline uint64_t bench_rng_next(bench_rng *r)
{
	uint64_t x = r->s;
	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	r->s = x;
	return x * 2685821657736338717ULL;
}

/* Uniform in [0, n). */
static inline uint32_t bench_rng_below(bench_rng *r, uint32_t n)
{
	return (uint32_t)(((bench_rng_next(r) >> 32) * n) >> 32);
}

/* True with probability percent / 100. */
static inline int bench_rng_chance(bench_rng *r, unsigned percent)
{
	return bench_rng_below(r, 100) < percent;
}

/* Monotonic microseconds: comparable across processes on one machine. */
static inline int64_t bench_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

#endif
