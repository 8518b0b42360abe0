/* SPDX-License-Identifier: MIT */
/* csrdesk — the embedded SQL migrations (data/migrations/NNN_*.sql),
 * defined in the generated embedded.c by tools/embed.py --migrations: a
 * migration is added by adding its file, nothing else. */
#ifndef CSRDESK_MIGRATIONS_H
#define CSRDESK_MIGRATIONS_H

typedef struct csr_migration {
	int version;
	const char *sql;
} csr_migration;

/* In version order, 1..csr_migration_count. */
extern const csr_migration csr_migrations[];
extern const int csr_migration_count;

#endif
