/* SPDX-License-Identifier: MIT */
/* csrdesk — the command line: subcommands over the data layer. */
#ifndef CSRDESK_CLI_H
#define CSRDESK_CLI_H

/* Runs csrdesk with its whole argument vector; returns the exit status
 * (0 done, 1 refused or failed, 2 usage). */
int cli_main(int argc, char **argv);

#endif
