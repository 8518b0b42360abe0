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

/* Copies in to out (always NUL-terminated, cut at a character boundary),
 * replacing every unsafe character with '?' (ASCII only, so the result is
 * safe in any locale). Returns the length written. */
size_t csr_text_sanitize(const char *in, char *out, size_t size);

/* True when s is valid UTF-8 with no unsafe characters. */
bool csr_text_is_safe(const char *s);

/* Display columns of valid UTF-8 text (wcwidth; needs a UTF-8 locale, else
 * counts bytes). Unprintable characters count 1. */
int csr_text_width(const char *s);

/* Copies the longest prefix of s that fits in cols display columns into out,
 * ending it with "…" (or "~" when ascii) when cut. Returns its width. */
int csr_text_fit(const char *s, int cols, bool ascii, char *out, size_t size);

/* Copies and trims leading and trailing white space. */
void csr_text_trim(const char *in, char *out, size_t size);

#endif
