-- SPDX-License-Identifier: MIT
-- csrdesk schema, version 9: a lead acts for people, and attendance records
-- hours.
--
-- A place a lead changed for someone else (signed up, cancelled, moved,
-- marked) remembers who did it and why, so the person sees it in My record:
-- changed_by is the lead's volunteer record (NULL when the lead has none, or
-- when the person acted), changed_by_name the lead as named at the time
-- (their name, or the login the audit log names), reason what the lead gave.
ALTER TABLE signup ADD COLUMN changed_by INTEGER REFERENCES volunteer (id);
ALTER TABLE signup ADD COLUMN changed_by_name TEXT;
ALTER TABLE signup ADD COLUMN reason TEXT;

-- Hours that marking a place attended recorded: the place, so marking it
-- no-show again removes them (and only them: never hours a person logged).
ALTER TABLE hours ADD COLUMN signup_id INTEGER REFERENCES signup (id);
CREATE INDEX hours_by_signup ON hours (signup_id) WHERE signup_id IS NOT NULL;
