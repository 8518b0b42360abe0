/* SPDX-License-Identifier: MIT */
#include "cli/cli.h"
#include "csrdesk/privilege.h"

int main(int argc, char **argv)
{
	csr_privilege_init(); /* before anything reads a file or a variable */
	return cli_main(argc, argv);
}
