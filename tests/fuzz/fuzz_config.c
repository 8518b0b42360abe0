/* SPDX-License-Identifier: MIT */
/* libFuzzer target: the config loader, by the path that
 * `csrdesk check-config FILE` and startup take (csr_config_load_file: the
 * size and NUL checks, comment blanking, libconfuse, our validators).
 *
 * Each input is written to one file in a temporary directory made once per
 * process. A load either fails with a message that names the file (and, with
 * a line, one that exists) or gives a config that keeps every promise of
 * config.h and the validators; anything else aborts. A config that loads
 * stops loading when an option is given twice after it: the second
 * "database =" is an error on its line or the line before (where the first
 * is when the input set database already), never silently the value. */
#include <ctype.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csrdesk/config.h"
#include "csrdesk/text.h"

#define CHECK(cond)                                                                  \
	do {                                                                         \
		if (!(cond)) {                                                       \
			fprintf(stderr, "fuzz_config: %s:%d: broken: %s\n", __FILE__, \
				__LINE__, #cond);                                    \
			abort();                                                     \
		}                                                                    \
	} while (0)

static char dir[256];
static char path[300];

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void remove_dir(void)
{
	unlink(path);
	rmdir(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	const char *tmp = getenv("TMPDIR");
	snprintf(dir, sizeof dir, "%s/csrdesk-fuzz-config-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	CHECK(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/fuzz.conf", dir);
	atexit(remove_dir);
	return 0;
}

static void write_input(const uint8_t *data, size_t size)
{
	FILE *f = fopen(path, "wb");
	CHECK(f);
	CHECK(fwrite(data, 1, size, f) == size);
	CHECK(fclose(f) == 0);
}

static bool valid_key(const char *key)
{
	size_t n = strlen(key);
	if (n == 0 || n >= CSR_KEY_MAX)
		return false;
	return strspn(key, "abcdefghijklmnopqrstuvwxyz0123456789-_") == n;
}

static long lines_of(const uint8_t *data, size_t size)
{
	long lines = 1;
	for (size_t i = 0; i < size; i++)
		lines += data[i] == '\n';
	return lines;
}

/* "PATH: why" or "PATH:LINE: why" with LINE a line of the input. */
static void check_message(const csr_err *err, const uint8_t *data, size_t size)
{
	size_t plen = strlen(path);
	CHECK(memchr(err->msg, '\0', sizeof err->msg));
	CHECK(strncmp(err->msg, path, plen) == 0 && err->msg[plen] == ':');
	const char *p = err->msg + plen + 1;
	if (!isdigit((unsigned char)*p))
		return;
	char *end;
	long line = strtol(p, &end, 10);
	CHECK(*end == ':');
	CHECK(line >= 1 && line <= lines_of(data, size));
}

static void check_metrics(const csr_config *c)
{
	CHECK(c->nmetrics >= 0 && (c->nmetrics == 0 || c->metrics));
	for (int i = 0; i < c->nmetrics; i++) {
		const csr_metric *m = &c->metrics[i];
		CHECK(valid_key(m->key));
		CHECK(memchr(m->title, '\0', sizeof m->title) && m->title[0]);
		CHECK(memchr(m->unit, '\0', sizeof m->unit));
		CHECK(csr_text_is_safe(m->title) && csr_text_is_safe(m->unit));
		CHECK(csr_config_metric(c, m->key) == m); /* keys are unique */
	}
}

static void check_categories(const csr_config *c)
{
	CHECK(c->ncategories >= 1 && c->categories); /* initiatives need one */
	for (int i = 0; i < c->ncategories; i++) {
		const csr_category *k = &c->categories[i];
		CHECK(valid_key(k->key));
		CHECK(memchr(k->title, '\0', sizeof k->title) && k->title[0]);
		CHECK(csr_text_is_safe(k->title));
		CHECK(k->color >= CSR_COLOR_DEFAULT && k->color <= CSR_COLOR_WHITE);
		CHECK(k->nmetrics >= 0 && k->nmetrics <= CSR_CATEGORY_METRICS_MAX);
		for (int j = 0; j < k->nmetrics; j++)
			CHECK(k->metrics[j] >= 0 && k->metrics[j] < c->nmetrics);
		CHECK(csr_config_category(c, k->key) == k);
	}
}

static void check_config(const csr_config *c)
{
	CHECK(strcmp(c->source, path) == 0);
	CHECK(memchr(c->database, '\0', sizeof c->database));
	CHECK(memchr(c->group, '\0', sizeof c->group));
	CHECK(c->roles.nadmins >= 0 && c->roles.nleads >= 0);
	for (int i = 0; i < c->roles.nadmins; i++)
		CHECK(c->roles.admins[i]);
	for (int i = 0; i < c->roles.nleads; i++)
		CHECK(c->roles.leads[i]);
	CHECK(c->kiosk.idle_timeout >= 10 && c->kiosk.idle_timeout <= 3600);
	CHECK(c->kiosk.max_pin_attempts >= 1 && c->kiosk.max_pin_attempts <= 20);
	CHECK(c->signup.cancel_cutoff_hours >= 0 && c->signup.cancel_cutoff_hours <= 720);
	check_metrics(c);
	check_categories(c);
}

/* data loaded: with one option given twice after it, it must not. */
static void check_repeat_refused(const uint8_t *data, size_t size)
{
	static const char twice[] = "\ndatabase = \"a\"\ndatabase = \"b\"\n";
	if (size > 65536)
		return;
	uint8_t *more = malloc(size + sizeof twice);
	CHECK(more);
	memcpy(more, data, size);
	memcpy(more + size, twice, sizeof twice - 1);
	write_input(more, size + sizeof twice - 1);
	csr_config *cfg = NULL;
	csr_err err;
	CHECK(csr_config_load_file(path, &cfg, &err) == CSR_EINVAL && cfg == NULL);
	check_message(&err, more, size + sizeof twice - 1);
	long line = strtol(err.msg + strlen(path) + 1, NULL, 10), last = lines_of(data, size);
	if (line != last + 1 && line != last + 2) {
		fprintf(stderr, "fuzz_config: a repeated option after a good config: %s\n",
			err.msg);
		abort();
	}
	CHECK(strstr(err.msg, "database is given twice"));
	free(more);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	write_input(data, size);
	csr_config *cfg = (csr_config *)1;
	csr_err err = { .code = CSR_OK };
	memset(err.msg, 'X', sizeof err.msg);
	csr_code rc = csr_config_load_file(path, &cfg, &err);
	if (rc == CSR_OK) {
		CHECK(cfg);
		check_config(cfg);
		csr_config_free(&cfg);
		CHECK(cfg == NULL);
		check_repeat_refused(data, size);
	} else {
		CHECK(cfg == NULL);
		CHECK(err.code == rc);
		CHECK(rc == CSR_EINVAL); /* a readable file: only its text can be wrong */
		check_message(&err, data, size);
	}
	return 0;
}
