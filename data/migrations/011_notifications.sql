-- SPDX-License-Identifier: MIT
-- csrdesk schema, version 11: notifications (an outbox) and what each
-- person chooses about them.
--
-- Every event that concerns a person is one row, written in the same
-- transaction as the change (or, for a reminder, by the first run that
-- finds it due). A row names its kind and what it is about; its text is
-- made when it is shown or mailed, in the reader's language. Each channel
-- delivers a row once and records it here: read_at (a screen: the kiosk
-- after sign-in, the TUI), login_at (csrdesk remind), mailed_at (csrdesk
-- notify). A row is addressed to a volunteer, or, for a lead who has no
-- volunteer record, to a Unix user.
CREATE TABLE notification (
	id            INTEGER PRIMARY KEY,
	volunteer_id  INTEGER REFERENCES volunteer (id),
	unix_user     TEXT,
	kind          TEXT NOT NULL,
	initiative_id INTEGER REFERENCES initiative (id),
	signup_id     INTEGER REFERENCES signup (id),
	hours_id      INTEGER REFERENCES hours (id) ON DELETE CASCADE, -- hours a no-show removes
	amount        INTEGER NOT NULL DEFAULT 0, -- a count for a lead's notice
	detail        TEXT NOT NULL DEFAULT '',   -- a reason, or what was before
	created_at    INTEGER NOT NULL,
	due_at        INTEGER NOT NULL,           -- not shown or sent before
	read_at       INTEGER,
	login_at      INTEGER,
	mailed_at     INTEGER,                    -- sent, or decided never to send
	mail_claim    INTEGER,                    -- the sending process, while it sends
	mail_claimed_at INTEGER,
	CHECK ((volunteer_id IS NULL) <> (unix_user IS NULL))
);
-- A person's unread rows, newest last; and a Unix user's.
CREATE INDEX notification_by_volunteer ON notification (volunteer_id, read_at, due_at)
	WHERE volunteer_id IS NOT NULL;
CREATE INDEX notification_by_unix_user ON notification (unix_user, read_at, due_at)
	WHERE unix_user IS NOT NULL;
-- The mails still to send, by when they are due.
CREATE INDEX notification_to_mail ON notification (due_at) WHERE mailed_at IS NULL;
-- Old delivered rows, for the retention.
CREATE INDEX notification_by_created ON notification (created_at);
-- A reminder is made once per place and kind, however often the runs that
-- look for due reminders overlap.
CREATE UNIQUE INDEX notification_reminder_once ON notification (signup_id, kind)
	WHERE kind IN ('reminder_day', 'reminder_hour');
-- A lead's notice is made once per recipient, kind, initiative and day
-- (due_at: the day's start); NULLs would never collide, hence coalesce.
CREATE UNIQUE INDEX notification_lead_once ON notification (coalesce(volunteer_id, 0),
	coalesce(unix_user, ''), kind, coalesce(initiative_id, 0), due_at)
	WHERE kind LIKE 'lead_%';

-- What a person chose: the language of their mails ('' = the config's),
-- no mail at all, and the categories whose new initiatives they want to
-- hear of (none chosen: none).
ALTER TABLE volunteer ADD COLUMN language TEXT NOT NULL DEFAULT '';
ALTER TABLE volunteer ADD COLUMN mail_off INTEGER NOT NULL DEFAULT 0 CHECK (mail_off IN (0, 1));
CREATE TABLE volunteer_interest (
	volunteer_id INTEGER NOT NULL REFERENCES volunteer (id),
	category     TEXT NOT NULL,
	PRIMARY KEY (category, volunteer_id)
) WITHOUT ROWID;
CREATE INDEX volunteer_interest_by_volunteer ON volunteer_interest (volunteer_id);

-- The fewest people an initiative needs (0: no minimum), for the leads'
-- notice that one falls below it.
ALTER TABLE initiative ADD COLUMN minimum INTEGER NOT NULL DEFAULT 0 CHECK (minimum >= 0);
