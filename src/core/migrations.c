/* SPDX-License-Identifier: MIT */
#include "migrations.h"

/* Generated from data/migrations by tools/embed.py (see meson.build). */
extern const char csr_sql_001[];
extern const char csr_sql_002[];
extern const char csr_sql_003[];
extern const char csr_sql_004[];
extern const char csr_sql_005[];
extern const char csr_sql_006[];
extern const char csr_sql_007[];
extern const char csr_sql_008[];

const csr_migration csr_migrations[] = {
	{ 1, csr_sql_001 },
	{ 2, csr_sql_002 },
	{ 3, csr_sql_003 },
	{ 4, csr_sql_004 },
	{ 5, csr_sql_005 },
	{ 6, csr_sql_006 },
	{ 7, csr_sql_007 },
	{ 8, csr_sql_008 },
};
const int csr_migration_count = sizeof csr_migrations / sizeof csr_migrations[0];
