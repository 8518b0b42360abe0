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
	CSR_MAIL_COMMAND_MAX = 512,
	CSR_MAIL_ADDRESS_MAX = 256,
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

/* What a metric measures, for the B4SI/GRI figures: metric "KEY" { kind }. */
typedef enum csr_metric_kind {
	CSR_METRIC_OUTPUT = 0, /* "output": what initiatives achieve (trees, meals) */
	CSR_METRIC_CASH,       /* "cash": the company's money given (EUR) */
	CSR_METRIC_IN_KIND,    /* "in_kind": goods and services given, valued in EUR */
	CSR_METRIC_LEVERAGE,   /* "leverage": money raised from others (staff, customers) */
} csr_metric_kind;

typedef struct csr_metric {
	char key[CSR_KEY_MAX];
	char title[CSR_TITLE_MAX];
	char unit[CSR_UNIT_MAX];
	csr_metric_kind kind;
} csr_metric;

enum { CSR_SDG_COUNT = 17 }; /* the UN Sustainable Development Goals, 1-17 */

typedef struct csr_category {
	char key[CSR_KEY_MAX];
	char title[CSR_TITLE_MAX];
	csr_color color;
	int nmetrics;
	int metrics[CSR_CATEGORY_METRICS_MAX]; /* indexes into csr_config.metrics */
	bool is_private; /* private = true: agents see how many signed up, not who */
	int nsdgs;
	int sdgs[CSR_SDG_COUNT];      /* sdgs = {3, 4}: goal numbers, in file order */
	char issue_area[CSR_KEY_MAX]; /* a B4SI issue area key, "" = none given */
} csr_category;

/* rate { site from hourly management }: what an hour costs the company at a
 * site from a day on (the time value of the B4SI figures). */
typedef struct csr_cost_rate {
	char site[64];     /* "" = every site without a rate of its own */
	char from[11];     /* "YYYY-MM-DD", the first day it applies */
	double hourly;     /* EUR per hour of volunteering in company time */
	double management; /* EUR per hour of management time */
} csr_cost_rate;

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
		/* the MTA's sendmail, split on blanks and run without a shell
		 * (mail.h); "" = no mail */
		char command[CSR_MAIL_COMMAND_MAX];
		char from[CSR_MAIL_ADDRESS_MAX]; /* "" = csrdesk@ this host's name */
	} mail;
	struct {
		int lead_days;          /* leads hear of free places this many days ahead */
		int hours_waiting_days; /* ... and of hours waiting longer than this */
		int retention_days;     /* delivered notifications older than this go */
	} notify;
	struct {
		int min_group; /* no figure about fewer people than this (1 = off) */
	} privacy;
	struct {
		int inactive_months; /* anonymise people inactive this long (0 = never) */
		int comments_months; /* remove feedback comments this old (0 = never) */
	} retention;
	csr_cost_rate *rates; /* in file order */
	int nrates;
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

/* The config word of kind: "output", "cash", "in_kind" or "leverage". */
const char *csr_metric_kind_name(csr_metric_kind kind);

/* The rate for site on day ("YYYY-MM-DD"): the site's own rate with the
 * latest from on or before day, else the same among the site = "" rates;
 * NULL when none applies. */
const csr_cost_rate *csr_config_rate(const csr_config *cfg, const char *site, const char *day);

/* The B4SI issue areas a category may name (NULL-terminated config keys):
 * education, health, economic_development, environment, arts_culture,
 * social_welfare, emergency_relief, other. */
extern const char *const csr_issue_areas[];
/* The label of an issue area key in the language shown ("Health",
 * "Gesundheit"); the key itself when unknown. */
const char *csr_issue_area_label(const char *key);

#endif
