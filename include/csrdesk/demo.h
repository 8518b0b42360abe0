/* SPDX-License-Identifier: MIT */
/* csrdesk — demo data: partners, volunteers, initiatives, sign-ups, hours,
 * impact and feedback spread over the last 12 months and the coming 2,
 * relative to now (data/demo.sql, embedded at build time). */
#ifndef CSRDESK_DEMO_H
#define CSRDESK_DEMO_H

#include "csrdesk/status.h"

typedef struct csr_db csr_db;

/* Fills an empty database; refuses one that already has volunteers. */
csr_code csr_demo_populate(csr_db *db, csr_err *err);

#endif
