/* SPDX-License-Identifier: MIT */
/* --ssh: the command given to ssh, split into words on blanks and checked
 * against the allow-list of read-only subcommands (src/cli/ssh.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"

/* Asserts line is allowed and splits into the NULL-terminated words. */
static void allowed_as(const char *line, const char *const *words)
{
	cli_ssh_command cmd;
	if (!cli_ssh_parse(line, &cmd))
		fail_msg("'%s' refused: %s", line, cmd.refusal);
	int n = 0;
	while (words[n])
		n++;
	assert_int_equal(cmd.argc, n);
	for (int i = 0; i < n; i++)
		assert_string_equal(cmd.argv[i], words[i]);
	assert_null(cmd.argv[n]);
}

static void allowed(const char *line)
{
	cli_ssh_command cmd;
	if (!cli_ssh_parse(line, &cmd))
		fail_msg("'%s' refused: %s", line, cmd.refusal);
	assert_true(cmd.argc > 0);
}

/* Asserts line is refused with a message that contains why and names what
 * is allowed, as one line. */
static void refused(const char *line, const char *why)
{
	cli_ssh_command cmd;
	if (cli_ssh_parse(line, &cmd))
		fail_msg("'%s' was allowed", line);
	assert_int_equal(cmd.argc, 0);
	if (!strstr(cmd.refusal, why))
		fail_msg("refusal of '%s' is '%s', without '%s'", line, cmd.refusal, why);
	const char *list = "; over SSH only these commands run: report [--period P] [--team T] "
			   "[--format text|md|csv|html] [--lang de|en] [--excel], export volunteers|initiatives|signups|"
			   "hours|impact [--format csv] [--excel], export ics [--me | --volunteer EMPLOYEE_ID], "
			   "export sheet INITIATIVE_ID... [--format html|text] [--kind "
			   "signup|attendance] [--lang de|en], export me, help, version; connect without a"
			   " command for"
			   " the interface";
	assert_non_null(strstr(cmd.refusal, list));
	assert_null(strchr(cmd.refusal, '\n'));
}

static void test_no_command_is_the_interface(void **state)
{
	(void)state;
	const char *none[] = { NULL };
	allowed_as(NULL, none);
	allowed_as("", none);
	allowed_as(" \t  ", none);
}

static void test_words_split_on_blanks(void **state)
{
	(void)state;
	const char *words[] = { "report", "--format", "csv", NULL };
	allowed_as("report --format csv", words);
	allowed_as("  report\t--format   csv\t ", words);
	const char *period[] = { "report", "--period=2026-Q3", "--team", "Support&Sales", NULL };
	allowed_as("report --period=2026-Q3 --team Support&Sales", period);
}

static void test_read_only_commands_allowed(void **state)
{
	(void)state;
	allowed("report");
	allowed("report --period 2026 --team Inbound --format html");
	allowed("report --format md --period 2026-01-05..2026-02-01");
	const char *kinds[] = { "volunteers", "initiatives", "signups", "hours", "impact" };
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		char line[64];
		snprintf(line, sizeof line, "export %s", kinds[i]);
		allowed(line);
		snprintf(line, sizeof line, "export %s --format csv", kinds[i]);
		allowed(line);
		snprintf(line, sizeof line, "export --format=csv %s", kinds[i]);
		allowed(line);
	}
	allowed("export ics");
	allowed("export ics --volunteer E1001");
	allowed("export ics --me");
	allowed("export me");
	allowed("export --volunteer E1001 ics");
	allowed("export sheet 12");
	allowed("export sheet 12 13 --format text --kind attendance");
	allowed("export --kind=signup sheet 7 --format=html 8");
	allowed("--help");
	allowed("help");
	allowed("--version");
	allowed("version");
}

/* An option's value is the next word whatever it is, as for getopt_long:
 * the subcommand's parser gets it as a value and validates it. */
static void test_values_pass_to_the_subcommand(void **state)
{
	(void)state;
	const char *words[] = { "report", "--team", "--db", "--format", "sh", NULL };
	allowed_as("report --team --db --format sh", words);
}

static void test_other_commands_refused(void **state)
{
	(void)state;
	refused("sh", "'sh' is not allowed");
	refused("report; sh", "'report;' is not allowed");
	refused("/bin/sh -c 'echo x'", "'/bin/sh' is not allowed");
	refused("'report'", "''report'' is not allowed");
	refused("scp -f /etc/passwd", "'scp' is not allowed");
	refused("sftp", "'sftp' is not allowed");
	refused("internal-sftp", "'internal-sftp' is not allowed");
	refused("init", "'init' is not allowed");
	refused("backup /tmp/copy.db", "'backup' is not allowed");
	refused("import volunteers x.csv", "'import' is not allowed");
	refused("initiative add --title x", "'initiative' is not allowed");
	refused("signup 1 E1001", "'signup' is not allowed");
	refused("cancel 1 E1001", "'cancel' is not allowed");
	refused("check-config /etc/shadow", "'check-config' is not allowed");
	refused("REPORT", "'REPORT' is not allowed");
}

static void test_global_options_refused(void **state)
{
	(void)state;
	refused("--db /tmp/x report", "'--db' is not allowed");
	refused("--config /tmp/evil.conf report", "'--config' is not allowed");
	refused("--demo", "'--demo' is not allowed");
	refused("--kiosk", "'--kiosk' is not allowed");
	refused("--ssh", "'--ssh' is not allowed");
	refused("--help report", "'--help' is not allowed");
	refused("help report", "'help' is not allowed");
	refused("-help", "'-help' is not allowed");
	refused("report --db /tmp/x", "'--db' is not allowed with report");
	refused("report --db=/tmp/x", "'--db=/tmp/x' is not allowed with report");
	refused("report --config /tmp/evil.conf", "'--config' is not allowed with report");
	refused("export volunteers --demo", "'--demo' is not allowed with export volunteers");
	refused("report --ssh", "'--ssh' is not allowed with report");
}

static void test_only_each_commands_options(void **state)
{
	(void)state;
	refused("report --per 2026", "'--per' is not allowed with report"); /* no abbreviations */
	refused("report -f csv", "'-f' is not allowed with report");
	refused("report -- x", "'--' is not allowed with report");
	refused("report - x", "'-' is not allowed with report");
	refused("report --help", "'--help' is not allowed with report");
	refused("export ics --format csv", "'--format' is not allowed with export ics");
	refused("export hours --volunteer E1", "'--volunteer' is not allowed with export hours");
	refused("export volunteers --period 2026",
		"'--period' is not allowed with export volunteers");
	refused("export", "export needs what to export");
	refused("export --format csv", "export needs what to export");
	refused("export passwords", "'passwords' is not allowed after export");
	refused("report volunteers", "'volunteers' is not allowed after report");
	refused("export volunteers hours", "'hours' is not allowed after export volunteers");
	refused("report --format csv x", "'x' is not allowed after report");
	refused("export ics --volunteer E1 > /tmp/x", "'>' is not allowed after export ics");
	refused("export sheet 12 x", "'x' is not allowed after export sheet");
	refused("export sheet 12 -1", "'-1' is not allowed with export sheet");
	refused("export sheet 1e3", "'1e3' is not allowed after export sheet");
	refused("export ics 12", "'12' is not allowed after export ics");
	/* a person's own data, nobody else's, and no erasure */
	refused("export me E1001", "'E1001' is not allowed after export me");
	refused("export me --format csv", "'--format' is not allowed with export me");
	refused("export person E1001", "'person' is not allowed after export");
	refused("erase E1001 --yes", "'erase' is not allowed");
	refused("retention", "'retention' is not allowed");
	refused("export sheet 3 --volunteer E1", "'--volunteer' is not allowed with export sheet");
}

static void test_shell_syntax_refused(void **state)
{
	(void)state;
	const char *why = "quotes and backslashes are not understood (no shell: words are split "
			  "on blanks)";
	refused("report --team 'Inbound Care'", why);
	refused("report --team \"Inbound Care\"", why);
	refused("report --team Inbound\\ Care", why);
	refused("report --team `id`", why);
}

static void test_bad_characters_refused(void **state)
{
	(void)state;
	const char *why = "has a control character or is not UTF-8";
	refused("report\nsh", "word 1 of the command " "has a control character");
	refused("report --team \x1B]0;x\x07", why);
	refused("report --team \xC2\x9B" "31m", why);    /* the 8-bit CSI */
	refused("report --team \xE2\x80\xAE" "x", why); /* a bidi override */
	refused("report --team \xFF", why);             /* not UTF-8 */
	refused("report\r", why);
}

static void test_size_limits(void **state)
{
	(void)state;
	char words[CLI_SSH_MAX_BYTES] = "export sheet";
	for (int i = 2; i < CLI_SSH_MAX_WORDS; i++)
		strcat(words, " 1");
	allowed(words);
	strcat(words, " 1");
	refused(words, "more than 40 words");
	char line[CLI_SSH_MAX_BYTES + 1];
	memset(line, 'x', sizeof line - 1);
	memcpy(line, "report --team ", 14);
	line[sizeof line - 1] = '\0';
	refused(line, "longer than 511 bytes");
	line[sizeof line - 2] = '\0';
	allowed(line);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_no_command_is_the_interface),
		cmocka_unit_test(test_words_split_on_blanks),
		cmocka_unit_test(test_read_only_commands_allowed),
		cmocka_unit_test(test_values_pass_to_the_subcommand),
		cmocka_unit_test(test_other_commands_refused),
		cmocka_unit_test(test_global_options_refused),
		cmocka_unit_test(test_only_each_commands_options),
		cmocka_unit_test(test_shell_syntax_refused),
		cmocka_unit_test(test_bad_characters_refused),
		cmocka_unit_test(test_size_limits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
