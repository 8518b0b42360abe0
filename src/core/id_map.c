/* SPDX-License-Identifier: MIT */
/* csrdesk — a small value per record id (id_map.h). */
#include "id_map.h"

#include <stdlib.h>

#include "csrdesk/i18n.h"
#include "records.h"

struct csr_id_pair {
	int64_t id;
	uint16_t value;
};

csr_code csr_id_bounds(csr_db *db, csr_id_table table, int64_t *lo, int64_t *hi,
		       int64_t *count, csr_err *err)
{
	static const char *const sql[] = {
		[CSR_IDS_VOLUNTEER] = "SELECT (SELECT min(id) FROM volunteer),"
			" (SELECT max(id) FROM volunteer),"
			" coalesce((SELECT n FROM volunteer_count WHERE active = 0), 0)"
			" + coalesce((SELECT n FROM volunteer_count WHERE active = 1), 0)",
		[CSR_IDS_INITIATIVE] = "SELECT min(id), max(id), count(*) FROM initiative",
	};
	sqlite3_stmt *st = csr_db_stmt(db, sql[table], err);
	if (!st)
		return csr_err_code(err);
	int rc = sqlite3_step(st);
	*lo = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	*hi = rc == SQLITE_ROW ? sqlite3_column_int64(st, 1) : 0;
	*count = rc == SQLITE_ROW ? sqlite3_column_int64(st, 2) : 0;
	csr_stmt_done(st);
	return rc == SQLITE_ROW ? CSR_OK : csr_db_fail(db, rc, N_("reading the database"), err);
}

bool csr_id_map_begin(csr_id_map *m, int64_t lo, int64_t hi, int64_t count, uint16_t max)
{
	*m = (csr_id_map){ 0 };
	int64_t span = count > 0 && hi >= lo ? hi - lo + 1 : 0;
	m->dense = span <= 4 * count + 65536;
	if (!m->dense)
		return true;
	m->base = lo;
	m->slots = span;
	if (max <= 3)
		return (m->quarters = calloc((size_t)span / 4 + 1, 1)) != NULL;
	return (m->values = calloc((size_t)span + 1, sizeof *m->values)) != NULL;
}

csr_code csr_id_map_of(csr_db *db, csr_id_table table, uint16_t max, csr_id_map *m,
		       csr_err *err)
{
	int64_t lo, hi, count;
	*m = (csr_id_map){ 0 };
	csr_code rc = csr_id_bounds(db, table, &lo, &hi, &count, err);
	if (rc == CSR_OK && !csr_id_map_begin(m, lo, hi, count, max))
		rc = csr_fail(err, CSR_ENOMEM, "%s", _("out of memory"));
	return rc;
}

static uint16_t dense_get(const csr_id_map *m, int64_t slot)
{
	if (m->values)
		return m->values[slot];
	return (m->quarters[slot / 4] >> (slot % 4 * 2)) & 3;
}

static void dense_set(csr_id_map *m, int64_t slot, uint16_t value)
{
	if (m->values) {
		m->values[slot] = value;
		return;
	}
	unsigned shift = (unsigned)(slot % 4 * 2);
	m->quarters[slot / 4] = (unsigned char)((m->quarters[slot / 4] & ~(3u << shift)) |
						((value & 3u) << shift));
}

static int by_id(const void *a, const void *b)
{
	int64_t x = ((const csr_id_pair *)a)->id, y = ((const csr_id_pair *)b)->id;
	return (x > y) - (x < y);
}

static csr_id_pair *sparse_find(const csr_id_map *m, int64_t id)
{
	csr_id_pair key = { id, 0 };
	return m->n ? bsearch(&key, m->pairs, (size_t)m->n, sizeof key, by_id) : NULL;
}

bool csr_id_map_put(csr_id_map *m, int64_t id, uint16_t value)
{
	if (m->dense) {
		if (id >= m->base && id - m->base < m->slots) {
			m->held += dense_get(m, id - m->base) == 0;
			dense_set(m, id - m->base, value);
		}
		return true;
	}
	if (m->sealed) {
		csr_id_pair *found = sparse_find(m, id);
		if (found)
			found->value = value;
		return true;
	}
	if (m->n == m->cap) {
		int64_t cap = m->cap ? 2 * m->cap : 1024;
		csr_id_pair *pairs = realloc(m->pairs, (size_t)cap * sizeof *pairs);
		if (!pairs)
			return false;
		m->pairs = pairs;
		m->cap = cap;
	}
	m->pairs[m->n++] = (csr_id_pair){ id, value };
	m->held++;
	return true;
}

void csr_id_map_seal(csr_id_map *m)
{
	if (!m->dense && m->n > 1)
		qsort(m->pairs, (size_t)m->n, sizeof *m->pairs, by_id);
	m->sealed = true;
}

uint16_t csr_id_map_get(const csr_id_map *m, int64_t id)
{
	if (m->dense)
		return id >= m->base && id - m->base < m->slots ? dense_get(m, id - m->base) : 0;
	const csr_id_pair *found = sparse_find(m, id);
	return found ? found->value : 0;
}

void csr_id_map_free(csr_id_map *m)
{
	free(m->values);
	free(m->quarters);
	free(m->pairs);
	*m = (csr_id_map){ 0 };
}
