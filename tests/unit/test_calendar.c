/* SPDX-License-Identifier: MIT */
/* iCalendar exports: TEXT escaping, folding at 75 octets never inside a
 * UTF-8 character, CRLF, UTC times, which initiatives and places are
 * exported with which STATUS, UIDs that stay the same, SEQUENCE and
 * DTSTAMP that follow changes made through the data layer, reminders
 * (VALARM) on confirmed places only, and who may export whose
 * commitments. Runs in Central European time, so UTC is not local. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "csrdesk/calendar.h"
#include "csrdesk/clock.h"
#include "csrdesk/initiative.h"
#include "csrdesk/signup.h"
#include "db_private.h"
#include "testutil.h"

/* An open_memstream kept on the heap: GCC's -Wdangling-pointer takes text
 * written through the address of a local variable for a pointer to it. */
typedef struct membuf {
	char *text;
	size_t size;
	FILE *out;
} membuf;

static membuf *mem_open(void)
{
	membuf *m = calloc(1, sizeof *m);
	assert_non_null(m);
	m->out = open_memstream(&m->text, &m->size);
	assert_non_null(m->out);
	return m;
}

/* Closes the stream and returns its text (free it). */
static char *mem_close(membuf *m)
{
	fclose(m->out);
	char *text = m->text;
	free(m);
	return text;
}

typedef csr_code (*export_fn)(csr_db *db, int64_t volunteer_id, FILE *out, csr_err *err);

static csr_code open_export(csr_db *db, int64_t volunteer_id, FILE *out, csr_err *err)
{
	(void)volunteer_id;
	return csr_calendar_open(db, out, err);
}

/* An export as one string (free it); fails the test unless want. */
static char *capture(tu_env *env, export_fn fn, int64_t volunteer_id, csr_code want)
{
	membuf *m = mem_open();
	csr_err err = { 0 };
	csr_code rc = fn(env->db, volunteer_id, m->out, &err);
	char *text = mem_close(m);
	if (rc != want)
		fail_msg("export returned %d, expected %d: %s", rc, want, err.msg);
	return text;
}

static char *line_of(void (*write)(FILE *, const char *, const char *), const char *name,
		     const char *value)
{
	membuf *m = mem_open();
	write(m->out, name, value);
	return mem_close(m);
}

/* Undoes folding: removes every CRLF followed by a space. */
static void unfold(char *s)
{
	char *o = s;
	for (char *p = s; *p;) {
		if (p[0] == '\r' && p[1] == '\n' && p[2] == ' ')
			p += 3;
		else
			*o++ = *p++;
	}
	*o = '\0';
}

/* Every physical line ends with CRLF, holds at most 75 octets and is valid
 * UTF-8 on its own (so no fold cut a character). */
static void assert_lines_ok(const char *text)
{
	const char *p = text;
	while (*p) {
		const char *crlf = strstr(p, "\r\n");
		assert_non_null(crlf);
		size_t n = (size_t)(crlf - p);
		assert_null(memchr(p, '\n', n)); /* no bare LF */
		assert_null(memchr(p, '\r', n));
		if (n > CSR_ICS_LINE_OCTETS)
			fail_msg("a line of %zu octets: %.*s", n, (int)n, p);
		for (size_t i = 0; i < n;) {
			unsigned char c = (unsigned char)p[i];
			size_t len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
			if (len == 0 || i + len > n)
				fail_msg("a fold cut a UTF-8 character: %.*s", (int)n, p);
			for (size_t k = 1; k < len; k++)
				assert_int_equal((unsigned char)p[i + k] & 0xC0, 0x80);
			i += len;
		}
		p = crlf + 2;
	}
}

static int count(const char *text, const char *needle)
{
	int n = 0;
	for (const char *p = strstr(text, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

/* ---- content lines ---- */

static void test_text_escaping(void **state)
{
	(void)state;
	char *line = line_of(csr_ics_text, "SUMMARY", "a\\b;c,d\ne\r\nf\rg\th");
	assert_string_equal(line, "SUMMARY:a\\\\b\\;c\\,d\\ne\\nf\\ng h\r\n");
	free(line);
	/* An escape sequence, a bidi override and broken UTF-8 become '?'. */
	line = line_of(csr_ics_text, "LOCATION", "x\x1b[2Jy\xE2\x80\xAEz\xC3(w");
	assert_string_equal(line, "LOCATION:x?[2Jy?z?(w\r\n");
	free(line);
	line = line_of(csr_ics_text, "DESCRIPTION", "");
	assert_string_equal(line, "DESCRIPTION:\r\n");
	free(line);
}

static void test_folding(void **state)
{
	(void)state;
	/* Two-, three- and four-octet characters at every offset from the fold. */
	for (int lead = 0; lead < 8; lead++) {
		char value[1024];
		int n = snprintf(value, sizeof value, "%.*s", lead, "xxxxxxxx");
		for (int i = 0; i < 30; i++)
			n += snprintf(value + n, sizeof value - (size_t)n,
				      "\xC3\xA9\xE6\x97\xA5\xF0\x9F\x8C\xB3,");
		char *line = line_of(csr_ics_text, "SUMMARY", value);
		assert_lines_ok(line);
		assert_true(count(line, "\r\n ") >= 4); /* it was folded */
		unfold(line);
		/* Unfolded, it is the escaped value again, not one octet lost. */
		char want[1200];
		int w = snprintf(want, sizeof want, "SUMMARY:%.*s", lead, "xxxxxxxx");
		for (int i = 0; i < 30; i++)
			w += snprintf(want + w, sizeof want - (size_t)w,
				      "\xC3\xA9\xE6\x97\xA5\xF0\x9F\x8C\xB3\\,");
		snprintf(want + w, sizeof want - (size_t)w, "\r\n");
		assert_string_equal(line, want);
		free(line);
	}
	/* Exactly 75 octets stays one line; 76 folds. */
	char value[80];
	memset(value, 'a', sizeof value);
	value[75 - 8] = '\0';
	char *line = line_of(csr_ics_text, "SUMMARY", value);
	assert_int_equal(strlen(line), 77);
	free(line);
	value[75 - 8] = 'a';
	value[76 - 8] = '\0';
	line = line_of(csr_ics_text, "SUMMARY", value);
	assert_int_equal(count(line, "\r\n "), 1);
	free(line);
}

static void test_utc_times(void **state)
{
	(void)state;
	membuf *m = mem_open();
	FILE *out = m->out;
	csr_ics_time(out, "DTSTAMP", 0);
	int64_t t;
	/* 09:00 summer time in Central Europe is 07:00 UTC; 09:00 in winter 08:00. */
	assert_int_equal(csr_time_parse("2025-07-05 09:00", &t, NULL), CSR_OK);
	csr_ics_time(out, "DTSTART", t);
	assert_int_equal(csr_time_parse("2025-12-31 23:30", &t, NULL), CSR_OK);
	csr_ics_time(out, "DTEND", t);
	char *text = mem_close(m);
	assert_string_equal(text, "DTSTAMP:19700101T000000Z\r\nDTSTART:20250705T070000Z\r\n"
				  "DTEND:20251231T223000Z\r\n");
	free(text);
}

/* ---- exports ---- */

/* Volunteers 1 Ana, 2 Ben; initiatives starting in N days:
 *   1 open, +3, with a long UTF-8 title, a partner, location and description
 *   2 open, +10       3 open, -10 (over)      4 closed, +5
 *   5 cancelled, +6   6 draft, +7             7 open, +20
 * Ana's places: 1 confirmed, 7 waitlisted, 2 cancelled by her, 5 on the
 * cancelled initiative, 3 attended (over). Ben: 2 confirmed. */
static void fixture(tu_env *env)
{
	assert_int_equal(tu_volunteer(env, "E1", "Ana \xC3\x98stergaard"), 1);
	assert_int_equal(tu_volunteer(env, "E2", "Ben"), 2);
	static const double days[] = { 3, 10, -10, 5, 6, 7, 20 };
	for (int i = 0; i < 7; i++)
		assert_int_equal(tu_initiative(env, "Initiative", days[i] * 24, 10), i + 1);
	tu_sql(env,
	    "INSERT INTO partner (id, name) VALUES (1, 'Green; Canopy, e.V.');"
	    "UPDATE initiative SET title = 'Baumpflanzaktion im Stadtwald: Eichen, Buchen & "
	    "Hainbuchen f\xC3\xBCr den Klimaschutz \xE2\x80\x94 \xE6\x97\xA5\xE6\x9C\xAC"
	    "\xE8\xAA\x9E\xE3\x81\xAE\xE8\xAA\xAC\xE6\x98\x8E', category = 'environment',"
	    " partner_id = 1, location = 'North gate; car park, row 3',"
	    " description = 'Bring boots.' || char(10) || 'Tools: provided\\here' WHERE id = 1;"
	    "UPDATE initiative SET status = 'closed' WHERE id = 4;"
	    "UPDATE initiative SET status = 'cancelled' WHERE id = 5;"
	    "UPDATE initiative SET status = 'draft' WHERE id = 6;"
	    "INSERT INTO signup (id, initiative_id, volunteer_id, status, created_at, updated_at)"
	    " VALUES (11, 1, 1, 'confirmed', 100, 100), (12, 7, 1, 'waitlisted', 100, 100),"
	    " (13, 2, 1, 'cancelled', 100, 200), (14, 5, 1, 'cancelled', 100, 300),"
	    " (15, 3, 1, 'attended', 100, 100), (16, 2, 2, 'confirmed', 100, 100);");
}

static int setup_fixture(void **state)
{
	tu_setup(state);
	fixture(*state);
	return 0;
}

/* The value of the first line "NAME:..." after from (unfolded text). */
static void property(const char *from, const char *name, char *out, size_t size)
{
	char key[64];
	snprintf(key, sizeof key, "\r\n%s:", name);
	const char *p = strstr(from, key);
	if (!p)
		fail_msg("no %s in %s", name, from);
	p += strlen(key);
	snprintf(out, size, "%.*s", (int)strcspn(p, "\r"), p);
}

/* The text of the VEVENT with uid (unfolded export). */
static const char *event(const char *ics, const char *uid)
{
	char key[128];
	snprintf(key, sizeof key, "UID:%s\r\n", uid);
	const char *p = strstr(ics, key);
	if (!p)
		fail_msg("no event %s", uid);
	return p - 2;
}

static void test_open_initiatives(void **state)
{
	tu_env *env = *state;
	char *ics = capture(env, open_export, 0, CSR_OK);
	assert_lines_ok(ics);
	assert_int_equal(strncmp(ics, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//csrdesk//", 48), 0);
	assert_non_null(strstr(ics, "END:VCALENDAR\r\n"));
	unfold(ics);
	/* Open and still to come: 1, 2 and 7; cancelled and still to come: 5,
	 * as CANCELLED (a calendar that imported it drops it); not the past,
	 * closed or draft. */
	assert_int_equal(count(ics, "BEGIN:VEVENT"), 4);
	assert_int_equal(count(ics, "END:VEVENT"), 4);
	const char *e = event(ics, "initiative-1@csrdesk");
	event(ics, "initiative-2@csrdesk");
	event(ics, "initiative-7@csrdesk");
	char value[1024];
	property(event(ics, "initiative-5@csrdesk"), "STATUS", value, sizeof value);
	assert_string_equal(value, "CANCELLED");
	property(e, "SUMMARY", value, sizeof value);
	assert_non_null(strstr(value, "Eichen\\, Buchen & Hainbuchen f\xC3\xBCr"));
	property(e, "LOCATION", value, sizeof value);
	assert_string_equal(value, "North gate\\; car park\\, row 3");
	property(e, "DESCRIPTION", value, sizeof value);
	assert_string_equal(value, "Bring boots.\\nTools: provided\\\\here\\n\\n"
				   "Partner: Green\\; Canopy\\, e.V.");
	property(e, "CATEGORIES", value, sizeof value);
	assert_string_equal(value, "Environmental protection");
	property(e, "STATUS", value, sizeof value);
	assert_string_equal(value, "CONFIRMED");
	property(e, "DTSTART", value, sizeof value);
	int64_t start = tu_scalar(env, "SELECT starts_at FROM initiative WHERE id = 1");
	char stamp[32];
	time_t tt = (time_t)start;
	strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", gmtime(&tt));
	assert_string_equal(value, stamp);
	property(e, "DTSTAMP", value, sizeof value);
	assert_int_equal(strlen(value), 16);
	assert_int_equal(value[15], 'Z');
	free(ics);
}

static void test_stable_uids(void **state)
{
	tu_env *env = *state;
	char *first = capture(env, open_export, 0, CSR_OK);
	char *second = capture(env, open_export, 0, CSR_OK);
	/* Unchanged data: the same export, byte for byte. */
	assert_string_equal(first, second);
	free(second);

	/* An edit (in the audit log) updates the event: same UID, later
	 * DTSTAMP, higher SEQUENCE. */
	tu_sql(env, "INSERT INTO audit (at, actor, action, entity, entity_id)"
		 " VALUES (strftime('%s', 'now') + 60, 'test', 'initiative.update', 'initiative', 1)");
	second = capture(env, open_export, 0, CSR_OK);
	unfold(first);
	unfold(second);
	char before[64], after[64];
	property(event(first, "initiative-1@csrdesk"), "SEQUENCE", before, sizeof before);
	property(event(second, "initiative-1@csrdesk"), "SEQUENCE", after, sizeof after);
	assert_string_equal(before, "0");
	assert_string_equal(after, "1");
	property(event(first, "initiative-1@csrdesk"), "DTSTAMP", before, sizeof before);
	property(event(second, "initiative-1@csrdesk"), "DTSTAMP", after, sizeof after);
	assert_true(strcmp(after, before) > 0);
	property(event(second, "initiative-2@csrdesk"), "SEQUENCE", after, sizeof after);
	assert_string_equal(after, "0");
	tu_sql(env, "DELETE FROM audit WHERE action = 'initiative.update'");
	free(first);
	free(second);
}

static void test_volunteer_commitments(void **state)
{
	tu_env *env = *state;
	char *ics = capture(env, csr_calendar_volunteer, 1, CSR_OK);
	assert_lines_ok(ics);
	unfold(ics);
	/* Her places on initiatives not over: 1, 7 waitlisted, 2 and 5 cancelled. */
	assert_int_equal(count(ics, "BEGIN:VEVENT"), 4);
	assert_null(strstr(ics, "initiative-3-"));
	char value[512];
	property(ics, "X-WR-CALNAME", value, sizeof value);
	assert_string_equal(value, "CSR commitments of Ana \xC3\x98stergaard");
	const char *e = event(ics, "initiative-1-signup-11@csrdesk");
	property(e, "STATUS", value, sizeof value);
	assert_string_equal(value, "CONFIRMED");
	property(e, "DESCRIPTION", value, sizeof value);
	assert_non_null(strstr(value, "\\n\\nYour place: confirmed"));
	e = event(ics, "initiative-7-signup-12@csrdesk");
	property(e, "STATUS", value, sizeof value);
	assert_string_equal(value, "TENTATIVE");
	property(e, "SUMMARY", value, sizeof value);
	assert_string_equal(value, "Initiative (waitlist)");
	e = event(ics, "initiative-2-signup-13@csrdesk");
	property(e, "STATUS", value, sizeof value);
	assert_string_equal(value, "CANCELLED");
	e = event(ics, "initiative-5-signup-14@csrdesk");
	property(e, "STATUS", value, sizeof value);
	assert_string_equal(value, "CANCELLED");
	property(e, "DESCRIPTION", value, sizeof value);
	assert_string_equal(value, "Your place: the initiative was cancelled");

	char *again = capture(env, csr_calendar_volunteer, 1, CSR_OK);
	unfold(again);
	assert_string_equal(ics, again);
	free(again);
	free(ics);
}

static void test_who_may_export(void **state)
{
	tu_env *env = *state;
	tu_act(env, CSR_ROLE_AGENT, 2);
	char *ics = capture(env, csr_calendar_volunteer, 2, CSR_OK); /* his own */
	assert_int_equal(count(ics, "BEGIN:VEVENT"), 1);
	free(ics);
	free(capture(env, csr_calendar_volunteer, 1, CSR_EDENIED)); /* someone else's */
	free(capture(env, open_export, 0, CSR_OK));                 /* open ones: anyone */
	tu_act(env, CSR_ROLE_LEAD, 0);
	free(capture(env, csr_calendar_volunteer, 1, CSR_OK));
	free(capture(env, csr_calendar_volunteer, 99, CSR_ENOTFOUND));
	tu_act(env, CSR_ROLE_ADMIN, 0);
}

/* The lines of the VEVENT with uid, from BEGIN:VEVENT to END:VEVENT
 * (unfolded export; free it), or NULL when there is none. */
static char *event_text(const char *ics, const char *uid)
{
	char key[128];
	snprintf(key, sizeof key, "\r\nUID:%s\r\n", uid);
	const char *p = strstr(ics, key);
	if (!p)
		return NULL;
	while (p > ics && strncmp(p, "BEGIN:VEVENT\r\n", 14) != 0)
		p--;
	const char *end = strstr(p, "END:VEVENT\r\n");
	assert_non_null(end);
	return strndup(p, (size_t)(end - p) + 12);
}

static int sequence_of(const char *vevent)
{
	char value[32];
	property(vevent, "SEQUENCE", value, sizeof value);
	return atoi(value);
}

/* "initiative-I-signup-S@csrdesk" for the newest place of volunteer v on
 * initiative i. */
static void place_uid(tu_env *env, int64_t i, int64_t v, char *uid, size_t size)
{
	char sql[160];
	snprintf(sql, sizeof sql,
		 "SELECT MAX(id) FROM signup WHERE initiative_id = %lld AND volunteer_id = %lld",
		 (long long)i, (long long)v);
	snprintf(uid, size, "initiative-%lld-signup-%lld@csrdesk", (long long)i,
		 (long long)tu_scalar(env, sql));
}

/* A volunteer's export (unfolded; free it). */
static char *commitments(tu_env *env, int64_t volunteer_id)
{
	char *ics = capture(env, csr_calendar_volunteer, volunteer_id, CSR_OK);
	assert_lines_ok(ics);
	unfold(ics);
	return ics;
}

/* Every event of before is in after with a SEQUENCE at least as high. */
static void assert_sequences_kept(const char *before, const char *after)
{
	for (const char *p = strstr(before, "\r\nUID:"); p; p = strstr(p + 1, "\r\nUID:")) {
		char uid[128];
		snprintf(uid, sizeof uid, "%.*s", (int)strcspn(p + 6, "\r"), p + 6);
		char *was = event_text(before, uid), *now = event_text(after, uid);
		if (!now)
			fail_msg("%s is gone from the next export", uid);
		if (sequence_of(now) < sequence_of(was))
			fail_msg("the SEQUENCE of %s went down from %d to %d", uid,
				 sequence_of(was), sequence_of(now));
		free(was);
		free(now);
	}
}

static void signup(tu_env *env, int64_t initiative_id, int64_t volunteer_id)
{
	csr_signup_result res;
	csr_err err;
	if (csr_signup_add(env->db, initiative_id, volunteer_id, &res, &err) != CSR_OK)
		fail_msg("signup: %s", err.msg);
}

static void cancel(tu_env *env, int64_t initiative_id, int64_t volunteer_id)
{
	csr_signup_result res;
	csr_err err;
	if (csr_signup_cancel(env->db, initiative_id, volunteer_id, &res, &err) != CSR_OK)
		fail_msg("cancel: %s", err.msg);
}

/* Everything written so far happened 100 seconds ago, so what the test
 * changes now is later by the clock. */
static void age_everything(tu_env *env)
{
	tu_sql(env, "UPDATE audit SET at = at - 100;"
		 "UPDATE signup SET created_at = created_at - 100, updated_at = updated_at - 100;"
		 "UPDATE initiative SET created_at = created_at - 100;");
}

/* Cleo (3) has places on 8 and 9 and has exported them; then she cancels
 * the one on 8 herself and a lead moves 9 by an hour. The next export has
 * the same UIDs, 8 CANCELLED, both with a higher SEQUENCE and a later
 * DTSTAMP and LAST-MODIFIED, 9 at its new time. */
static void test_changes_after_export(void **state)
{
	tu_env *env = *state;
	assert_int_equal(tu_volunteer(env, "E3", "Cleo"), 3);
	assert_int_equal(tu_initiative(env, "Blood drive", 48, 5), 8);
	assert_int_equal(tu_initiative(env, "Clean-up", 72, 5), 9);
	signup(env, 8, 3);
	signup(env, 9, 3);
	age_everything(env);
	char *first = commitments(env, 3);
	char uid8[128], uid9[128];
	place_uid(env, 8, 3, uid8, sizeof uid8);
	place_uid(env, 9, 3, uid9, sizeof uid9);

	tu_act(env, CSR_ROLE_AGENT, 3);
	cancel(env, 8, 3);
	tu_act(env, CSR_ROLE_LEAD, 0);
	csr_initiative in;
	csr_err err;
	assert_int_equal(csr_initiative_get(env->db, 9, &in, &err), CSR_OK);
	in.starts_at += 3600;
	in.ends_at += 3600;
	if (csr_initiative_update(env->db, &in, &err) != CSR_OK)
		fail_msg("update: %s", err.msg);
	tu_act(env, CSR_ROLE_ADMIN, 0);
	char *second = commitments(env, 3);

	char *was8 = event_text(first, uid8), *now8 = event_text(second, uid8);
	char *was9 = event_text(first, uid9), *now9 = event_text(second, uid9);
	assert_non_null(now8);
	assert_non_null(now9);
	char before[64], after[64];
	property(was8, "STATUS", before, sizeof before);
	property(now8, "STATUS", after, sizeof after);
	assert_string_equal(before, "CONFIRMED");
	assert_string_equal(after, "CANCELLED");
	assert_true(sequence_of(now8) > sequence_of(was8));
	assert_true(sequence_of(now9) > sequence_of(was9));
	for (int k = 0; k < 2; k++) {
		const char *name = k ? "LAST-MODIFIED" : "DTSTAMP";
		property(was8, name, before, sizeof before);
		property(now8, name, after, sizeof after);
		if (strcmp(after, before) <= 0)
			fail_msg("%s of the cancelled place: %s, then %s", name, before, after);
		property(was9, name, before, sizeof before);
		property(now9, name, after, sizeof after);
		if (strcmp(after, before) <= 0)
			fail_msg("%s of the moved initiative: %s, then %s", name, before, after);
	}
	char stamp[32];
	time_t tt = (time_t)in.starts_at;
	strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", gmtime(&tt));
	property(now9, "DTSTART", after, sizeof after);
	assert_string_equal(after, stamp);
	assert_sequences_kept(first, second);
	free(was8);
	free(now8);
	free(was9);
	free(now9);
	free(first);
	free(second);
}

/* Whatever happens to a place or its initiative, its SEQUENCE never goes
 * down from one export to the next: waitlisted, promoted, edited,
 * cancelled, signed up again (a new place, a new UID), the initiative
 * cancelled. */
static void test_sequence_never_down(void **state)
{
	tu_env *env = *state;
	assert_int_equal(tu_volunteer(env, "E4", "Dana"), 4);
	assert_int_equal(tu_volunteer(env, "E5", "Emil"), 5);
	assert_int_equal(tu_initiative(env, "Mentoring", 96, 1), 10);
	signup(env, 10, 4);
	signup(env, 10, 5); /* waitlisted */
	char *before = commitments(env, 5);
	char *after = NULL;
	csr_err err;
	csr_initiative in;
	for (int step = 0; step < 5; step++) {
		switch (step) {
		case 0: cancel(env, 10, 4); break; /* Emil moves up */
		case 1:
			assert_int_equal(csr_initiative_get(env->db, 10, &in, &err), CSR_OK);
			snprintf(in.location, sizeof in.location, "%s", "Room 2");
			assert_int_equal(csr_initiative_update(env->db, &in, &err), CSR_OK);
			break;
		case 2: cancel(env, 10, 5); break;
		case 3: signup(env, 10, 5); break;
		case 4:
			assert_int_equal(csr_initiative_set_status(env->db, 10, CSR_INITIATIVE_CANCELLED,
								   &err), CSR_OK);
			break;
		}
		after = commitments(env, 5);
		assert_sequences_kept(before, after);
		free(before);
		before = after;
	}
	/* Both of Emil's places, each CANCELLED at last. */
	assert_int_equal(count(after, "BEGIN:VEVENT"), 2);
	assert_int_equal(count(after, "STATUS:CANCELLED"), 2);
	free(after);
}

/* One VALARM a day before and one an hour before, on confirmed places
 * only: not on the waitlisted one, not on cancelled places or a cancelled
 * initiative, and none in the open initiatives' calendar. */
static void test_reminders(void **state)
{
	tu_env *env = *state;
	char *ics = commitments(env, 1);
	char *confirmed = event_text(ics, "initiative-1-signup-11@csrdesk");
	assert_int_equal(count(confirmed, "BEGIN:VALARM\r\n"), 2);
	assert_int_equal(count(confirmed, "END:VALARM\r\n"), 2);
	assert_int_equal(count(confirmed, "\r\nACTION:DISPLAY\r\n"), 2);
	const char *day = strstr(confirmed, "\r\nTRIGGER:-P1D\r\n");
	const char *hour = strstr(confirmed, "\r\nTRIGGER:-PT1H\r\n");
	assert_non_null(day);
	assert_non_null(hour);
	/* Inside the event, after its own properties. */
	assert_true(strstr(confirmed, "\r\nSTATUS:CONFIRMED\r\n") <
		    strstr(confirmed, "BEGIN:VALARM"));
	char title[512], value[600];
	property(confirmed, "SUMMARY", title, sizeof title);
	property(day, "DESCRIPTION", value, sizeof value);
	assert_non_null(strstr(value, " starts tomorrow."));
	assert_int_equal(strncmp(value, title, strlen(title)), 0);
	property(hour, "DESCRIPTION", value, sizeof value);
	assert_non_null(strstr(value, " starts in one hour."));
	static const char *const silent[] = {
		"initiative-7-signup-12@csrdesk", /* waitlisted */
		"initiative-2-signup-13@csrdesk", /* cancelled */
		"initiative-5-signup-14@csrdesk", /* on a cancelled initiative */
	};
	for (size_t i = 0; i < sizeof silent / sizeof silent[0]; i++) {
		char *e = event_text(ics, silent[i]);
		assert_non_null(e);
		if (strstr(e, "VALARM"))
			fail_msg("%s has a reminder", silent[i]);
		free(e);
	}
	free(confirmed);
	free(ics);
	ics = capture(env, open_export, 0, CSR_OK);
	assert_null(strstr(ics, "VALARM"));
	free(ics);
}

static void test_write_error(void **state)
{
	tu_env *env = *state;
	FILE *full = fopen("/dev/full", "w");
	assert_non_null(full);
	csr_err err;
	assert_int_equal(csr_calendar_open(env->db, full, &err), CSR_EIO);
	fclose(full);
}

int main(void)
{
	setenv("TZ", "CET-1CEST,M3.5.0,M10.5.0/3", 1);
	tzset();
	const struct CMUnitTest lines[] = {
		cmocka_unit_test(test_text_escaping),
		cmocka_unit_test(test_folding),
		cmocka_unit_test(test_utc_times),
	};
	const struct CMUnitTest exports[] = {
		cmocka_unit_test(test_open_initiatives),
		cmocka_unit_test(test_stable_uids),
		cmocka_unit_test(test_volunteer_commitments),
		cmocka_unit_test(test_who_may_export),
		cmocka_unit_test(test_write_error),
		cmocka_unit_test(test_reminders),
		cmocka_unit_test(test_changes_after_export),
		cmocka_unit_test(test_sequence_never_down),
	};
	int failed = cmocka_run_group_tests_name("ics lines", lines, NULL, NULL);
	return failed + cmocka_run_group_tests_name("ics exports", exports, setup_fixture,
						    tu_teardown);
}
