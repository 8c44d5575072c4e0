-- 投诉举报 (Complaint): complaints, reports and error reports about
-- enforcement, filed on the portal without an account or imported from the
-- 12345 hot line (处罚法 Art 75 ¶2). The subject, content, contact and the
-- handlers' texts are stored encrypted (store/fieldcrypt.go); code_digest is
-- the SHA-256 of the complainant's query code, never the code itself.
CREATE TABLE complaints (
	id             INTEGER PRIMARY KEY,
	kind           TEXT NOT NULL,
	channel        TEXT NOT NULL,
	external_ref   TEXT NOT NULL DEFAULT '',
	agency_id      INTEGER NOT NULL REFERENCES agencies (id),
	publication_id INTEGER NOT NULL DEFAULT 0,
	subject        TEXT NOT NULL,
	content        TEXT NOT NULL,
	contact_name   TEXT NOT NULL DEFAULT '',
	contact_phone  TEXT NOT NULL DEFAULT '',
	code_digest    TEXT NOT NULL UNIQUE,
	status         TEXT NOT NULL,
	received_on    TEXT NOT NULL,
	accept_due     TEXT NOT NULL,
	accepted_on    TEXT NOT NULL DEFAULT '',
	reply_due      TEXT NOT NULL DEFAULT '',
	replied_on     TEXT NOT NULL DEFAULT '',
	decline_reason TEXT NOT NULL DEFAULT '',
	reply          TEXT NOT NULL DEFAULT '',
	handler_id     INTEGER NOT NULL DEFAULT 0,
	created        TEXT NOT NULL,
	updated        TEXT NOT NULL
);
CREATE INDEX complaints_agency ON complaints (agency_id, status, id);
-- A 12345 work order is imported once.
CREATE UNIQUE INDEX complaints_external_ref ON complaints (channel, external_ref) WHERE external_ref <> '';
