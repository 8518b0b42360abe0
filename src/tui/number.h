/* SPDX-License-Identifier: MIT */
/* csrdesk — numbers as people type and read them: "2,400", "2400.5",
 * "120". Thousands may be grouped with commas; the decimal mark is a
 * point (as in the reports). */
#ifndef CSRDESK_TUI_NUMBER_H
#define CSRDESK_TUI_NUMBER_H

#include <stdbool.h>
#include <stddef.h>

/* Parses a number of 0 or more, with or without thousands commas (each
 * group after the first of exactly three digits) and with an optional
 * fraction; white space around it is ignored. False when it is not one. */
bool ui_number_parse(const char *text, double *out);

/* Hours worked as typed: "2", "1.5" or "2:30"; *minutes gets them,
 * rounded to the minute. False unless from 1 minute to 24 hours. */
bool ui_number_hours(const char *text, int *minutes);

/* Writes "2,400", "2,400.5" or "0.33": thousands grouped, at most two
 * decimals, no trailing zeros. */
void ui_number_format(double value, char *out, size_t size);

#endif
