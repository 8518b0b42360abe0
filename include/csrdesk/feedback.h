/* SPDX-License-Identifier: MIT */
/* csrdesk — feedback: a rating 1-5 (and a comment) from a volunteer who
 * attended an initiative; one per volunteer and initiative, editable. */
#ifndef CSRDESK_FEEDBACK_H
#define CSRDESK_FEEDBACK_H

#include <stdint.h>

#include "csrdesk/status.h"

typedef struct csr_db csr_db;

enum { CSR_COMMENT_MAX = 1024 };

typedef struct csr_feedback {
	int64_t id;
	int64_t initiative_id;
	int64_t volunteer_id;
	int rating; /* 1..5 */
	char comment[CSR_COMMENT_MAX];
	int64_t created_at;
} csr_feedback;

/* The volunteer must have attended; agents rate only for themselves. */
csr_code csr_feedback_give(csr_db *db, csr_feedback *fb, csr_err *err);
/* The rating a volunteer gave an initiative; CSR_ENOTFOUND when none. */
csr_code csr_feedback_get(csr_db *db, int64_t initiative_id, int64_t volunteer_id,
			  csr_feedback *out, csr_err *err);
csr_code csr_feedback_list(csr_db *db, int64_t initiative_id, int offset, csr_feedback *rows,
			   int max, int *n, csr_err *err);

#endif
