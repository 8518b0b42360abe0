-- SPDX-License-Identifier: MIT
-- csrdesk schema, version 5: the Volunteers list's search and count stay
-- fast at call-center scale.
--
-- volunteer_search is a trigram index over the four columns the list
-- searches (name, employee ID, team, email). It stores no text of its own
-- (external content: the text is volunteer's) and is only ever used to narrow
-- the rows that the search's LIKE then checks (src/core/volunteer.c), so a
-- search means exactly what it meant before. case_sensitive 0 folds case for
-- all of Unicode while LIKE folds ASCII only: the index finds a superset,
-- never fewer rows. The triggers keep it current for every writer: the
-- volunteer module, the roster import and plain SQL alike. An update that
-- leaves the four columns and the id alone (a PIN, a deactivation) does not
-- touch it. (INSERT OR REPLACE would bypass the delete triggers, which
-- SQLite fires for replaced rows only under recursive_triggers: csrdesk
-- never replaces volunteer rows.)
CREATE VIRTUAL TABLE volunteer_search USING fts5(
	name, employee_id, team, email,
	content = 'volunteer', content_rowid = 'id',
	tokenize = 'trigram case_sensitive 0', columnsize = 0
);
INSERT INTO volunteer_search (volunteer_search) VALUES ('rebuild');

CREATE TRIGGER volunteer_search_insert AFTER INSERT ON volunteer BEGIN
	INSERT INTO volunteer_search (rowid, name, employee_id, team, email)
	VALUES (new.id, new.name, new.employee_id, new.team, new.email);
END;

CREATE TRIGGER volunteer_search_delete AFTER DELETE ON volunteer BEGIN
	INSERT INTO volunteer_search (volunteer_search, rowid, name, employee_id, team, email)
	VALUES ('delete', old.id, old.name, old.employee_id, old.team, old.email);
END;

CREATE TRIGGER volunteer_search_update AFTER UPDATE OF id, name, employee_id, team, email
ON volunteer
WHEN old.id IS NOT new.id OR old.name IS NOT new.name
	OR old.employee_id IS NOT new.employee_id OR old.team IS NOT new.team
	OR old.email IS NOT new.email
BEGIN
	INSERT INTO volunteer_search (volunteer_search, rowid, name, employee_id, team, email)
	VALUES ('delete', old.id, old.name, old.employee_id, old.team, old.email);
	INSERT INTO volunteer_search (rowid, name, employee_id, team, email)
	VALUES (new.id, new.name, new.employee_id, new.team, new.email);
END;

-- How many volunteers are active (1) and inactive (0), kept by triggers in
-- the writing transaction: the list's count without a search or team is one
-- row read instead of a scan of the table. A count rather than an index on
-- volunteer(active): without ANALYZE statistics the planner takes such an
-- index for a selective one and would read other queries through it (the
-- teams list, the participation figure), one table seek per volunteer.
CREATE TABLE volunteer_count (
	active INTEGER PRIMARY KEY CHECK (active IN (0, 1)),
	n      INTEGER NOT NULL
);
INSERT INTO volunteer_count (active, n)
SELECT 0, count(*) FROM volunteer WHERE active = 0
UNION ALL
SELECT 1, count(*) FROM volunteer WHERE active = 1;

CREATE TRIGGER volunteer_count_insert AFTER INSERT ON volunteer BEGIN
	UPDATE volunteer_count SET n = n + 1 WHERE active = new.active;
END;

CREATE TRIGGER volunteer_count_delete AFTER DELETE ON volunteer BEGIN
	UPDATE volunteer_count SET n = n - 1 WHERE active = old.active;
END;

CREATE TRIGGER volunteer_count_update AFTER UPDATE OF active ON volunteer
WHEN old.active <> new.active
BEGIN
	UPDATE volunteer_count SET n = n - 1 WHERE active = old.active;
	UPDATE volunteer_count SET n = n + 1 WHERE active = new.active;
END;

-- The list without a search, or with one or two characters, walks
-- volunteer_by_name and tests each entry. The index now carries every column
-- the test reads, so only the entries that pass are read from the table: a
-- search that matches few people was a table seek per volunteer (~100 ms at
-- 50,000), and is now a walk of the index alone.
DROP INDEX volunteer_by_name;
CREATE INDEX volunteer_by_name ON volunteer (name, id, employee_id, team, email, active);
