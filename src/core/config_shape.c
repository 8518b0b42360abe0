/* SPDX-License-Identifier: MIT */
/* The shape of csrdesk.conf: options given twice and braces never closed.
 *
 * libconfuse 3.3 lets both pass: a second "max_pin_attempts = 20" in a
 * section silently replaces the first, and a file that ends inside a
 * section is accepted as if it were closed. This small tokenizer follows
 * libconfuse's grammar (name = value, name = {list}, name += {list},
 * name [title] { ... }) just far enough to see them, with line numbers. */
#include "config_shape.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "csrdesk/i18n.h"

enum {
	DEPTH_MAX = 8,    /* csrdesk's sections nest two deep */
	NAMES_MAX = 64,   /* names remembered per section; beyond that, no more checks */
};

typedef enum tok_kind {
	T_END, T_WORD, T_STRING, T_OPEN, T_CLOSE, T_SET, T_APPEND, T_OTHER
} tok_kind;

typedef struct token {
	tok_kind kind;
	const char *text; /* a word: its first byte */
	size_t len;
	int line;
} token;

typedef struct seen {
	const char *name;
	size_t len;
	int line;
} seen;

typedef struct frame {
	token name;      /* the section's name (unused for the file itself) */
	token title;     /* its title, quotes and all; len 0 when it has none */
	int open_line;   /* the line of its { */
	seen names[NAMES_MAX];
	int nnames;
} frame;

typedef struct scanner {
	const char *p;
	int line;
	frame stack[DEPTH_MAX + 1];
	int depth;       /* stack[0] is the top level */
	int open_quote;  /* the line of a quote never closed; 0 none */
	char *msg;
	size_t size;
} scanner;

static void skip_space(scanner *sc)
{
	for (; *sc->p && strchr(" \t\r\n\f\v", *sc->p); sc->p++)
		sc->line += *sc->p == '\n';
}

/* A quoted string ("..." with \ escapes, '...'); false when never closed. */
static bool skip_string(scanner *sc)
{
	char quote = *sc->p++;
	for (; *sc->p && *sc->p != quote; sc->p++) {
		if (*sc->p == '\\' && sc->p[1])
			sc->p++;
		sc->line += *sc->p == '\n';
	}
	if (!*sc->p)
		return false;
	sc->p++;
	return true;
}

static bool word_byte(const char *p)
{
	return *p && !strchr(" \t\r\n\f\v{}=,()\"'", *p) && !(p[0] == '+' && p[1] == '=');
}

static token next(scanner *sc)
{
	skip_space(sc);
	token t = { .kind = T_OTHER, .text = sc->p, .line = sc->line };
	const char *p = sc->p;
	if (!*p)
		t.kind = T_END;
	else if (*p == '{' || *p == '}' || *p == '=') {
		t.kind = *p == '{' ? T_OPEN : *p == '}' ? T_CLOSE : T_SET;
		sc->p++;
	} else if (p[0] == '+' && p[1] == '=') {
		t.kind = T_APPEND;
		sc->p += 2;
	} else if (*p == '"' || *p == '\'') {
		t.kind = skip_string(sc) ? T_STRING : T_OTHER;
		if (t.kind == T_OTHER) /* libconfuse takes the rest of the file as it */
			sc->open_quote = t.line;
		t.len = (size_t)(sc->p - p);
	} else if (word_byte(p)) {
		t.kind = T_WORD;
		while (word_byte(sc->p))
			sc->p++;
		t.len = (size_t)(sc->p - p);
	} else {
		sc->p++; /* , ( ) and the like: csrdesk's options use none at this level */
	}
	return t;
}

/* "kiosk" or "metric \"trees\"" into out; returns snprintf's count. */
static int section_name(const frame *f, char *out, size_t size)
{
	if (f->title.len == 0)
		return snprintf(out, size, "%.*s", (int)f->name.len, f->name.text);
	return snprintf(out, size, "%.*s %.*s", (int)f->name.len, f->name.text, (int)f->title.len,
			f->title.text);
}

/* Writes the message of a flaw on line: fmt (marked with N_, translated
 * here) takes a name (%.*s) and a line number, and comes after the section
 * it is in ("kiosk: ..."). */
static int flaw(scanner *sc, int line, const char *fmt, const token *name, int b)
{
	int o = 0;
	if (sc->depth > 0)
		o = section_name(&sc->stack[sc->depth], sc->msg, sc->size);
	if (o > 0 && (size_t)o < sc->size)
		o += snprintf(sc->msg + o, sc->size - (size_t)o, ": ");
	if (o >= 0 && (size_t)o < sc->size)
		snprintf(sc->msg + o, sc->size - (size_t)o, _(fmt), (int)name->len, name->text, b);
	return line;
}

/* Remembers name in the current section; the line of a flaw when it was
 * given there before, else 0. */
static int remember(scanner *sc, const token *name, bool section)
{
	frame *f = &sc->stack[sc->depth];
	for (int i = 0; i < f->nnames; i++) {
		const seen *s = &f->names[i];
		if (s->len != name->len || memcmp(s->name, name->text, name->len) != 0)
			continue;
		return flaw(sc, name->line,
			    /* TRANSLATORS: %.*s is a config section's or option's name
			     * (not translated). */
			    section ? N_("section %.*s appears twice (first on line %d);"
					 " merge the two")
				    : N_("%.*s is given twice (first on line %d); keep one"),
			    name, s->line);
	}
	if (f->nnames < NAMES_MAX)
		f->names[f->nnames++] = (seen){ name->text, name->len, name->line };
	return 0;
}

/* A value after = or +=: one word or string, or a {list}. Returns -1 when
 * the text cannot be followed, else the line of a flaw or 0. */
static int skip_value(scanner *sc, const token *name)
{
	token v = next(sc);
	if (v.kind == T_WORD || v.kind == T_STRING)
		return 0;
	if (v.kind != T_OPEN)
		return -1;
	for (token t = next(sc); t.kind != T_CLOSE; t = next(sc)) {
		if (sc->open_quote) /* the quote, not the list, is what to fix */
			return -1;
		if (t.kind == T_END)
			/* TRANSLATORS: %.*s is a config option's name (not translated). */
			return flaw(sc, v.line, N_("the { of the list %.*s is never closed"), name,
				    0);
		if (t.kind == T_OPEN || t.kind == T_SET || t.kind == T_APPEND)
			return -1;
	}
	return 0;
}

static int open_section(scanner *sc, const token *name, const token *title, int line)
{
	if (sc->depth == DEPTH_MAX)
		return -1;
	frame *f = &sc->stack[++sc->depth];
	f->name = *name;
	f->title = title ? *title : (token){ .kind = T_END };
	f->open_line = line;
	f->nnames = 0;
	return 0;
}

/* One statement that starts with the word name; -1, a flaw's line or 0. */
static int statement(scanner *sc, const token *name)
{
	token t = next(sc);
	int found;
	switch (t.kind) {
	case T_SET:
		found = remember(sc, name, false);
		return found ? found : skip_value(sc, name);
	case T_APPEND: /* adds to a list: may come any number of times */
		return skip_value(sc, name);
	case T_OPEN:
		/* rate { } is the one untitled section given many times */
		found = name->len == 4 && memcmp(name->text, "rate", 4) == 0
				? 0 : remember(sc, name, true);
		return found ? found : open_section(sc, name, NULL, t.line);
	case T_WORD:
	case T_STRING: { /* a titled section: libconfuse checks its titles */
		token title = t;
		t = next(sc);
		return t.kind == T_OPEN ? open_section(sc, name, &title, t.line) : -1;
	}
	default:
		return -1;
	}
}

/* At the end of the text inside a section: the innermost one is open. */
static int unclosed(scanner *sc)
{
	char name[128];
	const frame *f = &sc->stack[sc->depth--];
	int n = section_name(f, name, sizeof name);
	token whole = { .text = name, .len = n > 0 && (size_t)n < sizeof name ? (size_t)n : 0 };
	/* TRANSLATORS: %.*s is a config section's name, perhaps with its title in
	 * quotes (not translated). */
	return flaw(sc, f->open_line, N_("the { of section %.*s is never closed"), &whole, 0);
}

/* libconfuse replaces ${NAME} (and ${NAME:-default}) anywhere in a value
 * with the environment variable: a config would then mean one thing for
 * one user and another for the next, and a user could steer a setgid
 * csrdesk's database path. csrdesk takes values as written, so ${ is
 * refused wherever it stands (comments are blanked out by now). */
static int env_reference(scanner *sc, const char *text)
{
	const char *at = strstr(text, "${");
	if (!at)
		return 0;
	int line = 1;
	for (const char *p = text; p < at; p++)
		line += *p == '\n';
	token none = { .text = "", .len = 0 };
	/* TRANSLATORS: %.*s stands for nothing: keep it at the end. */
	return flaw(sc, line, N_("${...} would take a value from the environment of whoever runs"
				 " csrdesk; write the value itself%.*s"), &none, 0);
}

/* Follows the text statement by statement: the line of the first flaw, or
 * 0 at the end or where it cannot follow. */
static int follow(scanner *sc)
{
	for (;;) {
		token t = next(sc);
		int found = 0;
		token none = { .text = "", .len = 0 };
		if (sc->open_quote)
			/* TRANSLATORS: %.*s stands for nothing: keep it at the end. */
			return flaw(sc, sc->open_quote, N_("a quoted string is never closed%.*s"),
				    &none, 0);
		if (t.kind == T_END && sc->depth > 0)
			return unclosed(sc);
		if (t.kind == T_END)
			return 0;
		if (t.kind == T_CLOSE && sc->depth > 0)
			sc->depth--;
		else if (t.kind == T_WORD)
			found = statement(sc, &t);
		else
			return 0;
		if (found > 0)
			return found;
		if (found < 0 && !sc->open_quote)
			return 0;
	}
}

/* Braces and quotes counted, whatever the grammar around them: follow
 * gives the better message where it can follow the text, this catches a {
 * or a quote never closed where it cannot (libconfuse accepts odd
 * spellings such as `category "x"+{`). Returns the line of a quote never
 * closed, else of the innermost { still open at the end, else 0; *what
 * says which. */
static int unclosed_anywhere(const char *text, const char **what)
{
	scanner sc = { .p = text, .line = 1 };
	int open_lines[64], depth = 0, deeper = 0;
	while (*sc.p) {
		char c = *sc.p;
		int line = sc.line;
		if ((c == '"' || c == '\'') && !skip_string(&sc)) {
			*what = N_("a quoted string is never closed%.*s");
			return line;
		}
		if (c == '"' || c == '\'')
			continue;
		if (c == '{' && depth < 64)
			open_lines[depth++] = sc.line;
		else if (c == '{')
			deeper++;
		else if (c == '}' && deeper)
			deeper--;
		else if (c == '}' && depth)
			depth--;
		sc.line += c == '\n';
		sc.p++;
	}
	/* TRANSLATORS: %.*s stands for nothing: keep it at the end. */
	*what = N_("the { on this line is never closed%.*s");
	return depth ? open_lines[depth - 1] : 0;
}

int csr_config_shape_flaw(const char *text, char *msg, size_t size)
{
	scanner sc = { .p = text, .line = 1, .msg = msg, .size = size };
	int env = env_reference(&sc, text);
	if (env)
		return env;
	int found = follow(&sc);
	if (found)
		return found;
	const char *what;
	int line = unclosed_anywhere(text, &what);
	if (line) {
		token none = { .text = "", .len = 0 };
		sc.depth = 0;
		return flaw(&sc, line, what, &none, 0);
	}
	return 0;
}
