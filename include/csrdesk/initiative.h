/* SPDX-License-Identifier: MIT */
/* csrdesk — initiatives: the community activities people sign up for. */
#ifndef CSRDESK_INITIATIVE_H
#define CSRDESK_INITIATIVE_H

#include <stdbool.h>
#include <stdint.h>

#include "csrdesk/config.h"
#include "csrdesk/status.h"

typedef struct csr_db csr_db;

enum {
	CSR_INITIATIVE_TITLE_MAX = 160,
	CSR_INITIATIVE_TEXT_MAX = 2048,
	CSR_LOCATION_MAX = 160,
	CSR_GOALS_MAX = 8,
	CSR_CAPACITY_MAX = 10000, /* places of one initiative */
	CSR_BENEFICIARIES_MAX = 100000000, /* people one initiative reached */
};

typedef enum csr_initiative_status {
	CSR_INITIATIVE_DRAFT = 0,
	CSR_INITIATIVE_OPEN,
	CSR_INITIATIVE_CLOSED, /* no more sign-ups; still happens */
	CSR_INITIATIVE_DONE,   /* happened; attendance and impact recorded */
	CSR_INITIATIVE_CANCELLED,
} csr_initiative_status;

typedef struct csr_goal {
	char metric[CSR_KEY_MAX];
	double target;
} csr_goal;

typedef struct csr_initiative {
	int64_t id;
	char title[CSR_INITIATIVE_TITLE_MAX];
	char category[CSR_KEY_MAX];
	char description[CSR_INITIATIVE_TEXT_MAX];
	int64_t partner_id; /* 0 = none */
	char partner_name[128];
	char location[CSR_LOCATION_MAX];
	int64_t starts_at, ends_at; /* Unix seconds */
	int capacity;
	int minimum; /* the fewest people it needs (leads are told); 0 = none */
	bool own_time;     /* the default for its hours: own time, else company time */
	int beneficiaries; /* people it reached (B4SI, GRI 413); 0 = not known */
	csr_initiative_status status;
	int64_t owner_id; /* volunteer id of the lead who created it; 0 = none */
	int confirmed;    /* filled by get/page: confirmed + attended places */
	int waitlisted;
	int ngoals;
	csr_goal goals[CSR_GOALS_MAX];
} csr_initiative;

typedef enum csr_initiative_when {
	CSR_WHEN_ANY = 0,
	CSR_WHEN_UPCOMING, /* ends in the future */
	CSR_WHEN_PAST,
} csr_initiative_when;

/* The order of a list; each is read in index order, a page at a time. */
typedef enum csr_initiative_order {
	CSR_INITIATIVE_BY_START = 0, /* (starts_at, id) */
	CSR_INITIATIVE_BY_TITLE,     /* (title, id); ASCII letters ignore case */
	CSR_INITIATIVE_BY_CATEGORY,  /* (category key, starts_at, id) */
} csr_initiative_order;

typedef struct csr_initiative_query {
	const char *search;   /* substring of title, location or partner; NULL = all */
	const char *category; /* NULL = all */
	int status;           /* a csr_initiative_status, or -1 for all */
	csr_initiative_when when;
	csr_initiative_order order; /* of pages; 0 = by start */
} csr_initiative_query;

/* The status as stored and typed on the command line ("open", "done"):
 * for the database, CSV and scripts. */
const char *csr_initiative_status_name(csr_initiative_status s);
/* The status for people, in the language shown: "open" in English (the
 * same words as csr_initiative_status_name), "offen" in German. */
const char *csr_initiative_status_label(csr_initiative_status s);
bool csr_initiative_status_parse(const char *name, csr_initiative_status *out);

/* Checks the fields (category against the config, times, capacity, goal
 * metrics); err names the field. A saved initiative (in->id) may keep a
 * category or goal metric the config no longer defines. */
csr_code csr_initiative_validate(const csr_db *db, const csr_initiative *in, csr_err *err);

/* Lead: creates an initiative (status as given, usually open); sets in->id. */
csr_code csr_initiative_create(csr_db *db, csr_initiative *in, csr_err *err);
/* Lead: saves every field but status. */
csr_code csr_initiative_update(csr_db *db, const csr_initiative *in, csr_err *err);
/* Lead: open, close, mark done or cancel. Cancelling cancels its places. */
csr_code csr_initiative_set_status(csr_db *db, int64_t id, csr_initiative_status s,
				   csr_err *err);

csr_code csr_initiative_get(csr_db *db, int64_t id, csr_initiative *out, csr_err *err);

/* One page in q->order (q NULL: all, by start; past ones by start list the
 * newest first), keyset-paginated: up to max
 * rows after `after` (before it when backward, still in list order). The
 * key is after's id, starts_at, title and category, as the order needs, so
 * pass a row of the previous page (it may lie in rows) or one from
 * csr_initiative_get; after NULL starts at the first row, or backward at
 * the last. Description and goals are left empty in page rows. */
csr_code csr_initiative_page_after(csr_db *db, const csr_initiative_query *q,
				   const csr_initiative *after, bool backward,
				   csr_initiative *rows, int max, int *n, csr_err *err);
/* The same with a key of (after_start, after_id) only: for the order by
 * start, or after_id 0 for a page at an end of any order. */
csr_code csr_initiative_page(csr_db *db, const csr_initiative_query *q, int64_t after_start,
			     int64_t after_id, bool backward, csr_initiative *rows, int max,
			     int *n, csr_err *err);
csr_code csr_initiative_count(csr_db *db, const csr_initiative_query *q, int64_t *out,
			      csr_err *err);

#endif
