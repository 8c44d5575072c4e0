-- The records each ledger event digests (DESIGN invariant 1): one row per
-- (event, recorded row) with the digest of that row's canonical record as
-- the event's transaction left it, so that `zhifa verify` can recompute
-- every current row against the latest event about it. digest '' means the
-- event removed the record. fingerprint holds two bytes of SHA-256 per
-- canonical column (hex), to name the columns that differ when a row no
-- longer matches; it is a diagnostic, the digest is what is proven.
CREATE TABLE ledger_records (
	idx         BIGINT NOT NULL,
	tbl         TEXT NOT NULL,
	row_key     BIGINT NOT NULL,
	version     BIGINT NOT NULL,
	digest      TEXT NOT NULL,
	fingerprint TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (tbl, row_key, idx)
);
CREATE INDEX ledger_records_idx ON ledger_records (idx);
