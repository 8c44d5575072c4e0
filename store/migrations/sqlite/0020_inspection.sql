-- 行政检查 (package inspection): the 检查事项清单 (one row per version of an
-- item), the 检查对象名录, inspection plans, 双随机 draws and inspections
-- with their steps. Civil dates are TEXT 'YYYY-MM-DD'; lists are JSON.
CREATE TABLE inspection_items (
	id           INTEGER PRIMARY KEY,
	agency_id    INTEGER NOT NULL REFERENCES agencies (id),
	code         TEXT NOT NULL,
	version      INTEGER NOT NULL,
	name         TEXT NOT NULL,
	basis        TEXT NOT NULL,
	subject      TEXT NOT NULL,
	object       TEXT NOT NULL,
	method       TEXT NOT NULL,
	frequency    TEXT NOT NULL,
	ratio        INTEGER NOT NULL,
	standard     TEXT NOT NULL,
	effective_on TEXT NOT NULL DEFAULT '',
	status       TEXT NOT NULL,
	published_at TEXT NOT NULL DEFAULT '',
	created      TEXT NOT NULL,
	updated      TEXT NOT NULL
);
CREATE UNIQUE INDEX inspection_items_version ON inspection_items (agency_id, code, version);

CREATE TABLE inspection_objects (
	id          INTEGER PRIMARY KEY,
	agency_id   INTEGER NOT NULL REFERENCES agencies (id),
	kind        TEXT NOT NULL,
	name        TEXT NOT NULL,
	credit_code TEXT NOT NULL,
	address     TEXT NOT NULL DEFAULT '',
	industry    TEXT NOT NULL DEFAULT '',
	created     TEXT NOT NULL,
	updated     TEXT NOT NULL
);
CREATE UNIQUE INDEX inspection_objects_code ON inspection_objects (agency_id, credit_code);

CREATE TABLE inspection_plans (
	id          INTEGER PRIMARY KEY,
	agency_id   INTEGER NOT NULL REFERENCES agencies (id),
	item_id     INTEGER NOT NULL REFERENCES inspection_items (id),
	title       TEXT NOT NULL,
	year        INTEGER NOT NULL,
	status      TEXT NOT NULL,
	approved_by INTEGER NOT NULL DEFAULT 0,
	approved_on TEXT NOT NULL DEFAULT '',
	created     TEXT NOT NULL,
	updated     TEXT NOT NULL
);

CREATE TABLE inspection_draws (
	id              INTEGER PRIMARY KEY,
	plan_id         INTEGER NOT NULL REFERENCES inspection_plans (id),
	agency_id       INTEGER NOT NULL REFERENCES agencies (id),
	algorithm       TEXT NOT NULL,
	rule_objects    INTEGER NOT NULL,
	rule_officers   INTEGER NOT NULL,
	objects         TEXT NOT NULL,
	objects_digest  TEXT NOT NULL,
	officers        TEXT NOT NULL,
	officers_digest TEXT NOT NULL,
	seed_size       INTEGER NOT NULL,
	announce_index  INTEGER NOT NULL DEFAULT -1,
	seed            TEXT NOT NULL DEFAULT '',
	result          TEXT NOT NULL DEFAULT '',
	status          TEXT NOT NULL,
	created         TEXT NOT NULL,
	updated         TEXT NOT NULL
);
CREATE INDEX inspection_draws_plan ON inspection_draws (plan_id);

CREATE TABLE inspections (
	id              INTEGER PRIMARY KEY,
	agency_id       INTEGER NOT NULL REFERENCES agencies (id),
	item_id         INTEGER NOT NULL REFERENCES inspection_items (id),
	object_id       INTEGER NOT NULL REFERENCES inspection_objects (id),
	draw_id         INTEGER NOT NULL DEFAULT 0,
	joint           TEXT NOT NULL DEFAULT '',
	year            INTEGER NOT NULL,
	stage           TEXT NOT NULL,
	officer_ids     TEXT NOT NULL DEFAULT '',
	opened_on       TEXT NOT NULL,
	outcome         TEXT NOT NULL DEFAULT '',
	public_summary  TEXT NOT NULL DEFAULT '',
	result_on       TEXT NOT NULL DEFAULT '',
	publish_due     TEXT NOT NULL DEFAULT '',
	published_on    TEXT NOT NULL DEFAULT '',
	penalty_case_id INTEGER NOT NULL DEFAULT 0,
	warning         TEXT NOT NULL DEFAULT '',
	created         TEXT NOT NULL,
	updated         TEXT NOT NULL
);
CREATE INDEX inspections_object ON inspections (agency_id, object_id, year);

CREATE TABLE inspection_steps (
	id            INTEGER PRIMARY KEY,
	inspection_id INTEGER NOT NULL REFERENCES inspections (id),
	seq           INTEGER NOT NULL,
	action        TEXT NOT NULL,
	stage         TEXT NOT NULL,
	actor_user_id INTEGER NOT NULL,
	officer_ids   TEXT NOT NULL DEFAULT '',
	fields        TEXT NOT NULL,
	created       TEXT NOT NULL
);
CREATE UNIQUE INDEX inspection_steps_seq ON inspection_steps (inspection_id, seq);
