-- SPDX-License-Identifier: MIT
-- csrdesk schema, version 23: how many people took part, kept per range of
-- days once counted.
--
-- Participation counts the distinct active people of a scope with an
-- attended place or approved hours in the period. For everyone and for a
-- site that meant reading every person-day row of the period
-- (activity_day): at 500,000 volunteers a year holds 1.8 million of them,
-- about 190 ms of every count of the year, again at every write (and for a
-- category its own rows and the list of everyone active, 120 ms). Distinct
-- people cannot be added up from daily totals, so the count itself is
-- kept: the first count of a scope over a range of whole days
-- (src/core/metrics.c) stores its result here, and from then on the
-- triggers below move it with every write that can change it, as the other
-- running totals are moved. A count reads one row, and then only the few
-- records on the period's partial edge days.
--
-- participation_range: participants = the active people of the scope
-- (kind 0: everyone, value ''; kind 1: the site named value; kind 2:
-- everyone, with a row of the category named value) with a row in
-- activity_day on a day in [lo, hi) (days since 1970-01-01, UTC). A few
-- rows only (metrics.c keeps the newest 16): every change of a person's
-- first or last day in a range looks at each row whose range holds it.
-- Aggregates only, like every running total.
CREATE TABLE participation_range (
	kind         INTEGER NOT NULL CHECK (kind IN (0, 1, 2)),
	value        TEXT NOT NULL,
	lo           INTEGER NOT NULL,
	hi           INTEGER NOT NULL,
	participants INTEGER NOT NULL,
	made         INTEGER NOT NULL,
	PRIMARY KEY (kind, value, lo, hi)
) WITHOUT ROWID;

-- The newest first, for keeping 16. (The triggers below read all of those
-- few rows: no index finds the ranges that hold a day.)
CREATE INDEX participation_range_by_made ON participation_range (made);

-- A person's first day in a range: one more participant in each range
-- holding that day, of everyone, of the person's site and of the day's
-- category, if the person is active and had no other day there (of that
-- category, for a category's range). Only rows with n > 0 count: most
-- triggers of migration 6 delete a row as n reaches 0, but an initiative
-- moved to another day leaves its old rows at 0, and one moved back brings
-- them above 0 again; the update trigger follows n across 0.
CREATE TRIGGER activity_range_insert AFTER INSERT ON activity_day WHEN new.n > 0 BEGIN
	UPDATE participation_range SET participants = participants + 1
	WHERE new.day >= lo AND new.day < hi
	  AND (kind = 0 OR (kind = 1 AND value = (SELECT site FROM volunteer
						   WHERE id = new.volunteer_id))
	       OR (kind = 2 AND value = new.category))
	  AND (SELECT active FROM volunteer WHERE id = new.volunteer_id) = 1
	  AND NOT EXISTS (SELECT 1 FROM activity_day d WHERE d.volunteer_id = new.volunteer_id
			  AND d.day >= lo AND d.day < hi AND d.n > 0
			  AND (kind <> 2 OR d.category = value)
			  AND (d.day <> new.day OR d.category <> new.category));
END;

-- A person's last day in a range gone: one fewer.
CREATE TRIGGER activity_range_delete AFTER DELETE ON activity_day WHEN old.n > 0 BEGIN
	UPDATE participation_range SET participants = participants - 1
	WHERE old.day >= lo AND old.day < hi
	  AND (kind = 0 OR (kind = 1 AND value = (SELECT site FROM volunteer
						   WHERE id = old.volunteer_id))
	       OR (kind = 2 AND value = old.category))
	  AND (SELECT active FROM volunteer WHERE id = old.volunteer_id) = 1
	  AND NOT EXISTS (SELECT 1 FROM activity_day d WHERE d.volunteer_id = old.volunteer_id
			  AND d.day >= lo AND d.day < hi AND d.n > 0
			  AND (kind <> 2 OR d.category = value));
END;

-- n across 0 in place: as an insert (to above 0) or a delete (to 0).
CREATE TRIGGER activity_range_count AFTER UPDATE OF n ON activity_day
WHEN (old.n > 0) <> (new.n > 0) BEGIN
	UPDATE participation_range
	SET participants = participants + (CASE WHEN new.n > 0 THEN 1 ELSE -1 END)
	WHERE new.day >= lo AND new.day < hi
	  AND (kind = 0 OR (kind = 1 AND value = (SELECT site FROM volunteer
						   WHERE id = new.volunteer_id))
	       OR (kind = 2 AND value = new.category))
	  AND (SELECT active FROM volunteer WHERE id = new.volunteer_id) = 1
	  AND NOT EXISTS (SELECT 1 FROM activity_day d WHERE d.volunteer_id = new.volunteer_id
			  AND d.day >= lo AND d.day < hi AND d.n > 0
			  AND (kind <> 2 OR d.category = value)
			  AND (d.day <> new.day OR d.category <> new.category));
END;

-- No write moves a row to another day, category or person (the triggers
-- of migration 6 delete and insert); should one, the counts start over.
CREATE TRIGGER activity_range_moved AFTER UPDATE OF day, category, volunteer_id ON activity_day
BEGIN
	DELETE FROM participation_range;
END;

-- A person leaving or coming back, or moving to another site: out of the
-- ranges they counted in, into those they count in now, where they have a
-- day in the range (of the category, for a category's range).
CREATE TRIGGER volunteer_range_update AFTER UPDATE OF active, site ON volunteer BEGIN
	UPDATE participation_range
	SET participants = participants
		+ (new.active = 1 AND (kind <> 1 OR value = new.site))
		- (old.active = 1 AND (kind <> 1 OR value = old.site))
	WHERE (new.active = 1 AND (kind <> 1 OR value = new.site))
	      <> (old.active = 1 AND (kind <> 1 OR value = old.site))
	  AND EXISTS (SELECT 1 FROM activity_day d WHERE d.volunteer_id = new.id
		      AND d.day >= lo AND d.day < hi AND d.n > 0
		      AND (kind <> 2 OR d.category = value));
END;

-- A new person with days already recorded under their id (a row put back
-- by hand), and the rare changes the counts do not follow: start over.
CREATE TRIGGER volunteer_range_insert AFTER INSERT ON volunteer
WHEN EXISTS (SELECT 1 FROM activity_day WHERE volunteer_id = new.id) BEGIN
	DELETE FROM participation_range;
END;

CREATE TRIGGER volunteer_range_delete AFTER DELETE ON volunteer BEGIN
	DELETE FROM participation_range;
END;

CREATE TRIGGER volunteer_range_renumber AFTER UPDATE OF id ON volunteer BEGIN
	DELETE FROM participation_range;
END;
