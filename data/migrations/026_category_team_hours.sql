-- SPDX-License-Identifier: MIT
-- csrdesk schema, version 26: a category's approved hours per team and day.
--
-- A category's top teams read the hours of every initiative of the
-- category ever held, day total by day total (scope_hours_day by
-- initiative), to keep those worked in the period: at 500,000 volunteers
-- 104 ms, half of a category's count. category_team_day holds the approved
-- minutes per category of the initiative, day worked and team, kept by
-- triggers on scope_hours_day, as site_team_day is (migration 24), so that
-- every write that moves the hours there (hours written or decided, a
-- volunteer moved) moves them here in the same transaction; an initiative
-- moved to another category takes its hours along. Hours tied to no
-- initiative (initiative_id 0 there) have no category.
CREATE TABLE category_team_day (
	category TEXT NOT NULL,
	day      INTEGER NOT NULL,
	team     TEXT NOT NULL,
	minutes  INTEGER NOT NULL,
	PRIMARY KEY (category, day, team)
) WITHOUT ROWID;

-- Added up row by row: a GROUP BY would sort every approved row first (at
-- 500,000 volunteers 5 million, in memory).
INSERT INTO category_team_day (category, day, team, minutes)
SELECT i.category, d.day, d.team, d.minutes
FROM scope_hours_day d CROSS JOIN initiative i ON i.id = d.initiative_id
WHERE d.status = 'approved'
ON CONFLICT DO UPDATE SET minutes = minutes + excluded.minutes;

CREATE TRIGGER scope_hours_category_team_insert AFTER INSERT ON scope_hours_day
WHEN new.status = 'approved' AND new.initiative_id <> 0 BEGIN
	INSERT INTO category_team_day (category, day, team, minutes)
	SELECT category, new.day, new.team, new.minutes FROM initiative
	WHERE id = new.initiative_id
	ON CONFLICT DO UPDATE SET minutes = minutes + excluded.minutes;
END;

CREATE TRIGGER scope_hours_category_team_update AFTER UPDATE ON scope_hours_day
WHEN (old.status = 'approved' AND old.initiative_id <> 0)
  OR (new.status = 'approved' AND new.initiative_id <> 0) BEGIN
	INSERT INTO category_team_day (category, day, team, minutes)
	SELECT category, old.day, old.team, -old.minutes FROM initiative
	WHERE id = old.initiative_id AND old.status = 'approved'
	ON CONFLICT DO UPDATE SET minutes = minutes + excluded.minutes;
	INSERT INTO category_team_day (category, day, team, minutes)
	SELECT category, new.day, new.team, new.minutes FROM initiative
	WHERE id = new.initiative_id AND new.status = 'approved'
	ON CONFLICT DO UPDATE SET minutes = minutes + excluded.minutes;
END;

CREATE TRIGGER scope_hours_category_team_delete AFTER DELETE ON scope_hours_day
WHEN old.status = 'approved' AND old.initiative_id <> 0 BEGIN
	INSERT INTO category_team_day (category, day, team, minutes)
	SELECT category, old.day, old.team, -old.minutes FROM initiative
	WHERE id = old.initiative_id
	ON CONFLICT DO UPDATE SET minutes = minutes + excluded.minutes;
END;

CREATE TRIGGER initiative_category_team_hours AFTER UPDATE OF category ON initiative
WHEN old.category IS NOT new.category BEGIN
	INSERT INTO category_team_day (category, day, team, minutes)
	SELECT old.category, day, team, -sum(minutes) FROM scope_hours_day
	WHERE initiative_id = new.id AND status = 'approved' GROUP BY day, team
	ON CONFLICT DO UPDATE SET minutes = minutes + excluded.minutes;
	INSERT INTO category_team_day (category, day, team, minutes)
	SELECT new.category, day, team, sum(minutes) FROM scope_hours_day
	WHERE initiative_id = new.id AND status = 'approved' GROUP BY day, team
	ON CONFLICT DO UPDATE SET minutes = minutes + excluded.minutes;
END;
