-- 执法文书: the issued documents of the cases (package document). An issued
-- document is frozen: its PDF is in the evidence file store under
-- pdf_digest, its digests are signed (signature, a signed note) and its
-- event carries them; a correction is a new row naming the old (replaces).

CREATE TABLE documents (
	id             INTEGER PRIMARY KEY,
	case_id        INTEGER NOT NULL REFERENCES cases (id),
	agency_id      INTEGER NOT NULL REFERENCES agencies (id),
	step_id        INTEGER NOT NULL,
	kind           TEXT NOT NULL,
	number         TEXT NOT NULL,
	content_digest TEXT NOT NULL UNIQUE,
	pdf_digest     TEXT NOT NULL,
	pdf_sm3        TEXT NOT NULL,
	size           INTEGER NOT NULL,
	signature      TEXT NOT NULL,
	replaces       INTEGER REFERENCES documents (id),
	status         TEXT NOT NULL,
	issued_by      INTEGER NOT NULL REFERENCES users (id),
	created        TEXT NOT NULL,
	updated        TEXT NOT NULL
);
CREATE INDEX documents_case ON documents (case_id, id);
CREATE INDEX documents_pdf ON documents (pdf_digest);
