-- The penalty procedure's document numbers (文号, DOMAIN §10): allocated by
-- the system in the transaction that issues the document, per agency,
-- document type and year, never reused; and each agency's number formats.

-- document_numbers holds every number given: (agency_id, number) is unique,
-- so two documents of one agency never share a number, on either engine.
-- The serial comes from serials under the number's prefix (the text before
-- the serial, e.g. '汉阴市监罚〔2026〕').
CREATE TABLE document_numbers (
	id        INTEGER PRIMARY KEY,
	agency_id INTEGER NOT NULL REFERENCES agencies (id),
	doc_type  TEXT NOT NULL,
	year      INTEGER NOT NULL,
	serial    INTEGER NOT NULL,
	number    TEXT NOT NULL,
	case_id   INTEGER NOT NULL REFERENCES cases (id),
	created   TEXT NOT NULL,
	UNIQUE (agency_id, number)
);
CREATE INDEX document_numbers_case ON document_numbers (case_id);

-- document_number_formats: an agency administrator's format of one type of
-- document, e.g. '{简称}罚〔{年}〕{序号}号'; a type without a row uses the
-- default format of its type (penalty.DocTypes).
CREATE TABLE document_number_formats (
	id         INTEGER PRIMARY KEY,
	agency_id  INTEGER NOT NULL REFERENCES agencies (id),
	doc_type   TEXT NOT NULL,
	format     TEXT NOT NULL,
	updated    TEXT NOT NULL,
	updated_by INTEGER NOT NULL,
	UNIQUE (agency_id, doc_type)
);

-- Decision numbers typed by hand before: each sequence starts after the
-- highest serial published under its prefix, so that a system number never
-- repeats a published one.
INSERT INTO serials (agency_id, prefix, last)
SELECT agency_id, prefix, max(COUNT(*), COALESCE(MAX(CASE
		WHEN rest GLOB '[0-9]*号' AND substr(rest, 1, length(rest) - 1) NOT GLOB '*[^0-9]*'
		THEN CAST(substr(rest, 1, length(rest) - 1) AS INTEGER) END), 0))
FROM (SELECT agency_id, substr(number, 1, instr(number, '〕')) AS prefix, substr(number, instr(number, '〕') + 1) AS rest
	FROM publications WHERE instr(number, '〕') > 0)
GROUP BY agency_id, prefix
ON CONFLICT (agency_id, prefix) DO UPDATE SET last = max(serials.last, excluded.last);
