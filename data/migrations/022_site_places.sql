-- SPDX-License-Identifier: MIT
-- csrdesk schema, version 22: a site's places and ratings per initiative
-- without the team.
--
-- scope_places (migrations 13 and 15) keeps the places and ratings per
-- site, initiative and team. A site's sign-ups, attendance, rating and the
-- initiatives its people attended need no team, yet read a row per team of
-- the site for every initiative of the period (at 500,000 volunteers, a
-- hundred teams to a site: 118 ms for a site's places, 90 ms for its
-- rating). site_places holds the same counts summed over the teams, kept
-- by triggers on scope_places itself, so that every write that moves them
-- there (a place or a rating written, a volunteer moved) moves them here
-- in the same transaction, as site_hours_day does for hours (migration 18).
CREATE TABLE site_places (
	site          TEXT NOT NULL,
	initiative_id INTEGER NOT NULL,
	live          INTEGER NOT NULL,
	attended      INTEGER NOT NULL,
	no_shows      INTEGER NOT NULL,
	confirmed     INTEGER NOT NULL,
	ratings       INTEGER NOT NULL,
	rating_sum    INTEGER NOT NULL,
	PRIMARY KEY (site, initiative_id)
) WITHOUT ROWID;

INSERT INTO site_places (site, initiative_id, live, attended, no_shows, confirmed, ratings,
			 rating_sum)
SELECT site, initiative_id, sum(live), sum(attended), sum(no_shows), sum(confirmed),
       sum(ratings), sum(rating_sum)
FROM scope_places WHERE true GROUP BY 1, 2;

CREATE TRIGGER scope_places_site_insert AFTER INSERT ON scope_places BEGIN
	INSERT INTO site_places (site, initiative_id, live, attended, no_shows, confirmed,
				 ratings, rating_sum)
	VALUES (new.site, new.initiative_id, new.live, new.attended, new.no_shows, new.confirmed,
		new.ratings, new.rating_sum)
	ON CONFLICT DO UPDATE SET live = live + excluded.live,
		attended = attended + excluded.attended, no_shows = no_shows + excluded.no_shows,
		confirmed = confirmed + excluded.confirmed, ratings = ratings + excluded.ratings,
		rating_sum = rating_sum + excluded.rating_sum;
END;

CREATE TRIGGER scope_places_site_update AFTER UPDATE ON scope_places BEGIN
	INSERT INTO site_places (site, initiative_id, live, attended, no_shows, confirmed,
				 ratings, rating_sum)
	VALUES (old.site, old.initiative_id, -old.live, -old.attended, -old.no_shows,
		-old.confirmed, -old.ratings, -old.rating_sum)
	ON CONFLICT DO UPDATE SET live = live + excluded.live,
		attended = attended + excluded.attended, no_shows = no_shows + excluded.no_shows,
		confirmed = confirmed + excluded.confirmed, ratings = ratings + excluded.ratings,
		rating_sum = rating_sum + excluded.rating_sum;
	INSERT INTO site_places (site, initiative_id, live, attended, no_shows, confirmed,
				 ratings, rating_sum)
	VALUES (new.site, new.initiative_id, new.live, new.attended, new.no_shows, new.confirmed,
		new.ratings, new.rating_sum)
	ON CONFLICT DO UPDATE SET live = live + excluded.live,
		attended = attended + excluded.attended, no_shows = no_shows + excluded.no_shows,
		confirmed = confirmed + excluded.confirmed, ratings = ratings + excluded.ratings,
		rating_sum = rating_sum + excluded.rating_sum;
END;

CREATE TRIGGER scope_places_site_delete AFTER DELETE ON scope_places BEGIN
	INSERT INTO site_places (site, initiative_id, live, attended, no_shows, confirmed,
				 ratings, rating_sum)
	VALUES (old.site, old.initiative_id, -old.live, -old.attended, -old.no_shows,
		-old.confirmed, -old.ratings, -old.rating_sum)
	ON CONFLICT DO UPDATE SET live = live + excluded.live,
		attended = attended + excluded.attended, no_shows = no_shows + excluded.no_shows,
		confirmed = confirmed + excluded.confirmed, ratings = ratings + excluded.ratings,
		rating_sum = rating_sum + excluded.rating_sum;
END;
