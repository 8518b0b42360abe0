/* SPDX-License-Identifier: MIT */
/* csrdesk — categories and metrics the database still uses but the config
 * no longer defines (an admin removed them from csrdesk.conf). Their
 * records stay: they show as "(removed) key" (config.h), and check-config
 * --db, init and the interface's start say how many use each. */
#ifndef CSRDESK_REMOVED_H
#define CSRDESK_REMOVED_H

#include <stddef.h>
#include <stdint.h>

#include "csrdesk/config.h"
#include "csrdesk/db.h"
#include "csrdesk/status.h"

typedef enum csr_removed_kind {
	CSR_REMOVED_CATEGORY, /* counted in initiatives */
	CSR_REMOVED_METRIC,   /* counted in impact records */
	CSR_REMOVED_GOAL,     /* a metric, counted in goals */
} csr_removed_kind;

typedef struct csr_removed {
	csr_removed_kind kind;
	char key[CSR_KEY_MAX];
	int64_t count;
} csr_removed;

enum { CSR_REMOVED_MAX = 32, CSR_REMOVED_TEXT_MAX = 160 };

/* The keys the database uses that cfg does not define, categories first,
 * each by key; up to max into out, *n how many. */
csr_code csr_removed_list(csr_db *db, const csr_config *cfg, csr_removed *out, int max, int *n,
			  csr_err *err);

/* "3 initiatives use category 'education', which the config no longer
 * defines" (the key sanitized). */
void csr_removed_text(const csr_removed *r, char *out, size_t size);

#endif
