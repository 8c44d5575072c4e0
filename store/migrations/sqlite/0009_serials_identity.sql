-- Number sequences and the log's signing identity, so that several serve
-- processes on one database allocate numbers and sign checkpoints as one.

-- serials holds the last number given in each sequence: case numbers per
-- (agency, prefix such as '汉阴市监案〔2026〕'), later document numbers the
-- same way; agency_id 0 holds platform-wide counters (no agency row, hence
-- no foreign key). A write transaction takes the next number with one
-- upsert, which locks the row until it commits (PostgreSQL) or runs alone
-- (SQLite's single writer): numbers are never given twice and a rolled
-- back write gives its number back.
CREATE TABLE serials (
	agency_id INTEGER NOT NULL,
	prefix    TEXT NOT NULL,
	last      INTEGER NOT NULL,
	PRIMARY KEY (agency_id, prefix)
);

-- Existing case numbers ('<prefix>〕<n>号') keep their numbering: each
-- sequence starts after the highest serial given, and never below the count
-- of numbers with its prefix (what the old COUNT(*)+1 allocation assumed).
INSERT INTO serials (agency_id, prefix, last)
SELECT agency_id, prefix, max(COUNT(*), COALESCE(MAX(CASE
		WHEN rest GLOB '[0-9]*号' AND substr(rest, 1, length(rest) - 1) NOT GLOB '*[^0-9]*'
		THEN CAST(substr(rest, 1, length(rest) - 1) AS INTEGER) END), 0))
FROM (SELECT agency_id, substr(number, 1, instr(number, '〕')) AS prefix, substr(number, instr(number, '〕') + 1) AS rest
	FROM cases WHERE instr(number, '〕') > 0)
GROUP BY agency_id, prefix;

-- The one signing identity of the log: the first serve process records its
-- origin and note verifier key; a process with another key or origin
-- refuses to start (checkpoints of one log must verify with one key).
CREATE TABLE ledger_identity (
	id           INTEGER PRIMARY KEY CHECK (id = 1),
	origin       TEXT NOT NULL,
	verifier_key TEXT NOT NULL,
	created      TEXT NOT NULL
);
