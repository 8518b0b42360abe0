/* csrdesk — checks the record modules share for the fields people type
 * (private to src/core/: volunteer, partner, hours, impact, feedback,
 * announcement). */
#ifndef CSRDESK_FIELDS_H
#define CSRDESK_FIELDS_H

#include <ctype.h>
#include <stdbool.h>
#include <string.h>

#include "csrdesk/status.h"

/* The code err carries after a helper failed (err may be NULL). */
static inline csr_code csr_err_code(const csr_err *err)
{
	return err ? err->code : CSR_EDB;
}

/* A fixed-size field holds at most size - 1 bytes and its terminator; a
 * buffer filled to the brim was cut or never terminated. */
static inline csr_code csr_field_fits(const char *value, size_t size, const char *label,
				      csr_err *err)
{
	if (strnlen(value, size) < size)
		return CSR_OK;
	return csr_fail(err, CSR_EINVAL, "%s is too long (at most %zu bytes)", label, size - 1);
}

/* True when value (already known to fit) has nothing but white space. */
static inline bool csr_field_blank(const char *value)
{
	while (*value && isspace((unsigned char)*value))
		value++;
	return *value == '\0';
}

/* name@domain.tld: one @, no spaces or control bytes, a dot inside the
 * domain but not at its ends, no empty labels. */
static inline bool csr_looks_like_email(const char *s)
{
	const char *at = strchr(s, '@');
	if (!at || at == s || strchr(at + 1, '@'))
		return false;
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == 0x7F)
			return false;
	const char *domain = at + 1;
	size_t n = strlen(domain);
	return n >= 3 && strchr(domain, '.') && domain[0] != '.' && domain[n - 1] != '.' &&
	       !strstr(domain, "..");
}

#endif
