-- SPDX-License-Identifier: MIT
-- csrdesk schema, version 9: reserved. Issue 11 gives number 9 to the
-- sign-ups-for-people change and 10 to corrections (010_corrections.sql);
-- migrations must run 1..N without a gap, so this empty one holds the
-- place. When the change that owns number 9 brings its own 009 file, that
-- file replaces this one.
SELECT 1;
