/* SPDX-License-Identifier: MIT */
/* libFuzzer target: csr_mail_encode_header, the Subject of every mail
 * csrdesk notify sends, from an initiative's title and a reason a lead
 * typed.
 *
 * The input, cut at its first NUL, is the text. Whatever it holds, the
 * header must stay one header: no CR, no LF but the "\n " of a fold, no
 * line wider than 76 columns, every word an RFC 2047 encoded-word whose
 * base64 (decoded here by code of our own) holds whole UTF-8 characters,
 * and the words together the sanitized text (all of it when the buffer is
 * large enough, else a prefix). A broken promise aborts, so libFuzzer
 * reports the input. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csrdesk/mail.h"
#include "csrdesk/text.h"

#define CHECK(cond)                                                                    \
	do {                                                                           \
		if (!(cond)) {                                                         \
			fprintf(stderr, "fuzz_mail: %s:%d: broken: %s\n", __FILE__, __LINE__, \
				#cond);                                                \
			abort();                                                       \
		}                                                                      \
	} while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Buffer sizes: too small for a word, about one line, several lines. */
static const size_t sizes[] = { 1, 9, 12, 40, 90, 200, 4096 };

static int b64_value(char c)
{
	const char *digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const char *p = c ? strchr(digits, c) : NULL;
	return p ? (int)(p - digits) : -1;
}

/* Decodes n base64 characters (n a multiple of 4, '=' only at the end)
 * into out; returns the bytes written. */
static size_t b64_decode(const char *in, size_t n, unsigned char *out)
{
	CHECK(n % 4 == 0);
	size_t o = 0;
	for (size_t i = 0; i < n; i += 4) {
		int pad = (in[i + 3] == '=') + (in[i + 2] == '=');
		CHECK(pad == 0 || i + 4 == n);
		unsigned v = 0;
		for (int k = 0; k < 4; k++) {
			int d = k >= 4 - pad ? 0 : b64_value(in[i + k]);
			CHECK(d >= 0);
			v = v << 6 | (unsigned)d;
		}
		for (int k = 0; k < 3 - pad; k++)
			out[o++] = (unsigned char)(v >> (16 - 8 * k));
	}
	return o;
}

/* Whether the n bytes at s are whole UTF-8 characters. */
static bool whole_utf8(const unsigned char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		size_t len = s[i] < 0x80 ? 1 : (s[i] & 0xE0) == 0xC0 ? 2 : (s[i] & 0xF0) == 0xE0 ? 3
			   : (s[i] & 0xF8) == 0xF0 ? 4 : 0;
		if (len == 0 || i + len > n)
			return false;
		for (size_t k = 1; k < len; k++)
			if ((s[i + k] & 0xC0) != 0x80)
				return false;
		i += len;
	}
	return true;
}

/* Checks one encoded header and returns the text its words carry. */
static size_t check_header(const char *h, unsigned char *text)
{
	static const char open[] = "=?UTF-8?B?";
	CHECK(strncmp(h, "Subject:", 8) == 0);
	CHECK(!strchr(h, '\r'));
	size_t got = 0;
	const char *line = h;
	for (bool first = true; *line; first = false) {
		size_t n = strcspn(line, "\n");
		CHECK(n <= CSR_MAIL_HEADER_COLUMNS);
		const char *word = line + (first ? 8 : 0);
		if (word < line + n) {
			CHECK(word[0] == ' ' && strncmp(word + 1, open, sizeof open - 1) == 0);
			const char *b64 = word + sizeof open;
			const char *end = strstr(b64, "?=");
			CHECK(end && end + 2 == line + n); /* one word a line, ended */
			size_t m = b64_decode(b64, (size_t)(end - b64), text + got);
			CHECK(m > 0 && whole_utf8(text + got, m));
			got += m;
		}
		if (!line[n])
			break;
		CHECK(line[n + 1] == ' '); /* a fold: the next line goes on */
		line += n + 1;
	}
	return got;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *in = malloc(size + 1);
	CHECK(in);
	memcpy(in, data, size);
	in[size] = '\0';
	/* What the header must carry: the text as csrdesk draws it, within the
	 * encoder's limit. */
	char clean[1024];
	size_t len = csr_text_sanitize(in, clean, sizeof clean);
	unsigned char *text = malloc(4096);
	CHECK(text);
	for (size_t z = 0; z < sizeof sizes / sizeof sizes[0]; z++) {
		char *out = malloc(sizes[z]);
		CHECK(out);
		csr_mail_encode_header("Subject", in, out, sizes[z]);
		CHECK(memchr(out, '\0', sizes[z]));
		if (strlen(out) >= 8) {
			size_t got = check_header(out, text);
			CHECK(got <= len && memcmp(text, clean, got) == 0); /* a prefix */
			if (sizes[z] == 4096)
				CHECK(got == len); /* room enough: all of it */
		}
		free(out);
	}
	free(text);
	free(in);
	return 0;
}
