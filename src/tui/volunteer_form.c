/* SPDX-License-Identifier: MIT */
/* The lead's volunteer tools: the new and edit forms, marking someone as
 * left (or back), resetting a PIN and issuing an activation code. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csrdesk/auth.h"
#include "csrdesk/clock.h"
#include "csrdesk/i18n.h"
#include "csrdesk/volunteer.h"
#include "dialog.h"
#include "form.h"
#include "picker.h"
#include "widget.h"

enum { F_EMPLOYEE, F_NAME, F_TEAM, F_SITE, F_EMAIL, F_SKILLS, F_UNIX, F_COUNT };

typedef struct volunteer_form {
	tui_app *app;
	csr_volunteer v; /* what is not in the form (id, active, PIN) */
	char employee_id[CSR_EMPLOYEE_ID_MAX], name[CSR_NAME_MAX], team[CSR_TEAM_MAX];
	char site[CSR_TEAM_MAX], email[CSR_EMAIL_MAX], skills[CSR_SKILLS_MAX];
	char unix_user[CSR_UNIX_USER_MAX];
	ui_field fields[F_COUNT];
} volunteer_form;

/* The labels are the names the data layer's messages start with. */
static void setup_fields(volunteer_form *f)
{
	ui_field fields[F_COUNT] = {
		[F_EMPLOYEE] = { _("Employee ID"), _("Letters, digits, '-', '_' and '.'"), 1, NULL, 0,
				 f->employee_id, sizeof f->employee_id, NULL },
		[F_NAME] = { _("Name"), _("As it is shown to everyone"), 1, NULL, 0, f->name,
			     sizeof f->name, NULL },
		[F_TEAM] = { _("Team"), _("Optional"), 1, NULL, 0, f->team, sizeof f->team, NULL },
		/* TRANSLATORS: a form field: the office the person works at */
		[F_SITE] = { _("Site"), _("Optional: the office"), 1, NULL, 0, f->site,
			     sizeof f->site, NULL },
		[F_EMAIL] = { _("Email"), _("Optional: name@example.org"), 1, NULL, 0, f->email,
			      sizeof f->email, NULL },
		[F_SKILLS] = { _("Skills"), _("Optional: languages, first aid, driving licence"), 1,
			       NULL, 0, f->skills, sizeof f->skills, NULL },
		/* TRANSLATORS: a form field: the person's login name on the server */
		[F_UNIX] = { _("Unix user"),
			     _("Optional: their login, so csrdesk knows them; Enter saves"), 1, NULL,
			     0, f->unix_user, sizeof f->unix_user, NULL },
	};
	memcpy(f->fields, fields, sizeof fields);
}

static void fill_from(volunteer_form *f, const csr_volunteer *v)
{
	f->v = *v;
	snprintf(f->employee_id, sizeof f->employee_id, "%s", v->employee_id);
	snprintf(f->name, sizeof f->name, "%s", v->name);
	snprintf(f->team, sizeof f->team, "%s", v->team);
	snprintf(f->site, sizeof f->site, "%s", v->site);
	snprintf(f->email, sizeof f->email, "%s", v->email);
	snprintf(f->skills, sizeof f->skills, "%s", v->skills);
	snprintf(f->unix_user, sizeof f->unix_user, "%s", v->unix_user);
}

static int save(void *ctx, ui_field *fields, int n, char *msg, size_t size)
{
	volunteer_form *f = ctx;
	csr_volunteer v = f->v;
	snprintf(v.employee_id, sizeof v.employee_id, "%s", f->employee_id);
	snprintf(v.name, sizeof v.name, "%s", f->name);
	snprintf(v.team, sizeof v.team, "%s", f->team);
	snprintf(v.site, sizeof v.site, "%s", f->site);
	snprintf(v.email, sizeof v.email, "%s", f->email);
	snprintf(v.skills, sizeof v.skills, "%s", f->skills);
	snprintf(v.unix_user, sizeof v.unix_user, "%s", f->unix_user);
	csr_err err;
	if (csr_volunteer_validate(&v, &err) != CSR_OK ||
	    csr_volunteer_save(f->app->db, &v, &err) != CSR_OK) {
		snprintf(msg, size, "%s", err.msg);
		return form_field_named(fields, n, err.msg);
	}
	f->v = v;
	return UI_FORM_SAVED;
}

/* Runs the form; the volunteer's id when saved, else 0. done is the
 * message then ("Added %s (%s)": name, employee ID). */
static int64_t run(volunteer_form *f, const char *title, const char *done)
{
	setup_fields(f);
	if (!ui_form_run(f->app, title, f->fields, F_COUNT, save, f))
		return 0;
	tui_message(f->app, done, f->v.name, f->v.employee_id);
	return f->v.id;
}

static int64_t form_new(tui_app *app)
{
	volunteer_form *f = calloc(1, sizeof *f);
	if (!f)
		return 0;
	f->app = app;
	f->v.active = true;
	/* TRANSLATORS: the name, the employee ID */
	int64_t id = run(f, _(" New volunteer "), _("Added %s (%s)"));
	free(f);
	return id;
}

static int64_t form_edit(tui_app *app, const csr_volunteer *v)
{
	volunteer_form *f = calloc(1, sizeof *f);
	if (!f)
		return 0;
	f->app = app;
	fill_from(f, v);
	/* TRANSLATORS: the name, the employee ID */
	int64_t id = run(f, _(" Edit volunteer "), _("Saved %s (%s)"));
	free(f);
	return id;
}

/* Marks someone as left (history kept), or active again. */
static int64_t toggle_active(tui_app *app, const csr_volunteer *v)
{
	char question[CSR_NAME_MAX + 128];
	if (v->active)
		snprintf(question, sizeof question, _("Mark as left (history kept): %s (%s)?"),
			 v->name, v->employee_id);
	else
		snprintf(question, sizeof question, _("Make active again: %s (%s)?"), v->name,
			 v->employee_id);
	if (!ui_confirm(app, question))
		return 0;
	csr_err err;
	if (csr_volunteer_set_active(app->db, v->id, !v->active, &err) != CSR_OK) {
		tui_error(app, &err);
		return 0;
	}
	tui_message(app, v->active ? _("Marked %s as left (f shows those who left too)")
			       : _("%s is active again"),
		    v->name);
	return v->id;
}

static int64_t reset_pin(tui_app *app, const csr_volunteer *v)
{
	char question[CSR_NAME_MAX + 128];
	if (!v->has_pin && !v->locked) {
		tui_message(app, _("%s has no PIN yet: issue an activation code (People menu) so they"
				   " can choose one"), v->name);
		return 0;
	}
	snprintf(question, sizeof question,
		 _("Clear the PIN and unlock: %s (%s)?"), v->name, v->employee_id);
	if (!ui_confirm(app, question))
		return 0;
	csr_err err;
	if (csr_auth_reset_pin(app->db, v->employee_id, &err) != CSR_OK) {
		tui_error(app, &err);
		return 0;
	}
	tui_message(app, _("The PIN of %s is cleared: issue an activation code (People menu) so"
			   " they can choose a new one"), v->name);
	return v->id;
}

/* Issues an activation code and shows it, once: only its hash is kept. */
static int64_t issue_code(tui_app *app, const csr_volunteer *v)
{
	char question[CSR_NAME_MAX + 160];
	if (v->has_pin) {
		tui_message(app, _("%s has a PIN: if they forgot it, reset it first (People menu)"),
			    v->name);
		return 0;
	}
	snprintf(question, sizeof question, _("Issue an activation code for %s (%s)? It replaces"
					       " any earlier one"), v->name, v->employee_id);
	if (!ui_confirm(app, question))
		return 0;
	char code[CSR_ACTIVATION_CODE_SIZE], when[CSR_TIME_TEXT_MAX];
	char who[CSR_NAME_MAX + CSR_EMPLOYEE_ID_MAX + 32];
	char line_code[64], line_until[CSR_TIME_TEXT_MAX + 96];
	int64_t expires_at = 0;
	csr_err err;
	if (csr_auth_issue_activation(app->db, v->employee_id, code, sizeof code, &expires_at,
				      &err) != CSR_OK) {
		tui_error(app, &err);
		return 0;
	}
	csr_time_format(expires_at, when, sizeof when);
	/* TRANSLATORS: the name, the employee ID */
	snprintf(who, sizeof who, _("For %s (%s):"), v->name, v->employee_id);
	snprintf(line_code, sizeof line_code, "    %s", code);
	snprintf(line_until, sizeof line_until, _("Works once, until %s."), when);
	const char *rows[] = {
		who, "", line_code, "", line_until,
		_("At a kiosk they type their ID, this code, then a new PIN."),
		_("It is shown only now: give it to them in person."),
	};
	ui_notice(app, _(" Activation code "), rows, (int)(sizeof rows / sizeof rows[0]));
	explicit_bzero(code, sizeof code);
	explicit_bzero(line_code, sizeof line_code);
	tui_message(app, _("Issued an activation code for %s, valid until %s"), v->name, when);
	return v->id;
}

/* The tools give back the id of the volunteer they changed, 0 when none. */
static int64_t run_tool(tui_app *app, tui_action act, int64_t id)
{
	if (act == ACT_NEW)
		return form_new(app);
	if (!id) {
		tui_message(app, "%s", _("No volunteer is selected"));
		return 0;
	}
	csr_volunteer now; /* as it is now, not as the list read it */
	csr_err err;
	if (csr_volunteer_get(app->db, id, &now, &err) != CSR_OK) {
		tui_error(app, &err);
		return 0;
	}
	switch (act) {
	case ACT_EDIT: return form_edit(app, &now);
	case ACT_DEACTIVATE: return toggle_active(app, &now);
	case ACT_RESET_PIN: return reset_pin(app, &now);
	case ACT_ACTIVATION_CODE: return issue_code(app, &now);
	default: return 0;
	}
}

bool volunteer_tool_run(tui_app *app, tui_action act, int64_t *volunteer_id)
{
	int64_t changed = run_tool(app, act, *volunteer_id);
	if (changed)
		*volunteer_id = changed;
	return changed != 0;
}
