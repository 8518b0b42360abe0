/* SPDX-License-Identifier: MIT */
/* csrdesk — one error convention for the whole data layer.
 *
 * Every fallible function returns a csr_code and, when given a csr_err,
 * fills it with the same code and a message the UI can show as is
 * ("Initiative is full", "config.conf:12: unknown option 'foo'"). */
#ifndef CSRDESK_STATUS_H
#define CSRDESK_STATUS_H

#include <stddef.h>

typedef enum csr_code {
	CSR_OK = 0,
	CSR_EINVAL,    /* bad input: a field, a value, a CSV row */
	CSR_ENOTFOUND, /* no such initiative, volunteer, ... */
	CSR_EREFUSED,  /* a rule says no: full, closed, overlapping, cutoff */
	CSR_EDENIED,   /* the acting user's role may not do this */
	CSR_ECONFLICT, /* already exists / already signed up */
	CSR_EBUSY,     /* the database stayed locked past the busy timeout */
	CSR_EDB,       /* SQLite failed: corrupt, unwritable, too new, ... */
	CSR_EIO,       /* a file could not be read or written */
	CSR_ENOMEM,
} csr_code;

enum { CSR_ERR_MSG_MAX = 512 };

typedef struct csr_err {
	csr_code code;
	char msg[CSR_ERR_MSG_MAX];
} csr_err;

/* Sets err (if not NULL) to code and a printf-style message; returns code. */
csr_code csr_fail(csr_err *err, csr_code code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Clears err to CSR_OK with an empty message. */
void csr_err_clear(csr_err *err);

/* A short generic phrase for a code ("not found", "refused", ...), in the
 * language shown. */
const char *csr_code_name(csr_code code);

#endif
