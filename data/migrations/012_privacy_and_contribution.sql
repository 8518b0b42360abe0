-- SPDX-License-Identifier: MIT
-- csrdesk schema, version 12: what a sustainability report needs (company
-- and own time, beneficiaries, the time spent running the programme) and
-- what a person's rights need (anonymisation, the audit read by who, what
-- and when).

-- Hours worked in company time (0) or in the person's own time (1); an
-- initiative sets the default for the hours logged on it.
ALTER TABLE hours ADD COLUMN own_time INTEGER NOT NULL DEFAULT 0 CHECK (own_time IN (0, 1));
ALTER TABLE initiative ADD COLUMN own_time INTEGER NOT NULL DEFAULT 0 CHECK (own_time IN (0, 1));
-- People the initiative reached (an output of B4SI and GRI 413), 0 = not known.
ALTER TABLE initiative ADD COLUMN beneficiaries INTEGER NOT NULL DEFAULT 0
	CHECK (beneficiaries >= 0);

-- Time spent running the programme (B4SI's management costs): not
-- volunteering, so in no hours figure; valued at the site's management
-- rate.
CREATE TABLE management_time (
	id           INTEGER PRIMARY KEY,
	volunteer_id INTEGER NOT NULL REFERENCES volunteer (id),
	worked_on    INTEGER NOT NULL,
	minutes      INTEGER NOT NULL CHECK (minutes > 0 AND minutes <= 1440),
	note         TEXT NOT NULL DEFAULT '',
	created_at   INTEGER NOT NULL
);
CREATE INDEX management_time_by_day ON management_time (worked_on);
CREATE INDEX management_time_by_volunteer ON management_time (volunteer_id, worked_on);

-- When the person was anonymised (erased, or by the retention rules);
-- NULL = never.
ALTER TABLE volunteer ADD COLUMN anonymised_at INTEGER;

-- The audit log read by when and by who (by what it is about:
-- audit_by_entity, version 2).
CREATE INDEX audit_by_at ON audit (at, id);
CREATE INDEX audit_by_actor ON audit (actor, at, id);
