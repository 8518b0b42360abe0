/* SPDX-License-Identifier: MIT */
/* Copies of the generated database. */
#include "bench_files.h"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include "csrdesk/db.h"

int bench_copy_file(const char *from, const char *to)
{
	int in = open(from, O_RDONLY), out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	char buf[1 << 16];
	ssize_t n = in < 0 || out < 0 ? -1 : 0;
	while (n >= 0 && (n = read(in, buf, sizeof buf)) > 0)
		if (write(out, buf, (size_t)n) != n)
			n = -1;
	/* On disk now, so that writing the copy back does not compete with the
	 * commits' fsyncs during the rounds. */
	if (n == 0 && fsync(out) != 0)
		n = -1;
	if (in >= 0)
		close(in);
	if (out >= 0 && close(out) != 0)
		n = -1;
	return n == 0 ? 0 : -1;
}

void bench_remove_db(const char *path)
{
	char file[4224];
	for (int i = 0; i < CSR_DB_FILES; i++) {
		snprintf(file, sizeof file, "%.4200s%s", path, csr_db_file_suffixes[i]);
		unlink(file);
	}
}
