/* SPDX-License-Identifier: MIT */
/* Sanitizing and measuring text for display. */
#include "csrdesk/text.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>

#include "csrdesk/i18n.h"
#include "db_private.h"

/* Decodes one UTF-8 character at s (n bytes left). Returns its length, or 0
 * when the bytes are not valid UTF-8 (overlong, surrogate, out of range). */
static int utf8_decode(const unsigned char *s, size_t n, unsigned *cp)
{
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	int len = s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC2 ? 2 : 0;
	if (len == 0 || s[0] > 0xF4 || (size_t)len > n)
		return 0;
	unsigned c = s[0] & (0x7F >> len);
	for (int i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	static const unsigned min[] = { 0, 0, 0x80, 0x800, 0x10000 };
	if (c < min[len] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return len;
}

/* Characters that could change how a terminal draws what follows. */
static bool unsafe(unsigned cp)
{
	return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || /* C0, DEL, C1 */
	       (cp >= 0x202A && cp <= 0x202E) ||                       /* bidi embeddings, overrides */
	       (cp >= 0x2066 && cp <= 0x2069) ||                       /* bidi isolates */
	       cp == 0x200E || cp == 0x200F || cp == 0x061C ||         /* bidi marks */
	       cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF;           /* separators, BOM */
}

size_t csr_text_char(const char *in, size_t left, bool *safe)
{
	unsigned cp;
	int len = utf8_decode((const unsigned char *)in, left, &cp);
	*safe = len > 0 && !unsafe(cp);
	return len > 0 ? (size_t)len : 1;
}

size_t csr_text_sanitize(const char *in, char *out, size_t size)
{
	if (size == 0)
		return 0;
	const char *s = in ? in : "";
	size_t left = strlen(s), o = 0;
	while (left > 0) {
		bool safe;
		size_t len = csr_text_char(s, left, &safe);
		size_t put = safe ? len : 1;
		if (o + put >= size)
			break;
		if (safe)
			memcpy(out + o, s, put);
		else
			out[o] = '?';
		o += put;
		s += len;
		left -= len;
	}
	out[o] = '\0';
	return o;
}

/* The first character of s that a field of this kind may not hold, or NULL;
 * *len gets its length in bytes. */
static const char *first_unsafe(const char *s, csr_text_kind kind, size_t *len)
{
	size_t left = strlen(s);
	while (left > 0) {
		bool safe;
		*len = csr_text_char(s, left, &safe);
		if (!safe && !(kind == CSR_TEXT_LINES && (*s == '\n' || *s == '\t')))
			return s;
		s += *len;
		left -= *len;
	}
	return NULL;
}

bool csr_text_is_safe(const char *in)
{
	size_t len;
	return first_unsafe(in, CSR_TEXT_LINE, &len) == NULL;
}

csr_code csr_text_check(const char *s, csr_text_kind kind, const char *label, csr_err *err)
{
	size_t len;
	const char *bad = first_unsafe(s, kind, &len);
	unsigned cp;
	if (!bad)
		return CSR_OK;
	label = _(label); /* marked with N_ or translated already */
	if (utf8_decode((const unsigned char *)bad, len, &cp) == 0)
		/* TRANSLATORS: %s names the field or option checked ("Title",
		 * "--title"), then the byte's value in hexadecimal. */
		return csr_fail(err, CSR_EINVAL, _("%s is not valid UTF-8 (byte 0x%02X)"), label,
				(unsigned char)*bad);
	if (kind == CSR_TEXT_LINES)
		/* TRANSLATORS: %s names the field or option checked ("Title",
		 * "--title"), then the character's code. */
		return csr_fail(err, CSR_EINVAL, _("%s holds a control character (U+%04X); only"
						   " printable text, line breaks and tabs are"
						   " allowed"), label, cp);
	/* TRANSLATORS: %s names the field or option checked ("Title",
	 * "--title"), then the character's code. */
	return csr_fail(err, CSR_EINVAL, _("%s holds a control character (U+%04X); only printable"
					   " text on one line is allowed"), label, cp);
}

/* Width of one character; bytes that do not decode count 1. */
static int char_width(const unsigned char *s, size_t left, int *len)
{
	unsigned cp;
	*len = utf8_decode(s, left, &cp);
	if (*len == 0) {
		*len = 1;
		return 1;
	}
	int w = wcwidth((wchar_t)cp);
	return w < 0 ? 1 : w;
}

int csr_text_width(const char *in)
{
	const unsigned char *s = (const unsigned char *)in;
	size_t left = strlen(in);
	int width = 0;
	while (left > 0) {
		int len;
		width += char_width(s, left, &len);
		s += len;
		left -= (size_t)len;
	}
	return width;
}

/* Bytes of the longest prefix of s within room columns and limit bytes;
 * *width gets its width. */
static size_t prefix_within(const char *in, int room, size_t limit, int *width)
{
	const unsigned char *s = (const unsigned char *)in;
	size_t left = strlen(in), o = 0;
	*width = 0;
	while (left > 0) {
		int len, w = char_width(s + o, left, &len);
		if (*width + w > room || o + (size_t)len > limit)
			break;
		o += (size_t)len;
		*width += w;
		left -= (size_t)len;
	}
	return o;
}

int csr_text_fit(const char *in, int cols, bool ascii, char *out, size_t size)
{
	const char *mark = ascii ? "~" : "\xE2\x80\xA6"; /* … */
	size_t marklen = strlen(mark);
	int width;
	if (size == 0)
		return 0;
	size_t n = prefix_within(in, cols, size - 1, &width);
	if (in[n] != '\0' && cols > 0) {
		/* Cut: make room for the mark (one column). */
		n = prefix_within(in, cols - 1, size - 1 >= marklen ? size - 1 - marklen : 0, &width);
		if (n + marklen < size) {
			memcpy(out, in, n);
			memcpy(out + n, mark, marklen);
			out[n + marklen] = '\0';
			return width + 1;
		}
	}
	memcpy(out, in, n);
	out[n] = '\0';
	return width;
}

void csr_text_trim(const char *in, char *out, size_t size)
{
	while (*in && isspace((unsigned char)*in))
		in++;
	size_t n = strlen(in);
	while (n > 0 && isspace((unsigned char)in[n - 1]))
		n--;
	if (size == 0)
		return;
	if (n >= size) {
		n = size - 1;
		while (n > 0 && ((unsigned char)in[n] & 0xC0) == 0x80)
			n--; /* do not cut a UTF-8 sequence */
	}
	memcpy(out, in, n);
	out[n] = '\0';
}

bool csr_text_starts_word(const char *text, const char *word)
{
	size_t n = strlen(word);
	return strncasecmp(text, word, n) == 0 && text[n] == ' ';
}
