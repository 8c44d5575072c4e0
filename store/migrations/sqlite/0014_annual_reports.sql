-- Annual enforcement reports (年度行政执法数据报告) of a 司法局: the figures
-- of each agency of its region for a calendar year, as JSON generated from
-- the records; a draft is replaced when generated again, a published one
-- never changes (issue 16 item 9). Due on 31 January of the next year.
CREATE TABLE annual_reports (
	id            INTEGER PRIMARY KEY,
	supervisor_id INTEGER NOT NULL REFERENCES agencies (id),
	year          INTEGER NOT NULL,
	data          TEXT NOT NULL,
	status        TEXT NOT NULL,
	generated_on  TEXT NOT NULL,
	published_on  TEXT NOT NULL DEFAULT '',
	published_by  INTEGER NOT NULL DEFAULT 0,
	created       TEXT NOT NULL,
	updated       TEXT NOT NULL,
	UNIQUE (supervisor_id, year)
);
