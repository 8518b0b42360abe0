/* SPDX-License-Identifier: MIT */
/* csrdesk — impact records: what an initiative achieved, per config metric
 * (120 trees, 35 donations, 2400 EUR). Figures over periods and scopes are
 * in metrics.h. */
#ifndef CSRDESK_IMPACT_H
#define CSRDESK_IMPACT_H

#include <stdbool.h>
#include <stdint.h>

#include "csrdesk/config.h"
#include "csrdesk/status.h"

typedef struct csr_db csr_db;

enum { CSR_IMPACT_NOTE_MAX = 256 };

typedef struct csr_impact {
	int64_t id;
	int64_t initiative_id;
	char metric[CSR_KEY_MAX];
	double value;
	int64_t recorded_by; /* volunteer id, 0 = none */
	int64_t recorded_at;
	char note[CSR_IMPACT_NOTE_MAX];
	int64_t voided_at; /* 0 = counts; else voided then, and in no figure */
	int64_t voided_by; /* volunteer id of the lead who voided it, 0 = none */
	char void_reason[CSR_IMPACT_NOTE_MAX];
} csr_impact;

/* Lead: records a value for a metric the config defines (sets rec->id). */
csr_code csr_impact_record(csr_db *db, csr_impact *rec, csr_err *err);
/* Lead: corrects a record's value, and its note unless note is NULL; the
 * audit keeps the old and the new value. A voided record is not edited. */
csr_code csr_impact_edit(csr_db *db, int64_t id, double value, const char *note, csr_err *err);
/* Lead: voids a record (reason required): it stays in the database, shown
 * as voided, and counts in no figure, total, report or export. */
csr_code csr_impact_void(csr_db *db, int64_t id, const char *reason, csr_err *err);
/* One record by id, voided or not. */
csr_code csr_impact_get(csr_db *db, int64_t id, csr_impact *out, csr_err *err);
/* Records of one initiative, voided ones too, oldest first. */
csr_code csr_impact_list(csr_db *db, int64_t initiative_id, csr_impact *rows, int max,
			 int *n, csr_err *err);

/* A keyset page of one initiative's records, voided ones too, oldest
 * first (recorded_at, then id): up to max rows after `after` (a row of a
 * previous page, or from csr_impact_get; it may be one of rows), before it
 * when backward but still in list order; after NULL = from the start
 * (backward: from the end). */
csr_code csr_impact_page(csr_db *db, int64_t initiative_id, const csr_impact *after,
			 bool backward, csr_impact *rows, int max, int *n, csr_err *err);
/* How many records csr_impact_page pages through. */
csr_code csr_impact_count(csr_db *db, int64_t initiative_id, int64_t *out, csr_err *err);

/* The sum recorded per metric for one initiative, voided records left
 * out, by metric key (rows: metric and value; at most max metrics, *n of
 * them). */
csr_code csr_impact_totals(csr_db *db, int64_t initiative_id, csr_impact *rows, int max, int *n,
			   csr_err *err);

#endif
