-- SPDX-License-Identifier: MIT
-- csrdesk schema, version 13: every scope is a first-class query.
--
-- The Impact figures of a site or a team were read from the records, each
-- checked against a list of the scope's people built by scanning every
-- volunteer: a year of hours and places per figure (0.4-0.8 s at 50,000
-- volunteers). These tables keep the same sums per site and team, kept
-- current by triggers in the transaction that writes the records (as the
-- day totals of migration 006), so a scope reads its own rows only; and the
-- lists of sites and teams, so the scope menu reads a few rows rather than
-- every volunteer.

-- The sites (kind 1) and teams (kind 2, as csr_scope_kind) that have
-- volunteers: how many, and how many of them are active. A row leaves with
-- its last volunteer.
CREATE TABLE volunteer_group (
	kind    INTEGER NOT NULL CHECK (kind IN (1, 2)),
	name    TEXT NOT NULL,
	members INTEGER NOT NULL,
	active  INTEGER NOT NULL,
	PRIMARY KEY (kind, name)
) WITHOUT ROWID;

INSERT INTO volunteer_group (kind, name, members, active)
SELECT 1, site, count(*), total(active) FROM volunteer WHERE true GROUP BY site
UNION ALL
SELECT 2, team, count(*), total(active) FROM volunteer WHERE true GROUP BY team;

CREATE TRIGGER volunteer_group_insert AFTER INSERT ON volunteer BEGIN
	INSERT INTO volunteer_group (kind, name, members, active)
	VALUES (1, new.site, 1, new.active), (2, new.team, 1, new.active)
	ON CONFLICT DO UPDATE SET members = members + 1, active = active + excluded.active;
END;

CREATE TRIGGER volunteer_group_delete AFTER DELETE ON volunteer BEGIN
	UPDATE volunteer_group SET members = members - 1, active = active - old.active
	WHERE (kind = 1 AND name = old.site) OR (kind = 2 AND name = old.team);
	DELETE FROM volunteer_group WHERE members = 0
	  AND ((kind = 1 AND name = old.site) OR (kind = 2 AND name = old.team));
END;

CREATE TRIGGER volunteer_group_update AFTER UPDATE OF site, team, active ON volunteer
WHEN old.site IS NOT new.site OR old.team IS NOT new.team OR old.active IS NOT new.active
BEGIN
	UPDATE volunteer_group SET members = members - 1, active = active - old.active
	WHERE (kind = 1 AND name = old.site) OR (kind = 2 AND name = old.team);
	DELETE FROM volunteer_group WHERE members = 0
	  AND ((kind = 1 AND name = old.site) OR (kind = 2 AND name = old.team));
	INSERT INTO volunteer_group (kind, name, members, active)
	VALUES (1, new.site, 1, new.active), (2, new.team, 1, new.active)
	ON CONFLICT DO UPDATE SET members = members + 1, active = active + excluded.active;
END;

-- A site's or team's people, read from the index alone (their ids for the
-- records at a period's edges; the active ones for participation).
CREATE INDEX volunteer_by_site ON volunteer (site, team, active);
CREATE INDEX volunteer_by_team_active ON volunteer (team, active);

-- Minutes of hours by the volunteer's current site and team, the UTC day
-- worked, status and initiative (0: tied to none), as hours_day of
-- migration 006 is for everyone. A site's days are one range of the key; a
-- team's come through scope_hours_by_team.
CREATE TABLE scope_hours_day (
	site          TEXT NOT NULL,
	day           INTEGER NOT NULL,
	team          TEXT NOT NULL,
	status        TEXT NOT NULL,
	initiative_id INTEGER NOT NULL,
	minutes       INTEGER NOT NULL,
	PRIMARY KEY (site, day, team, status, initiative_id)
) WITHOUT ROWID;
CREATE INDEX scope_hours_by_team ON scope_hours_day (team, day);

INSERT INTO scope_hours_day (site, day, team, status, initiative_id, minutes)
SELECT v.site, h.worked_on / 86400 - (h.worked_on % 86400 < 0), v.team, h.status,
       coalesce(h.initiative_id, 0), sum(h.minutes)
FROM hours h JOIN volunteer v ON v.id = h.volunteer_id WHERE true GROUP BY 1, 2, 3, 4, 5;

CREATE TRIGGER hours_scope_insert AFTER INSERT ON hours BEGIN
	INSERT INTO scope_hours_day (site, day, team, status, initiative_id, minutes)
	SELECT site, new.worked_on / 86400 - (new.worked_on % 86400 < 0), team, new.status,
	       coalesce(new.initiative_id, 0), new.minutes
	FROM volunteer WHERE id = new.volunteer_id
	ON CONFLICT DO UPDATE SET minutes = minutes + excluded.minutes;
END;

CREATE TRIGGER hours_scope_delete AFTER DELETE ON hours BEGIN
	INSERT INTO scope_hours_day (site, day, team, status, initiative_id, minutes)
	SELECT site, old.worked_on / 86400 - (old.worked_on % 86400 < 0), team, old.status,
	       coalesce(old.initiative_id, 0), -old.minutes
	FROM volunteer WHERE id = old.volunteer_id
	ON CONFLICT DO UPDATE SET minutes = minutes + excluded.minutes;
END;

CREATE TRIGGER hours_scope_update
AFTER UPDATE OF volunteer_id, initiative_id, worked_on, minutes, status ON hours BEGIN
	INSERT INTO scope_hours_day (site, day, team, status, initiative_id, minutes)
	SELECT site, old.worked_on / 86400 - (old.worked_on % 86400 < 0), team, old.status,
	       coalesce(old.initiative_id, 0), -old.minutes
	FROM volunteer WHERE id = old.volunteer_id
	ON CONFLICT DO UPDATE SET minutes = minutes + excluded.minutes;
	INSERT INTO scope_hours_day (site, day, team, status, initiative_id, minutes)
	SELECT site, new.worked_on / 86400 - (new.worked_on % 86400 < 0), team, new.status,
	       coalesce(new.initiative_id, 0), new.minutes
	FROM volunteer WHERE id = new.volunteer_id
	ON CONFLICT DO UPDATE SET minutes = minutes + excluded.minutes;
END;

-- Places per initiative by the volunteer's current site and team, as
-- initiative_places of migration 006 is for everyone.
CREATE TABLE scope_places (
	site          TEXT NOT NULL,
	initiative_id INTEGER NOT NULL,
	team          TEXT NOT NULL,
	live          INTEGER NOT NULL,
	attended      INTEGER NOT NULL,
	no_shows      INTEGER NOT NULL,
	confirmed     INTEGER NOT NULL,
	PRIMARY KEY (site, initiative_id, team)
) WITHOUT ROWID;
CREATE INDEX scope_places_by_team ON scope_places (team, initiative_id);

INSERT INTO scope_places (site, initiative_id, team, live, attended, no_shows, confirmed)
SELECT v.site, s.initiative_id, v.team, total(s.status <> 'cancelled'),
       total(s.status = 'attended'), total(s.status = 'no-show'), total(s.status = 'confirmed')
FROM signup s JOIN volunteer v ON v.id = s.volunteer_id WHERE true GROUP BY 1, 2, 3;

CREATE TRIGGER signup_scope_insert AFTER INSERT ON signup BEGIN
	INSERT INTO scope_places (site, initiative_id, team, live, attended, no_shows, confirmed)
	SELECT site, new.initiative_id, team, new.status <> 'cancelled', new.status = 'attended',
	       new.status = 'no-show', new.status = 'confirmed'
	FROM volunteer WHERE id = new.volunteer_id
	ON CONFLICT DO UPDATE SET live = live + excluded.live,
		attended = attended + excluded.attended, no_shows = no_shows + excluded.no_shows,
		confirmed = confirmed + excluded.confirmed;
END;

CREATE TRIGGER signup_scope_delete AFTER DELETE ON signup BEGIN
	UPDATE scope_places SET live = live - (old.status <> 'cancelled'),
		attended = attended - (old.status = 'attended'),
		no_shows = no_shows - (old.status = 'no-show'),
		confirmed = confirmed - (old.status = 'confirmed')
	FROM volunteer v WHERE v.id = old.volunteer_id AND scope_places.site = v.site
	  AND scope_places.initiative_id = old.initiative_id AND scope_places.team = v.team;
END;

CREATE TRIGGER signup_scope_update AFTER UPDATE OF initiative_id, volunteer_id, status ON signup
BEGIN
	UPDATE scope_places SET live = live - (old.status <> 'cancelled'),
		attended = attended - (old.status = 'attended'),
		no_shows = no_shows - (old.status = 'no-show'),
		confirmed = confirmed - (old.status = 'confirmed')
	FROM volunteer v WHERE v.id = old.volunteer_id AND scope_places.site = v.site
	  AND scope_places.initiative_id = old.initiative_id AND scope_places.team = v.team;
	INSERT INTO scope_places (site, initiative_id, team, live, attended, no_shows, confirmed)
	SELECT site, new.initiative_id, team, new.status <> 'cancelled', new.status = 'attended',
	       new.status = 'no-show', new.status = 'confirmed'
	FROM volunteer WHERE id = new.volunteer_id
	ON CONFLICT DO UPDATE SET live = live + excluded.live,
		attended = attended + excluded.attended, no_shows = no_shows + excluded.no_shows,
		confirmed = confirmed + excluded.confirmed;
END;

-- A volunteer who moves to another site or team takes their hours and
-- places along (their figures follow their current site and team).
CREATE TRIGGER volunteer_scope_totals AFTER UPDATE OF site, team ON volunteer
WHEN old.site IS NOT new.site OR old.team IS NOT new.team BEGIN
	INSERT INTO scope_hours_day (site, day, team, status, initiative_id, minutes)
	SELECT old.site, worked_on / 86400 - (worked_on % 86400 < 0), old.team, status,
	       coalesce(initiative_id, 0), -sum(minutes)
	FROM hours WHERE volunteer_id = new.id GROUP BY 2, 4, 5
	ON CONFLICT DO UPDATE SET minutes = minutes + excluded.minutes;
	INSERT INTO scope_hours_day (site, day, team, status, initiative_id, minutes)
	SELECT new.site, worked_on / 86400 - (worked_on % 86400 < 0), new.team, status,
	       coalesce(initiative_id, 0), sum(minutes)
	FROM hours WHERE volunteer_id = new.id GROUP BY 2, 4, 5
	ON CONFLICT DO UPDATE SET minutes = minutes + excluded.minutes;
	INSERT INTO scope_places (site, initiative_id, team, live, attended, no_shows, confirmed)
	SELECT old.site, initiative_id, old.team, -total(status <> 'cancelled'),
	       -total(status = 'attended'), -total(status = 'no-show'), -total(status = 'confirmed')
	FROM signup WHERE volunteer_id = new.id GROUP BY initiative_id
	ON CONFLICT DO UPDATE SET live = live + excluded.live,
		attended = attended + excluded.attended, no_shows = no_shows + excluded.no_shows,
		confirmed = confirmed + excluded.confirmed;
	INSERT INTO scope_places (site, initiative_id, team, live, attended, no_shows, confirmed)
	SELECT new.site, initiative_id, new.team, total(status <> 'cancelled'),
	       total(status = 'attended'), total(status = 'no-show'), total(status = 'confirmed')
	FROM signup WHERE volunteer_id = new.id GROUP BY initiative_id
	ON CONFLICT DO UPDATE SET live = live + excluded.live,
		attended = attended + excluded.attended, no_shows = no_shows + excluded.no_shows,
		confirmed = confirmed + excluded.confirmed;
END;

-- Participation of a team asks, for each of its people, whether they took
-- part in the period: one look-up each, in the index alone.
CREATE INDEX activity_by_volunteer ON activity_day (volunteer_id, day, n);

-- The people of a category in a period are found from its day rows
-- (n: rows at 0 are skipped without reading the table).
CREATE INDEX activity_by_category ON activity_day (category, day, n);

-- Top teams of a category: the hours of its initiatives, by team.
CREATE INDEX scope_hours_by_initiative ON scope_hours_day (initiative_id, day);
