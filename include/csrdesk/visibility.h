/* SPDX-License-Identifier: MIT */
/* csrdesk — who may see whom. A category the config marks private
 * (category "health" { private = true }: a blood drive's list is
 * health-related data) shows agents, at a kiosk or their own login, how
 * many people signed up for its initiatives, never who; team leads and
 * admins see names as before. Every list of an initiative's places asks
 * here (the data layer refuses the list itself to an agent). */
#ifndef CSRDESK_VISIBILITY_H
#define CSRDESK_VISIBILITY_H

#include <stdbool.h>
#include <stdint.h>

#include "csrdesk/status.h"

typedef struct csr_db csr_db;

/* Whether the acting user may see who has a place on an initiative of
 * category (a config key; one the config no longer defines is not private). */
bool csr_may_see_names(const csr_db *db, const char *category);

/* The same for initiative_id (CSR_ENOTFOUND when there is none). */
csr_code csr_may_see_names_on(csr_db *db, int64_t initiative_id, bool *may, csr_err *err);

/* CSR_EDENIED, saying why, unless the acting user may see who has a place
 * on initiative_id. */
csr_code csr_require_names_on(csr_db *db, int64_t initiative_id, csr_err *err);

#endif
