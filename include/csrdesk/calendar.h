/* SPDX-License-Identifier: MIT */
/* csrdesk — iCalendar (RFC 5545) exports that calendar programs import.
 *
 * One VEVENT per initiative: DTSTART, DTEND and DTSTAMP in UTC
 * (YYYYMMDDTHHMMSSZ), SUMMARY, LOCATION, DESCRIPTION, CATEGORIES (the
 * category's title), STATUS, and a UID that stays the same from one export
 * to the next, so importing again updates events instead of doubling them:
 *   open initiatives        initiative-<id>@csrdesk
 *   a volunteer's places    initiative-<id>-signup-<signup id>@csrdesk
 * DTSTAMP and LAST-MODIFIED are when the initiative (or the place) last
 * changed, by the audit log, and SEQUENCE counts those changes (the audit
 * log only grows, so SEQUENCE never goes down), so an export of unchanged
 * data is the same byte for byte, and a calendar takes a changed event for
 * an update of the one it has.
 *
 * Lines end with CRLF and are folded at 75 octets, never inside a UTF-8
 * character; TEXT values escape backslash, semicolon, comma and line
 * breaks, and unsafe characters are replaced (csr_text_sanitize). */
#ifndef CSRDESK_CALENDAR_H
#define CSRDESK_CALENDAR_H

#include <stdint.h>
#include <stdio.h>

#include "csrdesk/status.h"

typedef struct csr_db csr_db;

enum { CSR_ICS_LINE_OCTETS = 75 };

/* Anyone: the open initiatives that have not ended yet (STATUS:CONFIRMED),
 * and the cancelled ones (STATUS:CANCELLED, so a calendar that imported
 * one drops it). */
csr_code csr_calendar_open(csr_db *db, FILE *out, csr_err *err);

/* A volunteer's commitments on initiatives that have not ended: confirmed
 * places (STATUS:CONFIRMED, with two VALARM reminders, ACTION:DISPLAY at
 * TRIGGER:-P1D and -PT1H, their text in the current language), waitlisted
 * ones (STATUS:TENTATIVE, "(waitlist)" after the summary, no reminder), and
 * places cancelled since or on a cancelled initiative (STATUS:CANCELLED,
 * no reminder, so a calendar that imported them drops them). Agents export
 * only their own; leads anyone's. What `csrdesk export ics --me` and the
 * notification mails write. */
csr_code csr_calendar_volunteer(csr_db *db, int64_t volunteer_id, FILE *out, csr_err *err);

/* Writes one content line "NAME:VALUE" (value as TEXT, escaped), folded and
 * ended with CRLF. */
void csr_ics_text(FILE *out, const char *name, const char *value);

/* Writes "NAME:YYYYMMDDTHHMMSSZ" for Unix seconds t, in UTC. */
void csr_ics_time(FILE *out, const char *name, int64_t t);

#endif
