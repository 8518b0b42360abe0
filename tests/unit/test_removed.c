/* SPDX-License-Identifier: MIT */
/* A config that no longer defines a category or metric the database uses:
 * the counts check-config --db reports, "(removed) key" labels, figures that
 * keep the records, initiatives that stay editable; and the Past list,
 * newest first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "csrdesk/clock.h"
#include "csrdesk/format.h"
#include "csrdesk/initiative.h"
#include "csrdesk/metrics.h"
#include "csrdesk/removed.h"
#include "csrdesk/text.h"
#include "testutil.h"

/* The defaults without category "education" and metric "mentees". */
static const char trimmed_config[] =
	"metric \"blood\" { title = \"Blood donations\" unit = \"donations\" }\n"
	"metric \"trees\" { title = \"Trees planted\" unit = \"trees\" }\n"
	"category \"health\" { title = \"Health & well-being\" metrics = {\"blood\"} }\n"
	"category \"environment\" { title = \"Environmental protection\" metrics = {\"trees\"} }\n";

/* Three education initiatives, one environment one; impact and a goal
 * on "mentees" (then removed from the config) and on "trees". */
static void education_data(tu_env *env)
{
	for (int i = 0; i < 3; i++)
		tu_initiative(env, "Mentoring", 24.0 * (i + 1), 10);
	int64_t green = tu_initiative(env, "Tree planting", 100, 10);
	tu_sqlf(env, "UPDATE initiative SET category = 'environment' WHERE id = %lld",
		(long long)green);
	tu_sql(env, "INSERT INTO impact (initiative_id, metric, value, recorded_at)"
		    " VALUES (1, 'mentees', 4, 1), (2, 'mentees', 3, 1), (4, 'trees', 50, 1);"
		    "INSERT INTO initiative_goal (initiative_id, metric, target)"
		    " VALUES (1, 'mentees', 5);");
}

/* Replaces env's config with the trimmed one (freed by the caller). */
static csr_config *trim_config(tu_env *env)
{
	csr_config *cfg = NULL;
	csr_err err;
	if (csr_config_load_text(trimmed_config, "trimmed.conf", &cfg, &err) != CSR_OK)
		fail_msg("%s", err.msg);
	csr_db_set_config(env->db, cfg);
	return cfg;
}

static void restore_config(tu_env *env, csr_config **cfg)
{
	csr_db_set_config(env->db, env->cfg);
	csr_config_free(cfg);
}

static void test_list_counts_each_removed_key(void **state)
{
	tu_env *env = *state;
	education_data(env);
	csr_removed found[CSR_REMOVED_MAX];
	int n = -1;
	assert_int_equal(csr_removed_list(env->db, env->cfg, found, CSR_REMOVED_MAX, &n, NULL),
			 CSR_OK);
	assert_int_equal(n, 0); /* the defaults define everything */
	csr_config *cfg = trim_config(env);
	assert_int_equal(csr_removed_list(env->db, cfg, found, CSR_REMOVED_MAX, &n, NULL), CSR_OK);
	assert_int_equal(n, 3);
	char text[CSR_REMOVED_TEXT_MAX];
	csr_removed_text(&found[0], text, sizeof text);
	assert_string_equal(text, "3 initiatives use category 'education', which the config no"
			    " longer defines");
	csr_removed_text(&found[1], text, sizeof text);
	assert_string_equal(text, "2 impact records use metric 'mentees', which the config no"
			    " longer defines");
	csr_removed_text(&found[2], text, sizeof text);
	assert_string_equal(text, "1 goal uses metric 'mentees', which the config no longer"
			    " defines");
	/* No more than there is room for. */
	assert_int_equal(csr_removed_list(env->db, cfg, found, 1, &n, NULL), CSR_OK);
	assert_int_equal(n, 1);
	restore_config(env, &cfg);
}

/* Done at every start: the keys in use are seeks in their indexes, never a
 * read (or a sort) of every record. */
static void test_list_seeks(void **state)
{
	tu_env *env = *state;
	education_data(env);
	csr_config *cfg = trim_config(env);
	csr_removed found[CSR_REMOVED_MAX];
	int n = -1;
	tu_plan_start(env);
	assert_int_equal(csr_removed_list(env->db, cfg, found, CSR_REMOVED_MAX, &n, NULL), CSR_OK);
	assert_int_equal(n, 3);
	const char *plan = tu_plan(env);
	static const char *const never[] = { "SCAN impact", "SCAN initiative", "TEMP B-TREE" };
	for (size_t i = 0; i < sizeof never / sizeof never[0]; i++)
		if (strstr(plan, never[i]))
			fail_msg("%s in the plan:\n%s", never[i], plan);
	static const char *const indexes[] = { "impact_by_metric", "initiative_goal_by_metric",
					       "initiative_by_category" };
	for (size_t i = 0; i < sizeof indexes / sizeof indexes[0]; i++)
		if (!strstr(plan, indexes[i]))
			fail_msg("%s is not in the plan:\n%s", indexes[i], plan);
	restore_config(env, &cfg);
}

static void test_labels(void **state)
{
	tu_env *env = *state;
	char label[CSR_LABEL_MAX];
	csr_config_category_label(env->cfg, "education", label, sizeof label);
	assert_string_equal(label, "Education & training");
	csr_config_category_label(env->cfg, "gone", label, sizeof label);
	assert_string_equal(label, "(removed) gone");
	assert_string_equal(csr_config_removed_key(label), "gone");
	assert_string_equal(csr_config_removed_key("education"), "education");
	csr_config_metric_label(env->cfg, "trees", label, sizeof label);
	assert_string_equal(label, "Trees planted");
	csr_config_metric_label(env->cfg, "stars", label, sizeof label);
	assert_string_equal(label, "(removed) stars");
}

/* The removed metric's records stay in the figures, after the config's. */
static void test_figures_keep_removed_metric(void **state)
{
	tu_env *env = *state;
	education_data(env);
	csr_config *cfg = trim_config(env);
	csr_period p = { .from = csr_now() - 86400, .to = csr_now() + 365 * 86400 };
	csr_figures fig;
	csr_err err;
	if (csr_metrics_compute(env->db, &p, NULL, &fig, &err) != CSR_OK)
		fail_msg("%s", err.msg);
	assert_int_equal(fig.nmetrics, 3);
	assert_string_equal(fig.metrics[0].key, "blood");
	assert_string_equal(fig.metrics[1].key, "trees");
	assert_true(fig.metrics[1].total == 50);
	assert_string_equal(fig.metrics[2].key, "mentees");
	assert_true(fig.metrics[2].total == 7);
	assert_true(fig.metrics[2].goal == 5);
	assert_int_equal(fig.metrics[2].goals_set, 1);
	restore_config(env, &cfg);
}

static csr_initiative get(tu_env *env, int64_t id)
{
	csr_initiative in;
	csr_err err;
	if (csr_initiative_get(env->db, id, &in, &err) != CSR_OK)
		fail_msg("%s", err.msg);
	return in;
}

/* An initiative keeps its removed category (and goal) when saved with
 * other changes; a new one, or a change to another undefined key, needs a
 * defined category. */
static void test_removed_category_stays_editable(void **state)
{
	tu_env *env = *state;
	education_data(env);
	csr_config *cfg = trim_config(env);
	csr_err err;
	csr_initiative in = get(env, 1);
	assert_string_equal(in.category, "education");
	assert_int_equal(in.ngoals, 1);
	snprintf(in.title, sizeof in.title, "Mentoring, renamed");
	if (csr_initiative_update(env->db, &in, &err) != CSR_OK)
		fail_msg("saving other fields: %s", err.msg);
	in = get(env, 1);
	assert_string_equal(in.title, "Mentoring, renamed");
	assert_string_equal(in.category, "education");
	assert_string_equal(in.goals[0].metric, "mentees");

	snprintf(in.category, sizeof in.category, "sports");
	assert_int_equal(csr_initiative_update(env->db, &in, &err), CSR_EINVAL);
	assert_non_null(strstr(err.msg, "Category 'sports' is not defined in the config"));
	/* Another initiative's goal on the removed metric is not this one's. */
	in = get(env, 2);
	in.ngoals = 1;
	snprintf(in.goals[0].metric, sizeof in.goals[0].metric, "mentees");
	in.goals[0].target = 3;
	assert_int_equal(csr_initiative_update(env->db, &in, &err), CSR_EINVAL);
	assert_non_null(strstr(err.msg, "metric 'mentees' is not defined"));

	in = get(env, 1);
	in.id = 0;
	assert_int_equal(csr_initiative_create(env->db, &in, &err), CSR_EINVAL);
	assert_non_null(strstr(err.msg, "Category 'education' is not defined in the config"));

	in = get(env, 1);
	snprintf(in.category, sizeof in.category, "health");
	in.ngoals = 0;
	if (csr_initiative_update(env->db, &in, &err) != CSR_OK)
		fail_msg("moving to a defined category: %s", err.msg);
	assert_string_equal(get(env, 1).category, "health");
	restore_config(env, &cfg);
}

static csr_code fetch_past(void *ctx, const void *after, bool backward, void *rows, int max,
			   int *n, csr_err *err)
{
	csr_initiative_query q = { .status = -1, .when = CSR_WHEN_PAST };
	return csr_initiative_page_after(ctx, &q, after, backward, rows, max, n, err);
}

static int64_t initiative_id(const void *row)
{
	return ((const csr_initiative *)row)->id;
}

/* Past initiatives by date: the newest first, page by page both ways. */
static void test_past_lists_newest_first(void **state)
{
	tu_env *env = *state;
	int64_t oldest = tu_initiative(env, "Oldest", -300, 5);
	int64_t newest = tu_initiative(env, "Newest", -10, 5);
	int64_t middle = tu_initiative(env, "Middle", -100, 5);
	int64_t same = tu_initiative(env, "Same start as the middle", -100, 5);
	tu_initiative(env, "Still to come", 10, 5);
	const tu_source src = { sizeof(csr_initiative), fetch_past, initiative_id };
	const int64_t want[] = { newest, same, middle, oldest };
	for (int page = 1; page <= 4; page++)
		tu_assert_pages(&src, env->db, page, want, 4);
}

static void test_plural_and_names(void **state)
{
	(void)state;
	assert_string_equal(csr_plural(1, "%s row", "%s rows"), "%s row");
	assert_string_equal(csr_plural(0, "%s row", "%s rows"), "%s rows");
	assert_string_equal(csr_plural(2, "%s row", "%s rows"), "%s rows");
	assert_int_equal(csr_fmt_hours_plural(60), 1);
	assert_int_equal(csr_fmt_hours_plural(90), 0);
	assert_int_equal(csr_fmt_hours_plural(120), 2);
	assert_true(csr_text_starts_word("Team Ost", "Team"));
	assert_true(csr_text_starts_word("team ost", "Team"));
	assert_false(csr_text_starts_word("Teamwork", "Team"));
	assert_false(csr_text_starts_word("Ost", "Team"));
}

#define T(f) cmocka_unit_test_setup_teardown(f, tu_setup, tu_teardown)
int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_list_counts_each_removed_key),
		T(test_list_seeks),
		T(test_labels),
		T(test_figures_keep_removed_metric),
		T(test_removed_category_stays_editable),
		T(test_past_lists_newest_first),
		T(test_plural_and_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
