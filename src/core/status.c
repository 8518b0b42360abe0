/* SPDX-License-Identifier: MIT */
#include "csrdesk/status.h"

#include <stdarg.h>
#include <stdio.h>

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
	case CSR_OK: return "ok";
	case CSR_EINVAL: return "invalid input";
	case CSR_ENOTFOUND: return "not found";
	case CSR_EREFUSED: return "refused";
	case CSR_EDENIED: return "not allowed";
	case CSR_ECONFLICT: return "already exists";
	case CSR_EBUSY: return "database busy";
	case CSR_EDB: return "database error";
	case CSR_EIO: return "input/output error";
	case CSR_ENOMEM: return "out of memory";
	}
	return "unknown error";
}
