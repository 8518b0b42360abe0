/* SPDX-License-Identifier: MIT */
/* csrdesk — a window of a long list, read a page at a time.
 *
 * The list lives in the database; the pager holds only the rows on screen
 * and asks its source for the rows after (or before) a row by key (keyset
 * pagination), so 50,000 rows scroll as smoothly as 50. */
#ifndef CSRDESK_TUI_PAGER_H
#define CSRDESK_TUI_PAGER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "csrdesk/status.h"

typedef struct pager_source {
	size_t row_size;
	size_t id_offset; /* of the row's int64_t id: offsetof(row type, id) */
	/* Up to max rows after from (before it when backward, still in list
	 * order); from NULL means from the start (backward: from the end). */
	csr_code (*fetch)(void *ctx, const void *from, bool backward, void *rows, int max,
			  int *n, csr_err *err);
	/* The row with this id as it is now (its key may have changed); NULL
	 * when a row's key never changes (the row read before serves). */
	csr_code (*get)(void *ctx, int64_t id, void *row, csr_err *err);
} pager_source;

/* A source of rows of type whose id is the member id_field. */
#define PAGER_SOURCE(type, id_field, fetch, get) \
	{ sizeof(type), offsetof(type, id_field), (fetch), (get) }

/* The id of a row of src. */
int64_t pager_id_of(const pager_source *src, const void *row);

typedef struct pager {
	const pager_source *src;
	void *ctx;
	unsigned char *rows, *scratch; /* height rows each */
	int height; /* rows the screen shows (at least 1) */
	int n;      /* rows in the window */
	int cursor; /* index of the selected row in the window */
} pager;

void pager_init(pager *p, const pager_source *src, void *ctx);
void pager_free(pager *p);

/* The i-th row on screen / the selected row; NULL when there is none. */
void *pager_row(const pager *p, int i);
void *pager_current(const pager *p);
int64_t pager_current_id(const pager *p); /* 0 when the list is empty */

/* Changes the number of rows shown, keeping the selected row. */
csr_code pager_set_height(pager *p, int height, csr_err *err);

csr_code pager_home(pager *p, csr_err *err);
csr_code pager_end(pager *p, csr_err *err);
/* One row up (-1) or down (+1), scrolling at the edges. */
csr_code pager_step(pager *p, int dir, csr_err *err);
/* One page up (-1) or down (+1). */
csr_code pager_page(pager *p, int dir, csr_err *err);
/* Reads the window again (after a change in the database), keeping the
 * selected item by id on the same screen row where it can. */
csr_code pager_reload(pager *p, csr_err *err);

/* Shows the item with this id (when it is in the list) and selects it. */
csr_code pager_goto(pager *p, int64_t id, csr_err *err);

#endif
