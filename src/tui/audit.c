/* SPDX-License-Identifier: MIT */
/* The audit log (admins): every write, newest first, filtered by who, what
 * (an action's prefix, such as "signup.") and when (from, to); Enter shows
 * an entry whole. Leads and agents never reach it: the action is the
 * admins' and the data layer refuses anyone else. */
#include <stdio.h>
#include <string.h>

#include "csrdesk/audit.h"
#include "csrdesk/clock.h"
#include "csrdesk/format.h"
#include "csrdesk/i18n.h"
#include "dialog.h"
#include "form.h"
#include "list.h"
#include "picker.h"
#include "widget.h"

enum {
	WIDTH_MAX = 120,
	DETAIL_WIDTH = 76,
	LABEL_WIDTH = 12,
	DAY_MAX = 16,
	COL_WHEN = 0, COL_WHO, COL_WHAT, COL_ON, COL_DETAIL, COLUMNS,
};

static const ui_column columns[COLUMNS] = {
	/* TRANSLATORS: a column header of the audit log: when it was done */
	[COL_WHEN] = { N_("When"), 16, 16, 0, 0, 0, false, 0, 0 },
	/* TRANSLATORS: a column header of the audit log: who did it (a login) */
	[COL_WHO] = { N_("Who"), 8, 24, 12, 1, 1, false, 0, 0 },
	/* TRANSLATORS: a column header of the audit log: what was done ("signup.add") */
	[COL_WHAT] = { N_("What"), 10, 24, 16, 1, 0, false, 0, 0 },
	/* TRANSLATORS: a column header of the audit log: what it was done to ("signup 12") */
	[COL_ON] = { N_("On"), 8, 20, 0, 1, 3, false, 0, 0 },
	[COL_DETAIL] = { N_("Detail"), 10, 80, 16, 3, 2, false, 0, 0 },
};

/* The filter as typed into the form. */
typedef struct audit_typed {
	char actor[CSR_AUDIT_ACTOR_MAX];
	char action[CSR_AUDIT_ACTION_MAX];
	char from[DAY_MAX], to[DAY_MAX];
} audit_typed;

typedef struct audit_log {
	ui_list list;
	tui_app *app;
	csr_audit_filter filter; /* what the list shows */
	audit_typed typed;       /* the filter as the person typed it */
} audit_log;

/* ---- the list ---- */

static csr_code fetch(void *ctx, const void *from, bool backward, void *rows, int max, int *n,
		      csr_err *err)
{
	audit_log *s = ctx;
	return csr_audit_page_filtered(s->app->db, &s->filter, from, backward, rows, max, n, err);
}

static const pager_source source = PAGER_SOURCE(csr_audit_entry, id, fetch, NULL);

static csr_code count(void *ctx, int64_t *out, csr_err *err)
{
	audit_log *s = ctx;
	return csr_audit_count(s->app->db, &s->filter, out, err);
}

/* "signup 12", or the entity alone. */
static void entity_text(const csr_audit_entry *e, char *out, size_t size)
{
	if (e->entity_id)
		snprintf(out, size, "%s %lld", e->entity, (long long)e->entity_id);
	else
		snprintf(out, size, "%s", e->entity);
}

static void cells(void *ctx, const void *row, list_cells *c)
{
	(void)ctx;
	const csr_audit_entry *e = row;
	csr_time_format(e->at, c->text[COL_WHEN], sizeof c->text[COL_WHEN]);
	c->attr[COL_WHEN] = ui_attr(UI_DIM);
	list_cell(c, COL_WHO, "%s", e->actor);
	list_cell(c, COL_WHAT, "%s", e->action);
	entity_text(e, c->text[COL_ON], sizeof c->text[COL_ON]);
	c->attr[COL_ON] = ui_attr(UI_DIM);
	list_cell(c, COL_DETAIL, "%s", e->detail);
}

/* "Newest first" and the filter set: "Newest first; who: anna; what:
 * signup.; from 2026-12-01; to 2026-12-07". */
static void summary(void *ctx, char *out, size_t size)
{
	audit_log *s = ctx;
	const audit_typed *t = &s->typed;
	size_t used = (size_t)snprintf(out, size, "%s", _("Newest first"));
	/* TRANSLATORS: the parts of the audit log's summary line after "Newest
	 * first": who (a login), what (an action's beginning), the days */
	const char *const parts[] = { N_("; who: %s"), N_("; what: %s"), N_("; from %s"),
				      N_("; to %s") };
	const char *const values[] = { t->actor, t->action, t->from, t->to };
	for (size_t i = 0; i < sizeof parts / sizeof parts[0] && used < size; i++)
		if (values[i][0])
			used += (size_t)snprintf(out + used, size - used, _(parts[i]), values[i]);
}

static bool filtered(const audit_log *s)
{
	const audit_typed *t = &s->typed;
	return t->actor[0] || t->action[0] || t->from[0] || t->to[0];
}

static const char *empty_of(void *ctx, bool searching)
{
	(void)searching;
	return filtered(ctx) ? _("No entry matches the filter: f changes it.")
			     : _("The audit log is empty.");
}

/* TRANSLATORS: the count of entries in the audit log's title */
static const char *counted(int64_t n)
{
	return csr_plural(n, "%s entry", "%s entries");
}

static const list_spec spec = {
	LIST_ROWS(source, columns, cells, count),
	.counted = counted,
	.summary = summary,
	.empty_of = empty_of,
};

/* ---- one entry whole ---- */

static void write_entry(void *ctx, ui_view *v)
{
	const csr_audit_entry *e = ctx;
	char when[CSR_TIME_TEXT_MAX], on[96], id[32];
	csr_time_format(e->at, when, sizeof when);
	entity_text(e, on, sizeof on);
	snprintf(id, sizeof id, "%lld", (long long)e->id);
	view_field(v, _("When"), LABEL_WIDTH, when, A_NORMAL);
	view_field(v, _("Who"), LABEL_WIDTH, e->actor, A_NORMAL);
	view_field(v, _("What"), LABEL_WIDTH, e->action, A_NORMAL);
	view_field(v, _("On"), LABEL_WIDTH, on, A_NORMAL);
	/* TRANSLATORS: the audit entry's own number */
	view_field(v, _("Entry"), LABEL_WIDTH, id, ui_attr(UI_DIM));
	view_blank(v);
	view_para(v, e->detail[0] ? e->detail : _("(no detail)"), A_NORMAL, 0);
}

static void show_entry(audit_log *s)
{
	const csr_audit_entry *sel = list_current(&s->list);
	if (!sel)
		return;
	csr_audit_entry e = *sel;
	ui_text_popup(s->app, _(" Audit entry "), DETAIL_WIDTH, NULL, write_entry, &e);
}

/* ---- the filter ---- */

enum { F_WHO, F_WHAT, F_FROM, F_TO, F_COUNT };

typedef struct filter_form {
	audit_typed typed;
	csr_audit_filter filter;
	ui_field fields[F_COUNT];
} filter_form;

static int save_filter(void *ctx, ui_field *fields, int n, char *msg, size_t size)
{
	filter_form *f = ctx;
	csr_audit_filter next = { 0 };
	csr_err err;
	if (csr_audit_filter_days(&next, f->typed.from, f->typed.to, fields[F_FROM].label,
				  fields[F_TO].label, &err) != CSR_OK) {
		snprintf(msg, size, "%s", err.msg);
		return ui_form_field_of(fields, n, err.msg);
	}
	snprintf(next.actor, sizeof next.actor, "%s", f->typed.actor);
	snprintf(next.action, sizeof next.action, "%s", f->typed.action);
	f->filter = next;
	return UI_FORM_SAVED;
}

static void change_filter(audit_log *s)
{
	filter_form f = { .typed = s->typed };
	audit_typed *t = &f.typed;
	ui_field fields[F_COUNT] = {
		[F_WHO] = { _("Who"), _("A login as the log names it; empty: anyone"), 1, NULL, 0,
			    t->actor, sizeof t->actor, NULL },
		[F_WHAT] = { _("What"), _("The beginning of the action, such as signup. or"
					  " person.; empty: all"), 1, NULL, 0, t->action,
			     sizeof t->action, NULL },
		/* TRANSLATORS: a form field: the first day of a range */
		[F_FROM] = { _("From"), _("YYYY-MM-DD; empty: from the first"), 1, NULL, 0, t->from,
			     sizeof t->from, NULL },
		/* TRANSLATORS: a form field: the last day of a range */
		[F_TO] = { _("To"), _("YYYY-MM-DD, included; empty: up to now"), 1, NULL, 0, t->to,
			   sizeof t->to, NULL },
	};
	memcpy(f.fields, fields, sizeof fields);
	if (!ui_form_run(s->app, _(" Filter the audit log "), f.fields, F_COUNT, save_filter, &f))
		return;
	s->typed = f.typed;
	s->filter = f.filter;
	list_restart(&s->list);
}

static bool on_key(void *ctx, int key)
{
	audit_log *s = ctx;
	if (key == 'f')
		change_filter(s);
	else if (tui_is_enter(key))
		show_entry(s);
	else
		return false;
	return true;
}

bool audit_log_run(tui_app *app)
{
	const list_popup_look look = { .title = _("Audit log"), .width_max = WIDTH_MAX,
				       .keys = _("Enter show whole  f filter  Esc close"),
				       /* TRANSLATORS: the keys on a narrow screen: keep it short */
				       .keys_short = _("Enter show  f filter  Esc close"),
				       .other_key = _("f filters by who, what and when; Enter shows"
						      " the entry whole") };
	audit_log s = { .app = app };
	csr_err err;
	if (csr_audit_read(app->db, "audit.read", "audit", 0, "", &err) != CSR_OK) {
		tui_error(app, &err);
		return false;
	}
	list_spec shown;
	ui_column cols[LIST_COLUMNS_MAX];
	list_spec_copy(&spec, &shown, cols);
	list_init(&s.list, app, &shown, &s);
	list_popup_run(&s.list, &look, on_key);
	return false; /* it only reads */
}
