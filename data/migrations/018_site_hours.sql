-- SPDX-License-Identifier: MIT
-- csrdesk schema, version 18: a site's hours per day without the team.
--
-- scope_hours_day (migration 13) keeps the minutes per site, day, team,
-- status and initiative. A site's hours, its top initiatives, its hours by
-- category and by month need no team, yet read a row per team (about ten
-- to a site): 37,000 rows for a site's year at 50,000 volunteers, read
-- five times in one count. site_hours_day holds the same minutes summed
-- over the teams, kept by triggers on scope_hours_day itself, so that
-- every write that moves minutes there (hours written, a volunteer moved
-- to another site or team) moves them here in the same transaction.
CREATE TABLE site_hours_day (
	site          TEXT NOT NULL,
	day           INTEGER NOT NULL,
	status        TEXT NOT NULL,
	initiative_id INTEGER NOT NULL,
	minutes       INTEGER NOT NULL,
	PRIMARY KEY (site, day, status, initiative_id)
) WITHOUT ROWID;

INSERT INTO site_hours_day (site, day, status, initiative_id, minutes)
SELECT site, day, status, initiative_id, sum(minutes) FROM scope_hours_day
WHERE true GROUP BY 1, 2, 3, 4;

CREATE TRIGGER scope_hours_site_insert AFTER INSERT ON scope_hours_day BEGIN
	INSERT INTO site_hours_day (site, day, status, initiative_id, minutes)
	VALUES (new.site, new.day, new.status, new.initiative_id, new.minutes)
	ON CONFLICT DO UPDATE SET minutes = minutes + excluded.minutes;
END;

CREATE TRIGGER scope_hours_site_update AFTER UPDATE ON scope_hours_day BEGIN
	INSERT INTO site_hours_day (site, day, status, initiative_id, minutes)
	VALUES (old.site, old.day, old.status, old.initiative_id, -old.minutes)
	ON CONFLICT DO UPDATE SET minutes = minutes + excluded.minutes;
	INSERT INTO site_hours_day (site, day, status, initiative_id, minutes)
	VALUES (new.site, new.day, new.status, new.initiative_id, new.minutes)
	ON CONFLICT DO UPDATE SET minutes = minutes + excluded.minutes;
END;

CREATE TRIGGER scope_hours_site_delete AFTER DELETE ON scope_hours_day BEGIN
	INSERT INTO site_hours_day (site, day, status, initiative_id, minutes)
	VALUES (old.site, old.day, old.status, old.initiative_id, -old.minutes)
	ON CONFLICT DO UPDATE SET minutes = minutes + excluded.minutes;
END;
