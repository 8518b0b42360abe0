/* SPDX-License-Identifier: MIT */
/* The editable text field. */
#include "edit.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "app.h"
#include "csrdesk/text.h"

enum { CHAR_BYTES_MAX = 4 };

/* ---- UTF-8, without depending on the locale ---- */

static int encode(unsigned cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | cp >> 12);
		out[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | cp >> 18);
	out[1] = (char)(0x80 | (cp >> 12 & 0x3F));
	out[2] = (char)(0x80 | (cp >> 6 & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Decodes one character of safe text (checked by csr_text_sanitize). */
static int decode(const unsigned char *s, unsigned *cp)
{
	int len = s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC0 ? 2 : 1;
	unsigned c = len == 1 ? s[0] : s[0] & (0x7F >> len);
	for (int i = 1; i < len; i++)
		c = c << 6 | (s[i] & 0x3F);
	*cp = c;
	return len;
}

static size_t bytes_of(const ui_edit *e)
{
	size_t n = 0;
	char tmp[CHAR_BYTES_MAX];
	for (int i = 0; i < e->len; i++)
		n += (size_t)encode(e->chars[i], tmp);
	return n;
}

/* Display columns of one character: wide ones 2, combining marks 0. */
static int cell_width(unsigned cp)
{
	int w = cp < 0x80 ? 1 : wcwidth((wchar_t)cp);
	return w < 0 ? 1 : w;
}

/* Is it a character anyone may type (nothing that steers a terminal)? */
static bool typeable(unsigned cp)
{
	char one[CHAR_BYTES_MAX + 1];
	one[encode(cp, one)] = '\0';
	if (ui_ascii() && cp >= 0x80)
		return false; /* a C locale sends bytes, not characters */
	return cp >= 0x20 && cp <= 0x10FFFF && csr_text_is_safe(one);
}

/* ---- the text ---- */

bool ui_edit_init(ui_edit *e, const char *text, size_t max_bytes)
{
	*e = (ui_edit){ .max_bytes = max_bytes, .cap = (int)max_bytes + 1 };
	e->chars = calloc((size_t)e->cap, sizeof *e->chars);
	if (!e->chars)
		return false;
	ui_edit_set(e, text);
	return true;
}

void ui_edit_free(ui_edit *e)
{
	free(e->chars);
	e->chars = NULL;
}

void ui_edit_set(ui_edit *e, const char *text)
{
	char *safe = malloc(e->max_bytes + 1);
	e->len = e->cursor = e->scroll = 0;
	if (!safe)
		return;
	/* Line breaks and tabs become spaces (a field is one paragraph); what
	 * else is unsafe becomes '?'. */
	csr_text_sanitize(text, safe, e->max_bytes + 1);
	for (size_t i = 0; safe[i] && text[i]; i++)
		if (safe[i] == '?' && (text[i] == '\n' || text[i] == '\r' || text[i] == '\t'))
			safe[i] = ' ';
	for (const unsigned char *p = (const unsigned char *)safe; *p && e->len < e->cap - 1;)
		p += decode(p, &e->chars[e->len++]);
	e->chars[e->len] = 0;
	e->cursor = e->len;
	free(safe);
}

void ui_edit_text(const ui_edit *e, char *out, size_t size)
{
	size_t o = 0;
	for (int i = 0; i < e->len; i++) {
		char tmp[CHAR_BYTES_MAX];
		int n = encode(e->chars[i], tmp);
		if (o + (size_t)n >= size)
			break;
		memcpy(out + o, tmp, (size_t)n);
		o += (size_t)n;
	}
	if (size > 0)
		out[o] = '\0';
}

/* ---- editing ---- */

static bool insert(ui_edit *e, unsigned cp)
{
	char tmp[CHAR_BYTES_MAX];
	if (!typeable(cp) || bytes_of(e) + (size_t)encode(cp, tmp) > e->max_bytes ||
	    e->len + 1 >= e->cap)
		return false;
	memmove(&e->chars[e->cursor + 1], &e->chars[e->cursor],
		(size_t)(e->len - e->cursor + 1) * sizeof *e->chars);
	e->chars[e->cursor++] = cp;
	e->len++;
	return true;
}

/* Removes the characters [from, to). */
static void cut(ui_edit *e, int from, int to)
{
	if (from < 0 || to > e->len || from >= to)
		return;
	memmove(&e->chars[from], &e->chars[to], (size_t)(e->len - to + 1) * sizeof *e->chars);
	e->len -= to - from;
	e->cursor = from;
}

/* Ctrl-W: the word before the cursor, and the blanks after it. */
static void cut_word(ui_edit *e)
{
	int from = e->cursor;
	while (from > 0 && e->chars[from - 1] == ' ')
		from--;
	while (from > 0 && e->chars[from - 1] != ' ')
		from--;
	cut(e, from, e->cursor);
}

static bool move_key(ui_edit *e, int key)
{
	switch (key) {
	case TUI_FN(KEY_LEFT): case TUI_CTRL('b'): if (e->cursor > 0) e->cursor--; return true;
	case TUI_FN(KEY_RIGHT): if (e->cursor < e->len) e->cursor++; return true;
	case TUI_FN(KEY_HOME): case TUI_CTRL('a'): e->cursor = 0; return true;
	case TUI_FN(KEY_END): case TUI_CTRL('e'): e->cursor = e->len; return true;
	default: return false;
	}
}

bool ui_edit_key(ui_edit *e, int key)
{
	if (move_key(e, key))
		return true;
	if (e->read_only)
		return false;
	switch (key) {
	case TUI_FN(KEY_BACKSPACE): case 127: case 8: cut(e, e->cursor - 1, e->cursor); return true;
	case TUI_FN(KEY_DC): case TUI_CTRL('d'): {
		int at = e->cursor;
		cut(e, at, at + 1);
		e->cursor = at;
		return true;
	}
	case TUI_CTRL('u'): cut(e, 0, e->len); return true;
	case TUI_CTRL('k'): cut(e, e->cursor, e->len); e->cursor = e->len; return true;
	case TUI_CTRL('w'): cut_word(e); return true;
	default:
		return !TUI_IS_FN(key) && key > 0 && insert(e, (unsigned)key);
	}
}

/* ---- drawing ---- */

/* Draws chars [from, to) at y, x; returns the columns used. */
static int draw_run(const ui_edit *e, WINDOW *w, int y, int x, int from, int to, int cols,
		    attr_t attr)
{
	char buf[4096];
	size_t o = 0;
	for (int i = from; i < to && o + CHAR_BYTES_MAX < sizeof buf; i++)
		o += (size_t)encode(e->chars[i], buf + o);
	buf[o] = '\0';
	return ui_text(w, y, x, cols, buf, attr, true);
}

static int width_of(const ui_edit *e, int from, int to)
{
	int w = 0;
	for (int i = from; i < to; i++)
		w += cell_width(e->chars[i]);
	return w;
}

/* One line: scrolled sideways so that the cursor shows. */
static void draw_line(ui_edit *e, WINDOW *w, int y, int x, int cols, attr_t attr, int *cx)
{
	if (e->cursor < e->scroll)
		e->scroll = e->cursor;
	while (e->scroll < e->cursor && width_of(e, e->scroll, e->cursor) >= cols)
		e->scroll++;
	int end = e->scroll, used = 0;
	while (end < e->len && used + cell_width(e->chars[end]) <= cols)
		used += cell_width(e->chars[end++]);
	draw_run(e, w, y, x, e->scroll, end, cols, attr);
	*cx = x + width_of(e, e->scroll, e->cursor);
}

/* The start of the row after the one starting at from: rows break after
 * a space, so words stay whole; a word longer than a row is cut. A space
 * where the row is full ends it (it is not drawn). */
static int next_row(const ui_edit *e, int from, int cols)
{
	int used = 0, i = from;
	while (i < e->len && used + cell_width(e->chars[i]) <= cols)
		used += cell_width(e->chars[i++]);
	if (i == from)
		return from + 1;
	if (i >= e->len)
		return i;
	if (e->chars[i] == ' ')
		return i + 1;
	for (int j = i; j > from + 1; j--)
		if (e->chars[j - 1] == ' ')
			return j;
	return i;
}

/* Several rows: wrapped at the width, scrolled by rows to the cursor. */
static void draw_rows(ui_edit *e, WINDOW *w, int y, int x, int rows, int cols, attr_t attr,
		      int *cy, int *cx)
{
	int cursor_row = 0, start = 0;
	for (int row = 0, at = 0;; row++) {
		int next = next_row(e, at, cols);
		if (e->cursor >= at && (e->cursor < next || next > e->len)) {
			cursor_row = row;
			start = at;
			break;
		}
		at = next;
	}
	if (cursor_row < e->scroll)
		e->scroll = cursor_row;
	if (cursor_row >= e->scroll + rows)
		e->scroll = cursor_row - rows + 1;
	int at = 0;
	for (int row = 0; row < e->scroll; row++)
		at = next_row(e, at, cols);
	for (int r = 0; r < rows; r++) {
		int next = at < e->len ? next_row(e, at, cols) : at;
		int end = next < e->len ? next : e->len;
		if (end > at && e->chars[end - 1] == ' ' && width_of(e, at, end) > cols)
			end--; /* the space that ends a full row */
		draw_run(e, w, y + r, x, at, end, cols, attr);
		at = next;
	}
	*cy = y + cursor_row - e->scroll;
	int col = width_of(e, start, e->cursor);
	*cx = x + (col < cols ? col : cols - 1); /* on the space that ends a full row */
}

void ui_edit_draw(ui_edit *e, WINDOW *w, int y, int x, int rows, int cols, attr_t attr,
		  int *cy, int *cx)
{
	*cy = y;
	if (rows <= 1)
		draw_line(e, w, y, x, cols, attr, cx);
	else
		draw_rows(e, w, y, x, rows, cols, attr, cy, cx);
}
