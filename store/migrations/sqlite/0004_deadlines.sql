-- Statutory time limits of cases and other objects, each stored with the
-- rule (package deadline) and start date that made it, so that a corrected
-- holiday schedule can recompute every unmet due date.
-- Civil dates are TEXT 'YYYY-MM-DD'; met_at is '' while the step is open.
ALTER TABLE calendar_schedules ADD COLUMN source TEXT NOT NULL DEFAULT '';

CREATE TABLE deadlines (
	id                  INTEGER PRIMARY KEY,
	object              TEXT NOT NULL,
	agency_id           INTEGER NOT NULL REFERENCES agencies (id),
	rule_id             TEXT NOT NULL,
	start_date          TEXT NOT NULL,
	due_date            TEXT NOT NULL,
	met_at              TEXT NOT NULL DEFAULT '',
	responsible_user_id INTEGER REFERENCES users (id),
	created             TEXT NOT NULL,
	updated             TEXT NOT NULL,
	UNIQUE (object, rule_id)
);
CREATE INDEX deadlines_open ON deadlines (met_at, due_date);
CREATE INDEX deadlines_agency ON deadlines (agency_id, met_at, due_date);
