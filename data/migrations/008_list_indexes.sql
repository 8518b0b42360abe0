-- SPDX-License-Identifier: MIT
-- csrdesk schema, version 8: every list on screen is read a page at a time
-- by key (issue 10); these indexes let each page seek to its key instead of
-- reading a whole initiative's places or the whole table.

-- The places on an initiative in list order: those with a place (confirmed,
-- attended, no-show), then the waitlist, each by arrival (id). SQLite seeks
-- an expression in an index by equality only, so a page reads one of the
-- two groups from its key on (src/core/signup.c).
CREATE INDEX signup_place_order ON signup (initiative_id, status = 'waitlisted', id)
	WHERE status <> 'cancelled';

-- The hours of everyone, newest first. (One volunteer's are read from
-- hours_by_volunteer, whose rowid breaks ties; the pending ones from
-- hours_by_status.)
CREATE INDEX hours_by_day ON hours (worked_on, id);

-- Announcements newest first, and the current ones counted without reading
-- the expired ones.
CREATE INDEX announcement_by_created ON announcement (created_at, id);
CREATE INDEX announcement_by_expiry ON announcement (expires_at);
