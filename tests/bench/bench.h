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
#define BENCH_GEN_VERSION 2

enum {
	BENCH_VOLUNTEERS = 50000, /* the default size */
	BENCH_SITES = 4,          /* at most; fewer when there are fewer teams */
	BENCH_TEAM_PEOPLE = 1250, /* about this many people per team */
	BENCH_DAYS_PAST = 730,    /* initiatives from two years back ... */
	BENCH_DAYS_AHEAD = 365,   /* ... to one year ahead of the anchor */
	BENCH_DAY = 86400,
};

/* How big each part of a data set of a given number of volunteers is:
 * everything in proportion to the 50,000 of the original data set (40
 * teams, 200 partners and team leads, 5,000 initiatives, 600,000 sign-up
 * rows and 1,000,000 records with the hours). */
typedef struct bench_size {
	int volunteers, teams, sites, partners, leads, initiatives;
	long signups; /* sign-up rows, cancelled history included */
	long records; /* sign-ups + hours */
} bench_size;

static inline int bench_at_least_1(long n)
{
	return n < 1 ? 1 : (int)n;
}

static inline bench_size bench_size_of(int volunteers)
{
	bench_size z = { .volunteers = volunteers };
	z.teams = bench_at_least_1((volunteers + BENCH_TEAM_PEOPLE / 2) / BENCH_TEAM_PEOPLE);
	z.sites = z.teams < BENCH_SITES ? z.teams : BENCH_SITES;
	z.partners = bench_at_least_1(volunteers / 250);
	z.leads = bench_at_least_1(volunteers / 250);
	z.initiatives = bench_at_least_1(volunteers / 10);
	z.signups = 12L * volunteers;
	z.records = 20L * volunteers;
	return z;
}

/* The site of team t: the teams are spread evenly, in blocks. */
static inline int bench_site_of(const bench_size *z, int team)
{
	int per_site = (z->teams + z->sites - 1) / z->sites;
	return team / per_site;
}

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
