/* SPDX-License-Identifier: MIT */
/* csrdesk — the TUI's former names for the core's number parsing and
 * formatting (csrdesk/format.h), kept only until the last screens call
 * csr_fmt_* themselves. New code calls csr_fmt_* directly. */
#ifndef CSRDESK_TUI_NUMBER_H
#define CSRDESK_TUI_NUMBER_H

#include "csrdesk/format.h"

static inline bool ui_number_parse(const char *text, double *out)
{
	return csr_fmt_parse_number(text, out);
}

static inline bool ui_number_hours(const char *text, int *minutes)
{
	return csr_fmt_parse_hours(text, minutes);
}

static inline void ui_number_format(double value, char *out, size_t size)
{
	csr_fmt_number(value, out, size);
}

#endif
