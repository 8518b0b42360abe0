/* SPDX-License-Identifier: MIT */
/* Partners (leads): the NGOs initiatives are run with — a list, and a
 * form to add or edit one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csrdesk/partner.h"
#include "form.h"
#include "lead.h"
#include "listbox.h"

enum { ROWS_MAX = 200, WIDTH_MAX = 90 };

typedef struct partners {
	tui_app *app;
	csr_partner rows[ROWS_MAX];
	char title[48];
	ui_listbox box;
} partners;

static void draw_row(void *ctx, WINDOW *w, int y, int x, int width, int i, bool selected)
{
	partners *s = ctx;
	const csr_partner *p = &s->rows[i];
	attr_t attr = selected ? ui_attr(UI_SELECTED) : A_NORMAL;
	int name_w = width < 50 ? width : width / 2;
	ui_blank(w, y, x, width, attr);
	ui_text(w, y, x, name_w - 1, p->name, attr, false);
	if (name_w < width)
		ui_text(w, y, x + name_w, width - name_w, p->contact[0] ? p->contact : p->email,
			selected ? attr : ui_attr(UI_DIM), false);
}

static void reload(partners *s)
{
	csr_err err;
	if (csr_partner_page(s->app->db, NULL, s->rows, ROWS_MAX, &s->box.n, &err) != CSR_OK)
		listbox_error(&s->box, &err);
	snprintf(s->title, sizeof s->title, " Partners (%d%s) ", s->box.n,
		 s->box.n == ROWS_MAX ? "+" : "");
	listbox_clamp(&s->box);
}

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
		[F_NAME] = { "Name", "The organisation, as people know it", 1, NULL, 0, p->name,
			     sizeof p->name },
		[F_CONTACT] = { "Contact", "Optional: the person to talk to", 1, NULL, 0, p->contact,
				sizeof p->contact },
		[F_EMAIL] = { "Email", "Optional: name@example.org", 1, NULL, 0, p->email,
			      sizeof p->email },
		[F_PHONE] = { "Phone", "Optional", 1, NULL, 0, p->phone, sizeof p->phone },
		[F_WEBSITE] = { "Website", "Optional", 1, NULL, 0, p->website, sizeof p->website },
		[F_NOTES] = { "Notes", "Optional; Enter saves", 2, NULL, 0, p->notes, sizeof p->notes },
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
		return err.code == CSR_ECONFLICT ? F_NAME : ui_form_field_of(fields, n, err.msg);
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
	if (ui_form_run(s->app, from ? " Edit partner " : " New partner ", f->fields, F_COUNT, save,
			f)) {
		listbox_message(&s->box, false, "%s %s", from ? "Saved" : "Added", f->p.name);
		reload(s);
		for (int i = 0; i < s->box.n; i++) /* show it selected */
			if (s->rows[i].id == f->p.id)
				s->box.cursor = i;
	}
	free(f);
}

void partners_run(tui_app *app)
{
	partners *s = calloc(1, sizeof *s);
	if (!s)
		return;
	s->app = app;
	s->box = (ui_listbox){ .app = app, .title = s->title, .width_max = WIDTH_MAX,
			       .keys = "n new  e/Enter edit  Esc close",
			       .keys_short = "n new  e edit  Esc close",
			       .empty = "No partners yet: n adds one.", .draw_row = draw_row,
			       .ctx = s };
	reload(s);
	for (int key; (key = listbox_key(&s->box)) != 0;) {
		if (key == 'n')
			edit(s, NULL);
		else if ((key == 'e' || key == TUI_KEY_ENTER || key == '\r') && s->box.n > 0)
			edit(s, &s->rows[s->box.cursor]);
		else
			listbox_message(&s->box, true, "n adds a partner, e edits the selected one");
	}
	free(s);
}
