/* SPDX-License-Identifier: MIT */
/* csrdesk — one count of figures for every session that shows them
 * (migration 16). The figures carry a generation that every write which
 * can change one moves on; what a session counts for a key (its scope,
 * period and settings) is stored under the generation it was counted at,
 * and the other sessions read it instead of counting. While one session
 * counts, the others wait for it a moment rather than count the same. The
 * cache holds aggregates only, as the screens show them; it is best
 * effort: when the database cannot be written at once, a session counts
 * for itself. */
#ifndef CSRDESK_FIGURES_CACHE_H
#define CSRDESK_FIGURES_CACHE_H

#include <stddef.h>
#include <stdint.h>

#include "csrdesk/status.h"

typedef struct csr_db csr_db;

enum {
	CSR_FIGURES_KEY_MAX = 512,
	/* another session's count is waited for this long at most... */
	CSR_FIGURES_WAIT_MS = 1500,
	/* ...and forgotten when older than this (that session has gone) */
	CSR_FIGURES_CLAIM_MS = 3000,
};

/* The generation of the figures now. */
csr_code csr_figures_generation(csr_db *db, int64_t *out, csr_err *err);

/* Counts into its buffer; the count reads inside the caller's snapshot. */
typedef csr_code (*csr_figures_count)(void *ctx, csr_err *err);

/* The figures of key at the generation now, in buf (size bytes, the
 * caller's layout; key must name that layout): read when another session
 * counted them, else counted by count(ctx) and stored for the others.
 * *generation: the generation they are of. A count that fails is
 * returned as it is and not stored. */
csr_code csr_figures_shared(csr_db *db, const char *key, void *buf, size_t size,
			    csr_figures_count count, void *ctx, int64_t *generation,
			    csr_err *err);

#endif
