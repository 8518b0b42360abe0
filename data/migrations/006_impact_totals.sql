-- SPDX-License-Identifier: MIT
-- csrdesk schema, version 6: running totals for the Impact figures.
--
-- A year of figures summed from a million records took ~640 ms; these
-- tables hold the same sums per UTC day (or per initiative), so a year is a
-- few thousand rows. Triggers keep them current in the very transaction
-- that writes the records (so they can never disagree with them, whichever
-- program or statement writes). metrics.c reads whole UTC days from here and
-- the partial days at either end of a local period from the records.
--
-- A day is floor(t / 86400): SQLite's / truncates toward zero, so one is
-- taken off for a time before 1970 that is not a whole day.

-- Minutes of hours by the UTC day worked, status and initiative (0: hours
-- tied to no initiative); categories come from initiative at query time.
CREATE TABLE hours_day (
	day           INTEGER NOT NULL,
	status        TEXT NOT NULL,
	initiative_id INTEGER NOT NULL,
	minutes       INTEGER NOT NULL,
	PRIMARY KEY (day, status, initiative_id)
) WITHOUT ROWID;

-- Approved minutes by UTC day and the volunteer's current team.
CREATE TABLE team_hours_day (
	day     INTEGER NOT NULL,
	team    TEXT NOT NULL,
	minutes INTEGER NOT NULL,
	PRIMARY KEY (day, team)
) WITHOUT ROWID;

-- Places per initiative: live (not cancelled), and of those attended,
-- no-show and confirmed.
CREATE TABLE initiative_places (
	initiative_id INTEGER PRIMARY KEY,
	live          INTEGER NOT NULL,
	attended      INTEGER NOT NULL,
	no_shows      INTEGER NOT NULL,
	confirmed     INTEGER NOT NULL
);

-- Feedback per initiative: how many ratings and their sum.
CREATE TABLE initiative_ratings (
	initiative_id INTEGER PRIMARY KEY,
	ratings       INTEGER NOT NULL,
	rating_sum    INTEGER NOT NULL
);

INSERT INTO hours_day (day, status, initiative_id, minutes)
SELECT worked_on / 86400 - (worked_on % 86400 < 0), status, coalesce(initiative_id, 0),
       sum(minutes)
FROM hours WHERE true GROUP BY 1, 2, 3;

INSERT INTO team_hours_day (day, team, minutes)
SELECT h.worked_on / 86400 - (h.worked_on % 86400 < 0), v.team, sum(h.minutes)
FROM hours h JOIN volunteer v ON v.id = h.volunteer_id
WHERE h.status = 'approved' GROUP BY 1, 2;

INSERT INTO initiative_places (initiative_id, live, attended, no_shows, confirmed)
SELECT initiative_id, total(status <> 'cancelled'), total(status = 'attended'),
       total(status = 'no-show'), total(status = 'confirmed')
FROM signup WHERE true GROUP BY initiative_id;

INSERT INTO initiative_ratings (initiative_id, ratings, rating_sum)
SELECT initiative_id, count(*), sum(rating) FROM feedback WHERE true GROUP BY initiative_id;

-- hours: every insert adds, every delete takes away, an update does both.
CREATE TRIGGER hours_totals_insert AFTER INSERT ON hours BEGIN
	INSERT INTO hours_day (day, status, initiative_id, minutes)
	VALUES (new.worked_on / 86400 - (new.worked_on % 86400 < 0), new.status,
		coalesce(new.initiative_id, 0), new.minutes)
	ON CONFLICT DO UPDATE SET minutes = minutes + excluded.minutes;
	INSERT INTO team_hours_day (day, team, minutes)
	SELECT new.worked_on / 86400 - (new.worked_on % 86400 < 0), team, new.minutes
	FROM volunteer WHERE id = new.volunteer_id AND new.status = 'approved'
	ON CONFLICT DO UPDATE SET minutes = minutes + excluded.minutes;
END;

CREATE TRIGGER hours_totals_delete AFTER DELETE ON hours BEGIN
	INSERT INTO hours_day (day, status, initiative_id, minutes)
	VALUES (old.worked_on / 86400 - (old.worked_on % 86400 < 0), old.status,
		coalesce(old.initiative_id, 0), -old.minutes)
	ON CONFLICT DO UPDATE SET minutes = minutes + excluded.minutes;
	INSERT INTO team_hours_day (day, team, minutes)
	SELECT old.worked_on / 86400 - (old.worked_on % 86400 < 0), team, -old.minutes
	FROM volunteer WHERE id = old.volunteer_id AND old.status = 'approved'
	ON CONFLICT DO UPDATE SET minutes = minutes + excluded.minutes;
END;

CREATE TRIGGER hours_totals_update
AFTER UPDATE OF volunteer_id, initiative_id, worked_on, minutes, status ON hours BEGIN
	INSERT INTO hours_day (day, status, initiative_id, minutes)
	VALUES (old.worked_on / 86400 - (old.worked_on % 86400 < 0), old.status,
		coalesce(old.initiative_id, 0), -old.minutes)
	ON CONFLICT DO UPDATE SET minutes = minutes + excluded.minutes;
	INSERT INTO hours_day (day, status, initiative_id, minutes)
	VALUES (new.worked_on / 86400 - (new.worked_on % 86400 < 0), new.status,
		coalesce(new.initiative_id, 0), new.minutes)
	ON CONFLICT DO UPDATE SET minutes = minutes + excluded.minutes;
	INSERT INTO team_hours_day (day, team, minutes)
	SELECT old.worked_on / 86400 - (old.worked_on % 86400 < 0), team, -old.minutes
	FROM volunteer WHERE id = old.volunteer_id AND old.status = 'approved'
	ON CONFLICT DO UPDATE SET minutes = minutes + excluded.minutes;
	INSERT INTO team_hours_day (day, team, minutes)
	SELECT new.worked_on / 86400 - (new.worked_on % 86400 < 0), team, new.minutes
	FROM volunteer WHERE id = new.volunteer_id AND new.status = 'approved'
	ON CONFLICT DO UPDATE SET minutes = minutes + excluded.minutes;
END;

-- A volunteer who changes team takes their approved hours along.
CREATE TRIGGER volunteer_team_totals AFTER UPDATE OF team ON volunteer
WHEN old.team IS NOT new.team BEGIN
	INSERT INTO team_hours_day (day, team, minutes)
	SELECT worked_on / 86400 - (worked_on % 86400 < 0), old.team, -sum(minutes)
	FROM hours WHERE volunteer_id = new.id AND status = 'approved' GROUP BY 1
	ON CONFLICT DO UPDATE SET minutes = minutes + excluded.minutes;
	INSERT INTO team_hours_day (day, team, minutes)
	SELECT worked_on / 86400 - (worked_on % 86400 < 0), new.team, sum(minutes)
	FROM hours WHERE volunteer_id = new.id AND status = 'approved' GROUP BY 1
	ON CONFLICT DO UPDATE SET minutes = minutes + excluded.minutes;
END;

-- signup: the same for places.
CREATE TRIGGER signup_totals_insert AFTER INSERT ON signup BEGIN
	INSERT INTO initiative_places (initiative_id, live, attended, no_shows, confirmed)
	VALUES (new.initiative_id, new.status <> 'cancelled', new.status = 'attended',
		new.status = 'no-show', new.status = 'confirmed')
	ON CONFLICT DO UPDATE SET live = live + excluded.live,
		attended = attended + excluded.attended, no_shows = no_shows + excluded.no_shows,
		confirmed = confirmed + excluded.confirmed;
END;

CREATE TRIGGER signup_totals_delete AFTER DELETE ON signup BEGIN
	UPDATE initiative_places SET live = live - (old.status <> 'cancelled'),
		attended = attended - (old.status = 'attended'),
		no_shows = no_shows - (old.status = 'no-show'),
		confirmed = confirmed - (old.status = 'confirmed')
	WHERE initiative_id = old.initiative_id;
END;

CREATE TRIGGER signup_totals_update AFTER UPDATE OF initiative_id, status ON signup BEGIN
	UPDATE initiative_places SET live = live - (old.status <> 'cancelled'),
		attended = attended - (old.status = 'attended'),
		no_shows = no_shows - (old.status = 'no-show'),
		confirmed = confirmed - (old.status = 'confirmed')
	WHERE initiative_id = old.initiative_id;
	INSERT INTO initiative_places (initiative_id, live, attended, no_shows, confirmed)
	VALUES (new.initiative_id, new.status <> 'cancelled', new.status = 'attended',
		new.status = 'no-show', new.status = 'confirmed')
	ON CONFLICT DO UPDATE SET live = live + excluded.live,
		attended = attended + excluded.attended, no_shows = no_shows + excluded.no_shows,
		confirmed = confirmed + excluded.confirmed;
END;

-- feedback: the same for ratings.
CREATE TRIGGER feedback_totals_insert AFTER INSERT ON feedback BEGIN
	INSERT INTO initiative_ratings (initiative_id, ratings, rating_sum)
	VALUES (new.initiative_id, 1, new.rating)
	ON CONFLICT DO UPDATE SET ratings = ratings + 1, rating_sum = rating_sum + excluded.rating_sum;
END;

CREATE TRIGGER feedback_totals_delete AFTER DELETE ON feedback BEGIN
	UPDATE initiative_ratings SET ratings = ratings - 1, rating_sum = rating_sum - old.rating
	WHERE initiative_id = old.initiative_id;
END;

CREATE TRIGGER feedback_totals_update AFTER UPDATE OF initiative_id, rating ON feedback BEGIN
	UPDATE initiative_ratings SET ratings = ratings - 1, rating_sum = rating_sum - old.rating
	WHERE initiative_id = old.initiative_id;
	INSERT INTO initiative_ratings (initiative_id, ratings, rating_sum)
	VALUES (new.initiative_id, 1, new.rating)
	ON CONFLICT DO UPDATE SET ratings = ratings + 1, rating_sum = rating_sum + excluded.rating_sum;
END;

-- Who took part, by UTC day: approved hours by the day worked, attended
-- places by the day their initiative starts, with the initiative's category
-- ('' for hours tied to none); n counts the records behind a row (rows at
-- 0 are removed, except after an initiative moved: readers skip them).
-- Participation counts the distinct people here: a row per person and day
-- rather than one per record.
CREATE TABLE activity_day (
	day          INTEGER NOT NULL,
	category     TEXT NOT NULL,
	volunteer_id INTEGER NOT NULL,
	n            INTEGER NOT NULL,
	PRIMARY KEY (day, category, volunteer_id)
) WITHOUT ROWID;

-- The active volunteers in id order, read from the index alone.
CREATE INDEX volunteer_by_active ON volunteer (active);

INSERT INTO activity_day (day, category, volunteer_id, n)
SELECT day, category, volunteer_id, count(*) FROM (
	SELECT h.worked_on / 86400 - (h.worked_on % 86400 < 0) AS day,
	       coalesce(i.category, '') AS category, h.volunteer_id
	FROM hours h LEFT JOIN initiative i ON i.id = h.initiative_id
	WHERE h.status = 'approved'
	UNION ALL
	SELECT i.starts_at / 86400 - (i.starts_at % 86400 < 0), i.category, s.volunteer_id
	FROM signup s JOIN initiative i ON i.id = s.initiative_id
	WHERE s.status = 'attended')
WHERE true GROUP BY 1, 2, 3;

CREATE TRIGGER hours_activity_insert AFTER INSERT ON hours
WHEN new.status = 'approved' BEGIN
	INSERT INTO activity_day (day, category, volunteer_id, n)
	VALUES (new.worked_on / 86400 - (new.worked_on % 86400 < 0),
		coalesce((SELECT category FROM initiative WHERE id = new.initiative_id), ''),
		new.volunteer_id, 1)
	ON CONFLICT DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER hours_activity_delete AFTER DELETE ON hours
WHEN old.status = 'approved' BEGIN
	UPDATE activity_day SET n = n - 1
	WHERE day = old.worked_on / 86400 - (old.worked_on % 86400 < 0)
	  AND category = coalesce((SELECT category FROM initiative WHERE id = old.initiative_id), '')
	  AND volunteer_id = old.volunteer_id;
	DELETE FROM activity_day WHERE n = 0
	  AND day = old.worked_on / 86400 - (old.worked_on % 86400 < 0)
	  AND volunteer_id = old.volunteer_id;
END;

CREATE TRIGGER hours_activity_update
AFTER UPDATE OF volunteer_id, initiative_id, worked_on, status ON hours
WHEN old.status = 'approved' OR new.status = 'approved' BEGIN
	UPDATE activity_day SET n = n - 1
	WHERE old.status = 'approved'
	  AND day = old.worked_on / 86400 - (old.worked_on % 86400 < 0)
	  AND category = coalesce((SELECT category FROM initiative WHERE id = old.initiative_id), '')
	  AND volunteer_id = old.volunteer_id;
	DELETE FROM activity_day WHERE n = 0
	  AND day = old.worked_on / 86400 - (old.worked_on % 86400 < 0)
	  AND volunteer_id = old.volunteer_id;
	INSERT INTO activity_day (day, category, volunteer_id, n)
	SELECT new.worked_on / 86400 - (new.worked_on % 86400 < 0),
	       coalesce((SELECT category FROM initiative WHERE id = new.initiative_id), ''),
	       new.volunteer_id, 1
	WHERE new.status = 'approved'
	ON CONFLICT DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER signup_activity_insert AFTER INSERT ON signup
WHEN new.status = 'attended' BEGIN
	INSERT INTO activity_day (day, category, volunteer_id, n)
	SELECT starts_at / 86400 - (starts_at % 86400 < 0), category, new.volunteer_id, 1
	FROM initiative WHERE id = new.initiative_id
	ON CONFLICT DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER signup_activity_delete AFTER DELETE ON signup
WHEN old.status = 'attended' BEGIN
	UPDATE activity_day SET n = n - 1
	WHERE (day, category) = (SELECT starts_at / 86400 - (starts_at % 86400 < 0), category
				 FROM initiative WHERE id = old.initiative_id)
	  AND volunteer_id = old.volunteer_id;
	DELETE FROM activity_day WHERE n = 0 AND volunteer_id = old.volunteer_id
	  AND day = (SELECT starts_at / 86400 - (starts_at % 86400 < 0) FROM initiative
		     WHERE id = old.initiative_id);
END;

CREATE TRIGGER signup_activity_update
AFTER UPDATE OF initiative_id, volunteer_id, status ON signup
WHEN old.status = 'attended' OR new.status = 'attended' BEGIN
	UPDATE activity_day SET n = n - 1
	WHERE old.status = 'attended'
	  AND (day, category) = (SELECT starts_at / 86400 - (starts_at % 86400 < 0), category
				 FROM initiative WHERE id = old.initiative_id)
	  AND volunteer_id = old.volunteer_id;
	DELETE FROM activity_day WHERE n = 0 AND volunteer_id = old.volunteer_id
	  AND day = (SELECT starts_at / 86400 - (starts_at % 86400 < 0) FROM initiative
		     WHERE id = old.initiative_id);
	INSERT INTO activity_day (day, category, volunteer_id, n)
	SELECT starts_at / 86400 - (starts_at % 86400 < 0), category, new.volunteer_id, 1
	FROM initiative WHERE id = new.initiative_id AND new.status = 'attended'
	ON CONFLICT DO UPDATE SET n = n + 1;
END;

-- An initiative that moves to another day or category takes its attended
-- places along, and its approved hours to the new category.
CREATE TRIGGER initiative_activity AFTER UPDATE OF starts_at, category ON initiative
WHEN old.starts_at IS NOT new.starts_at OR old.category IS NOT new.category BEGIN
	UPDATE activity_day SET n = n - x.c
	FROM (SELECT volunteer_id, count(*) AS c FROM signup
	      WHERE initiative_id = new.id AND status = 'attended' GROUP BY volunteer_id) AS x
	WHERE activity_day.day = old.starts_at / 86400 - (old.starts_at % 86400 < 0)
	  AND activity_day.category = old.category AND activity_day.volunteer_id = x.volunteer_id;
	UPDATE activity_day SET n = n - x.c
	FROM (SELECT worked_on / 86400 - (worked_on % 86400 < 0) AS day, volunteer_id,
		     count(*) AS c FROM hours
	      WHERE initiative_id = new.id AND status = 'approved' GROUP BY 1, 2) AS x
	WHERE activity_day.day = x.day AND activity_day.category = old.category
	  AND activity_day.volunteer_id = x.volunteer_id;
	INSERT INTO activity_day (day, category, volunteer_id, n)
	SELECT new.starts_at / 86400 - (new.starts_at % 86400 < 0), new.category, volunteer_id,
	       count(*)
	FROM signup WHERE initiative_id = new.id AND status = 'attended' GROUP BY volunteer_id
	ON CONFLICT DO UPDATE SET n = n + excluded.n;
	INSERT INTO activity_day (day, category, volunteer_id, n)
	SELECT worked_on / 86400 - (worked_on % 86400 < 0), new.category, volunteer_id, count(*)
	FROM hours WHERE initiative_id = new.id AND status = 'approved' GROUP BY 1, 3
	ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;
