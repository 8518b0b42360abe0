/* SPDX-License-Identifier: MIT */
/* csrdesk — the configuration (csrdesk.conf, read with libconfuse).
 *
 * The built-in defaults are data/csrdesk.conf itself, embedded at build time
 * and parsed by the same code as a user's file, so the documented file and
 * the defaults cannot drift apart. */
#ifndef CSRDESK_CONFIG_H
#define CSRDESK_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "csrdesk/status.h"

enum {
	CSR_KEY_MAX = 32,    /* metric and category keys */
	CSR_TITLE_MAX = 128, /* titles shown to people */
	CSR_UNIT_MAX = 32,
	CSR_GROUP_MAX = 64,
	CSR_PATH_MAX = 4096,
	CSR_SERVER_MAX = 256,
	CSR_CATEGORY_METRICS_MAX = 16,
	CSR_LABEL_MAX = CSR_TITLE_MAX + CSR_KEY_MAX, /* a title, or "(removed) key" */
};

/* What a category or metric the config no longer defines is shown as,
 * before its key: "(removed) education" (in English; the label functions
 * below give it in the language shown, "(entfernt) education"). */
#define CSR_REMOVED_PREFIX "(removed) "

typedef enum csr_color {
	CSR_COLOR_DEFAULT = -1,
	CSR_COLOR_BLACK = 0,
	CSR_COLOR_RED,
	CSR_COLOR_GREEN,
	CSR_COLOR_YELLOW,
	CSR_COLOR_BLUE,
	CSR_COLOR_MAGENTA,
	CSR_COLOR_CYAN,
	CSR_COLOR_WHITE,
} csr_color;

typedef struct csr_metric {
	char key[CSR_KEY_MAX];
	char title[CSR_TITLE_MAX];
	char unit[CSR_UNIT_MAX];
} csr_metric;

typedef struct csr_category {
	char key[CSR_KEY_MAX];
	char title[CSR_TITLE_MAX];
	csr_color color;
	int nmetrics;
	int metrics[CSR_CATEGORY_METRICS_MAX]; /* indexes into csr_config.metrics */
} csr_category;

typedef struct csr_config {
	char source[CSR_PATH_MAX];   /* the file read, or "(built-in)" */
	char database[CSR_PATH_MAX]; /* "" means $XDG_DATA_HOME/csrdesk/csrdesk.db */
	char group[CSR_GROUP_MAX];   /* Unix group sharing the database, "" = none */
	char server[CSR_SERVER_MAX]; /* the host leads give ssh, "" = as they connected */
	char language[8];            /* "de", "en"; "" = as the environment says */
	struct {
		char admin_group[CSR_GROUP_MAX];
		char lead_group[CSR_GROUP_MAX];
		char **admins; /* Unix user names */
		int nadmins;
		char **leads;
		int nleads;
	} roles;
	struct {
		bool require_pin;
		int idle_timeout; /* seconds */
		int max_pin_attempts;
		int activation_hours; /* how long a lead's activation code works */
	} kiosk;
	struct {
		bool waitlist;
		int cancel_cutoff_hours;
	} signup;
	struct {
		bool record_hours; /* marking attended records approved hours */
	} attendance;
	struct {
		bool self_approval; /* false: a lead's own hours need another lead */
	} hours;
	bool export_excel; /* export { excel }: CSV exports in German Excel's form */
	struct {
		int lead_days;          /* leads hear of free places this many days ahead */
		int hours_waiting_days; /* ... and of hours waiting longer than this */
	} notify;
	csr_metric *metrics;
	int nmetrics;
	csr_category *categories;
	int ncategories;
} csr_config;

/* Finds and loads the config: explicit_path (--config) if not NULL, else
 * $CSRDESK_CONFIG, $XDG_CONFIG_HOME/csrdesk/csrdesk.conf (or
 * ~/.config/csrdesk/csrdesk.conf), the system config, else the built-in
 * defaults. A setgid run (privilege.h) reads no variable: only the system
 * config or the defaults. An explicit path or $CSRDESK_CONFIG that does not
 * exist is an error. On error *out is NULL and err says file:line: what. */
csr_code csr_config_load(const char *explicit_path, csr_config **out, csr_err *err);

/* SYSCONFDIR/csrdesk/csrdesk.conf, where `meson install` puts it. */
const char *csr_config_system_path(void);

/* Loads one file (opened with the user's own rights); every error names
 * file:line. */
csr_code csr_config_load_file(const char *path, csr_config **out, csr_err *err);

/* Loads from text; name is used in messages in place of a file name. */
csr_code csr_config_load_text(const char *text, const char *name, csr_config **out,
			      csr_err *err);

/* The built-in defaults: the text of data/csrdesk.conf. */
const char *csr_config_default_text(void);

void csr_config_free(csr_config **cfg);

/* NULL when the key is not defined (e.g. a category removed from the file). */
const csr_category *csr_config_category(const csr_config *cfg, const char *key);
const csr_metric *csr_config_metric(const csr_config *cfg, const char *key);

/* The title of category (metric) key, or "(removed) key" (in the language
 * shown) when the config no longer defines it, so its records stay in every
 * figure under that name. */
void csr_config_category_label(const csr_config *cfg, const char *key, char *out, size_t size);
void csr_config_metric_label(const csr_config *cfg, const char *key, char *out, size_t size);

/* The key in a label made by csr_config_category_label for an undefined
 * key ("(removed) education" gives "education", as does the label in the
 * language shown); else label itself. */
const char *csr_config_removed_key(const char *label);

const char *csr_color_name(csr_color color);

#endif
