/* SPDX-License-Identifier: MIT */
/* csrdesk benchmarks — copies of the generated database (it is never
 * written: every measurement that writes works on a copy). */
#ifndef CSRDESK_BENCH_FILES_H
#define CSRDESK_BENCH_FILES_H

/* Copies a file and fsyncs the copy; 0 or -1. */
int bench_copy_file(const char *from, const char *to);
/* Removes a database with all its files (-wal, -shm, -queue ...). */
void bench_remove_db(const char *path);

#endif
