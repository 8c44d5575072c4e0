-- Cases (案件), their recorded steps (环节), evidence files (证据) and the
-- publications (公示) made from decisions. Civil dates are TEXT
-- 'YYYY-MM-DD' ('' when not yet set); id lists are comma-separated.
-- Party fields hold personal data: they never reach the ledger (which
-- carries digests) nor the portal (which reads publications only).
CREATE TABLE cases (
	id              INTEGER PRIMARY KEY,
	agency_id       INTEGER NOT NULL REFERENCES agencies (id),
	number          TEXT NOT NULL UNIQUE,
	matter_id       INTEGER NOT NULL REFERENCES matters (id),
	stage           TEXT NOT NULL,
	source          TEXT NOT NULL,
	summary         TEXT NOT NULL,
	party_kind      TEXT NOT NULL,
	party_name      TEXT NOT NULL,
	party_id_number TEXT NOT NULL DEFAULT '',
	party_legal_rep TEXT NOT NULL DEFAULT '',
	party_phone     TEXT NOT NULL DEFAULT '',
	party_address   TEXT NOT NULL DEFAULT '',
	handler_ids     TEXT NOT NULL,
	registered_by   INTEGER NOT NULL REFERENCES users (id),
	opened_on       TEXT NOT NULL DEFAULT '',
	decided_on      TEXT NOT NULL DEFAULT '',
	created         TEXT NOT NULL,
	updated         TEXT NOT NULL
);
CREATE INDEX cases_agency ON cases (agency_id, stage, id);

CREATE TABLE case_steps (
	id            INTEGER PRIMARY KEY,
	case_id       INTEGER NOT NULL REFERENCES cases (id),
	seq           INTEGER NOT NULL,
	action        TEXT NOT NULL,
	stage         TEXT NOT NULL,
	actor_user_id INTEGER NOT NULL REFERENCES users (id),
	officer_ids   TEXT NOT NULL DEFAULT '',
	fields        TEXT NOT NULL,
	review        TEXT NOT NULL DEFAULT '',
	ledger_index  INTEGER NOT NULL,
	created       TEXT NOT NULL,
	UNIQUE (case_id, seq)
);

CREATE TABLE evidence (
	id           INTEGER PRIMARY KEY,
	case_id      INTEGER NOT NULL REFERENCES cases (id),
	step_id      INTEGER NOT NULL REFERENCES case_steps (id),
	name         TEXT NOT NULL,
	content_type TEXT NOT NULL,
	size         INTEGER NOT NULL,
	digest       TEXT NOT NULL,
	uploaded_by  INTEGER NOT NULL REFERENCES users (id),
	created      TEXT NOT NULL
);
CREATE INDEX evidence_case ON evidence (case_id, id);

CREATE TABLE publications (
	id           INTEGER PRIMARY KEY,
	case_id      INTEGER NOT NULL UNIQUE REFERENCES cases (id),
	agency_id    INTEGER NOT NULL REFERENCES agencies (id),
	category     TEXT NOT NULL,
	number       TEXT NOT NULL,
	party_kind   TEXT NOT NULL,
	party_name   TEXT NOT NULL,
	party_id_no  TEXT NOT NULL DEFAULT '',
	legal_rep    TEXT NOT NULL DEFAULT '',
	party_phone  TEXT NOT NULL DEFAULT '',
	address      TEXT NOT NULL DEFAULT '',
	facts        TEXT NOT NULL,
	basis        TEXT NOT NULL,
	penalty_kind TEXT NOT NULL,
	penalty      TEXT NOT NULL,
	fine         INTEGER NOT NULL DEFAULT 0,
	payment      TEXT NOT NULL DEFAULT '',
	remedy       TEXT NOT NULL DEFAULT '',
	decided_on   TEXT NOT NULL,
	due_on       TEXT NOT NULL,
	status       TEXT NOT NULL,
	published_at TEXT NOT NULL DEFAULT '',
	report       TEXT NOT NULL DEFAULT '',
	created      TEXT NOT NULL,
	updated      TEXT NOT NULL
);
CREATE INDEX publications_list ON publications (status, decided_on, id);
CREATE INDEX publications_agency ON publications (agency_id, status, decided_on);
