/* SPDX-License-Identifier: MIT */
/* The window over a keyset-paginated list. */
#include "pager.h"

#include <stdlib.h>
#include <string.h>

#include "csrdesk/i18n.h"

void pager_init(pager *p, const pager_source *src, void *ctx)
{
	*p = (pager){ .src = src, .ctx = ctx };
}

void pager_free(pager *p)
{
	free(p->rows);
	free(p->scratch);
	p->rows = p->scratch = NULL;
	p->n = p->height = p->cursor = 0;
}

int64_t pager_id_of(const pager_source *src, const void *row)
{
	int64_t id;
	memcpy(&id, (const unsigned char *)row + src->id_offset, sizeof id);
	return id;
}

static unsigned char *at(const pager *p, unsigned char *base, int i)
{
	return base + (size_t)i * p->src->row_size;
}

void *pager_row(const pager *p, int i)
{
	return i >= 0 && i < p->n ? at(p, p->rows, i) : NULL;
}

void *pager_current(const pager *p)
{
	return pager_row(p, p->cursor);
}

int64_t pager_current_id(const pager *p)
{
	void *row = pager_current(p);
	return row ? pager_id_of(p->src, row) : 0;
}

static void clamp_cursor(pager *p)
{
	if (p->cursor >= p->n)
		p->cursor = p->n - 1;
	if (p->cursor < 0)
		p->cursor = 0;
}

/* Appends up to k rows after the window, dropping rows at the top so that
 * at most height remain. *got says how many came. */
static csr_code scroll_forward(pager *p, int k, int *got, csr_err *err)
{
	*got = 0;
	if (p->n == 0)
		return CSR_OK;
	const void *last = at(p, p->rows, p->n - 1);
	csr_code rc = p->src->fetch(p->ctx, last, false, p->scratch, k, got, err);
	if (rc != CSR_OK || *got == 0)
		return rc;
	int drop = p->n + *got - p->height;
	if (drop > 0) {
		memmove(p->rows, at(p, p->rows, drop), (size_t)(p->n - drop) * p->src->row_size);
		p->n -= drop;
	}
	memcpy(at(p, p->rows, p->n), p->scratch, (size_t)*got * p->src->row_size);
	p->n += *got;
	return CSR_OK;
}

/* Prepends up to k rows before the window, dropping rows at the bottom. */
static csr_code scroll_backward(pager *p, int k, int *got, csr_err *err)
{
	*got = 0;
	if (p->n == 0)
		return CSR_OK;
	csr_code rc = p->src->fetch(p->ctx, p->rows, true, p->scratch, k, got, err);
	if (rc != CSR_OK || *got == 0)
		return rc;
	int keep = p->n + *got > p->height ? p->height - *got : p->n;
	memmove(at(p, p->rows, *got), p->rows, (size_t)keep * p->src->row_size);
	memcpy(p->rows, p->scratch, (size_t)*got * p->src->row_size);
	p->n = keep + *got;
	return CSR_OK;
}

csr_code pager_home(pager *p, csr_err *err)
{
	p->cursor = 0;
	return p->src->fetch(p->ctx, NULL, false, p->rows, p->height, &p->n, err);
}

csr_code pager_end(pager *p, csr_err *err)
{
	csr_code rc = p->src->fetch(p->ctx, NULL, true, p->rows, p->height, &p->n, err);
	p->cursor = p->n - 1;
	clamp_cursor(p);
	return rc;
}

csr_code pager_step(pager *p, int dir, csr_err *err)
{
	int target = p->cursor + dir, got = 0;
	if (target >= 0 && target < p->n) {
		p->cursor = target;
		return CSR_OK;
	}
	/* At an edge: scroll one row; the cursor keeps its screen row. */
	return dir > 0 ? scroll_forward(p, 1, &got, err) : scroll_backward(p, 1, &got, err);
}

csr_code pager_page(pager *p, int dir, csr_err *err)
{
	int got = 0;
	csr_code rc = dir > 0 ? scroll_forward(p, p->height, &got, err)
			      : scroll_backward(p, p->height, &got, err);
	if (rc == CSR_OK && got == 0)
		p->cursor = dir > 0 ? p->n - 1 : 0; /* no more rows: go to the edge */
	clamp_cursor(p);
	return rc;
}

/* Fills the window with the rows from anchor (included) on, with up to
 * `before` rows above it; the cursor goes to the anchor. */
static csr_code load_around(pager *p, const void *anchor, int before, csr_err *err)
{
	int b = 0;
	/* Ask for one row before even when before is 0: the row after it is
	 * the anchor itself, or what took its place. */
	int ask = before > 0 ? before : 1;
	csr_code rc = p->src->fetch(p->ctx, anchor, true, p->scratch, ask, &b, err);
	if (rc != CSR_OK)
		return rc;
	int keep = before > 0 ? b : 0;
	memcpy(p->rows, at(p, p->scratch, b - keep), (size_t)keep * p->src->row_size);
	const void *from = b > 0 ? at(p, p->scratch, b - 1) : NULL;
	int got = 0;
	rc = p->src->fetch(p->ctx, from, false, at(p, p->rows, keep), p->height - keep, &got,
			   err);
	p->n = keep + got;
	p->cursor = keep;
	return rc;
}

static int find_id(const pager *p, int64_t id)
{
	for (int i = 0; i < p->n; i++)
		if (pager_id_of(p->src, at(p, p->rows, i)) == id)
			return i;
	return -1;
}

/* Keeps the window full near the end of the list; the cursor stays on its
 * item. */
static csr_code backfill(pager *p, csr_err *err)
{
	int got = 0;
	csr_code rc = CSR_OK;
	if (p->n > 0 && p->n < p->height) {
		rc = scroll_backward(p, p->height - p->n, &got, err);
		p->cursor += got;
	}
	return rc;
}

static csr_code reload_at(pager *p, int64_t id, int row, csr_err *err)
{
	void *anchor = malloc(p->src->row_size);
	if (!anchor)
		return csr_fail(err, CSR_ENOMEM, _("out of memory"));
	memcpy(anchor, at(p, p->rows, p->cursor), p->src->row_size);
	if (p->src->get && p->src->get(p->ctx, id, anchor, NULL) != CSR_OK)
		memcpy(anchor, at(p, p->rows, p->cursor), p->src->row_size);
	csr_code rc = load_around(p, anchor, row, err);
	free(anchor);
	if (rc != CSR_OK)
		return rc;
	int found = find_id(p, id);
	p->cursor = found >= 0 ? found : p->cursor;
	clamp_cursor(p);
	rc = backfill(p, err);
	clamp_cursor(p);
	return rc;
}

csr_code pager_reload(pager *p, csr_err *err)
{
	if (p->n == 0)
		return pager_home(p, err);
	return reload_at(p, pager_current_id(p), p->cursor, err);
}

csr_code pager_set_height(pager *p, int height, csr_err *err)
{
	if (height < 1)
		height = 1;
	if (height == p->height && p->rows)
		return CSR_OK;
	size_t bytes = (size_t)height * p->src->row_size;
	unsigned char *rows = malloc(bytes), *scratch = malloc(bytes);
	if (!rows || !scratch) {
		free(rows);
		free(scratch);
		return csr_fail(err, CSR_ENOMEM, _("out of memory"));
	}
	int64_t id = pager_current_id(p);
	int row = p->cursor < height ? p->cursor : height - 1;
	/* Keep the selected row: it becomes the only row of the new window. */
	if (p->n > 0)
		memcpy(rows, at(p, p->rows, p->cursor), p->src->row_size);
	free(p->rows);
	free(p->scratch);
	p->rows = rows;
	p->scratch = scratch;
	p->height = height;
	p->n = p->n > 0 ? 1 : 0;
	p->cursor = 0;
	return p->n ? reload_at(p, id, row, err) : pager_home(p, err);
}

csr_code pager_goto(pager *p, int64_t id, csr_err *err)
{
	if (!p->src->get || p->height == 0)
		return pager_reload(p, err);
	void *row = malloc(p->src->row_size);
	if (!row)
		return csr_fail(err, CSR_ENOMEM, _("out of memory"));
	csr_code rc = p->src->get(p->ctx, id, row, err);
	if (rc == CSR_OK)
		rc = load_around(p, row, p->height / 2, err);
	free(row);
	if (rc != CSR_OK)
		return rc;
	int found = find_id(p, id);
	p->cursor = found >= 0 ? found : p->cursor;
	clamp_cursor(p);
	rc = backfill(p, err);
	clamp_cursor(p);
	return rc;
}
