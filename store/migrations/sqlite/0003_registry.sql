-- Registry (基础库): officers and their certificates, matters (权责清单).
-- Civil dates are TEXT 'YYYY-MM-DD'.
CREATE TABLE officers (
	id                  INTEGER PRIMARY KEY,
	agency_id           INTEGER NOT NULL REFERENCES agencies (id),
	name                TEXT NOT NULL,
	gender              TEXT NOT NULL,
	post                TEXT NOT NULL DEFAULT '',
	cert_no             TEXT NOT NULL UNIQUE,
	category            TEXT NOT NULL DEFAULT '',
	valid_from          TEXT NOT NULL,
	valid_to            TEXT NOT NULL,
	status              TEXT NOT NULL DEFAULT '有效',
	legal_qualification INTEGER NOT NULL DEFAULT 0,
	created             TEXT NOT NULL,
	updated             TEXT NOT NULL
);
CREATE INDEX officers_agency ON officers (agency_id, id);

CREATE TABLE matters (
	id            INTEGER PRIMARY KEY,
	agency_id     INTEGER NOT NULL REFERENCES agencies (id),
	code          TEXT NOT NULL DEFAULT '',
	name          TEXT NOT NULL,
	category      TEXT NOT NULL,
	basis         TEXT NOT NULL,
	penalty_kinds TEXT NOT NULL DEFAULT '',
	procedure     TEXT NOT NULL DEFAULT '',
	time_limit    TEXT NOT NULL DEFAULT '',
	unit          TEXT NOT NULL DEFAULT '',
	created       TEXT NOT NULL,
	updated       TEXT NOT NULL
);
CREATE INDEX matters_agency ON matters (agency_id, category, id);
CREATE UNIQUE INDEX matters_code ON matters (agency_id, code) WHERE code <> '';
