-- SPDX-License-Identifier: MIT
-- csrdesk schema, version 16: one count of the Impact figures serves every
-- session that shows them.
--
-- A write made every session showing Impact count all its figures again
-- (~40 ms of CPU at 50,000 volunteers): 100 sessions and one write a
-- second kept four cores busy. Now the figures carry a generation, moved
-- on by every write that can change a figure, and a session stores what
-- it counted for its scope and period under that generation; the others
-- read it instead of counting (src/core/figures_cache.c).
--
-- figures_generation: one row; n moves on in the transaction of every
-- write to what the Impact panel counts: hours, places, ratings, impact
-- records, initiatives and their goals, and who is in which site and team
-- (not a PIN, a language or an audit row: no figure changes with them).
CREATE TABLE figures_generation (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	n  INTEGER NOT NULL
);
INSERT INTO figures_generation (id, n) VALUES (1, 1);

-- figures_cache: what one session counted (the panel's figures, its own
-- layout) for key (the scope, the period, the privacy and metric settings
-- and that layout) at a generation; aggregates only, as the panel shows
-- them. A row with no figures yet is a claim: that session is counting
-- since claimed_ms (CLOCK_REALTIME), and the others wait for it a moment.
-- Rows of older generations are useless and removed at every store.
CREATE TABLE figures_cache (
	key        TEXT PRIMARY KEY,
	generation INTEGER NOT NULL,
	claimed_ms INTEGER NOT NULL,
	figures    BLOB
) WITHOUT ROWID;

CREATE TRIGGER hours_generation_insert AFTER INSERT ON hours BEGIN
	UPDATE figures_generation SET n = n + 1;
END;
CREATE TRIGGER hours_generation_update AFTER UPDATE ON hours BEGIN
	UPDATE figures_generation SET n = n + 1;
END;
CREATE TRIGGER hours_generation_delete AFTER DELETE ON hours BEGIN
	UPDATE figures_generation SET n = n + 1;
END;
CREATE TRIGGER signup_generation_insert AFTER INSERT ON signup BEGIN
	UPDATE figures_generation SET n = n + 1;
END;
CREATE TRIGGER signup_generation_update AFTER UPDATE ON signup BEGIN
	UPDATE figures_generation SET n = n + 1;
END;
CREATE TRIGGER signup_generation_delete AFTER DELETE ON signup BEGIN
	UPDATE figures_generation SET n = n + 1;
END;
CREATE TRIGGER feedback_generation_insert AFTER INSERT ON feedback BEGIN
	UPDATE figures_generation SET n = n + 1;
END;
CREATE TRIGGER feedback_generation_update AFTER UPDATE ON feedback BEGIN
	UPDATE figures_generation SET n = n + 1;
END;
CREATE TRIGGER feedback_generation_delete AFTER DELETE ON feedback BEGIN
	UPDATE figures_generation SET n = n + 1;
END;
CREATE TRIGGER impact_generation_insert AFTER INSERT ON impact BEGIN
	UPDATE figures_generation SET n = n + 1;
END;
CREATE TRIGGER impact_generation_update AFTER UPDATE ON impact BEGIN
	UPDATE figures_generation SET n = n + 1;
END;
CREATE TRIGGER impact_generation_delete AFTER DELETE ON impact BEGIN
	UPDATE figures_generation SET n = n + 1;
END;
CREATE TRIGGER initiative_generation_insert AFTER INSERT ON initiative BEGIN
	UPDATE figures_generation SET n = n + 1;
END;
CREATE TRIGGER initiative_generation_update AFTER UPDATE ON initiative BEGIN
	UPDATE figures_generation SET n = n + 1;
END;
CREATE TRIGGER initiative_generation_delete AFTER DELETE ON initiative BEGIN
	UPDATE figures_generation SET n = n + 1;
END;
CREATE TRIGGER initiative_goal_generation_insert AFTER INSERT ON initiative_goal BEGIN
	UPDATE figures_generation SET n = n + 1;
END;
CREATE TRIGGER initiative_goal_generation_update AFTER UPDATE ON initiative_goal BEGIN
	UPDATE figures_generation SET n = n + 1;
END;
CREATE TRIGGER initiative_goal_generation_delete AFTER DELETE ON initiative_goal BEGIN
	UPDATE figures_generation SET n = n + 1;
END;
CREATE TRIGGER volunteer_generation_insert AFTER INSERT ON volunteer BEGIN
	UPDATE figures_generation SET n = n + 1;
END;
CREATE TRIGGER volunteer_generation_update AFTER UPDATE OF team, site, active ON volunteer
WHEN old.team IS NOT new.team OR old.site IS NOT new.site OR old.active IS NOT new.active
BEGIN
	UPDATE figures_generation SET n = n + 1;
END;
CREATE TRIGGER volunteer_generation_delete AFTER DELETE ON volunteer BEGIN
	UPDATE figures_generation SET n = n + 1;
END;
