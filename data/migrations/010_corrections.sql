-- SPDX-License-Identifier: MIT
-- csrdesk schema, version 10: corrections (issue 11).
--
-- An impact record that was wrong is voided, not deleted: it stays for the
-- audit, with who voided it, when and why, and counts in no figure (the
-- figures read only records whose voided_at is NULL). A rejection of hours
-- carries the lead's reason, which the volunteer sees in My record; it is
-- cleared when the hours go back to pending.
ALTER TABLE impact ADD COLUMN voided_at INTEGER;
ALTER TABLE impact ADD COLUMN voided_by INTEGER REFERENCES volunteer (id);
ALTER TABLE impact ADD COLUMN void_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE hours ADD COLUMN reason TEXT NOT NULL DEFAULT '';
