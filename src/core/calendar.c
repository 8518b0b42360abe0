/* SPDX-License-Identifier: MIT */
/* iCalendar exports (RFC 5545): the open initiatives, or one volunteer's
 * commitments, streamed from one statement each.
 *
 * Content lines are written as they are escaped: every character (or
 * escape pair such as "\,") is one unit, and a unit that would pass 75
 * octets starts a continuation line (CRLF and a space) first, so a fold
 * never cuts a UTF-8 character or an escape. */
#include "csrdesk/calendar.h"

#include <stdbool.h>
#include <string.h>
#include <time.h>

#include "csrdesk/audit.h"
#include "csrdesk/clock.h"
#include "csrdesk/config.h"
#include "csrdesk/i18n.h"
#include "csrdesk/initiative.h"
#include "csrdesk/text.h"
#include "csrdesk/volunteer.h"
#include "db_private.h"

/* ---- content lines ---- */

typedef struct ics_line {
	FILE *out;
	int octets; /* on the current physical line */
} ics_line;

static void unit(ics_line *l, const char *bytes, size_t n)
{
	if (l->octets + (int)n > CSR_ICS_LINE_OCTETS) {
		fputs("\r\n ", l->out);
		l->octets = 1;
	}
	fwrite(bytes, 1, n, l->out);
	l->octets += (int)n;
}

/* Bytes of the character at s: its lead byte and the continuation bytes
 * that follow (a broken sequence ends early and is replaced later). */
static size_t char_bytes(const unsigned char *s)
{
	size_t want = s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC0 ? 2 : 1, n = 1;
	while (n < want && (s[n] & 0xC0) == 0x80)
		n++;
	return n;
}

/* One character of a TEXT value, made safe: a character csr_text_sanitize
 * would not draw becomes '?'. */
static void text_char(ics_line *l, const char *s, size_t n)
{
	char ch[8], safe[8];
	memcpy(ch, s, n);
	ch[n] = '\0';
	size_t m = csr_text_sanitize(ch, safe, sizeof safe);
	for (size_t i = 0; i < m;) {
		size_t k = char_bytes((const unsigned char *)safe + i);
		unit(l, safe + i, k);
		i += k;
	}
}

/* TEXT escaping: \\ \; \, and \n for a line break (CRLF, CR or LF). */
static void text_value(ics_line *l, const char *value)
{
	for (const char *p = value; *p;) {
		if (*p == '\r' || *p == '\n') {
			p += (p[0] == '\r' && p[1] == '\n') ? 2 : 1;
			unit(l, "\\n", 2);
		} else if (*p == '\\' || *p == ';' || *p == ',') {
			char pair[2] = { '\\', *p++ };
			unit(l, pair, 2);
		} else if (*p == '\t') {
			unit(l, " ", 1);
			p++;
		} else {
			size_t n = char_bytes((const unsigned char *)p);
			text_char(l, p, n);
			p += n;
		}
	}
}

void csr_ics_text(FILE *out, const char *name, const char *value)
{
	ics_line l = { .out = out };
	for (const char *p = name; *p; p++)
		unit(&l, p, 1);
	unit(&l, ":", 1);
	text_value(&l, value ? value : "");
	fputs("\r\n", out);
}

/* Properties whose value we make ourselves (numbers, fixed words). */
static void plain(FILE *out, const char *name, const char *value)
{
	fprintf(out, "%s:%s\r\n", name, value);
}

void csr_ics_time(FILE *out, const char *name, int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm = { 0 };
	gmtime_r(&tt, &tm);
	fprintf(out, "%s:%04d%02d%02dT%02d%02d%02dZ\r\n", name, tm.tm_year + 1900, tm.tm_mon + 1,
		tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

/* ---- events ---- */

/* What one VEVENT shows: a row of OPEN_SQL or PLACES_SQL, which share
 * their columns. */
typedef struct ics_event {
	int64_t id, signup_id;
	char title[CSR_INITIATIVE_TITLE_MAX];
	char category[CSR_KEY_MAX];
	char description[CSR_INITIATIVE_TEXT_MAX];
	char location[CSR_LOCATION_MAX];
	char partner[128];
	char status[16];        /* the initiative's */
	char place[16];         /* the volunteer's place, "" in the open export */
	int64_t starts, ends, created, modified;
	int sequence;
} ics_event;

/* The initiative's last change: its creation or its latest audit entry. */
#define INITIATIVE_COLUMNS \
	"SELECT i.id, i.title, i.category, i.description, i.location, i.starts_at, i.ends_at," \
	" i.created_at, COALESCE(p.name, ''), i.status," \
	" MAX(i.created_at, COALESCE((SELECT MAX(a.at) FROM audit a" \
	"  WHERE a.entity = 'initiative' AND a.entity_id = i.id), 0))," \
	" (SELECT COUNT(*) FROM audit a WHERE a.entity = 'initiative' AND a.entity_id = i.id" \
	"  AND a.action <> 'initiative.create')"

/* A cancelled initiative stays in the calendar as CANCELLED (with a higher
 * SEQUENCE), so a calendar that imported it while it was open drops it. */
static const char open_sql[] =
	INITIATIVE_COLUMNS ", 0, '', 0, 0"
	" FROM initiative i LEFT JOIN partner p ON p.id = i.partner_id"
	" WHERE i.status IN ('open', 'cancelled') AND i.ends_at > ?1 ORDER BY i.starts_at, i.id";

/* A place changes the event too: its own last update and audit entries. */
static const char places_sql[] =
	INITIATIVE_COLUMNS ", s.id, s.status, MAX(s.created_at, s.updated_at),"
	" (SELECT COUNT(*) FROM audit a WHERE a.entity = 'signup' AND a.entity_id = s.id"
	"  AND a.action <> 'signup.add')"
	" FROM signup s JOIN initiative i ON i.id = s.initiative_id"
	" LEFT JOIN partner p ON p.id = i.partner_id"
	" WHERE s.volunteer_id = ?2 AND i.ends_at > ?1 ORDER BY i.starts_at, i.id, s.id";

static void read_event(sqlite3_stmt *st, ics_event *e)
{
	e->id = sqlite3_column_int64(st, 0);
	csr_col_text(st, 1, e->title, sizeof e->title);
	csr_col_text(st, 2, e->category, sizeof e->category);
	csr_col_text(st, 3, e->description, sizeof e->description);
	csr_col_text(st, 4, e->location, sizeof e->location);
	e->starts = sqlite3_column_int64(st, 5);
	e->ends = sqlite3_column_int64(st, 6);
	e->created = sqlite3_column_int64(st, 7);
	csr_col_text(st, 8, e->partner, sizeof e->partner);
	csr_col_text(st, 9, e->status, sizeof e->status);
	e->modified = sqlite3_column_int64(st, 10);
	e->sequence = sqlite3_column_int(st, 11);
	e->signup_id = sqlite3_column_int64(st, 12);
	csr_col_text(st, 13, e->place, sizeof e->place);
	int64_t place_modified = sqlite3_column_int64(st, 14);
	if (place_modified > e->modified)
		e->modified = place_modified;
	e->sequence += sqlite3_column_int(st, 15);
}

static bool cancelled(const ics_event *e)
{
	return strcmp(e->status, "cancelled") == 0 || strcmp(e->place, "cancelled") == 0 ||
	       strcmp(e->place, "no-show") == 0;
}

static const char *event_status(const ics_event *e)
{
	if (cancelled(e))
		return "CANCELLED";
	return strcmp(e->place, "waitlisted") == 0 ? "TENTATIVE" : "CONFIRMED";
}

/* The volunteer's place, one whole line of the description. */
static void place_line(const ics_event *e, char *buf, size_t size)
{
	const char *line = NULL;
	if (strcmp(e->status, "cancelled") == 0)
		line = _("Your place: the initiative was cancelled");
	else if (strcmp(e->place, "waitlisted") == 0)
		line = _("Your place: on the waitlist");
	else if (strcmp(e->place, "no-show") == 0)
		line = _("Your place: recorded as not attended");
	else if (strcmp(e->place, "confirmed") == 0)
		line = _("Your place: confirmed");
	else if (strcmp(e->place, "attended") == 0)
		line = _("Your place: attended");
	else if (strcmp(e->place, "cancelled") == 0)
		line = _("Your place: cancelled");
	if (line)
		snprintf(buf, size, "%s", line);
	else
		/* TRANSLATORS: a place's state as stored (a state csrdesk does not
		 * know yet). */
		snprintf(buf, size, _("Your place: %s"), e->place);
}

static void description(const ics_event *e, char *buf, size_t size)
{
	char line[CSR_INITIATIVE_TITLE_MAX + 160];
	int n = snprintf(buf, size, "%s", e->description);
	if (e->partner[0] && n >= 0 && (size_t)n < size) {
		/* TRANSLATORS: a line of a calendar event's description: the
		 * initiative's partner organisation. */
		snprintf(line, sizeof line, _("Partner: %s"), e->partner);
		n += snprintf(buf + n, size - (size_t)n, "%s%s", n ? "\n\n" : "", line);
	}
	if (e->place[0] && n >= 0 && (size_t)n < size) {
		place_line(e, line, sizeof line);
		snprintf(buf + n, size - (size_t)n, "%s%s", n ? "\n\n" : "", line);
	}
}

static void summary(FILE *out, const ics_event *e)
{
	char text[CSR_INITIATIVE_TITLE_MAX + 64];
	bool waitlisted = strcmp(e->place, "waitlisted") == 0 && !cancelled(e);
	if (waitlisted)
		/* TRANSLATORS: a calendar event's title when the place is on the
		 * waitlist: the initiative's title. */
		snprintf(text, sizeof text, _("%s (waitlist)"), e->title);
	else
		snprintf(text, sizeof text, "%s", e->title);
	csr_ics_text(out, "SUMMARY", text);
}

static void uid(FILE *out, const ics_event *e)
{
	if (e->signup_id)
		fprintf(out, "UID:initiative-%lld-signup-%lld@csrdesk\r\n", (long long)e->id,
			(long long)e->signup_id);
	else
		fprintf(out, "UID:initiative-%lld@csrdesk\r\n", (long long)e->id);
}

/* A confirmed place on an initiative that still takes place: the one a
 * person must not forget. A waitlisted place gets none (the person may
 * never have a place; promotion changes the event, and the next export
 * brings the reminders), a cancelled event none either. */
static bool reminded(const ics_event *e)
{
	return strcmp(e->place, "confirmed") == 0 && !cancelled(e);
}

/* One VALARM: text shown at trigger (a duration before DTSTART). */
static void alarm(FILE *out, const char *trigger, const char *text)
{
	fputs("BEGIN:VALARM\r\n", out);
	plain(out, "ACTION", "DISPLAY");
	plain(out, "TRIGGER", trigger);
	csr_ics_text(out, "DESCRIPTION", text);
	fputs("END:VALARM\r\n", out);
}

static void reminders(FILE *out, const ics_event *e)
{
	char text[CSR_INITIATIVE_TITLE_MAX + 128];
	if (!reminded(e))
		return;
	/* TRANSLATORS: a calendar reminder shown a day before; the
	 * initiative's title. */
	snprintf(text, sizeof text, _("%s starts tomorrow."), e->title);
	alarm(out, "-P1D", text);
	/* TRANSLATORS: a calendar reminder shown an hour before; the
	 * initiative's title. */
	snprintf(text, sizeof text, _("%s starts in one hour."), e->title);
	alarm(out, "-PT1H", text);
}

static void write_event(FILE *out, const csr_config *cfg, const ics_event *e)
{
	char text[CSR_INITIATIVE_TEXT_MAX + 256], sequence[16];
	fputs("BEGIN:VEVENT\r\n", out);
	uid(out, e);
	csr_ics_time(out, "DTSTAMP", e->modified);
	csr_ics_time(out, "CREATED", e->created);
	csr_ics_time(out, "LAST-MODIFIED", e->modified);
	snprintf(sequence, sizeof sequence, "%d", e->sequence);
	plain(out, "SEQUENCE", sequence);
	csr_ics_time(out, "DTSTART", e->starts);
	csr_ics_time(out, "DTEND", e->ends);
	summary(out, e);
	if (e->location[0])
		csr_ics_text(out, "LOCATION", e->location);
	description(e, text, sizeof text);
	if (text[0])
		csr_ics_text(out, "DESCRIPTION", text);
	char category[CSR_LABEL_MAX];
	csr_config_category_label(cfg, e->category, category, sizeof category);
	csr_ics_text(out, "CATEGORIES", category);
	plain(out, "STATUS", event_status(e));
	plain(out, "TRANSP", cancelled(e) ? "TRANSPARENT" : "OPAQUE");
	reminders(out, e);
	fputs("END:VEVENT\r\n", out);
}

/* ---- calendars ---- */

static void begin_calendar(FILE *out, const char *name)
{
	fputs("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", out);
	plain(out, "PRODID", "-//csrdesk//csrdesk " CSRDESK_VERSION "//EN");
	plain(out, "CALSCALE", "GREGORIAN");
	csr_ics_text(out, "X-WR-CALNAME", name);
}

static csr_code end_calendar(csr_db *db, FILE *out, int step, csr_err *err)
{
	fputs("END:VCALENDAR\r\n", out);
	if (step != SQLITE_DONE)
		return csr_db_fail(db, step, _("reading the initiatives for the calendar"), err);
	if (fflush(out) != 0 || ferror(out))
		return csr_fail(err, CSR_EIO, "%s", _("Could not write the calendar"));
	return CSR_OK;
}

/* Writes a calendar of one VEVENT per row of st (ended with csr_stmt_done). */
static csr_code stream(csr_db *db, sqlite3_stmt *st, const char *name, FILE *out,
		       csr_err *err)
{
	ics_event e;
	int step;
	begin_calendar(out, name);
	while ((step = sqlite3_step(st)) == SQLITE_ROW && !ferror(out)) {
		memset(&e, 0, sizeof e);
		read_event(st, &e);
		write_event(out, csr_db_config(db), &e);
	}
	csr_stmt_done(st);
	return end_calendar(db, out, step == SQLITE_ROW ? SQLITE_DONE : step, err);
}

csr_code csr_calendar_open(csr_db *db, FILE *out, csr_err *err)
{
	sqlite3_stmt *st = csr_db_stmt(db, open_sql, err);
	if (!st)
		return err ? err->code : CSR_EDB;
	sqlite3_bind_int64(st, 1, csr_now());
	/* TRANSLATORS: the name of the calendar of open initiatives. */
	return stream(db, st, _("CSR initiatives"), out, err);
}

csr_code csr_calendar_volunteer(csr_db *db, int64_t volunteer_id, FILE *out, csr_err *err)
{
	csr_volunteer v;
	csr_code rc = csr_require_self_or_lead(db, volunteer_id, err);
	if (rc == CSR_OK)
		rc = csr_volunteer_get(db, volunteer_id, &v, err);
	if (rc == CSR_OK && csr_db_actor(db)->volunteer_id != volunteer_id)
		rc = csr_audit_read(db, "export.ics", "volunteer", volunteer_id, "", err);
	if (rc != CSR_OK)
		return rc;
	sqlite3_stmt *st = csr_db_stmt(db, places_sql, err);
	if (!st)
		return err ? err->code : CSR_EDB;
	sqlite3_bind_int64(st, 1, csr_now());
	sqlite3_bind_int64(st, 2, volunteer_id);
	char name[CSR_NAME_MAX + 32];
	/* TRANSLATORS: the name of a volunteer's calendar: the person's name. */
	snprintf(name, sizeof name, _("CSR commitments of %s"), v.name);
	return stream(db, st, name, out, err);
}
