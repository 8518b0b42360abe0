/* SPDX-License-Identifier: MIT */
/* csrdesk — notifications: the outbox of events that concern a person.
 *
 * The data layer writes a row in the same transaction as the change it
 * tells of (a place given from the waitlist, a place cancelled or moved by
 * a lead, an initiative cancelled or changed, hours decided), or when a
 * reminder falls due (csr_notification_schedule). Each channel delivers a
 * row once and records that it did: the screens (kiosk after sign-in, the
 * TUI's status line), the login message (csrdesk remind) and mail
 * (csrdesk notify). The text is made when a row is shown, in the language
 * that is current then (i18n.h), from what the row names. */
#ifndef CSRDESK_NOTIFICATION_H
#define CSRDESK_NOTIFICATION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "csrdesk/status.h"

typedef struct csr_db csr_db;

typedef enum csr_notification_kind {
	CSR_NOTE_PROMOTED,             /* a waitlisted place became confirmed */
	CSR_NOTE_PLACE_CANCELLED,      /* a lead cancelled the person's place */
	CSR_NOTE_PLACE_MOVED,          /* a lead moved the place to this initiative */
	CSR_NOTE_INITIATIVE_CANCELLED, /* the initiative of a live place was cancelled */
	CSR_NOTE_INITIATIVE_CHANGED,   /* its time or place changed (detail: before) */
	CSR_NOTE_HOURS_APPROVED,
	CSR_NOTE_HOURS_REJECTED,       /* detail: the reason */
	CSR_NOTE_REMINDER_DAY,         /* the day before a confirmed place */
	CSR_NOTE_REMINDER_HOUR,        /* an hour before */
	CSR_NOTE_NEW_INITIATIVE,       /* a new initiative in a chosen category */
	CSR_NOTE_LEAD_BELOW_MINIMUM,   /* to leads: amount = confirmed places */
	CSR_NOTE_LEAD_FREE_PLACES,     /* amount = free places, close to the date */
	CSR_NOTE_LEAD_HOURS_WAITING,   /* amount = entries waiting too long */
	CSR_NOTE_LEAD_WAITLIST_GREW,   /* amount = people on the waitlist */
	CSR_NOTE_KINDS
} csr_notification_kind;

/* The channels that deliver a row, each once. */
typedef enum csr_notification_channel {
	CSR_CHANNEL_SCREEN, /* the kiosk after sign-in, the TUI */
	CSR_CHANNEL_LOGIN,  /* csrdesk remind */
	CSR_CHANNEL_MAIL,   /* csrdesk notify */
} csr_notification_channel;

enum { CSR_NOTIFICATION_TEXT_MAX = 512, CSR_NOTIFICATION_DETAIL_MAX = 256 };

/* A row as read, with what it is about. */
typedef struct csr_notification {
	int64_t id;
	int64_t volunteer_id; /* 0 when addressed to a Unix user */
	char unix_user[64];
	csr_notification_kind kind;
	int64_t initiative_id, signup_id, hours_id;
	int64_t amount;
	char detail[CSR_NOTIFICATION_DETAIL_MAX];
	int64_t created_at, due_at;
	int64_t read_at; /* 0: not yet read on a screen */
	/* the initiative as it is now ("" / 0 when none) */
	char title[160];
	char location[160];
	int64_t starts_at, ends_at;
	int minimum; /* the fewest people it needs, for a lead's notice */
	/* the hours, for an hours notice */
	int64_t worked_on;
	int minutes;
} csr_notification;

/* The stored name of a kind ("promoted") and back. */
const char *csr_notification_kind_name(csr_notification_kind k);
bool csr_notification_kind_parse(const char *name, csr_notification_kind *out);

/* One line for a person, in the current language: "You have a place:
 * Blood donation drive, 12.12.2026 09:30". */
void csr_notification_text(const csr_notification *n, char *buf, size_t size);

/* Who a reading is for: a volunteer, or a Unix user (a lead without a
 * volunteer record sees the rows addressed to their login too). */
typedef struct csr_recipient {
	int64_t volunteer_id; /* 0: none */
	const char *unix_user; /* NULL or "": none */
} csr_recipient;

/* Up to max rows due by now and not yet delivered on channel to r, oldest
 * first; *n how many. */
csr_code csr_notification_pending(csr_db *db, const csr_recipient *r,
				  csr_notification_channel channel, int64_t now,
				  csr_notification *rows, int max, int *n, csr_err *err);
/* The newest max rows due by now for r, read or not, newest first (read_at
 * says which were seen on a screen); *n how many. */
csr_code csr_notification_recent(csr_db *db, const csr_recipient *r, int64_t now,
				 csr_notification *rows, int max, int *n, csr_err *err);
/* How many rows are due and unread on the screen for r. */
csr_code csr_notification_count_unread(csr_db *db, const csr_recipient *r, int64_t now,
				       int64_t *out, csr_err *err);
/* Records that channel delivered rows ids[0..n) (one transaction). */
csr_code csr_notification_mark(csr_db *db, csr_notification_channel channel,
			       const int64_t *ids, int n, csr_err *err);

/* Makes the reminders that are due by now (the day before and an hour
 * before each confirmed place on an open initiative that has not started),
 * once each however often it runs; *made how many are new (may be NULL). */
csr_code csr_notification_schedule(csr_db *db, int64_t now, int *made, csr_err *err);

/* Removes rows created before `before` that every channel has delivered
 * (or that mail will never deliver); *removed how many (may be NULL). */
csr_code csr_notification_purge(csr_db *db, int64_t before, int *removed, csr_err *err);

/* What a person chose about notifications. */
typedef struct csr_notification_prefs {
	char language[8]; /* "de", "en", "" = the config's */
	bool mail_off;
	char **categories; /* category keys whose new initiatives they hear of */
	int ncategories;
} csr_notification_prefs;

csr_code csr_notification_prefs_get(csr_db *db, int64_t volunteer_id,
				    csr_notification_prefs *out, csr_err *err);
/* The person themselves or a lead; audited. */
csr_code csr_notification_prefs_set(csr_db *db, int64_t volunteer_id,
				    const csr_notification_prefs *in, csr_err *err);
void csr_notification_prefs_free(csr_notification_prefs *p);

#endif
