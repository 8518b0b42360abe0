/* SPDX-License-Identifier: MIT */
/* csrdesk — a small value per record id, kept in memory for a pass over
 * many records that needs something of each record's person or initiative
 * (a site, a category) without a look-up in the database per record
 * (private to src/core/).
 *
 * SQLite hands out ids in sequence, so they are dense: the values are an
 * array over the span from the smallest id to the largest, two bytes an
 * id, or two bits where no value is above 3 (a quarter of a byte a person:
 * at 500,000 people, 125 KB instead of 1 MB). Where ids are sparse (set by
 * hand), each id is kept beside its value, sorted, and found by binary
 * search. */
#ifndef CSRDESK_ID_MAP_H
#define CSRDESK_ID_MAP_H

#include <stdbool.h>
#include <stdint.h>

#include "db_private.h"

typedef struct csr_id_pair csr_id_pair;

typedef struct csr_id_map {
	bool dense, sealed;
	int64_t base;         /* dense: the smallest id */
	int64_t slots;        /* dense: of values */
	uint16_t *values;     /* dense, values up to 65535: by id - base, 0 for none */
	unsigned char *quarters; /* dense, values up to 3: four a byte, by id - base */
	csr_id_pair *pairs;   /* sparse: sorted by id once sealed */
	int64_t n, cap;       /* sparse: pairs held, room */
	int64_t held;         /* ids with a value */
} csr_id_map;

typedef enum csr_id_table { CSR_IDS_VOLUNTEER, CSR_IDS_INITIATIVE } csr_id_table;

/* The smallest and largest id of the table and how many rows it has (the
 * bounds a map is begun with), each read from an index or a count kept by
 * triggers. */
csr_code csr_id_bounds(csr_db *db, csr_id_table table, int64_t *lo, int64_t *hi,
		       int64_t *count, csr_err *err);

/* An empty map for count ids between lo and hi, of values from 1 to max
 * (3 or less: two bits an id); false when out of memory. */
bool csr_id_map_begin(csr_id_map *m, int64_t lo, int64_t hi, int64_t count, uint16_t max);
/* csr_id_bounds and csr_id_map_begin in one. */
csr_code csr_id_map_of(csr_db *db, csr_id_table table, uint16_t max, csr_id_map *m,
		       csr_err *err);
/* Sets id's value (not 0, at most the map's max); an id outside the
 * bounds (a row added since they were read) is left out, and so is, once
 * the map is sealed, an id it does not hold. Before the seal each id is put
 * once. False when out of memory. */
bool csr_id_map_put(csr_id_map *m, int64_t id, uint16_t value);
/* After the ids are put: sparse ids sorted for csr_id_map_get. */
void csr_id_map_seal(csr_id_map *m);
/* id's value, 0 when it has none. */
uint16_t csr_id_map_get(const csr_id_map *m, int64_t id);
void csr_id_map_free(csr_id_map *m);

#endif
