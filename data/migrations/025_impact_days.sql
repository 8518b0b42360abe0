-- SPDX-License-Identifier: MIT
-- csrdesk schema, version 25: the impact metrics kept per scope and day.
--
-- A count of the impact metrics (a metric's total, its goals set and met)
-- read every initiative of the period with its impact records and goals,
-- and under a site or team scope whether someone of it attended: at 500,000
-- volunteers 17,000 initiatives a year, 74-84 ms. Impact belongs to the
-- period in which its initiative starts, so its sums can be kept per scope
-- and UTC start day, as the hours are per day worked: a count then reads a
-- row per day and metric, and the initiatives of the period's partial edge
-- days (metrics.c).
--
-- initiative_metric: per initiative and metric, the sum of the impact
--   values not voided and the goal's target (NULL: no goal); a row where
--   either exists.
-- impact_day: per scope (kind 0 everyone with value '', 1 site, 2 team, 3
--   category, as csr_scope_kind), UTC day and metric, over the initiatives
--   starting that day that are not cancelled (under a site or team, those
--   that someone of it attended: scope_places.attended > 0): total, goal
--   (the targets summed), goals_set, goals_met (the initiative's total
--   reaches its target).
--
-- Both are recomputed from the records, never moved by differences, so
-- their REAL sums cannot drift from what the records say: a write names
-- what it touched by inserting into the views impact_refresh (an
-- initiative and metric) and impact_day_refresh (a scope and day), whose
-- INSTEAD OF triggers recompute those rows. A day is floor(t / 86400), as in
-- migration 006. A sign-up or a cancellation touches neither: only a
-- team's first attendee of an initiative, or its last one leaving,
-- recomputes a day (of that team and site).
CREATE TABLE initiative_metric (
	initiative_id INTEGER NOT NULL,
	metric        TEXT NOT NULL,
	total         REAL NOT NULL,
	target        REAL,
	PRIMARY KEY (initiative_id, metric)
) WITHOUT ROWID;

CREATE TABLE impact_day (
	kind      INTEGER NOT NULL,
	value     TEXT NOT NULL,
	day       INTEGER NOT NULL,
	metric    TEXT NOT NULL,
	total     REAL NOT NULL,
	goal      REAL NOT NULL,
	goals_set INTEGER NOT NULL,
	goals_met INTEGER NOT NULL,
	PRIMARY KEY (kind, value, day, metric)
) WITHOUT ROWID;

-- The scopes whose figures an initiative's impact counts in: everyone, its
-- category, and the sites and teams (today's, as scope_places keeps them)
-- of the people who attended it.
CREATE VIEW initiative_scopes (initiative_id, kind, value) AS
	SELECT id, 0, '' FROM initiative
	UNION ALL SELECT id, 3, category FROM initiative
	UNION ALL SELECT s.initiative_id, 1, v.site FROM signup s
		JOIN volunteer v ON v.id = s.volunteer_id WHERE s.status = 'attended'
	UNION ALL SELECT s.initiative_id, 2, v.team FROM signup s
		JOIN volunteer v ON v.id = s.volunteer_id WHERE s.status = 'attended';

CREATE VIEW impact_day_refresh (kind, value, day) AS SELECT NULL, NULL, NULL WHERE 0;

CREATE TRIGGER impact_day_refresh_rows INSTEAD OF INSERT ON impact_day_refresh BEGIN
	DELETE FROM impact_day WHERE kind = new.kind AND value = new.value AND day = new.day;
	INSERT INTO impact_day (kind, value, day, metric, total, goal, goals_set, goals_met)
	SELECT new.kind, new.value, new.day, m.metric, total(m.total), total(m.target),
	       count(m.target), count(CASE WHEN m.total >= m.target THEN 1 END)
	FROM initiative i CROSS JOIN initiative_metric m ON m.initiative_id = i.id
	WHERE i.starts_at >= new.day * 86400 AND i.starts_at < new.day * 86400 + 86400
	  AND i.status <> 'cancelled'
	  AND CASE new.kind WHEN 0 THEN 1 WHEN 3 THEN i.category = new.value
	      WHEN 1 THEN EXISTS (SELECT 1 FROM scope_places t WHERE t.site = new.value
				  AND t.initiative_id = i.id AND t.attended > 0)
	      ELSE EXISTS (SELECT 1 FROM scope_places t WHERE t.team = new.value
			   AND t.initiative_id = i.id AND t.attended > 0) END
	GROUP BY m.metric;
END;

CREATE VIEW impact_refresh (initiative_id, metric) AS SELECT NULL, NULL WHERE 0;

CREATE TRIGGER impact_refresh_rows INSTEAD OF INSERT ON impact_refresh BEGIN
	DELETE FROM initiative_metric
	WHERE initiative_id = new.initiative_id AND metric = new.metric;
	INSERT INTO initiative_metric (initiative_id, metric, total, target)
	SELECT new.initiative_id, new.metric,
	       (SELECT total(value) FROM impact WHERE initiative_id = new.initiative_id
		AND metric = new.metric AND voided_at IS NULL),
	       (SELECT target FROM initiative_goal WHERE initiative_id = new.initiative_id
		AND metric = new.metric)
	WHERE EXISTS (SELECT 1 FROM impact WHERE initiative_id = new.initiative_id
		      AND metric = new.metric AND voided_at IS NULL)
	   OR EXISTS (SELECT 1 FROM initiative_goal WHERE initiative_id = new.initiative_id
		      AND metric = new.metric);
	INSERT INTO impact_day_refresh (kind, value, day)
	SELECT DISTINCT c.kind, c.value, i.starts_at / 86400 - (i.starts_at % 86400 < 0)
	FROM initiative i, initiative_scopes c
	WHERE i.id = new.initiative_id AND c.initiative_id = new.initiative_id;
END;

-- The sums of the records so far. Nothing here sorts more than a day's rows:
-- a migration runs beside the sessions of a call center, and one GROUP BY
-- over every scope's rows held 0.8 GB at 500,000 volunteers (temp_store is
-- memory). A goal's rows come in key order, the records' by their index, and
-- the days one by one (impact_day_fill).
INSERT INTO initiative_metric (initiative_id, metric, total, target)
SELECT initiative_id, metric, 0, target FROM initiative_goal WHERE true;
INSERT INTO initiative_metric (initiative_id, metric, total, target)
SELECT initiative_id, metric, total(value), NULL FROM impact WHERE voided_at IS NULL
GROUP BY initiative_id, metric
ON CONFLICT DO UPDATE SET total = excluded.total;

CREATE VIEW impact_day_fill (day) AS SELECT NULL WHERE 0;

CREATE TRIGGER impact_day_fill_rows INSTEAD OF INSERT ON impact_day_fill BEGIN
	INSERT INTO impact_day (kind, value, day, metric, total, goal, goals_set, goals_met)
	SELECT k.kind, k.value, new.day, m.metric, total(m.total), total(m.target),
	       count(m.target), count(CASE WHEN m.total >= m.target THEN 1 END)
	FROM (SELECT i.id, 0 AS kind, '' AS value FROM initiative i
	      WHERE i.starts_at >= new.day * 86400 AND i.starts_at < new.day * 86400 + 86400
	      UNION SELECT i.id, 3, i.category FROM initiative i
	      WHERE i.starts_at >= new.day * 86400 AND i.starts_at < new.day * 86400 + 86400
	      UNION SELECT i.id, 1, v.site FROM initiative i
	      CROSS JOIN signup s ON s.initiative_id = i.id AND s.status = 'attended'
	      CROSS JOIN volunteer v ON v.id = s.volunteer_id
	      WHERE i.starts_at >= new.day * 86400 AND i.starts_at < new.day * 86400 + 86400
	      UNION SELECT i.id, 2, v.team FROM initiative i
	      CROSS JOIN signup s ON s.initiative_id = i.id AND s.status = 'attended'
	      CROSS JOIN volunteer v ON v.id = s.volunteer_id
	      WHERE i.starts_at >= new.day * 86400 AND i.starts_at < new.day * 86400 + 86400) k
	CROSS JOIN initiative i ON i.id = k.id AND i.status <> 'cancelled'
	CROSS JOIN initiative_metric m ON m.initiative_id = k.id
	GROUP BY k.kind, k.value, m.metric;
END;

INSERT INTO impact_day_fill (day)
SELECT DISTINCT starts_at / 86400 - (starts_at % 86400 < 0) FROM initiative;

DROP TRIGGER impact_day_fill_rows;
DROP VIEW impact_day_fill;

-- Impact records and goals: their initiative and metric, before and after.
CREATE TRIGGER impact_metric_insert AFTER INSERT ON impact BEGIN
	INSERT INTO impact_refresh VALUES (new.initiative_id, new.metric);
END;

CREATE TRIGGER impact_metric_update AFTER UPDATE OF initiative_id, metric, value, voided_at
ON impact BEGIN
	INSERT INTO impact_refresh SELECT old.initiative_id, old.metric
	UNION SELECT new.initiative_id, new.metric;
END;

CREATE TRIGGER impact_metric_delete AFTER DELETE ON impact BEGIN
	INSERT INTO impact_refresh VALUES (old.initiative_id, old.metric);
END;

CREATE TRIGGER initiative_goal_metric_insert AFTER INSERT ON initiative_goal BEGIN
	INSERT INTO impact_refresh VALUES (new.initiative_id, new.metric);
END;

CREATE TRIGGER initiative_goal_metric_update AFTER UPDATE ON initiative_goal BEGIN
	INSERT INTO impact_refresh SELECT old.initiative_id, old.metric
	UNION SELECT new.initiative_id, new.metric;
END;

CREATE TRIGGER initiative_goal_metric_delete AFTER DELETE ON initiative_goal BEGIN
	INSERT INTO impact_refresh VALUES (old.initiative_id, old.metric);
END;

-- An initiative moved to another day or category, cancelled or restored:
-- the days it leaves and the days it comes to.
CREATE TRIGGER initiative_impact_days AFTER UPDATE OF starts_at, status, category ON initiative
WHEN (old.starts_at <> new.starts_at OR old.category IS NOT new.category
      OR (old.status = 'cancelled') <> (new.status = 'cancelled'))
 AND EXISTS (SELECT 1 FROM initiative_metric WHERE initiative_id = new.id) BEGIN
	INSERT INTO impact_day_refresh (kind, value, day)
	SELECT kind, CASE kind WHEN 3 THEN old.category ELSE value END,
	       old.starts_at / 86400 - (old.starts_at % 86400 < 0)
	FROM initiative_scopes WHERE initiative_id = new.id
	UNION SELECT kind, value, new.starts_at / 86400 - (new.starts_at % 86400 < 0)
	FROM initiative_scopes WHERE initiative_id = new.id;
END;

-- An initiative removed (one without places or impact; its goals go with
-- it, before or after this trigger).
CREATE TRIGGER initiative_impact_delete AFTER DELETE ON initiative BEGIN
	INSERT INTO impact_day_refresh (kind, value, day)
	VALUES (0, '', old.starts_at / 86400 - (old.starts_at % 86400 < 0)),
	       (3, old.category, old.starts_at / 86400 - (old.starts_at % 86400 < 0));
END;

-- A team of a site gains an initiative's first attendee or loses its last
-- (attendance recorded or undone, a person moved to another team or site):
-- the initiative's day for that team and site (attended_refresh). Sign-ups
-- and cancellations leave attended as it was and recompute nothing.
CREATE VIEW attended_refresh (site, team, initiative_id) AS SELECT NULL, NULL, NULL WHERE 0;

CREATE TRIGGER attended_refresh_days INSTEAD OF INSERT ON attended_refresh BEGIN
	INSERT INTO impact_day_refresh (kind, value, day)
	SELECT 1, new.site, starts_at / 86400 - (starts_at % 86400 < 0)
	FROM initiative WHERE id = new.initiative_id
	UNION ALL SELECT 2, new.team, starts_at / 86400 - (starts_at % 86400 < 0)
	FROM initiative WHERE id = new.initiative_id;
END;

CREATE TRIGGER scope_places_impact_insert AFTER INSERT ON scope_places
WHEN new.attended > 0
 AND EXISTS (SELECT 1 FROM initiative_metric WHERE initiative_id = new.initiative_id) BEGIN
	INSERT INTO attended_refresh VALUES (new.site, new.team, new.initiative_id);
END;

CREATE TRIGGER scope_places_impact_update AFTER UPDATE OF attended ON scope_places
WHEN (old.attended > 0) <> (new.attended > 0)
 AND EXISTS (SELECT 1 FROM initiative_metric WHERE initiative_id = new.initiative_id) BEGIN
	INSERT INTO attended_refresh VALUES (new.site, new.team, new.initiative_id);
END;

CREATE TRIGGER scope_places_impact_delete AFTER DELETE ON scope_places
WHEN old.attended > 0
 AND EXISTS (SELECT 1 FROM initiative_metric WHERE initiative_id = old.initiative_id) BEGIN
	INSERT INTO attended_refresh VALUES (old.site, old.team, old.initiative_id);
END;
