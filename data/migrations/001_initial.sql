-- SPDX-License-Identifier: MIT
-- csrdesk schema, version 1. Times are Unix seconds (UTC).

CREATE TABLE volunteer (
	id           INTEGER PRIMARY KEY,
	employee_id  TEXT NOT NULL UNIQUE,
	name         TEXT NOT NULL,
	team         TEXT NOT NULL DEFAULT '',
	site         TEXT NOT NULL DEFAULT '',
	email        TEXT NOT NULL DEFAULT '',
	skills       TEXT NOT NULL DEFAULT '',
	unix_user    TEXT UNIQUE,
	pin_hash     TEXT,
	pin_failures INTEGER NOT NULL DEFAULT 0,
	active       INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	created_at   INTEGER NOT NULL
);
CREATE INDEX volunteer_by_name ON volunteer (name, id);
CREATE INDEX volunteer_by_team ON volunteer (team, name, id);

CREATE TABLE partner (
	id      INTEGER PRIMARY KEY,
	name    TEXT NOT NULL UNIQUE,
	contact TEXT NOT NULL DEFAULT '',
	email   TEXT NOT NULL DEFAULT '',
	phone   TEXT NOT NULL DEFAULT '',
	website TEXT NOT NULL DEFAULT '',
	notes   TEXT NOT NULL DEFAULT ''
);

CREATE TABLE initiative (
	id          INTEGER PRIMARY KEY,
	title       TEXT NOT NULL,
	category    TEXT NOT NULL,
	description TEXT NOT NULL DEFAULT '',
	partner_id  INTEGER REFERENCES partner (id),
	location    TEXT NOT NULL DEFAULT '',
	starts_at   INTEGER NOT NULL,
	ends_at     INTEGER NOT NULL CHECK (ends_at > starts_at),
	capacity    INTEGER NOT NULL CHECK (capacity > 0),
	status      TEXT NOT NULL DEFAULT 'open'
	            CHECK (status IN ('draft', 'open', 'closed', 'done', 'cancelled')),
	owner_id    INTEGER REFERENCES volunteer (id),
	created_at  INTEGER NOT NULL
);
CREATE INDEX initiative_by_start ON initiative (starts_at, id);
CREATE INDEX initiative_by_category ON initiative (category, starts_at, id);

CREATE TABLE initiative_goal (
	initiative_id INTEGER NOT NULL REFERENCES initiative (id) ON DELETE CASCADE,
	metric        TEXT NOT NULL,
	target        REAL NOT NULL CHECK (target > 0),
	PRIMARY KEY (initiative_id, metric)
);

CREATE TABLE signup (
	id            INTEGER PRIMARY KEY, -- arrival order
	initiative_id INTEGER NOT NULL REFERENCES initiative (id),
	volunteer_id  INTEGER NOT NULL REFERENCES volunteer (id),
	status        TEXT NOT NULL
	              CHECK (status IN ('confirmed', 'waitlisted', 'cancelled', 'attended', 'no-show')),
	created_at    INTEGER NOT NULL,
	updated_at    INTEGER NOT NULL
);
-- one live place per volunteer and initiative; cancelled rows stay as history
CREATE UNIQUE INDEX signup_one_place ON signup (initiative_id, volunteer_id)
	WHERE status <> 'cancelled';
CREATE INDEX signup_by_initiative ON signup (initiative_id, status, id);
CREATE INDEX signup_by_volunteer ON signup (volunteer_id, status);

CREATE TABLE hours (
	id            INTEGER PRIMARY KEY,
	volunteer_id  INTEGER NOT NULL REFERENCES volunteer (id),
	initiative_id INTEGER REFERENCES initiative (id),
	worked_on     INTEGER NOT NULL,
	minutes       INTEGER NOT NULL CHECK (minutes > 0 AND minutes <= 1440),
	status        TEXT NOT NULL DEFAULT 'pending'
	              CHECK (status IN ('pending', 'approved', 'rejected')),
	decided_by    INTEGER REFERENCES volunteer (id),
	decided_at    INTEGER,
	note          TEXT NOT NULL DEFAULT '',
	created_at    INTEGER NOT NULL
);
CREATE INDEX hours_by_volunteer ON hours (volunteer_id, worked_on);
CREATE INDEX hours_by_status ON hours (status, worked_on);
CREATE INDEX hours_by_initiative ON hours (initiative_id);

CREATE TABLE impact (
	id            INTEGER PRIMARY KEY,
	initiative_id INTEGER NOT NULL REFERENCES initiative (id),
	metric        TEXT NOT NULL,
	value         REAL NOT NULL,
	recorded_by   INTEGER REFERENCES volunteer (id),
	recorded_at   INTEGER NOT NULL,
	note          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX impact_by_initiative ON impact (initiative_id, metric);

CREATE TABLE feedback (
	id            INTEGER PRIMARY KEY,
	initiative_id INTEGER NOT NULL REFERENCES initiative (id),
	volunteer_id  INTEGER NOT NULL REFERENCES volunteer (id),
	rating        INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
	comment       TEXT NOT NULL DEFAULT '',
	created_at    INTEGER NOT NULL,
	UNIQUE (initiative_id, volunteer_id)
);

CREATE TABLE announcement (
	id         INTEGER PRIMARY KEY,
	title      TEXT NOT NULL,
	body       TEXT NOT NULL DEFAULT '',
	author_id  INTEGER REFERENCES volunteer (id),
	created_at INTEGER NOT NULL,
	expires_at INTEGER
);

CREATE TABLE audit (
	id        INTEGER PRIMARY KEY,
	at        INTEGER NOT NULL,
	actor     TEXT NOT NULL,
	action    TEXT NOT NULL,
	entity    TEXT NOT NULL,
	entity_id INTEGER,
	detail    TEXT NOT NULL DEFAULT ''
);
