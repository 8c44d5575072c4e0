-- Audio-video records (issue 13): recording devices of the registry and
-- the records (音像记录) made with them. Times are TEXT RFC 3339 UTC, civil
-- dates TEXT 'YYYY-MM-DD'; interruptions are a JSON array.
CREATE TABLE devices (
	id           INTEGER PRIMARY KEY,
	agency_id    INTEGER NOT NULL REFERENCES agencies (id),
	number       TEXT NOT NULL,
	kind         TEXT NOT NULL,
	model        TEXT NOT NULL,
	custodian_id INTEGER REFERENCES officers (id),
	status       TEXT NOT NULL,
	created      TEXT NOT NULL,
	updated      TEXT NOT NULL
);
CREATE UNIQUE INDEX devices_number ON devices (agency_id, number);

CREATE TABLE av_records (
	id            INTEGER PRIMARY KEY,
	agency_id     INTEGER NOT NULL REFERENCES agencies (id),
	kind          TEXT NOT NULL,
	device_id     INTEGER REFERENCES devices (id),
	officer_ids   TEXT NOT NULL,
	started       TEXT NOT NULL,
	ended         TEXT NOT NULL,
	place         TEXT NOT NULL,
	gps           TEXT NOT NULL DEFAULT '',
	case_id       INTEGER REFERENCES cases (id),
	step_id       INTEGER REFERENCES case_steps (id),
	interruptions TEXT NOT NULL DEFAULT '[]',
	mark          TEXT NOT NULL DEFAULT '',
	retain_until  TEXT NOT NULL,
	name          TEXT NOT NULL,
	content_type  TEXT NOT NULL,
	size          INTEGER NOT NULL,
	digest        TEXT NOT NULL,
	sha256        TEXT NOT NULL,
	sm3           TEXT NOT NULL,
	created_by    INTEGER NOT NULL REFERENCES users (id),
	created       TEXT NOT NULL
);
CREATE INDEX av_records_agency ON av_records (agency_id, id);
CREATE INDEX av_records_case ON av_records (case_id, step_id) WHERE case_id IS NOT NULL;
