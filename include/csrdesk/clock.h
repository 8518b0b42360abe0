/* SPDX-License-Identifier: MIT */
/* csrdesk — times. Stored as Unix seconds (UTC); entered and shown in the
 * server's local time zone as "YYYY-MM-DD HH:MM". */
#ifndef CSRDESK_CLOCK_H
#define CSRDESK_CLOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "csrdesk/status.h"

int64_t csr_now(void);

/* Parses "YYYY-MM-DD HH:MM" (or "YYYY-MM-DD", meaning 00:00) in local time. */
csr_code csr_time_parse(const char *text, int64_t *out, csr_err *err);

/* Writes "YYYY-MM-DD HH:MM" in local time. */
void csr_time_format(int64_t t, char *buf, size_t size);

/* Writes "YYYY-MM-DD" in local time. */
void csr_date_format(int64_t t, char *buf, size_t size);

#endif
