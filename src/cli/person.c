/* SPDX-License-Identifier: MIT */
/* A person's rights from the command line: export person EMPLOYEE_ID and
 * export me (everything stored about someone, as JSON), erase EMPLOYEE_ID
 * (anonymised at once, after a confirmation on the terminal). */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/commands.h"
#include "csrdesk/auth.h"
#include "csrdesk/i18n.h"
#include "csrdesk/person.h"
#include "csrdesk/text.h"
#include "csrdesk/volunteer.h"

static const char export_synopsis[] = "export person EMPLOYEE_ID | export me";
static const char erase_synopsis[] = "erase EMPLOYEE_ID [--yes]";

/* The volunteer id of employee_id. Someone who may not export another
 * person's data learns nothing, not even whether the ID exists: they get
 * -1, which the data layer refuses as another person. */
static int person_id(csr_db *db, const char *employee_id, int64_t *id)
{
	csr_volunteer v;
	csr_err err;
	csr_code rc = csr_volunteer_find(db, employee_id, &v, &err);
	if (csr_db_actor(db)->role < CSR_ROLE_ADMIN) {
		*id = rc == CSR_OK && v.id == csr_db_actor(db)->volunteer_id ? v.id : -1;
		return CLI_OK;
	}
	if (rc != CSR_OK)
		return cli_fail_err(&err);
	*id = v.id;
	return CLI_OK;
}

/* export me: the volunteer linked to the Unix user running csrdesk. */
static int own_id(csr_db *db, int64_t *id)
{
	*id = csr_db_actor(db)->volunteer_id;
	if (*id == 0)
		return cli_fail("%s", _("you have no volunteer record: a team lead can link your"
				      " Unix user to it"));
	return CLI_OK;
}

/* argv is "export person EMPLOYEE_ID" or "export me". */
int cmd_export_person(cli_ctx *c, int argc, char **argv)
{
	bool me = strcmp(argv[1], "me") == 0;
	int status = cli_check_args(argc - 1, argv + 1, me ? 0 : 1, me ? 0 : 1, export_synopsis);
	if (status == CLI_OK && !me)
		status = cli_check_text(argv[2], CSR_TEXT_LINE, "EMPLOYEE_ID");
	c->writes = true; /* each export is audited */
	csr_db *db = NULL;
	if (status == CLI_OK)
		status = cli_open(c, &db);
	int64_t id = 0;
	if (status == CLI_OK)
		status = me ? own_id(db, &id) : person_id(db, argv[2], &id);
	csr_err err;
	if (status == CLI_OK && csr_person_export(db, id, stdout, &err) != CSR_OK)
		status = cli_fail_err(&err);
	csr_db_close(&db);
	return status;
}

static int parse_erase(int argc, char **argv, const char **employee_id, bool *yes)
{
	static const struct option options[] = {
		{ "yes", no_argument, NULL, 'y' },
		{ NULL, 0, NULL, 0 },
	};
	for (int opt; (opt = getopt_long(argc, argv, ":", options, NULL)) != -1;)
		if (opt != 'y')
			return cli_option_error(opt, argv, erase_synopsis);
		else
			*yes = true;
	const char *words[1];
	int n = 0;
	int status = cli_words(argc, argv, words, 1, &n, erase_synopsis);
	if (status == CLI_OK && n != 1)
		status = cli_usage(_("wrong arguments; usage: csrdesk %s"), erase_synopsis);
	if (status == CLI_OK)
		status = cli_check_text(words[0], CSR_TEXT_LINE, "EMPLOYEE_ID");
	*employee_id = words[0];
	return status;
}

/* Whether answer (a line typed) says yes: y or yes, or the language's own
 * word or letter for it. */
static bool says_yes(const char *answer)
{
	char word[16];
	snprintf(word, sizeof word, "%.*s", (int)strcspn(answer, " \t\r\n"), answer);
	/* TRANSLATORS: the letter and the word that answer yes to "[y/N]"
	 * (German: j, ja); y and yes are always understood. */
	const char *letter = _("y"), *yes = _("yes");
	return strcasecmp(word, "y") == 0 || strcasecmp(word, "yes") == 0 ||
	       strcasecmp(word, letter) == 0 || strcasecmp(word, yes) == 0;
}

/* Asks on the terminal whether to erase v; CLI_OK only for a yes. */
static int confirm(const csr_volunteer *v)
{
	int tty = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (tty < 0)
		return cli_fail(_("erase asks for a confirmation on the terminal, and there is none"
				  " (%s); give --yes to erase without asking"), strerror(errno));
	char name[CSR_NAME_MAX], prompt[CSR_NAME_MAX + 160], answer[64] = "";
	csr_text_sanitize(v->name, name, sizeof name);
	/* TRANSLATORS: a question on the terminal: the name, the employee ID;
	 * the answer is typed after it ("y" for yes: see the entry "y"). */
	snprintf(prompt, sizeof prompt, _("Erase %s (%s)? This cannot be undone [y/N] "), name,
		 v->employee_id);
	ssize_t n = -1;
	if (write(tty, prompt, strlen(prompt)) >= 0)
		n = read(tty, answer, sizeof answer - 1);
	close(tty);
	answer[n > 0 ? n : 0] = '\0';
	if (!says_yes(answer))
		return cli_fail("%s", _("nothing was erased"));
	return CLI_OK;
}

static int erase(csr_db *db, const char *employee_id, bool yes)
{
	csr_volunteer v = { 0 };
	csr_err err;
	/* Only an admin is asked: anyone else is refused by the data layer. */
	bool admin = csr_db_actor(db)->role >= CSR_ROLE_ADMIN;
	if (admin && csr_volunteer_find(db, employee_id, &v, &err) != CSR_OK)
		return cli_fail_err(&err);
	int status = !admin || yes ? CLI_OK : confirm(&v);
	if (status == CLI_OK && csr_person_erase(db, admin ? v.id : -1, &err) != CSR_OK)
		status = cli_fail_err(&err);
	if (status == CLI_OK)
		printf("erased %s, now " CSR_PERSON_FORMER_ID "\n", employee_id, (long long)v.id);
	return status;
}

int cmd_erase(cli_ctx *c, int argc, char **argv)
{
	const char *employee_id = NULL;
	bool yes = false;
	int status = parse_erase(argc, argv, &employee_id, &yes);
	csr_db *db = NULL;
	if (status == CLI_OK)
		status = cli_open(c, &db);
	if (status == CLI_OK)
		status = erase(db, employee_id, yes);
	csr_db_close(&db);
	return status;
}
