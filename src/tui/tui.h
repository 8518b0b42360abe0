/* SPDX-License-Identifier: MIT */
/* csrdesk — the terminal user interface. */
#ifndef CSRDESK_TUI_H
#define CSRDESK_TUI_H

#include <stdbool.h>

#include "csrdesk/config.h"
#include "csrdesk/db.h"

typedef struct tui_options {
	bool kiosk;              /* floor-terminal mode: sign in per person */
	bool demo;               /* show that this is demo data */
	bool ssh;                /* started by sshd's ForceCommand: the user has no shell */
	const char *config_path; /* the file to watch for changes, NULL = built-in */
} tui_options;

/* Runs the TUI until the user quits; db's actor is set (except in kiosk
 * mode, where each person signs in). *cfg may be replaced when the config
 * file changes. Returns the exit status. */
int tui_run(csr_db *db, csr_config **cfg, const tui_options *opts);

#endif
