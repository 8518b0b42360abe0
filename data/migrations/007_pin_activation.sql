-- SPDX-License-Identifier: MIT
-- csrdesk schema, version 7: one-time activation codes for kiosk PINs.
--
-- A person with no PIN (new in the roster, or reset by a lead) sets their
-- first PIN at a kiosk only with a code a team lead issued for them, so
-- nobody can claim a colleague's PIN by typing their employee ID first.
-- At most one code per person: issuing a new one replaces it; using it,
-- setting a PIN by any other way or a reset deletes it. Only an Argon2id
-- hash of the code is stored (src/core/auth.c explains why).
CREATE TABLE pin_activation (
	volunteer_id INTEGER PRIMARY KEY REFERENCES volunteer (id) ON DELETE CASCADE,
	code_hash    TEXT NOT NULL,
	expires_at   INTEGER NOT NULL,
	issued_at    INTEGER NOT NULL
);
