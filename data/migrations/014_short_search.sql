-- SPDX-License-Identifier: MIT
-- csrdesk schema, version 14: searches of one or two characters are read
-- from an index, like the longer ones.
--
-- The trigram index (migration 5) holds nothing shorter than three
-- characters, so "Li", "Wu" or a two-character name such as 黄敏 was
-- answered by testing every volunteer with LIKE, for the page and again for
-- the count (20-45 ms a key at 50,000 volunteers, ten times that at
-- 500,000). volunteer_short indexes every one- and two-character piece of
-- the four searched columns (name, employee ID, team, email) as a token:
-- 'a' (active) or 'i' (inactive), then the piece folded as LIKE folds it
-- (lower(): ASCII only) and written in hex, so that the ascii tokenizer
-- keeps it whole whatever characters it holds ("a2062" is " b" of an
-- active person). A token is in the index exactly when LIKE '%piece%'
-- matches one of the columns (but for U+FFFD, left to the scan): the
-- search's count is read from the index alone, and its page from the
-- people the index names (src/core/volunteer.c).
--
-- The tokens are made by the view volunteer_short_text, the one place
-- that spells them: the index's content, which 'rebuild' reads (a bulk
-- import may rebuild it in one pass, as it rebuilds volunteer_search), and
-- what the triggers add and take away. detail = none keeps only which
-- people hold a token: 5 MB at 50,000 volunteers (the trigram index: 15 MB).
-- Making the ~140 tokens of a person in SQL is the cost: ~0.1 ms of CPU per
-- volunteer inserted or changed (50,000 inserted in one transaction: 1.3 s
-- before, 7.2 s with this index; building it here: ~6 s at 50,000).
-- volunteer_short_position numbers the characters; a column longer than
-- 1,024 characters (the data layer allows at most 127 bytes) is indexed in
-- its first 1,024 only.
CREATE TABLE volunteer_short_position (n INTEGER PRIMARY KEY);
INSERT INTO volunteer_short_position (n)
WITH RECURSIVE p (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM p WHERE n < 1024)
SELECT n FROM p;

-- Per character of each column: its own token and that of the pair it
-- starts. Each character is read by unicode(), which reads bytes into
-- characters as LIKE does (bytes that are not UTF-8 become U+FFFD, or the
-- character their bits spell), and written again by char(), so that even
-- such bytes, which plain SQL can store, are indexed as LIKE sees them.
CREATE VIEW volunteer_short_text (id, tokens) AS
SELECT v.id, (
	SELECT group_concat(v.state || hex(lower(char(c.here)))
			    || iif(c.next IS NULL, '', ' ' || v.state || hex(lower(char(c.here, c.next)))),
			    ' ')
	FROM (SELECT unicode(substr(col.text, p.n, 1)) AS here,
		     unicode(substr(col.text, p.n + 1, 1)) AS next
	      FROM (SELECT v.name AS text UNION ALL SELECT v.employee_id
		    UNION ALL SELECT v.team UNION ALL SELECT v.email) col
	      JOIN volunteer_short_position p ON p.n <= length(col.text)) c)
FROM (SELECT id, name, employee_id, team, email, iif(active, 'a', 'i') AS state
      FROM volunteer) v;

CREATE VIRTUAL TABLE volunteer_short USING fts5(
	tokens, content = 'volunteer_short_text', content_rowid = 'id',
	tokenize = 'ascii', detail = none, columnsize = 0
);
INSERT INTO volunteer_short (volunteer_short) VALUES ('rebuild');

-- A row's tokens are taken away while the view still shows them (BEFORE)
-- and added once it shows the new ones (AFTER). Like volunteer_search's,
-- these triggers serve every writer; INSERT OR REPLACE of a volunteer row
-- would bypass the delete trigger.
CREATE TRIGGER volunteer_short_insert AFTER INSERT ON volunteer BEGIN
	INSERT INTO volunteer_short (rowid, tokens)
	SELECT id, tokens FROM volunteer_short_text WHERE id = new.id;
END;

CREATE TRIGGER volunteer_short_delete BEFORE DELETE ON volunteer BEGIN
	INSERT INTO volunteer_short (volunteer_short, rowid, tokens)
	SELECT 'delete', id, tokens FROM volunteer_short_text WHERE id = old.id;
END;

CREATE TRIGGER volunteer_short_update_old BEFORE UPDATE OF id, name, employee_id, team, email,
	active ON volunteer
WHEN old.id IS NOT new.id OR old.name IS NOT new.name
	OR old.employee_id IS NOT new.employee_id OR old.team IS NOT new.team
	OR old.email IS NOT new.email OR old.active IS NOT new.active
BEGIN
	INSERT INTO volunteer_short (volunteer_short, rowid, tokens)
	SELECT 'delete', id, tokens FROM volunteer_short_text WHERE id = old.id;
END;

CREATE TRIGGER volunteer_short_update_new AFTER UPDATE OF id, name, employee_id, team, email,
	active ON volunteer
WHEN old.id IS NOT new.id OR old.name IS NOT new.name
	OR old.employee_id IS NOT new.employee_id OR old.team IS NOT new.team
	OR old.email IS NOT new.email OR old.active IS NOT new.active
BEGIN
	INSERT INTO volunteer_short (rowid, tokens)
	SELECT id, tokens FROM volunteer_short_text WHERE id = new.id;
END;
