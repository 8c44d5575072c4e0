-- Supervision opinions (监督意见书, 责令改正通知书, 约谈, 通报) of a 司法局 to
-- an agency of its region, with the agency's rectification reply and the
-- supervisor's conclusion (处罚法 Art 75 ¶1; seed 五). Civil dates are TEXT
-- 'YYYY-MM-DD', '' while not set.
CREATE TABLE supervision_opinions (
	id            INTEGER PRIMARY KEY,
	kind          TEXT NOT NULL,
	agency_id     INTEGER NOT NULL REFERENCES agencies (id),
	supervisor_id INTEGER NOT NULL REFERENCES agencies (id),
	case_id       INTEGER NOT NULL DEFAULT 0,
	subject       TEXT NOT NULL,
	findings      TEXT NOT NULL,
	demands       TEXT NOT NULL,
	issued_by     INTEGER NOT NULL,
	issued_on     TEXT NOT NULL,
	reply_due     TEXT NOT NULL,
	reply         TEXT NOT NULL DEFAULT '',
	replied_on    TEXT NOT NULL DEFAULT '',
	replied_by    INTEGER NOT NULL DEFAULT 0,
	assessment    TEXT NOT NULL DEFAULT '',
	closed_on     TEXT NOT NULL DEFAULT '',
	rounds        INTEGER NOT NULL DEFAULT 0,
	status        TEXT NOT NULL,
	created       TEXT NOT NULL,
	updated       TEXT NOT NULL
);
CREATE INDEX supervision_opinions_agency ON supervision_opinions (agency_id, status, id);
CREATE INDEX supervision_opinions_supervisor ON supervision_opinions (supervisor_id, status, id);
