/* SPDX-License-Identifier: MIT */
/* Loading csrdesk.conf with libconfuse into a plain csr_config.
 *
 * libconfuse reports syntax errors, unknown options and bad values through
 * the error function with the line; our validate callbacks add range,
 * color, text, key and cross-reference checks. Only the first error is
 * kept: it is the one worth fixing first. */
#include "csrdesk/config.h"
#include "csrdesk/i18n.h"

#include <confuse.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config_shape.h"
#include "csrdesk/mail.h"
#include "csrdesk/privilege.h"
#include "csrdesk/text.h"
#include "db_private.h"

extern const char csr_default_config[]; /* data/csrdesk.conf, embedded */

static const char *const color_names[] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
};

/* The load in progress: libconfuse callbacks have no user pointer, so the
 * one parse at a time keeps its state here (loading is not thread-safe). */
static struct {
	cfg_t *root;
	const char *name; /* file name for messages */
	const char *text; /* the text parsed, for duplicate_key */
	csr_err *err;
	bool failed;
	int line; /* of the error, 0 = none known */
	struct assignment *set; /* every option assigned so far (see once) */
	size_t nset, capset;
} load;

/* One assignment libconfuse made: the section (its cfg_t, one per section
 * given) and the option, and where. */
struct assignment {
	const cfg_t *section;
	const cfg_opt_t *opt;
	int line;
};

/* The start of line (from 1) of text, NULL past its end. */
static const char *line_start(const char *text, int line)
{
	for (; text && line > 1; line--) {
		text = strchr(text, '\n');
		text = text ? text + 1 : NULL;
	}
	return text;
}

/* libconfuse reports a second metric "trees" or category "green" as a
 * "duplicate title": when the line of the error opens such a section whose
 * key is already defined, say so in our words, with the first line. */
static bool duplicate_key(int line, char *msg, size_t size)
{
	const char *p = line_start(load.text, line);
	if (!p)
		return false;
	p += strspn(p, " \t");
	const char *kind = strncmp(p, "metric", 6) == 0 ? "metric"
			   : strncmp(p, "category", 8) == 0 ? "category" : NULL;
	if (!kind)
		return false;
	p += strlen(kind);
	p += strspn(p, " \t\"");
	char key[CSR_KEY_MAX];
	size_t n = strcspn(p, " \t\"{\n");
	if (n == 0 || n >= sizeof key)
		return false;
	snprintf(key, sizeof key, "%.*s", (int)n, p);
	cfg_t *first = cfg_gettsec(load.root, kind, key);
	if (!first || first->line >= line)
		return false; /* the section's own error, not a second one */
	/* TRANSLATORS: the first %s is the section's name as written in the
	 * config file (metric or category; not translated), the second its key. */
	snprintf(msg, size, _("%s \"%s\" is defined twice (first on line %d); keep one"), kind,
		 key, first->line);
	return true;
}

static void on_error(cfg_t *cfg, const char *fmt, va_list ap)
{
	if (load.failed)
		return;
	char msg[CSR_ERR_MSG_MAX];
	vsnprintf(msg, sizeof msg, fmt, ap);
	if (cfg && cfg->line > 0)
		duplicate_key(cfg->line, msg, sizeof msg);
	load.failed = true;
	load.line = cfg && cfg->line > 0 ? cfg->line : 0;
	if (cfg && cfg->line > 0)
		csr_fail(load.err, CSR_EINVAL, "%s:%d: %s", load.name, cfg->line, msg);
	else
		csr_fail(load.err, CSR_EINVAL, "%s: %s", load.name, msg);
}

/* libconfuse 3.3 lets a second "max_pin_attempts = 20" in a section
 * replace the first silently. It calls an option's validate function after
 * each assignment, with the line: a second call for the same option of the
 * same section is such a repeat. This follows libconfuse's own grammar, so
 * no odd spelling slips past it (fuzz_config found several that a separate
 * scan of the text did not follow). Lists are left to that scan
 * (csr_config_shape_flaw): libconfuse calls once per element. */
static int once(cfg_t *sec, cfg_opt_t *opt)
{
	for (size_t i = 0; i < load.nset; i++) {
		const struct assignment *a = &load.set[i];
		if (a->section != sec || a->opt != opt)
			continue;
		if (sec == load.root)
			/* TRANSLATORS: %s is a config option's name (not translated). */
			cfg_error(sec, _("%s is given twice (first on line %d); keep one"),
				  cfg_opt_name(opt), a->line);
		else
			/* TRANSLATORS: a config section's name, then an option's
			 * name (neither translated). */
			cfg_error(sec, _("%s: %s is given twice (first on line %d); keep one"),
				  cfg_name(sec), cfg_opt_name(opt), a->line);
		return -1;
	}
	if (load.nset == load.capset) {
		size_t cap = load.capset ? 2 * load.capset : 32;
		struct assignment *grown = realloc(load.set, cap * sizeof *grown);
		if (!grown) {
			cfg_error(sec, "%s", _("out of memory"));
			return -1;
		}
		load.set = grown;
		load.capset = cap;
	}
	load.set[load.nset++] = (struct assignment){ sec, opt, sec->line };
	return 0;
}

static bool valid_key(const char *key)
{
	size_t n = strlen(key);
	if (n == 0 || n >= CSR_KEY_MAX)
		return false;
	for (const char *p = key; *p; p++)
		if (!islower((unsigned char)*p) && !isdigit((unsigned char)*p) && *p != '-' &&
		    *p != '_')
			return false;
	return true;
}

/* Titles and units are drawn on other people's terminals: refuse control
 * characters and escape sequences here, where the admin can fix them.
 * Called for metric|title, metric|unit and category|title as each is read,
 * so the error names the line of the value. */
static int validate_text(cfg_t *sec, cfg_opt_t *opt)
{
	if (once(sec, opt))
		return -1;
	const char *name = cfg_opt_name(opt), *s = cfg_opt_getnstr(opt, 0);
	size_t max = strcmp(name, "unit") == 0 ? CSR_UNIT_MAX : CSR_TITLE_MAX;
	if (!s)
		return 0;
	if (strlen(s) >= max) {
		/* TRANSLATORS: the section (metric or category), its key, then the
		 * option (title or unit): config words, not translated. */
		cfg_error(sec, _("%s \"%s\": %s is longer than %zu bytes"), cfg_name(sec),
			  cfg_title(sec), name, max - 1);
		return -1;
	}
	if (!csr_text_is_safe(s)) {
		/* TRANSLATORS: the section (metric or category), its key, then the
		 * option (title or unit): config words, not translated. */
		cfg_error(sec, _("%s \"%s\": %s holds a control character or invalid UTF-8"),
			  cfg_name(sec), cfg_title(sec), name);
		return -1;
	}
	return 0;
}

/* server: one word a person types after ssh (a host name or address,
 * optionally user@ or [IPv6]), shown in the command that fetches a report. */
static int validate_server(cfg_t *sec, cfg_opt_t *opt)
{
	if (once(sec, opt))
		return -1;
	const char *s = cfg_opt_getnstr(opt, 0);
	static const char allowed[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
				      "0123456789.-_:[]@";
	if (s && strlen(s) >= CSR_SERVER_MAX) {
		/* TRANSLATORS: "server" is the config option's name (not translated). */
		cfg_error(sec, _("server is longer than %d bytes"), CSR_SERVER_MAX - 1);
		return -1;
	}
	if (s && strspn(s, allowed) != strlen(s)) {
		/* TRANSLATORS: "server" is the config option's name (not translated). */
		cfg_error(sec, _("server \"%s\" is not a host name: use letters, digits and"
				 " . - _ : [ ] @"), s);
		return -1;
	}
	return 0;
}

/* language: one csrdesk has a catalogue for, or none. */
static int validate_language(cfg_t *sec, cfg_opt_t *opt)
{
	if (once(sec, opt))
		return -1;
	const char *s = cfg_opt_getnstr(opt, 0);
	if (s && *s && !csr_i18n_known(s)) {
		/* TRANSLATORS: "language" is the config option's name; "de", "en"
		 * and "" are values as typed in the file (keep the plain quotes). */
		cfg_error(sec, _("language \"%s\" is not one csrdesk speaks: use \"de\", \"en\" or \"\""),
			  s);
		return -1;
	}
	return 0;
}

/* mail.command: empty (no mail) or a program by its absolute path with
 * its arguments, run without a shell; mail.from: empty or an address. */
static int validate_mail(cfg_t *sec, cfg_opt_t *opt)
{
	if (once(sec, opt))
		return -1;
	const char *s = cfg_opt_getnstr(opt, 0);
	if (!s || !*s)
		return 0;
	bool command = strcmp(cfg_opt_name(opt), "command") == 0;
	size_t max = command ? CSR_MAIL_COMMAND_MAX : CSR_MAIL_ADDRESS_MAX;
	if (strlen(s) >= max) {
		/* TRANSLATORS: a config option's name (not translated), then a number. */
		cfg_error(sec, _("mail: %s is longer than %zu bytes"), cfg_opt_name(opt), max - 1);
		return -1;
	}
	if (command && !csr_mail_command_valid(s)) {
		/* TRANSLATORS: "mail", "command" and the example are config text
		 * (not translated); it is run without a shell. */
		cfg_error(sec, _("mail: command \"%s\" must start with the program's absolute path,"
				 " such as \"/usr/sbin/sendmail -t -oi\" (at most %d words, no"
				 " control characters)"), s, CSR_MAIL_COMMAND_WORDS);
		return -1;
	}
	if (!command && !csr_mail_address_valid(s)) {
		/* TRANSLATORS: "mail" and "from" are config words (not translated). */
		cfg_error(sec, _("mail: from \"%s\" is not a plain mail address such as"
				 " csrdesk@example.org"), s);
		return -1;
	}
	return 0;
}

/* metric and category sections: the key in their title (checked when the
 * section closes; libconfuse has no hook for the title itself). */
static int validate_key(cfg_t *cfg, cfg_opt_t *opt)
{
	cfg_t *sec = cfg_opt_getnsec(opt, cfg_opt_size(opt) - 1);
	(void)cfg;
	if (valid_key(cfg_title(sec)))
		return 0;
	/* TRANSLATORS: %s is the section's name (metric or category; not
	 * translated), then the key written after it. */
	cfg_error(sec, _("%s key \"%s\" must be 1-%d lower-case letters, digits, - or _"),
		  cfg_name(sec), cfg_title(sec), CSR_KEY_MAX - 1);
	return -1;
}

static bool color_parse(const char *name, csr_color *out)
{
	if (strcmp(name, "default") == 0) {
		*out = CSR_COLOR_DEFAULT;
		return true;
	}
	for (size_t i = 0; i < sizeof color_names / sizeof color_names[0]; i++)
		if (strcmp(name, color_names[i]) == 0) {
			*out = (csr_color)i;
			return true;
		}
	return false;
}

const char *csr_color_name(csr_color color)
{
	if (color < CSR_COLOR_BLACK || color > CSR_COLOR_WHITE)
		return "default";
	return color_names[color];
}

static int validate_color(cfg_t *sec, cfg_opt_t *opt)
{
	if (once(sec, opt))
		return -1;
	csr_color color;
	const char *name = cfg_opt_getnstr(opt, 0);
	if (color_parse(name, &color))
		return 0;
	/* TRANSLATORS: "category" is the config section's name; the color names
	 * are values as typed in the file: none of them is translated. */
	cfg_error(sec, _("category \"%s\": unknown color \"%s\" (use default, black, red, green,"
			 " yellow, blue, magenta, cyan or white)"), cfg_title(sec), name);
	return -1;
}

/* A category's metrics must be defined above it in the file. */
static int validate_category_metrics(cfg_t *sec, cfg_opt_t *opt)
{
	unsigned n = cfg_opt_size(opt);
	if (n > CSR_CATEGORY_METRICS_MAX) {
		/* TRANSLATORS: "category" is the config section's name (not
		 * translated); %d is always more than 1. */
		cfg_error(sec, _("category \"%s\" names more than %d metrics"), cfg_title(sec),
			  CSR_CATEGORY_METRICS_MAX);
		return -1;
	}
	for (unsigned i = 0; i < n; i++) {
		const char *key = cfg_opt_getnstr(opt, i);
		if (!cfg_gettsec(load.root, "metric", key)) {
			/* TRANSLATORS: "category" is the config section's name;
			 * metric "%s" { ... } is config text as typed in the file:
			 * keep it and its plain quotes. */
			cfg_error(sec, _("category \"%s\" names metric \"%s\", which is not defined"
					 " (define it with metric \"%s\" { ... } above)"),
				  cfg_title(sec), key, key);
			return -1;
		}
	}
	return 0;
}

static const struct {
	const char *name;
	long lo, hi;
} ranges[] = {
	{ "idle_timeout", 10, 3600 },
	{ "max_pin_attempts", 1, 20 },
	{ "activation_hours", 1, 168 },
	{ "cancel_cutoff_hours", 0, 720 },
	{ "retention_days", 1, 3650 },
	{ "lead_days", 0, 60 },
	{ "hours_waiting_days", 1, 365 },
	{ "min_group", 1, 100 },
	{ "inactive_months", 0, 600 },
	{ "comments_months", 0, 600 },
};

static int validate_range(cfg_t *sec, cfg_opt_t *opt)
{
	if (once(sec, opt))
		return -1;
	long v = cfg_opt_getnint(opt, 0);
	for (size_t i = 0; i < sizeof ranges / sizeof ranges[0]; i++) {
		if (strcmp(ranges[i].name, cfg_opt_name(opt)) != 0)
			continue;
		if (v >= ranges[i].lo && v <= ranges[i].hi)
			return 0;
		/* TRANSLATORS: a config section's name, then an option's name
		 * (neither translated), its value, then the lowest and highest
		 * values allowed. */
		cfg_error(sec, _("%s: %s = %ld is out of range (%ld-%ld)"), cfg_name(sec),
			  ranges[i].name, v, ranges[i].lo, ranges[i].hi);
		return -1;
	}
	return 0;
}

static const char *const metric_kind_names[] = { "output", "cash", "in_kind", "leverage" };

const char *csr_metric_kind_name(csr_metric_kind kind)
{
	return kind >= CSR_METRIC_OUTPUT && kind <= CSR_METRIC_LEVERAGE ? metric_kind_names[kind]
									: "output";
}

static bool metric_kind_parse(const char *name, csr_metric_kind *out)
{
	for (size_t i = 0; i < sizeof metric_kind_names / sizeof metric_kind_names[0]; i++)
		if (strcmp(name, metric_kind_names[i]) == 0) {
			*out = (csr_metric_kind)i;
			return true;
		}
	return false;
}

static int validate_metric_kind(cfg_t *sec, cfg_opt_t *opt)
{
	if (once(sec, opt))
		return -1;
	csr_metric_kind kind;
	const char *name = cfg_opt_getnstr(opt, 0);
	if (metric_kind_parse(name, &kind))
		return 0;
	/* TRANSLATORS: "metric" is the config section's name; the kinds are
	 * values as typed in the file: none of them is translated. */
	cfg_error(sec, _("metric \"%s\": unknown kind \"%s\" (use output, cash, in_kind or"
			 " leverage)"), cfg_title(sec), name);
	return -1;
}

const char *const csr_issue_areas[] = {
	"education", "health", "economic_development", "environment", "arts_culture",
	"social_welfare", "emergency_relief", "other", NULL,
};

/* The labels of csr_issue_areas, in its order. */
static const char *const issue_area_labels[] = {
	N_("Education"), N_("Health"), N_("Economic development"), N_("Environment"),
	N_("Arts and culture"), N_("Social welfare"), N_("Emergency relief"), N_("Other"),
};

static int issue_area_index(const char *key)
{
	for (int i = 0; csr_issue_areas[i]; i++)
		if (strcmp(key, csr_issue_areas[i]) == 0)
			return i;
	return -1;
}

const char *csr_issue_area_label(const char *key)
{
	int i = issue_area_index(key);
	return i < 0 ? key : _(issue_area_labels[i]);
}

static int validate_issue_area(cfg_t *sec, cfg_opt_t *opt)
{
	if (once(sec, opt))
		return -1;
	const char *key = cfg_opt_getnstr(opt, 0);
	if (!key || !*key || issue_area_index(key) >= 0)
		return 0;
	/* TRANSLATORS: "category" and "issue_area" are config words; the areas
	 * are values as typed in the file: none of them is translated. */
	cfg_error(sec, _("category \"%s\": unknown issue_area \"%s\" (use education, health,"
			 " economic_development, environment, arts_culture, social_welfare,"
			 " emergency_relief or other)"), cfg_title(sec), key);
	return -1;
}

/* sdgs = {3, 4, 13}: the UN goals, numbered 1-17, each once. */
static int validate_sdgs(cfg_t *sec, cfg_opt_t *opt)
{
	unsigned n = cfg_opt_size(opt);
	for (unsigned i = 0; i < n; i++) {
		long goal = cfg_opt_getnint(opt, i);
		bool repeated = false;
		for (unsigned j = 0; j < i; j++)
			repeated = repeated || cfg_opt_getnint(opt, j) == goal;
		if (goal >= 1 && goal <= CSR_SDG_COUNT && !repeated)
			continue;
		/* TRANSLATORS: "category" and "sdgs" are config words (not
		 * translated); SDG: the UN Sustainable Development Goals. */
		cfg_error(sec, _("category \"%s\": sdgs holds %ld; name each goal once, by its"
				 " number 1-17"), cfg_title(sec), goal);
		return -1;
	}
	return 0;
}

/* "YYYY-MM-DD", a day that exists. */
static bool valid_day(const char *s)
{
	int y, m, d, end = 0;
	if (!s || strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &end) != 3 ||
	    end != 10 || y < 1970 || m < 1 || m > 12 || d < 1)
		return false;
	static const int days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return d <= days[m - 1] && !(m == 2 && d == 29 && !leap);
}

/* A rate section, checked when it closes: a valid from, an amount that is
 * not negative, a site written safely, and no second rate for the same
 * site and day. */
static int validate_rate(cfg_t *cfg, cfg_opt_t *opt)
{
	unsigned n = cfg_opt_size(opt);
	cfg_t *sec = cfg_opt_getnsec(opt, n - 1);
	const char *site = cfg_getstr(sec, "site"), *from = cfg_getstr(sec, "from");
	(void)cfg;
	if (strlen(site) >= sizeof ((csr_cost_rate *)0)->site || !csr_text_is_safe(site)) {
		/* TRANSLATORS: "rate" and "site" are config words (not translated). */
		cfg_error(sec, _("rate: site is longer than %zu bytes or holds a control character"),
			  sizeof ((csr_cost_rate *)0)->site - 1);
		return -1;
	}
	if (!valid_day(from)) {
		/* TRANSLATORS: "rate" and "from" are config words (not translated). */
		cfg_error(sec, _("rate: from = \"%s\" is not a day YYYY-MM-DD"), from);
		return -1;
	}
	if (cfg_getfloat(sec, "hourly") < 0 || cfg_getfloat(sec, "management") < 0) {
		/* TRANSLATORS: "rate", "hourly" and "management" are config words. */
		cfg_error(sec, "%s", _("rate: hourly and management must not be negative"));
		return -1;
	}
	for (unsigned i = 0; i + 1 < n; i++) {
		cfg_t *other = cfg_opt_getnsec(opt, i);
		if (strcmp(cfg_getstr(other, "site"), site) == 0 &&
		    strcmp(cfg_getstr(other, "from"), from) == 0) {
			/* TRANSLATORS: "rate" is the config section's name; a site,
			 * a day, then the line of the first such rate. */
			cfg_error(sec, _("rate: site \"%s\" has a second rate from %s (first on line"
					 " %d); keep one"), site, from, other->line);
			return -1;
		}
	}
	return 0;
}

static cfg_t *parser_new(void)
{
	static cfg_opt_t roles_opts[] = {
		CFG_STR("admin_group", "csr-admins", CFGF_NONE),
		CFG_STR("lead_group", "csr-leads", CFGF_NONE),
		CFG_STR_LIST("admins", "{}", CFGF_NONE),
		CFG_STR_LIST("leads", "{}", CFGF_NONE),
		CFG_END(),
	};
	static cfg_opt_t kiosk_opts[] = {
		CFG_BOOL("require_pin", cfg_true, CFGF_NONE),
		CFG_INT("idle_timeout", 60, CFGF_NONE),
		CFG_INT("max_pin_attempts", 5, CFGF_NONE),
		CFG_INT("activation_hours", 24, CFGF_NONE),
		CFG_END(),
	};
	static cfg_opt_t signup_opts[] = {
		CFG_BOOL("waitlist", cfg_true, CFGF_NONE),
		CFG_INT("cancel_cutoff_hours", 24, CFGF_NONE),
		CFG_END(),
	};
	static cfg_opt_t attendance_opts[] = {
		CFG_BOOL("record_hours", cfg_true, CFGF_NONE),
		CFG_END(),
	};
	static cfg_opt_t hours_opts[] = {
		CFG_BOOL("self_approval", cfg_false, CFGF_NONE),
		CFG_END(),
	};
	static cfg_opt_t notify_opts[] = {
		CFG_INT("lead_days", 3, CFGF_NONE),
		CFG_INT("hours_waiting_days", 7, CFGF_NONE),
		CFG_INT("retention_days", 90, CFGF_NONE),
		CFG_END(),
	};
	static cfg_opt_t export_opts[] = {
		CFG_BOOL("excel", cfg_false, CFGF_NONE),
		CFG_END(),
	};
	static cfg_opt_t mail_opts[] = {
		CFG_STR("command", "", CFGF_NONE),
		CFG_STR("from", "", CFGF_NONE),
		CFG_END(),
	};
	static cfg_opt_t privacy_opts[] = {
		CFG_INT("min_group", 5, CFGF_NONE),
		CFG_END(),
	};
	static cfg_opt_t retention_opts[] = {
		CFG_INT("inactive_months", 36, CFGF_NONE),
		CFG_INT("comments_months", 24, CFGF_NONE),
		CFG_END(),
	};
	static cfg_opt_t rate_opts[] = {
		CFG_STR("site", "", CFGF_NONE),
		CFG_STR("from", "1970-01-01", CFGF_NONE),
		CFG_FLOAT("hourly", 0, CFGF_NONE),
		CFG_FLOAT("management", 0, CFGF_NONE),
		CFG_END(),
	};
	static cfg_opt_t metric_opts[] = {
		CFG_STR("title", NULL, CFGF_NONE),
		CFG_STR("unit", "", CFGF_NONE),
		CFG_STR("kind", "output", CFGF_NONE),
		CFG_END(),
	};
	static cfg_opt_t category_opts[] = {
		CFG_STR("title", NULL, CFGF_NONE),
		CFG_STR("color", "default", CFGF_NONE),
		CFG_STR_LIST("metrics", "{}", CFGF_NONE),
		CFG_BOOL("private", cfg_false, CFGF_NONE),
		CFG_INT_LIST("sdgs", "{}", CFGF_NONE),
		CFG_STR("issue_area", "", CFGF_NONE),
		CFG_END(),
	};
	static cfg_opt_t opts[] = {
		CFG_STR("database", "", CFGF_NONE),
		CFG_STR("group", "", CFGF_NONE),
		CFG_STR("server", "", CFGF_NONE),
		CFG_STR("language", "", CFGF_NONE),
		CFG_SEC("roles", roles_opts, CFGF_NONE),
		CFG_SEC("kiosk", kiosk_opts, CFGF_NONE),
		CFG_SEC("signup", signup_opts, CFGF_NONE),
		CFG_SEC("attendance", attendance_opts, CFGF_NONE),
		CFG_SEC("hours", hours_opts, CFGF_NONE),
		CFG_SEC("export", export_opts, CFGF_NONE),
		CFG_SEC("mail", mail_opts, CFGF_NONE),
		CFG_SEC("notify", notify_opts, CFGF_NONE),
		CFG_SEC("privacy", privacy_opts, CFGF_NONE),
		CFG_SEC("retention", retention_opts, CFGF_NONE),
		CFG_SEC("rate", rate_opts, CFGF_MULTI),
		CFG_SEC("metric", metric_opts, CFGF_MULTI | CFGF_TITLE | CFGF_NO_TITLE_DUPES),
		CFG_SEC("category", category_opts, CFGF_MULTI | CFGF_TITLE | CFGF_NO_TITLE_DUPES),
		CFG_END(),
	};
	cfg_t *cfg = cfg_init(opts, CFGF_NONE);
	if (!cfg)
		return NULL;
	cfg_set_error_function(cfg, on_error);
	cfg_set_validate_func(cfg, "metric", validate_key);
	cfg_set_validate_func(cfg, "metric|title", validate_text);
	cfg_set_validate_func(cfg, "metric|unit", validate_text);
	cfg_set_validate_func(cfg, "metric|kind", validate_metric_kind);
	cfg_set_validate_func(cfg, "category|issue_area", validate_issue_area);
	cfg_set_validate_func(cfg, "category|sdgs", validate_sdgs);
	cfg_set_validate_func(cfg, "rate", validate_rate);
	cfg_set_validate_func(cfg, "privacy|min_group", validate_range);
	cfg_set_validate_func(cfg, "retention|inactive_months", validate_range);
	cfg_set_validate_func(cfg, "retention|comments_months", validate_range);
	cfg_set_validate_func(cfg, "category", validate_key);
	cfg_set_validate_func(cfg, "category|title", validate_text);
	cfg_set_validate_func(cfg, "category|color", validate_color);
	cfg_set_validate_func(cfg, "category|metrics", validate_category_metrics);
	cfg_set_validate_func(cfg, "server", validate_server);
	cfg_set_validate_func(cfg, "language", validate_language);
	cfg_set_validate_func(cfg, "kiosk|idle_timeout", validate_range);
	cfg_set_validate_func(cfg, "kiosk|max_pin_attempts", validate_range);
	cfg_set_validate_func(cfg, "kiosk|activation_hours", validate_range);
	cfg_set_validate_func(cfg, "signup|cancel_cutoff_hours", validate_range);
	cfg_set_validate_func(cfg, "mail|command", validate_mail);
	cfg_set_validate_func(cfg, "mail|from", validate_mail);
	cfg_set_validate_func(cfg, "notify|lead_days", validate_range);
	cfg_set_validate_func(cfg, "notify|hours_waiting_days", validate_range);
	cfg_set_validate_func(cfg, "notify|retention_days", validate_range);
	static const char *const plain[] = {
		"database", "group", "roles|admin_group", "roles|lead_group",
		"kiosk|require_pin", "signup|waitlist", "attendance|record_hours",
		"hours|self_approval", "category|private", "rate|site", "rate|from",
		"rate|hourly", "rate|management",
	};
	for (size_t i = 0; i < sizeof plain / sizeof plain[0]; i++)
		cfg_set_validate_func(cfg, plain[i], once);
	return cfg;
}

static char **copy_list(cfg_t *sec, const char *opt, int *n)
{
	*n = (int)cfg_size(sec, opt);
	char **list = calloc((size_t)*n + 1, sizeof *list);
	for (int i = 0; list && i < *n; i++)
		list[i] = strdup(cfg_getnstr(sec, opt, (unsigned)i));
	return list;
}

static void copy_scalars(cfg_t *root, csr_config *c)
{
	cfg_t *roles = cfg_getsec(root, "roles"), *kiosk = cfg_getsec(root, "kiosk"),
	      *signup = cfg_getsec(root, "signup"), *attendance = cfg_getsec(root, "attendance"),
	      *hours = cfg_getsec(root, "hours");
	csr_copy(c->database, sizeof c->database, cfg_getstr(root, "database"));
	csr_copy(c->group, sizeof c->group, cfg_getstr(root, "group"));
	csr_copy(c->server, sizeof c->server, cfg_getstr(root, "server"));
	csr_copy(c->language, sizeof c->language, cfg_getstr(root, "language"));
	csr_copy(c->roles.admin_group, sizeof c->roles.admin_group,
		 cfg_getstr(roles, "admin_group"));
	csr_copy(c->roles.lead_group, sizeof c->roles.lead_group, cfg_getstr(roles, "lead_group"));
	c->roles.admins = copy_list(roles, "admins", &c->roles.nadmins);
	c->roles.leads = copy_list(roles, "leads", &c->roles.nleads);
	c->kiosk.require_pin = cfg_getbool(kiosk, "require_pin");
	c->kiosk.idle_timeout = (int)cfg_getint(kiosk, "idle_timeout");
	c->kiosk.max_pin_attempts = (int)cfg_getint(kiosk, "max_pin_attempts");
	c->kiosk.activation_hours = (int)cfg_getint(kiosk, "activation_hours");
	c->signup.waitlist = cfg_getbool(signup, "waitlist");
	c->signup.cancel_cutoff_hours = (int)cfg_getint(signup, "cancel_cutoff_hours");
	c->attendance.record_hours = cfg_getbool(attendance, "record_hours");
	c->hours.self_approval = cfg_getbool(hours, "self_approval");
	c->export_excel = cfg_getbool(cfg_getsec(root, "export"), "excel");
	cfg_t *mail = cfg_getsec(root, "mail");
	csr_copy(c->mail.command, sizeof c->mail.command, cfg_getstr(mail, "command"));
	csr_copy(c->mail.from, sizeof c->mail.from, cfg_getstr(mail, "from"));
	cfg_t *notify = cfg_getsec(root, "notify");
	c->notify.lead_days = (int)cfg_getint(notify, "lead_days");
	c->notify.hours_waiting_days = (int)cfg_getint(notify, "hours_waiting_days");
	c->notify.retention_days = (int)cfg_getint(notify, "retention_days");
	c->privacy.min_group = (int)cfg_getint(cfg_getsec(root, "privacy"), "min_group");
	cfg_t *retention = cfg_getsec(root, "retention");
	c->retention.inactive_months = (int)cfg_getint(retention, "inactive_months");
	c->retention.comments_months = (int)cfg_getint(retention, "comments_months");
}

static void copy_rates(cfg_t *root, csr_config *c)
{
	c->nrates = (int)cfg_size(root, "rate");
	c->rates = calloc((size_t)c->nrates + 1, sizeof *c->rates);
	for (int i = 0; c->rates && i < c->nrates; i++) {
		cfg_t *sec = cfg_getnsec(root, "rate", (unsigned)i);
		csr_cost_rate *r = &c->rates[i];
		csr_copy(r->site, sizeof r->site, cfg_getstr(sec, "site"));
		csr_copy(r->from, sizeof r->from, cfg_getstr(sec, "from"));
		r->hourly = cfg_getfloat(sec, "hourly");
		r->management = cfg_getfloat(sec, "management");
	}
}

static const char *title_or_key(cfg_t *sec)
{
	const char *t = cfg_getstr(sec, "title");
	return t && *t ? t : cfg_title(sec);
}

static void copy_metrics(cfg_t *root, csr_config *c)
{
	c->nmetrics = (int)cfg_size(root, "metric");
	c->metrics = calloc((size_t)c->nmetrics + 1, sizeof *c->metrics);
	for (int i = 0; c->metrics && i < c->nmetrics; i++) {
		cfg_t *sec = cfg_getnsec(root, "metric", (unsigned)i);
		csr_metric *m = &c->metrics[i];
		csr_copy(m->key, sizeof m->key, cfg_title(sec));
		csr_copy(m->title, sizeof m->title, title_or_key(sec));
		csr_copy(m->unit, sizeof m->unit, cfg_getstr(sec, "unit"));
		metric_kind_parse(cfg_getstr(sec, "kind"), &m->kind);
	}
}

static void copy_categories(cfg_t *root, csr_config *c)
{
	c->ncategories = (int)cfg_size(root, "category");
	c->categories = calloc((size_t)c->ncategories + 1, sizeof *c->categories);
	for (int i = 0; c->categories && i < c->ncategories; i++) {
		cfg_t *sec = cfg_getnsec(root, "category", (unsigned)i);
		csr_category *k = &c->categories[i];
		csr_copy(k->key, sizeof k->key, cfg_title(sec));
		csr_copy(k->title, sizeof k->title, title_or_key(sec));
		color_parse(cfg_getstr(sec, "color"), &k->color);
		k->is_private = cfg_getbool(sec, "private");
		k->nsdgs = (int)cfg_size(sec, "sdgs");
		for (int j = 0; j < k->nsdgs; j++)
			k->sdgs[j] = (int)cfg_getnint(sec, "sdgs", (unsigned)j);
		csr_copy(k->issue_area, sizeof k->issue_area, cfg_getstr(sec, "issue_area"));
		k->nmetrics = (int)cfg_size(sec, "metrics");
		for (int j = 0; j < k->nmetrics; j++) {
			const char *key = cfg_getnstr(sec, "metrics", (unsigned)j);
			for (int m = 0; m < c->nmetrics; m++)
				if (strcmp(c->metrics[m].key, key) == 0)
					k->metrics[j] = m;
		}
	}
}

static csr_code convert(cfg_t *root, const char *name, csr_config **out, csr_err *err)
{
	csr_config *c = calloc(1, sizeof *c);
	if (!c)
		return csr_fail(err, CSR_ENOMEM, "%s", _("out of memory"));
	csr_copy(c->source, sizeof c->source, name);
	copy_scalars(root, c);
	copy_metrics(root, c);
	copy_categories(root, c);
	copy_rates(root, c);
	if (!c->roles.admins || !c->roles.leads || !c->metrics || !c->categories || !c->rates) {
		csr_config_free(&c);
		return csr_fail(err, CSR_ENOMEM, "%s", _("out of memory"));
	}
	*out = c;
	return CSR_OK;
}

/* A file that defines no metrics and no categories takes the built-in ones. */
static csr_code adopt_default_catalogue(csr_config *c, csr_err *err)
{
	csr_config *def = NULL;
	csr_code rc = csr_config_load_text(csr_default_config, "(built-in)", &def, err);
	if (rc)
		return rc;
	free(c->metrics);
	free(c->categories);
	c->metrics = def->metrics;
	c->nmetrics = def->nmetrics;
	c->categories = def->categories;
	c->ncategories = def->ncategories;
	def->metrics = NULL;
	def->categories = NULL;
	csr_config_free(&def);
	return CSR_OK;
}

/* Blanks out comments (# and // to the end of the line, and block comments),
 * keeping every newline and everything inside quotes. libconfuse 3.3 counts
 * two lines for each line comment, so with comments left in, every error
 * after the first comment named the wrong line. Returns where a block
 * comment starts that is never closed (it would hide the rest of the file),
 * else NULL. */
static const char *blank_comments(char *s)
{
	char quote = 0;
	for (; *s; s++) {
		if (quote) {
			if (*s == '\\' && s[1])
				s++;
			else if (*s == quote)
				quote = 0;
		} else if (*s == '"' || *s == '\'') {
			quote = *s;
		} else if (*s == '#' || (s[0] == '/' && s[1] == '/')) {
			for (; *s && *s != '\n'; s++)
				*s = ' ';
			if (!*s)
				break;
		} else if (s[0] == '/' && s[1] == '*') {
			char *start = s;
			for (s += 2; *s && !(s[0] == '*' && s[1] == '/'); s++)
				if (*s != '\n')
					*s = ' ';
			if (!*s)
				return start;
			start[0] = start[1] = s[0] = s[1] = ' ';
			s++;
		}
	}
	return NULL;
}

static int line_at(const char *text, const char *at)
{
	int line = 1;
	for (; text < at; text++)
		line += *text == '\n';
	return line;
}

/* libconfuse's parse of clean text, then what it lets pass (an option
 * given twice, a { never closed: csr_config_shape_flaw); of two errors the
 * one on the earlier line is reported. */
static csr_code parse_clean(cfg_t *root, char *clean, const char *name, csr_config **out,
			    csr_err *err)
{
	char why[CSR_ERR_MSG_MAX - 64];
	int flaw_line = csr_config_shape_flaw(clean, why, sizeof why);
	bool parsed = cfg_parse_buf(root, clean) == CFG_SUCCESS && !load.failed;
	if (flaw_line > 0 && (parsed || load.line == 0 || flaw_line <= load.line))
		return csr_fail(err, CSR_EINVAL, "%s:%d: %s", name, flaw_line, why);
	if (!parsed)
		return load.failed ? CSR_EINVAL
				   : csr_fail(err, CSR_EINVAL, _("%s: cannot be parsed"), name);
	return convert(root, name, out, err);
}

/* Parses text; name is for messages. */
static csr_code parse(const char *text, const char *name, csr_config **out, csr_err *err)
{
	*out = NULL;
	char *clean = strdup(text);
	cfg_t *root = clean ? parser_new() : NULL;
	if (!root) {
		free(clean);
		return csr_fail(err, CSR_ENOMEM, "%s", _("out of memory"));
	}
	const char *unclosed = blank_comments(clean);
	load.root = root;
	load.name = name;
	load.text = clean;
	load.err = err;
	load.failed = false;
	load.line = 0;
	load.nset = 0;
	csr_code code;
	if (unclosed)
		/* TRANSLATORS: the config file's name and a line number. */
		code = csr_fail(err, CSR_EINVAL, _("%s:%d: a /* comment is never closed"), name,
				line_at(clean, unclosed));
	else
		code = parse_clean(root, clean, name, out, err);
	cfg_free(root);
	free(clean);
	free(load.set);
	load.set = NULL;
	load.nset = load.capset = 0;
	if (code == CSR_OK && (*out)->nmetrics == 0 && (*out)->ncategories == 0 &&
	    text != csr_default_config)
		code = adopt_default_catalogue(*out, err);
	if (code == CSR_OK && (*out)->ncategories == 0)
		/* TRANSLATORS: %s is the config file's name. */
		code = csr_fail(err, CSR_EINVAL, _("%s: defines no category; initiatives need one"),
				name);
	if (code != CSR_OK)
		csr_config_free(out);
	return code;
}

enum { CONFIG_FILE_MAX = 1 << 20 };

#ifndef CSRDESK_SYSCONFDIR
#define CSRDESK_SYSCONFDIR "/etc"
#endif

const char *csr_config_system_path(void)
{
	return CSRDESK_SYSCONFDIR "/csrdesk/csrdesk.conf";
}

/* A config file is read with the user's own rights (see privilege.h): a
 * setgid csrdesk must not show a user the lines of a file only its group
 * may read. */
static FILE *open_config(const char *path)
{
	int fd = csr_open_as_user(path, O_RDONLY, 0);
	FILE *f = fd >= 0 ? fdopen(fd, "r") : NULL;
	if (fd >= 0 && !f)
		close(fd);
	return f;
}

csr_code csr_config_load_file(const char *path, csr_config **out, csr_err *err)
{
	*out = NULL;
	FILE *f = open_config(path);
	if (!f)
		/* TRANSLATORS: a file's name, then the system's reason. */
		return csr_fail(err, CSR_EIO, _("%s: cannot read: %s"), path, strerror(errno));
	char *text = malloc(CONFIG_FILE_MAX + 1);
	size_t n = text ? fread(text, 1, CONFIG_FILE_MAX + 1, f) : 0;
	bool failed = ferror(f);
	fclose(f);
	csr_code rc;
	if (!text)
		rc = csr_fail(err, CSR_ENOMEM, "%s", _("out of memory"));
	else if (failed)
		rc = csr_fail(err, CSR_EIO, _("%s: cannot read: %s"), path, strerror(errno));
	else if (n > CONFIG_FILE_MAX)
		rc = csr_fail(err, CSR_EINVAL, _("%s: larger than %d bytes; is it a config file?"),
			      path, CONFIG_FILE_MAX);
	else if (memchr(text, '\0', n))
		rc = csr_fail(err, CSR_EINVAL, _("%s: holds a NUL byte; is it a config file?"),
			      path);
	else {
		text[n] = '\0';
		rc = parse(text, path, out, err);
	}
	free(text);
	return rc;
}

csr_code csr_config_load_text(const char *text, const char *name, csr_config **out,
			      csr_err *err)
{
	return parse(text, name, out, err);
}

const char *csr_config_default_text(void)
{
	return csr_default_config;
}

static bool readable(const char *path)
{
	FILE *f = open_config(path);
	if (f)
		fclose(f);
	return f != NULL;
}

/* When privileged, csr_getenv says NULL: only the system config counts. */
csr_code csr_config_load(const char *explicit_path, csr_config **out, csr_err *err)
{
	if (explicit_path)
		return csr_config_load_file(explicit_path, out, err);
	const char *env = csr_getenv("CSRDESK_CONFIG");
	if (env && *env)
		return csr_config_load_file(env, out, err);

	char path[CSR_PATH_MAX];
	const char *xdg = csr_getenv("XDG_CONFIG_HOME"), *home = csr_getenv("HOME");
	if (xdg && *xdg)
		snprintf(path, sizeof path, "%s/csrdesk/csrdesk.conf", xdg);
	else if (home && *home)
		snprintf(path, sizeof path, "%s/.config/csrdesk/csrdesk.conf", home);
	else
		path[0] = '\0';
	if (path[0] && readable(path))
		return csr_config_load_file(path, out, err);
	if (readable(csr_config_system_path()))
		return csr_config_load_file(csr_config_system_path(), out, err);
	return csr_config_load_text(csr_default_config, "(built-in)", out, err);
}

static void free_list(char **list, int n)
{
	for (int i = 0; list && i < n; i++)
		free(list[i]);
	free(list);
}

void csr_config_free(csr_config **pcfg)
{
	csr_config *c = pcfg ? *pcfg : NULL;
	if (!c)
		return;
	free_list(c->roles.admins, c->roles.nadmins);
	free_list(c->roles.leads, c->roles.nleads);
	free(c->metrics);
	free(c->categories);
	free(c->rates);
	free(c);
	*pcfg = NULL;
}

/* The latest of the rates for exactly site that apply on day. */
static const csr_cost_rate *latest_rate(const csr_config *cfg, const char *site, const char *day)
{
	const csr_cost_rate *best = NULL;
	for (int i = 0; i < cfg->nrates; i++) {
		const csr_cost_rate *r = &cfg->rates[i];
		if (strcmp(r->site, site) == 0 && strcmp(r->from, day) <= 0 &&
		    (!best || strcmp(r->from, best->from) > 0))
			best = r;
	}
	return best;
}

const csr_cost_rate *csr_config_rate(const csr_config *cfg, const char *site, const char *day)
{
	const csr_cost_rate *own = *site ? latest_rate(cfg, site, day) : NULL;
	return own ? own : latest_rate(cfg, "", day);
}

const csr_category *csr_config_category(const csr_config *cfg, const char *key)
{
	for (int i = 0; key && i < cfg->ncategories; i++)
		if (strcmp(cfg->categories[i].key, key) == 0)
			return &cfg->categories[i];
	return NULL;
}

const csr_metric *csr_config_metric(const csr_config *cfg, const char *key)
{
	for (int i = 0; key && i < cfg->nmetrics; i++)
		if (strcmp(cfg->metrics[i].key, key) == 0)
			return &cfg->metrics[i];
	return NULL;
}

/* The label of a key the config no longer defines, in the language shown:
 * CSR_REMOVED_PREFIX "%s" in English. */
static void removed_label(const char *key, char *out, size_t size)
{
	/* TRANSLATORS: the label of a category or metric that the config no
	 * longer defines; %s is its key (a config word, not translated): keep
	 * it at the end. */
	snprintf(out, size, _("(removed) %s"), key);
}

static void label_of(const char *title, const char *key, char *out, size_t size)
{
	if (title)
		snprintf(out, size, "%s", title);
	else
		removed_label(key, out, size);
}

void csr_config_category_label(const csr_config *cfg, const char *key, char *out, size_t size)
{
	const csr_category *c = csr_config_category(cfg, key);
	label_of(c ? c->title : NULL, key, out, size);
}

void csr_config_metric_label(const csr_config *cfg, const char *key, char *out, size_t size)
{
	const csr_metric *m = csr_config_metric(cfg, key);
	label_of(m ? m->title : NULL, key, out, size);
}

/* The key in label when it starts with prefix, else NULL. */
static const char *after_prefix(const char *label, const char *prefix)
{
	size_t n = strlen(prefix);
	return n > 0 && strncmp(label, prefix, n) == 0 ? label + n : NULL;
}

/* A label made in English or in the language shown gives its key back. */
const char *csr_config_removed_key(const char *label)
{
	char prefix[CSR_TITLE_MAX];
	removed_label("", prefix, sizeof prefix);
	const char *key = after_prefix(label, CSR_REMOVED_PREFIX);
	if (!key && strcmp(prefix, CSR_REMOVED_PREFIX) != 0)
		key = after_prefix(label, prefix);
	return key ? key : label;
}
