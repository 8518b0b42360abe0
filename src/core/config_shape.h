/* SPDX-License-Identifier: MIT */
/* csrdesk — the config mistakes libconfuse lets pass (private to config.c). */
#ifndef CSRDESK_CONFIG_SHAPE_H
#define CSRDESK_CONFIG_SHAPE_H

#include <stddef.h>

/* Looks at the shape of config text whose comments are blanked out: an
 * option, list or section given twice in one section (libconfuse would
 * keep the last silently; titled sections such as metric "x" are left to
 * libconfuse, which refuses a repeated title), a { that is never closed, a
 * quoted string that is never closed, and ${...}, which libconfuse would
 * fill in from the environment.
 * Returns the line of the first such flaw, its message in msg ("kiosk:
 * max_pin_attempts is given twice (first on line 2)"), or 0 when there is
 * none. Text it cannot follow (a syntax error) ends the scan without a
 * flaw: libconfuse reports those. */
int csr_config_shape_flaw(const char *text, char *msg, size_t size);

#endif
