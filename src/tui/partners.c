/* SPDX-License-Identifier: MIT */
/* Partners (leads): the NGOs initiatives are run with — a list, and a
 * form to add or edit one. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csrdesk/i18n.h"
#include "csrdesk/partner.h"
#include "dialog.h"
#include "form.h"
#include "list.h"
#include "picker.h"

enum { WIDTH_MAX = 90, COL_NAME = 0, COL_CONTACT, COLUMNS };

static const ui_column columns[COLUMNS] = {
	[COL_NAME] = { N_("Name"), 16, 60, 20, 1, 0, false, 0, 0 },
	/* TRANSLATORS: a column header: the person to talk to at a partner */
	[COL_CONTACT] = { N_("Contact"), 10, 60, 0, 1, 1, false, 0, 0 },
};

typedef struct partners {
	ui_list list;
	tui_app *app;
} partners;

/* ---- the list ---- */

static csr_code fetch(void *ctx, const void *from, bool backward, void *rows, int max, int *n,
		      csr_err *err)
{
	partners *s = ctx;
	return csr_partner_page_after(s->app->db, s->list.search, from, backward, rows, max, n,
				      err);
}

static csr_code get(void *ctx, int64_t id, void *row, csr_err *err)
{
	partners *s = ctx;
	return csr_partner_get(s->app->db, id, row, err);
}

static const pager_source source = PAGER_SOURCE(csr_partner, id, fetch, get);

static csr_code count(void *ctx, int64_t *out, csr_err *err)
{
	partners *s = ctx;
	return csr_partner_count(s->app->db, s->list.search, out, err);
}

static void cells(void *ctx, const void *row, list_cells *c)
{
	(void)ctx;
	const csr_partner *p = row;
	list_cell(c, COL_NAME, "%s", p->name);
	list_cell(c, COL_CONTACT, "%s", p->contact[0] ? p->contact : p->email);
	c->attr[COL_CONTACT] = ui_attr(UI_DIM);
}

static const list_spec spec = {
	LIST_ROWS(source, columns, cells, count),
	.empty = N_("No partners yet: n adds one."),
	.no_match = N_("No partner matches: / changes the search."),
	.searchable = true,
};

/* ---- the form ---- */

enum { F_NAME, F_CONTACT, F_EMAIL, F_PHONE, F_WEBSITE, F_NOTES, F_COUNT };

typedef struct partner_form {
	tui_app *app;
	csr_partner p; /* the values typed, and the id */
	ui_field fields[F_COUNT];
} partner_form;

static void setup_fields(partner_form *f)
{
	csr_partner *p = &f->p;
	ui_field fields[F_COUNT] = {
		[F_NAME] = { _("Name"), _("The organisation, as people know it"), 1, NULL, 0, p->name,
			     sizeof p->name, NULL },
		/* TRANSLATORS: a form field: the person to talk to at a partner */
		[F_CONTACT] = { _("Contact"), _("Optional: the person to talk to"), 1, NULL, 0,
				p->contact, sizeof p->contact, NULL },
		[F_EMAIL] = { _("Email"), _("Optional: name@example.org"), 1, NULL, 0, p->email,
			      sizeof p->email, NULL },
		[F_PHONE] = { _("Phone"), _("Optional"), 1, NULL, 0, p->phone, sizeof p->phone, NULL },
		[F_WEBSITE] = { _("Website"), _("Optional"), 1, NULL, 0, p->website,
				sizeof p->website, NULL },
		[F_NOTES] = { _("Notes"), _("Optional; Enter saves"), 2, NULL, 0, p->notes,
			      sizeof p->notes, NULL },
	};
	memcpy(f->fields, fields, sizeof fields);
}

static int save(void *ctx, ui_field *fields, int n, char *msg, size_t size)
{
	partner_form *f = ctx;
	csr_partner p = f->p;
	csr_err err;
	if (csr_partner_validate(&p, &err) != CSR_OK || csr_partner_save(f->app->db, &p, &err) != CSR_OK) {
		snprintf(msg, size, "%s", err.msg);
		/* "A partner named X already exists" is about the name */
		return err.code == CSR_ECONFLICT ? F_NAME : form_field_named(fields, n, err.msg);
	}
	f->p.id = p.id;
	return UI_FORM_SAVED;
}

static void edit(partners *s, const csr_partner *from)
{
	partner_form *f = calloc(1, sizeof *f);
	if (!f)
		return;
	f->app = s->app;
	if (from)
		f->p = *from;
	setup_fields(f);
	if (ui_form_run(s->app, from ? _(" Edit partner ") : _(" New partner "), f->fields, F_COUNT,
			save, f)) {
		s->list.changed = true;
		list_goto(&s->list, f->p.id); /* show it selected */
		if (from)
			/* TRANSLATORS: %s is the partner's name */
			list_message(&s->list, false, _("Saved %s"), f->p.name);
		else
			/* TRANSLATORS: %s is the partner's name */
			list_message(&s->list, false, _("Added %s"), f->p.name);
	}
	free(f);
}

static bool on_key(void *ctx, int key)
{
	partners *s = ctx;
	const csr_partner *sel = list_current(&s->list);
	if (key == 'n')
		edit(s, NULL);
	else if ((key == 'e' || tui_is_enter(key)) && sel)
		edit(s, sel);
	else
		return false;
	return true;
}

bool partners_run(tui_app *app)
{
	const list_popup_look look = { .title = _("Partners"), .width_max = WIDTH_MAX,
				       .keys = _("n new  e/Enter edit  / search  Esc close"),
				       /* TRANSLATORS: the keys on a narrow screen: keep it short */
				       .keys_short = _("n new  e edit  Esc close"),
				       .other_key = _("n adds a partner, e edits the selected one") };
	partners s = { .app = app };
	list_spec shown;
	ui_column cols[LIST_COLUMNS_MAX];
	list_spec_copy(&spec, &shown, cols);
	list_init(&s.list, app, &shown, &s);
	return list_popup_run(&s.list, &look, on_key);
}

bool pick_partner(tui_app *app, csr_partner *out)
{
	partners s = { .app = app };
	list_spec shown;
	ui_column cols[LIST_COLUMNS_MAX];
	list_spec_copy(&spec, &shown, cols);
	list_init(&s.list, app, &shown, &s);
	bool chosen = list_choose(&s.list, _("Which partner?"), out);
	list_free(&s.list);
	return chosen;
}
