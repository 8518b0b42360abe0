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

/* The start (00:00, local time) of the day t falls on. */
int64_t csr_day_start(int64_t t);

/* Parses "YYYY-MM-DD HH:MM" (or "YYYY-MM-DD", meaning 00:00) in local time. */
csr_code csr_time_parse(const char *text, int64_t *out, csr_err *err);

/* Room for any date or time the functions below write, whatever the
 * style's patterns. */
enum { CSR_TIME_TEXT_MAX = 64 };

/* The one date and time formatter for people: local time by the patterns
 * of the number style (format.h), "YYYY-MM-DD HH:MM" and "YYYY-MM-DD" in
 * English. */
void csr_time_format(int64_t t, char *buf, size_t size);
void csr_date_format(int64_t t, char *buf, size_t size);

/* "2026-03-14 09:00 <dash> 13:00" from csr_time_format, or both dates
 * when the span ends on another day; dash is "-", "–" or "to". */
void csr_time_span(int64_t from, int64_t to, const char *dash, char *buf, size_t size);

/* For machines (CSV, stored texts): always "YYYY-MM-DD HH:MM" and
 * "YYYY-MM-DD" in local time, whatever the style. */
void csr_time_format_machine(int64_t t, char *buf, size_t size);
void csr_date_format_machine(int64_t t, char *buf, size_t size);

#endif
