/* SPDX-License-Identifier: MIT */
/* csrdesk — text that people typed, made safe and measured for display.
 *
 * Anything a person typed (names, titles, comments, config strings) goes
 * through csr_text_sanitize before it is drawn: C0 and C1 control
 * characters, ESC (and so every escape sequence), DEL, CR, backspace, bidi
 * overrides and isolates, and invalid UTF-8 are replaced, so nobody can write
 * into or disguise text on another person's terminal. */
#ifndef CSRDESK_TEXT_H
#define CSRDESK_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "csrdesk/status.h"

/* Copies in to out (always NUL-terminated, cut at a character boundary),
 * replacing every unsafe character with '?' (ASCII only, so the result is
 * safe in any locale). Returns the length written. */
size_t csr_text_sanitize(const char *in, char *out, size_t size);

/* True when s is valid UTF-8 with no unsafe characters. */
bool csr_text_is_safe(const char *s);

/* The character at s (left bytes, left > 0): returns how many bytes it
 * takes (at least 1; an invalid byte is one character of its own) and sets
 * *safe to whether it is valid UTF-8 and not unsafe as above. The one rule
 * every sanitizer and check in csrdesk goes by. */
size_t csr_text_char(const char *s, size_t left, bool *safe);

/* Which white space a field may hold besides the space. */
typedef enum csr_text_kind {
	CSR_TEXT_LINE,  /* one line: names, titles, places, ids */
	CSR_TEXT_LINES, /* free text (descriptions, notes): line feeds and tabs too */
} csr_text_kind;

/* Checks text a person gave for the field label: CSR_EINVAL, with a message
 * naming the field and the first offending character ("Title holds a
 * control character (U+001B) ...", "Name is not valid UTF-8"), when it is
 * not valid UTF-8 or holds an unsafe character (see above; a carriage
 * return is unsafe in every field). label is translated here: mark it
 * N_("Title") (a text translated already passes unchanged). */
csr_code csr_text_check(const char *s, csr_text_kind kind, const char *label, csr_err *err);

/* Display columns of valid UTF-8 text (wcwidth; needs a UTF-8 locale, else
 * counts bytes). Unprintable characters count 1. */
int csr_text_width(const char *s);

/* Copies the longest prefix of s that fits in cols display columns into out,
 * ending it with "…" (or "~" when ascii) when cut. Returns its width. */
int csr_text_fit(const char *s, int cols, bool ascii, char *out, size_t size);

/* Copies and trims leading and trailing white space. */
void csr_text_trim(const char *in, char *out, size_t size);

/* Whether text begins with word (in any case) and a blank: a team named
 * "Team Ost" is shown as it is, not as "Team Team Ost". */
bool csr_text_starts_word(const char *text, const char *word);

#endif
