/* SPDX-License-Identifier: MIT */
/* The look of the screen: colors by role, line drawing and text output. */
#include "ui.h"

#include <langinfo.h>
#include <stdlib.h>
#include <string.h>

#include "csrdesk/text.h"

enum { DEFAULT = -1, ROLE_PAIR_BASE = 1, COLOR_PAIR_BASE = 32, TEXT_MAX = 2048 };

/* Each role: colors (fg, bg; -1 = the terminal's default) plus attributes
 * with colors, and the attributes used alone without colors (NO_COLOR,
 * monochrome terminals). Everything stays readable on 8 colors. */
static const struct role_look {
	short fg, bg;
	attr_t with_color;
	attr_t mono;
} looks[UI_ROLE_COUNT] = {
	[UI_NORMAL] = { DEFAULT, DEFAULT, A_NORMAL, A_NORMAL },
	[UI_TAB] = { COLOR_WHITE, COLOR_BLUE, A_NORMAL, A_REVERSE },
	[UI_TAB_ACTIVE] = { COLOR_BLACK, COLOR_CYAN, A_BOLD, A_BOLD },
	[UI_BAR] = { COLOR_WHITE, COLOR_BLUE, A_NORMAL, A_REVERSE },
	[UI_HEADER] = { DEFAULT, DEFAULT, A_BOLD | A_UNDERLINE, A_BOLD | A_UNDERLINE },
	[UI_SELECTED] = { COLOR_BLACK, COLOR_CYAN, A_NORMAL, A_REVERSE },
	[UI_SELECTED_DIM] = { COLOR_BLACK, COLOR_WHITE, A_NORMAL, A_UNDERLINE },
	[UI_LABEL] = { DEFAULT, DEFAULT, A_BOLD, A_BOLD },
	[UI_TITLE] = { DEFAULT, DEFAULT, A_BOLD, A_BOLD },
	[UI_KEY] = { DEFAULT, DEFAULT, A_BOLD, A_BOLD },
	[UI_MESSAGE] = { COLOR_WHITE, COLOR_BLUE, A_BOLD, A_REVERSE | A_BOLD },
	[UI_ERROR] = { COLOR_WHITE, COLOR_RED, A_BOLD, A_BOLD | A_UNDERLINE },
	[UI_DIM] = { DEFAULT, DEFAULT, A_DIM, A_DIM },
	[UI_MARK] = { COLOR_WHITE, COLOR_MAGENTA, A_BOLD, A_BOLD | A_UNDERLINE },
	[UI_DEMO] = { COLOR_BLACK, COLOR_YELLOW, A_BOLD, A_BOLD | A_UNDERLINE },
	[UI_GOOD] = { COLOR_GREEN, DEFAULT, A_NORMAL, A_NORMAL },
	[UI_WARN] = { COLOR_MAGENTA, DEFAULT, A_NORMAL, A_BOLD },
	[UI_FRAME] = { COLOR_CYAN, DEFAULT, A_NORMAL, A_NORMAL },
	[UI_FIELD] = { DEFAULT, DEFAULT, A_UNDERLINE, A_UNDERLINE },
	[UI_FIELD_ACTIVE] = { COLOR_BLACK, COLOR_CYAN, A_NORMAL, A_REVERSE },
	[UI_PROGRESS] = { COLOR_GREEN, DEFAULT, A_BOLD, A_BOLD },
};

static struct {
	bool colors, ascii;
	bool default_colors; /* the terminal lets us keep its own fg and bg */
	ui_glyphs glyphs;
} ui;

static bool want_colors(void)
{
	const char *no_color = getenv("NO_COLOR"); /* https://no-color.org */
	return !(no_color && *no_color) && has_colors() && start_color() == OK &&
	       COLORS >= 8 && COLOR_PAIRS >= COLOR_PAIR_BASE + 8;
}

/* A default color (-1) without use_default_colors: white on black. */
static short fix(short color, short fallback)
{
	return color == DEFAULT && !ui.default_colors ? fallback : color;
}

static void init_role_pairs(void)
{
	for (int r = 0; r < UI_ROLE_COUNT; r++)
		init_pair((short)(ROLE_PAIR_BASE + r), fix(looks[r].fg, COLOR_WHITE),
			  fix(looks[r].bg, COLOR_BLACK));
}

/* Category colors: the color on the default background, except black
 * (black on white, readable on a dark terminal) and white (the default
 * foreground, readable on a light one). */
static void init_category_pairs(void)
{
	for (short c = COLOR_BLACK; c <= COLOR_WHITE; c++) {
		short fg = c == COLOR_WHITE ? DEFAULT : c;
		short bg = c == COLOR_BLACK ? COLOR_WHITE : DEFAULT;
		init_pair((short)(COLOR_PAIR_BASE + c), fix(fg, COLOR_WHITE), fix(bg, COLOR_BLACK));
	}
}

/* Line drawing needs a terminal that shows it. Hardware-era types (the
 * VT100 family, the Linux console) switch to their DEC graphics set, which
 * under a UTF-8 locale, a multiplexer or a console font comes out as
 * letters ("qqqq"): those get ASCII. */
static bool terminal_draws_lines(void)
{
	const char *acsc = tigetstr("acsc");
	const char *term = termname();
	bool legacy = term && (strncmp(term, "vt", 2) == 0 || strncmp(term, "linux", 5) == 0 ||
			       strncmp(term, "cons", 4) == 0);
	return acsc && acsc != (char *)-1 && *acsc && !legacy;
}

static void init_glyphs(void)
{
	ui_glyphs *g = &ui.glyphs;
	if (!ui.ascii && terminal_draws_lines()) {
		*g = (ui_glyphs){ ACS_HLINE, ACS_VLINE, ACS_ULCORNER, ACS_URCORNER, ACS_LLCORNER,
				  ACS_LRCORNER, "\xE2\x96\x88", "\xE2\x96\x91", "\xE2\x80\x93" };
		return;
	}
	*g = (ui_glyphs){ '-', '|', '+', '+', '+', '+', "#", ".", "-" };
	if (!ui.ascii) /* UTF-8 text but no line drawing in the terminal */
		g->dash = "\xE2\x80\x93";
}

void ui_init(void)
{
	const char *codeset = nl_langinfo(CODESET);
	ui.ascii = !(codeset && (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0));
	ui.colors = want_colors();
	if (ui.colors) {
		ui.default_colors = use_default_colors() == OK;
		init_role_pairs();
		init_category_pairs();
	}
	init_glyphs();
}

bool ui_ascii(void)
{
	return ui.ascii;
}

const ui_glyphs *ui_glyph(void)
{
	return &ui.glyphs;
}

attr_t ui_attr(ui_role role)
{
	if (!ui.colors)
		return looks[role].mono;
	return looks[role].with_color | COLOR_PAIR(ROLE_PAIR_BASE + role);
}

attr_t ui_color_attr(csr_color color)
{
	if (!ui.colors || color < COLOR_BLACK || color > COLOR_WHITE)
		return A_NORMAL;
	return COLOR_PAIR(COLOR_PAIR_BASE + color) | (color == COLOR_WHITE ? A_BOLD : A_NORMAL);
}

void ui_clean(const char *in, char *out, size_t size)
{
	size_t n = csr_text_sanitize(in, out, size);
	if (!ui.ascii)
		return;
	/* One '?' per character: a lead byte becomes '?', continuation bytes go. */
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)out[i];
		if (c < 0x80)
			out[o++] = (char)c;
		else if ((c & 0xC0) != 0x80)
			out[o++] = '?';
	}
	out[o] = '\0';
}

int ui_width(const char *text)
{
	char clean[TEXT_MAX];
	ui_clean(text, clean, sizeof clean);
	return csr_text_width(clean);
}

void ui_blank(WINDOW *w, int y, int x, int width, attr_t attr)
{
	if (width <= 0)
		return;
	wattrset(w, attr);
	mvwhline(w, y, x, ' ', width);
	wattrset(w, A_NORMAL);
}

int ui_text(WINDOW *w, int y, int x, int width, const char *text, attr_t attr, bool pad)
{
	if (width <= 0)
		return 0;
	char clean[TEXT_MAX], fitted[TEXT_MAX];
	ui_clean(text, clean, sizeof clean);
	int used = csr_text_fit(clean, width, ui.ascii, fitted, sizeof fitted);
	wattrset(w, attr);
	mvwaddstr(w, y, x, fitted);
	if (pad && used < width)
		mvwhline(w, y, x + used, ' ', width - used);
	wattrset(w, A_NORMAL);
	return used;
}

int ui_text_right(WINDOW *w, int y, int x, int width, const char *text, attr_t attr)
{
	int need = ui_width(text);
	int shift = need < width ? width - need : 0;
	return ui_text(w, y, x + shift, width - shift, text, attr, false);
}

void ui_hline(WINDOW *w, int y, int x, int width)
{
	if (width <= 0)
		return;
	wattrset(w, ui_attr(UI_FRAME));
	mvwhline(w, y, x, ui.glyphs.hline, width);
	wattrset(w, A_NORMAL);
}

void ui_box(WINDOW *w)
{
	const ui_glyphs *g = &ui.glyphs;
	wattrset(w, ui_attr(UI_FRAME));
	wborder(w, g->vline, g->vline, g->hline, g->hline, g->ulcorner, g->urcorner, g->llcorner,
		g->lrcorner);
	wattrset(w, A_NORMAL);
}

/* Bytes of the UTF-8 character starting with c (1 for a stray byte). */
static int char_len(unsigned char c)
{
	return c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
}

static int char_width(const char *s, int len)
{
	char one[8];
	memcpy(one, s, (size_t)len);
	one[len] = '\0';
	return csr_text_width(one);
}

/* The length in bytes of the next line of *p: up to the last space that
 * fits, or cut mid-word when a word alone is wider than the line. */
static size_t line_len(const char *s, int width)
{
	size_t i = 0, last_space = 0;
	int used = 0;
	while (s[i]) {
		int len = char_len((unsigned char)s[i]);
		int w = char_width(s + i, len);
		if (used + w > width)
			return last_space ? last_space : (i ? i : (size_t)len);
		if (s[i] == ' ')
			last_space = i;
		used += w;
		i += (size_t)len;
	}
	return i;
}

bool ui_wrap(const char **p, int width, char *out, size_t size)
{
	const char *s = *p;
	while (*s == ' ')
		s++;
	if (!*s || width <= 0 || size == 0)
		return false;
	size_t n = line_len(s, width);
	size_t copy = n < size ? n : size - 1;
	memcpy(out, s, copy);
	while (copy > 0 && out[copy - 1] == ' ')
		copy--;
	out[copy] = '\0';
	*p = s + n;
	return true;
}

void ui_progress(WINDOW *w, int y, int x, int width, double fraction, attr_t fill)
{
	if (width <= 0)
		return;
	if (!(fraction > 0))
		fraction = 0; /* also NaN */
	int full = fraction >= 1 ? width : (int)(fraction * width + 0.5);
	wmove(w, y, x);
	wattrset(w, fill);
	for (int i = 0; i < full; i++)
		waddstr(w, ui.glyphs.bar_full);
	wattrset(w, ui_attr(UI_DIM));
	for (int i = full; i < width; i++)
		waddstr(w, ui.glyphs.bar_empty);
	wattrset(w, A_NORMAL);
}
