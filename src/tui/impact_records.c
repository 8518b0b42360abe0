/* SPDX-License-Identifier: MIT */
/* An initiative's impact records (leads): every value recorded for it,
 * voided ones shown as such; the selected one is corrected (a new value
 * and note) or voided with a reason, and new ones are recorded. The data
 * layer audits each correction. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csrdesk/clock.h"
#include "csrdesk/format.h"
#include "csrdesk/i18n.h"
#include "csrdesk/impact.h"
#include "csrdesk/initiative.h"
#include "csrdesk/text.h"
#include "dialog.h"
#include "form.h"
#include "list.h"
#include "picker.h"
#include "widget.h"

enum {
	WIDTH_MAX = 100,
	VALUE_TEXT = 32,
	AMOUNT_TEXT = CSR_FMT_NUMBER_MAX + CSR_UNIT_MAX,
	COL_DATE = 0, COL_METRIC, COL_VALUE, COL_STATE, COL_NOTE, COLUMNS,
};

static const ui_column columns[COLUMNS] = {
	/* TRANSLATORS: a column header over the day a value was recorded */
	[COL_DATE] = { N_("Recorded"), 10, 10, 0, 0, 2, false, 0, 0 },
	[COL_METRIC] = { N_("Metric"), 8, 30, 14, 1, 1, false, 0, 0 },
	[COL_VALUE] = { N_("Value"), 12, 24, 0, 1, 0, true, 0, 0 },
	[COL_STATE] = { "", 6, 6, 0, 0, 0, false, 0, 0 },
	[COL_NOTE] = { N_("Note"), 8, 60, 0, 2, 3, false, 0, 0 },
};

typedef struct impact_records {
	ui_list list;
	tui_app *app;
	int64_t initiative_id;
} impact_records;

/* ---- the list ---- */

static csr_code fetch(void *ctx, const void *from, bool backward, void *rows, int max, int *n,
		      csr_err *err)
{
	impact_records *r = ctx;
	return csr_impact_page(r->app->db, r->initiative_id, from, backward, rows, max, n, err);
}

static const pager_source source = PAGER_SOURCE(csr_impact, id, fetch, NULL);

static csr_code count(void *ctx, int64_t *out, csr_err *err)
{
	impact_records *r = ctx;
	return csr_impact_count(r->app->db, r->initiative_id, out, err);
}

/* "120 trees" in the metric's unit, and its title. */
static const csr_metric *amount_of(const tui_app *app, const csr_impact *rec, double value,
				   char *out, size_t size)
{
	const csr_metric *m = csr_config_metric(tui_config(app), rec->metric);
	csr_fmt_amount(value, m ? m->unit : "", out, size);
	return m;
}

static void cells(void *ctx, const void *row, list_cells *c)
{
	impact_records *r = ctx;
	const csr_impact *rec = row;
	csr_date_format(rec->recorded_at, c->text[COL_DATE], sizeof c->text[COL_DATE]);
	const csr_metric *m = amount_of(r->app, rec, rec->value, c->text[COL_VALUE],
					sizeof c->text[COL_VALUE]);
	list_cell(c, COL_METRIC, "%s", m ? m->title : rec->metric);
	if (rec->voided_at) {
		list_cell(c, COL_STATE, "%s", C_("impact record", "voided"));
		list_cell(c, COL_NOTE, "%s", rec->void_reason);
		c->row = UI_DIM;
	} else
		list_cell(c, COL_NOTE, "%s", rec->note);
}

/* TRANSLATORS: the count of impact records in the list's title */
static const char *counted(int64_t n)
{
	return csr_plural(n, "%s record", "%s records");
}

static const list_spec spec = {
	LIST_ROWS(source, columns, cells, count),
	.counted = counted,
	.empty = N_("No impact recorded yet: i records a value."),
};

/* ---- edit ---- */

enum { F_VALUE, F_NOTE, F_COUNT };

typedef struct edit_form {
	tui_app *app;
	csr_impact rec;
	char value[VALUE_TEXT], note[CSR_IMPACT_NOTE_MAX];
} edit_form;

static int save_edit(void *ctx, ui_field *fields, int n, char *msg, size_t size)
{
	edit_form *f = ctx;
	double value;
	csr_err err;
	if (!csr_fmt_parse_number(f->value, &value)) {
		csr_fmt_number_problem(f->value, msg, size);
		return F_VALUE;
	}
	if (csr_impact_edit(f->app->db, f->rec.id, value, f->note, &err) != CSR_OK)
		return ui_form_fail(msg, size, form_field_named(fields, n, err.msg), err.msg);
	f->rec.value = value;
	return UI_FORM_SAVED;
}

static void edit(impact_records *r)
{
	const csr_impact *sel = list_current(&r->list);
	if (!sel)
		return;
	if (sel->voided_at) {
		list_message(&r->list, true, _("This value was voided: i records a new one"));
		return;
	}
	edit_form f = { .app = r->app, .rec = *sel };
	double old = sel->value;
	csr_fmt_number(old, f.value, sizeof f.value);
	snprintf(f.note, sizeof f.note, "%s", sel->note);
	ui_field fields[F_COUNT] = {
		[F_VALUE] = { _("Value"), _("The corrected value, in the metric's unit"), 1, NULL, 0,
			      f.value, sizeof f.value, NULL },
		[F_NOTE] = { _("Note"), _("Where the figure comes from; Enter saves"), 1, NULL, 0,
			     f.note, sizeof f.note, NULL },
	};
	if (!ui_form_run(r->app, _(" Correct the impact value "), fields, F_COUNT, save_edit, &f))
		return;
	char was[AMOUNT_TEXT], now[AMOUNT_TEXT];
	amount_of(r->app, &f.rec, old, was, sizeof was);
	amount_of(r->app, &f.rec, f.rec.value, now, sizeof now);
	r->list.changed = true;
	list_reload(&r->list);
	list_message(&r->list, false, _("Corrected from %s to %s"), was, now);
}

/* ---- void ---- */

static void void_selected(impact_records *r)
{
	const csr_impact *sel = list_current(&r->list);
	if (!sel)
		return;
	const csr_impact rec = *sel;
	char reason[CSR_IMPACT_NOTE_MAX] = "", amount[AMOUNT_TEXT];
	amount_of(r->app, &rec, rec.value, amount, sizeof amount);
	if (!ui_prompt(r->app, _("Why void it? "), reason, sizeof reason, NULL, NULL))
		return;
	csr_err err;
	if (csr_impact_void(r->app->db, rec.id, reason, &err) != CSR_OK) {
		list_error(&r->list, &err);
		return;
	}
	r->list.changed = true;
	list_reload(&r->list);
	list_message(&r->list, false, _("Voided %s: it counts in no figure now"), amount);
}

static void record_new(impact_records *r)
{
	if (impact_form_run(r->app, r->initiative_id)) {
		r->list.changed = true;
		list_reload(&r->list);
	}
}

/* ---- the dialog ---- */

static bool on_key(void *ctx, int key)
{
	switch (key) {
	case 'e': edit(ctx); return true;
	case 'v': void_selected(ctx); return true;
	case 'i': record_new(ctx); return true;
	default: return false;
	}
}

bool impact_records_run(tui_app *app, int64_t initiative_id)
{
	impact_records *r = calloc(1, sizeof *r);
	csr_initiative in;
	csr_err err;
	bool changed = false;
	if (!r)
		return false;
	if (csr_initiative_get(app->db, initiative_id, &in, &err) != CSR_OK)
		tui_error(app, &err);
	else {
		*r = (impact_records){ .app = app, .initiative_id = initiative_id };
		char title[CSR_INITIATIVE_TITLE_MAX + 16];
		/* TRANSLATORS: a title; %s is the initiative's title */
		snprintf(title, sizeof title, _("Impact: %s"), in.title);
		const list_popup_look look = {
			.title = title, .width_max = WIDTH_MAX,
			.keys = _("e correct  v void  i record  Esc close"),
			/* TRANSLATORS: the keys on a narrow screen: keep it short */
			.keys_short = _("e correct v void i record Esc"),
			.other_key = _("e corrects the value, v voids it, i records a new one"),
		};
		list_spec shown;
		ui_column cols[LIST_COLUMNS_MAX];
		list_spec_copy(&spec, &shown, cols);
		ui_column_fit(&cols[COL_STATE], csr_text_width(C_("impact record", "voided")),
			   csr_text_width("voided"));
		list_init(&r->list, app, &shown, r);
		changed = list_popup_run(&r->list, &look, on_key);
	}
	free(r);
	return changed;
}
