/* SPDX-License-Identifier: MIT */
/* The xterm subset ncurses uses with TERM=xterm: printable UTF-8 (wide
 * East Asian characters take two cells), CR, LF, BS, TAB, autowrap, and
 * the CSI sequences for cursor moves (CUP, CUU/CUD/CUF/CUB, CHA, VPA),
 * erasing (EL, ED, ECH), inserting and deleting (ICH, DCH, IL, DL),
 * scrolling (DECSTBM, SU, SD, IND, RI) and REP. Attributes, modes and
 * OSC strings change nothing that is read here and are skipped. */
#include "bench_screen.h"

#include <string.h>

enum { S_TEXT, S_ESC, S_CSI, S_INTER, S_OSC, S_OSC_ESC };

void screen_init(screen *s)
{
	memset(s, 0, sizeof *s);
	for (int y = 0; y < SCREEN_ROWS; y++)
		for (int x = 0; x < SCREEN_COLS; x++)
			s->cell[y][x] = ' ';
	s->bottom = SCREEN_ROWS - 1;
}

static int clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

static void blank(screen *s, int y, int from, int to, int64_t now)
{
	for (int x = clamp(from, 0, SCREEN_COLS); x < clamp(to, 0, SCREEN_COLS); x++)
		s->cell[y][x] = ' ';
	s->changed_us[y] = now;
}

static void copy_row(screen *s, int to, int from, int64_t now)
{
	memcpy(s->cell[to], s->cell[from], sizeof s->cell[to]);
	s->changed_us[to] = now;
}

/* Lines y..bottom move down by n (IL, RI at the top) or up (DL, IND). */
static void scroll_down(screen *s, int y, int n, int64_t now)
{
	for (int r = s->bottom; r >= y; r--)
		if (r - n >= y)
			copy_row(s, r, r - n, now);
		else
			blank(s, r, 0, SCREEN_COLS, now);
}

static void scroll_up(screen *s, int y, int n, int64_t now)
{
	for (int r = y; r <= s->bottom; r++)
		if (r + n <= s->bottom)
			copy_row(s, r, r + n, now);
		else
			blank(s, r, 0, SCREEN_COLS, now);
}

static void line_feed(screen *s, int64_t now)
{
	if (s->row == s->bottom)
		scroll_up(s, s->top, 1, now);
	else if (s->row < SCREEN_ROWS - 1)
		s->row++;
}

static bool wide(uint32_t c)
{
	return (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf && c != 0x303f) ||
	       (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) ||
	       (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) ||
	       (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x1f300 && c <= 0x1faff) ||
	       (c >= 0x20000 && c <= 0x3fffd);
}

static void put(screen *s, uint32_t c, int64_t now)
{
	int w = wide(c) ? 2 : 1;
	if (s->wrap_next || s->col + w > SCREEN_COLS) {
		s->col = 0;
		line_feed(s, now);
		s->wrap_next = false;
	}
	s->cell[s->row][s->col] = c;
	if (w == 2)
		s->cell[s->row][s->col + 1] = 0;
	s->changed_us[s->row] = now;
	s->last = c;
	s->col += w;
	if (s->col >= SCREEN_COLS) {
		s->col = SCREEN_COLS - 1;
		s->wrap_next = true;
	}
}

static int param(const screen *s, int i, int otherwise)
{
	return i < s->nparams && s->params[i] > 0 ? s->params[i] : otherwise;
}

static void erase_line(screen *s, int how, int64_t now)
{
	if (how == 0)
		blank(s, s->row, s->col, SCREEN_COLS, now);
	else if (how == 1)
		blank(s, s->row, 0, s->col + 1, now);
	else
		blank(s, s->row, 0, SCREEN_COLS, now);
}

static void erase_display(screen *s, int how, int64_t now)
{
	erase_line(s, how, now);
	int from = how == 0 ? s->row + 1 : 0, to = how == 1 ? s->row : SCREEN_ROWS;
	for (int y = from; y < to; y++)
		blank(s, y, 0, SCREEN_COLS, now);
}

static void shift_chars(screen *s, int n, bool insert, int64_t now)
{
	uint32_t *r = s->cell[s->row];
	int x = s->col;
	n = clamp(n, 0, SCREEN_COLS - x);
	if (insert)
		memmove(r + x + n, r + x, (size_t)(SCREEN_COLS - x - n) * sizeof *r);
	else
		memmove(r + x, r + x + n, (size_t)(SCREEN_COLS - x - n) * sizeof *r);
	if (insert)
		blank(s, s->row, x, x + n, now);
	else
		blank(s, s->row, SCREEN_COLS - n, SCREEN_COLS, now);
}

static void csi(screen *s, char final, int64_t now)
{
	int n = param(s, 0, 1);
	switch (final) {
	case 'H': case 'f':
		s->row = clamp(param(s, 0, 1) - 1, 0, SCREEN_ROWS - 1);
		s->col = clamp(param(s, 1, 1) - 1, 0, SCREEN_COLS - 1);
		break;
	case 'A': s->row = clamp(s->row - n, 0, SCREEN_ROWS - 1); break;
	case 'B': s->row = clamp(s->row + n, 0, SCREEN_ROWS - 1); break;
	case 'C': s->col = clamp(s->col + n, 0, SCREEN_COLS - 1); break;
	case 'D': s->col = clamp(s->col - n, 0, SCREEN_COLS - 1); break;
	case 'G': case '`': s->col = clamp(n - 1, 0, SCREEN_COLS - 1); break;
	case 'd': s->row = clamp(n - 1, 0, SCREEN_ROWS - 1); break;
	case 'K': erase_line(s, s->nparams ? s->params[0] : 0, now); break;
	case 'J': erase_display(s, s->nparams ? s->params[0] : 0, now); break;
	case 'X': blank(s, s->row, s->col, s->col + n, now); break;
	case '@': shift_chars(s, n, true, now); break;
	case 'P': shift_chars(s, n, false, now); break;
	case 'L': scroll_down(s, s->row, n, now); break;
	case 'M': scroll_up(s, s->row, n, now); break;
	case 'S': scroll_up(s, s->top, n, now); break;
	case 'T': scroll_down(s, s->top, n, now); break;
	case 'b':
		for (int i = 0; i < n && i < SCREEN_COLS; i++)
			put(s, s->last, now);
		return;
	case 'r':
		s->top = clamp(param(s, 0, 1) - 1, 0, SCREEN_ROWS - 1);
		s->bottom = clamp(param(s, 1, SCREEN_ROWS) - 1, s->top, SCREEN_ROWS - 1);
		s->row = s->col = 0;
		break;
	default: return; /* attributes and modes */
	}
	s->wrap_next = false;
}

static void escape(screen *s, unsigned char c, int64_t now)
{
	s->state = S_TEXT;
	switch (c) {
	case '[': s->state = S_CSI; s->nparams = 0; memset(s->params, 0, sizeof s->params); break;
	case ']': s->state = S_OSC; break;
	case '7': s->saved_row = s->row; s->saved_col = s->col; break;
	case '8': s->row = s->saved_row; s->col = s->saved_col; s->wrap_next = false; break;
	case 'D': line_feed(s, now); break;
	case 'E': s->col = 0; line_feed(s, now); break;
	case 'M':
		if (s->row == s->top)
			scroll_down(s, s->top, 1, now);
		else if (s->row > 0)
			s->row--;
		break;
	default:
		if (c >= 0x20 && c <= 0x2f)
			s->state = S_INTER; /* ESC ( B and the like: one more byte */
		break;
	}
}

static void csi_byte(screen *s, unsigned char c, int64_t now)
{
	if (c >= '0' && c <= '9') {
		if (s->nparams == 0)
			s->nparams = 1;
		int *p = &s->params[s->nparams - 1];
		*p = *p * 10 + (c - '0');
	} else if (c == ';') {
		if (s->nparams == 0)
			s->nparams = 1;
		if (s->nparams < SCREEN_PARAMS)
			s->nparams++;
	} else if (c >= 0x40 && c <= 0x7e) {
		s->state = S_TEXT;
		csi(s, (char)c, now);
	} /* '?', '>', and intermediates: ignored */
}

static void control(screen *s, unsigned char c, int64_t now)
{
	switch (c) {
	case '\r': s->col = 0; s->wrap_next = false; break;
	case '\n': case '\v': case '\f': line_feed(s, now); s->wrap_next = false; break;
	case '\b': s->col = s->col > 0 ? s->col - 1 : 0; s->wrap_next = false; break;
	case '\t': s->col = clamp((s->col / 8 + 1) * 8, 0, SCREEN_COLS - 1); break;
	case 0x1b: s->state = S_ESC; break;
	default: break;
	}
}

static void text_byte(screen *s, unsigned char c, int64_t now)
{
	if (s->utf8_left && (c & 0xc0) == 0x80) {
		s->cp = (s->cp << 6) | (c & 0x3f);
		if (--s->utf8_left == 0)
			put(s, s->cp, now);
		return;
	}
	s->utf8_left = 0;
	if (c < 0x20 || c == 0x7f)
		control(s, c, now);
	else if (c < 0x80)
		put(s, c, now);
	else if ((c & 0xe0) == 0xc0)
		s->cp = c & 0x1f, s->utf8_left = 1;
	else if ((c & 0xf0) == 0xe0)
		s->cp = c & 0x0f, s->utf8_left = 2;
	else if ((c & 0xf8) == 0xf0)
		s->cp = c & 0x07, s->utf8_left = 3;
}

void screen_feed(screen *s, const char *data, size_t n, int64_t now_us)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)data[i];
		switch (s->state) {
		case S_ESC: escape(s, c, now_us); break;
		case S_CSI: csi_byte(s, c, now_us); break;
		case S_INTER: s->state = S_TEXT; break;
		case S_OSC: s->state = c == 0x07 ? S_TEXT : c == 0x1b ? S_OSC_ESC : S_OSC; break;
		case S_OSC_ESC: s->state = S_TEXT; break;
		default: text_byte(s, c, now_us); break;
		}
	}
}

static size_t put_utf8(uint32_t c, char *out)
{
	if (c < 0x80)
		return out[0] = (char)c, 1;
	if (c < 0x800)
		return out[0] = (char)(0xc0 | c >> 6), out[1] = (char)(0x80 | (c & 0x3f)), 2;
	if (c < 0x10000) {
		out[0] = (char)(0xe0 | c >> 12);
		out[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		out[2] = (char)(0x80 | (c & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | c >> 18);
	out[1] = (char)(0x80 | ((c >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((c >> 6) & 0x3f));
	out[3] = (char)(0x80 | (c & 0x3f));
	return 4;
}

void screen_row_text(const screen *s, int y, char *out, size_t size)
{
	size_t len = 0;
	for (int x = 0; x < SCREEN_COLS && len + 5 < size; x++)
		if (s->cell[y][x])
			len += put_utf8(s->cell[y][x], out + len);
	out[size ? len : 0] = '\0';
}

bool screen_has(const screen *s, const char *const texts[], int64_t since_us)
{
	char line[SCREEN_COLS * 4 + 1];
	for (int y = 0; y < SCREEN_ROWS; y++) {
		if (s->changed_us[y] < since_us)
			continue;
		screen_row_text(s, y, line, sizeof line);
		bool all = true;
		for (int i = 0; all && texts[i]; i++)
			all = strstr(line, texts[i]) != NULL;
		if (all)
			return true;
	}
	return false;
}

bool screen_shows(const screen *s, const char *text, int64_t since_us)
{
	const char *texts[] = { text, NULL };
	return screen_has(s, texts, since_us);
}
