/* SPDX-License-Identifier: MIT */
#include "cli/cli.h"
#include "csrdesk/i18n.h"
#include "csrdesk/privilege.h"

int main(int argc, char **argv)
{
	csr_privilege_init(); /* before anything reads a file or a variable */
	csr_i18n_init();
	return cli_main(argc, argv);
}
