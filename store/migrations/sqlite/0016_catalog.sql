-- 重大执法决定法制审核目录清单 (issue 11): every published version of an
-- agency's catalog, or of the floor (审核事项下限) it sets for its
-- subordinates (floor = 1). A version is never updated: publishing again
-- inserts the next version. rules is the JSON array of the catalog's rules
-- (registry.CatalogRule), written once by the store.
CREATE TABLE review_catalogs (
	id            INTEGER PRIMARY KEY,
	agency_id     INTEGER NOT NULL REFERENCES agencies (id),
	floor         INTEGER NOT NULL DEFAULT 0,
	version       INTEGER NOT NULL,
	effective_on  TEXT NOT NULL,
	all_decisions INTEGER NOT NULL DEFAULT 0,
	rules         TEXT NOT NULL,
	note          TEXT NOT NULL DEFAULT '',
	published_by  INTEGER NOT NULL,
	created       TEXT NOT NULL,
	UNIQUE (agency_id, floor, version)
);

-- 法制审核期限的延长 (issue 11): the agency head's approval to extend the
-- review limit (L5) of one review round of a case (the round is the open
-- L5 deadline, named by its start date) by days working days, with the
-- reason. The L5 due date of that round is the agency's review_days plus
-- the extensions of the round, counted from its start; recomputation and
-- verify count them too.
CREATE TABLE review_extensions (
	id          INTEGER PRIMARY KEY,
	case_id     INTEGER NOT NULL REFERENCES cases (id),
	round_start TEXT NOT NULL,
	days        INTEGER NOT NULL,
	old_due     TEXT NOT NULL,
	new_due     TEXT NOT NULL,
	reason      TEXT NOT NULL,
	approved_by INTEGER NOT NULL,
	created     TEXT NOT NULL
);
CREATE INDEX review_extensions_case ON review_extensions (case_id, round_start);

-- 法律顾问 and 公职律师 of an agency (registry.Counsel), with their
-- qualification, who may be assigned to a review as advisers.
CREATE TABLE counsels (
	id                  INTEGER PRIMARY KEY,
	agency_id           INTEGER NOT NULL REFERENCES agencies (id),
	kind                TEXT NOT NULL,
	name                TEXT NOT NULL,
	organization        TEXT NOT NULL DEFAULT '',
	license_no          TEXT NOT NULL DEFAULT '',
	legal_qualification INTEGER NOT NULL DEFAULT 0,
	status              TEXT NOT NULL,
	created             TEXT NOT NULL,
	updated             TEXT NOT NULL
);
CREATE INDEX counsels_agency ON counsels (agency_id, id);

-- An adviser assigned to the review of a case, and the opinion recorded.
CREATE TABLE review_advisers (
	id          INTEGER PRIMARY KEY,
	case_id     INTEGER NOT NULL REFERENCES cases (id),
	counsel_id  INTEGER NOT NULL REFERENCES counsels (id),
	assigned_by INTEGER NOT NULL,
	opinion     TEXT NOT NULL DEFAULT '',
	opinion_by  INTEGER NOT NULL DEFAULT 0,
	opinion_at  TEXT NOT NULL DEFAULT '',
	created     TEXT NOT NULL,
	UNIQUE (case_id, counsel_id)
);
