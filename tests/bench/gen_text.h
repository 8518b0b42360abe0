/* SPDX-License-Identifier: MIT */
/* csrdesk benchmarks — the words the data set generator builds names,
 * titles and comments from (gen_text.c). */
#ifndef CSRDESK_BENCH_GEN_TEXT_H
#define CSRDESK_BENCH_GEN_TEXT_H

#include <stddef.h>

#include "bench.h"

/* Writes a person's name in one of many scripts and naming orders (Latin
 * with diacritics, Cyrillic, Greek, CJK, Hangul, Arabic, Vietnamese ...). */
void gen_person_name(bench_rng *r, char *out, size_t size);

/* A site's name, and the name of team t of a data set of size z ("Tech
 * Support – Łódź Centrum"; "Tech Support 2 – Łódź Centrum" when a site has
 * more than ten teams). */
const char *gen_site(int site);
void gen_team(const bench_size *z, int team, char *out, size_t size);

/* 0..3 comma-separated skills. */
void gen_skills(bench_rng *r, char *out, size_t size);

/* A unique partner name for partner i (0, 1, ...). */
void gen_partner_name(int i, char *out, size_t size);

/* An initiative's title and location for category index cat (0..3). */
void gen_title(bench_rng *r, int cat, int serial, char *out, size_t size);
void gen_location(bench_rng *r, char *out, size_t size);

/* A feedback comment or an hours note ("" now and then). */
const char *gen_comment(bench_rng *r);
const char *gen_note(bench_rng *r);

#endif
