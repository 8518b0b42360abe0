-- SPDX-License-Identifier: MIT
-- csrdesk schema, version 15: the ratings of a site or a team are kept as
-- totals, as their places are.
--
-- The average rating of a site or a team read every rating of the period
-- and kept those of the scope's people (15-30 ms at 50,000 volunteers, ten
-- times that at 500,000). scope_places now also holds, per initiative,
-- site and team, how many ratings the people of that site and team gave
-- and their sum, kept by the same kind of triggers in the same
-- transaction as every write; a volunteer who moves to another site or
-- team takes their ratings along, as their hours and places.
ALTER TABLE scope_places ADD COLUMN ratings INTEGER NOT NULL DEFAULT 0;
ALTER TABLE scope_places ADD COLUMN rating_sum INTEGER NOT NULL DEFAULT 0;

INSERT INTO scope_places (site, initiative_id, team, live, attended, no_shows, confirmed,
			  ratings, rating_sum)
SELECT v.site, f.initiative_id, v.team, 0, 0, 0, 0, count(*), sum(f.rating)
FROM feedback f JOIN volunteer v ON v.id = f.volunteer_id WHERE true GROUP BY 1, 2, 3
ON CONFLICT DO UPDATE SET ratings = excluded.ratings, rating_sum = excluded.rating_sum;

CREATE TRIGGER feedback_scope_insert AFTER INSERT ON feedback BEGIN
	INSERT INTO scope_places (site, initiative_id, team, live, attended, no_shows, confirmed,
				  ratings, rating_sum)
	SELECT site, new.initiative_id, team, 0, 0, 0, 0, 1, new.rating
	FROM volunteer WHERE id = new.volunteer_id
	ON CONFLICT DO UPDATE SET ratings = ratings + 1,
		rating_sum = rating_sum + excluded.rating_sum;
END;

CREATE TRIGGER feedback_scope_delete AFTER DELETE ON feedback BEGIN
	UPDATE scope_places SET ratings = ratings - 1, rating_sum = rating_sum - old.rating
	FROM volunteer v WHERE v.id = old.volunteer_id AND scope_places.site = v.site
	  AND scope_places.initiative_id = old.initiative_id AND scope_places.team = v.team;
END;

CREATE TRIGGER feedback_scope_update
AFTER UPDATE OF initiative_id, volunteer_id, rating ON feedback BEGIN
	UPDATE scope_places SET ratings = ratings - 1, rating_sum = rating_sum - old.rating
	FROM volunteer v WHERE v.id = old.volunteer_id AND scope_places.site = v.site
	  AND scope_places.initiative_id = old.initiative_id AND scope_places.team = v.team;
	INSERT INTO scope_places (site, initiative_id, team, live, attended, no_shows, confirmed,
				  ratings, rating_sum)
	SELECT site, new.initiative_id, team, 0, 0, 0, 0, 1, new.rating
	FROM volunteer WHERE id = new.volunteer_id
	ON CONFLICT DO UPDATE SET ratings = ratings + 1,
		rating_sum = rating_sum + excluded.rating_sum;
END;

-- The move of migration 13's trigger, now with the ratings.
DROP TRIGGER volunteer_scope_totals;
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
	-- places and ratings per initiative, taken from the old site and team
	-- and given to the new ones
	INSERT INTO scope_places (site, initiative_id, team, live, attended, no_shows, confirmed,
				  ratings, rating_sum)
	SELECT site, initiative_id, team, sign * total(live), sign * total(attended),
	       sign * total(no_shows), sign * total(confirmed), sign * total(ratings),
	       sign * total(rating_sum)
	FROM (SELECT initiative_id, status <> 'cancelled' AS live, status = 'attended' AS attended,
		     status = 'no-show' AS no_shows, status = 'confirmed' AS confirmed,
		     0 AS ratings, 0 AS rating_sum
	      FROM signup WHERE volunteer_id = new.id
	      UNION ALL
	      SELECT initiative_id, 0, 0, 0, 0, 1, rating FROM feedback WHERE volunteer_id = new.id)
	CROSS JOIN (SELECT old.site AS site, old.team AS team, -1 AS sign
		    UNION ALL SELECT new.site, new.team, 1)
	WHERE true GROUP BY site, team, sign, initiative_id
	ON CONFLICT DO UPDATE SET live = live + excluded.live,
		attended = attended + excluded.attended, no_shows = no_shows + excluded.no_shows,
		confirmed = confirmed + excluded.confirmed, ratings = ratings + excluded.ratings,
		rating_sum = rating_sum + excluded.rating_sum;
END;

-- A volunteer's ratings are found without reading every rating (the move
-- above, and feedback of one person).
CREATE INDEX IF NOT EXISTS feedback_by_volunteer ON feedback (volunteer_id);
