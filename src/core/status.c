/* SPDX-License-Identifier: MIT */
#include "csrdesk/status.h"

#include <stdarg.h>
#include <stdio.h>

#include "csrdesk/i18n.h"

csr_code csr_fail(csr_err *err, csr_code code, const char *fmt, ...)
{
	if (err) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(err->msg, sizeof err->msg, fmt, ap);
		va_end(ap);
		err->code = code;
	}
	return code;
}

void csr_err_clear(csr_err *err)
{
	if (err) {
		err->code = CSR_OK;
		err->msg[0] = '\0';
	}
}

const char *csr_code_name(csr_code code)
{
	switch (code) {
	/* TRANSLATORS: the result of an action when there was no error. */
	case CSR_OK: return _("ok");
	case CSR_EINVAL: return _("invalid input");
	case CSR_ENOTFOUND: return _("not found");
	case CSR_EREFUSED: return _("refused");
	case CSR_EDENIED: return _("not allowed");
	case CSR_ECONFLICT: return _("already exists");
	case CSR_EBUSY: return _("database busy");
	case CSR_EDB: return _("database error");
	case CSR_EIO: return _("input/output error");
	case CSR_ENOMEM: return _("out of memory");
	}
	return _("unknown error");
}
