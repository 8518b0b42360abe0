-- SPDX-License-Identifier: MIT
-- csrdesk schema, version 24: a site's approved hours per team and day,
-- without the initiative.
--
-- A site's top teams summed a year of scope_hours_day rows of the site,
-- one per team, day, status and initiative (at 500,000 volunteers 108 ms,
-- a third of a site's count). site_team_day holds the same approved
-- minutes summed over the initiatives, one row per team and day, kept by
-- triggers on scope_hours_day itself, as site_hours_day is (migration 18),
-- so that every write that moves the hours there (hours written or
-- decided, a volunteer moved) moves them here in the same transaction.
CREATE TABLE site_team_day (
	site    TEXT NOT NULL,
	day     INTEGER NOT NULL,
	team    TEXT NOT NULL,
	minutes INTEGER NOT NULL,
	PRIMARY KEY (site, day, team)
) WITHOUT ROWID;

INSERT INTO site_team_day (site, day, team, minutes)
SELECT site, day, team, sum(minutes) FROM scope_hours_day
WHERE status = 'approved' GROUP BY 1, 2, 3;

CREATE TRIGGER scope_hours_site_team_insert AFTER INSERT ON scope_hours_day
WHEN new.status = 'approved' BEGIN
	INSERT INTO site_team_day (site, day, team, minutes)
	VALUES (new.site, new.day, new.team, new.minutes)
	ON CONFLICT DO UPDATE SET minutes = minutes + excluded.minutes;
END;

CREATE TRIGGER scope_hours_site_team_update AFTER UPDATE ON scope_hours_day
WHEN old.status = 'approved' OR new.status = 'approved' BEGIN
	INSERT INTO site_team_day (site, day, team, minutes)
	SELECT old.site, old.day, old.team, -old.minutes WHERE old.status = 'approved'
	ON CONFLICT DO UPDATE SET minutes = minutes + excluded.minutes;
	INSERT INTO site_team_day (site, day, team, minutes)
	SELECT new.site, new.day, new.team, new.minutes WHERE new.status = 'approved'
	ON CONFLICT DO UPDATE SET minutes = minutes + excluded.minutes;
END;

CREATE TRIGGER scope_hours_site_team_delete AFTER DELETE ON scope_hours_day
WHEN old.status = 'approved' BEGIN
	INSERT INTO site_team_day (site, day, team, minutes)
	VALUES (old.site, old.day, old.team, -old.minutes)
	ON CONFLICT DO UPDATE SET minutes = minutes + excluded.minutes;
END;
