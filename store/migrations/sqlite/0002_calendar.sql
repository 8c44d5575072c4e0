-- Official holiday schedules loaded or corrected by administrators; they
-- replace the built-in schedule of the same year.
CREATE TABLE calendar_schedules (
	year       INTEGER PRIMARY KEY,
	data       TEXT NOT NULL,
	updated    TEXT NOT NULL,
	updated_by TEXT NOT NULL
);
