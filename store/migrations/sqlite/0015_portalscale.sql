-- The portal at a province's scale (issue 17, item 1): full-text search of
-- the published decisions through an FTS5 index with the trigram tokenizer
-- (any substring of three or more characters; shorter Chinese words fall
-- back to a bounded scan in date order, store/publicity_search.go), and an
-- index for the category filter in date order.
--
-- publications_fts is an external-content index over publications: it
-- holds no copy of the text, only the index, kept in step by the triggers
-- below in the same transaction as the row. It is derived data (rebuilt by
-- INSERT INTO publications_fts(publications_fts) VALUES ('rebuild')), not
-- a record: see unrecordedTables in store/record.go.
CREATE VIRTUAL TABLE publications_fts USING fts5(
	number, party_name, facts, penalty,
	content = 'publications', content_rowid = 'id', tokenize = 'trigram'
);
INSERT INTO publications_fts (publications_fts) VALUES ('rebuild');

CREATE TRIGGER publications_fts_insert AFTER INSERT ON publications BEGIN
	INSERT INTO publications_fts (rowid, number, party_name, facts, penalty)
		VALUES (new.id, new.number, new.party_name, new.facts, new.penalty);
END;
CREATE TRIGGER publications_fts_delete AFTER DELETE ON publications BEGIN
	INSERT INTO publications_fts (publications_fts, rowid, number, party_name, facts, penalty)
		VALUES ('delete', old.id, old.number, old.party_name, old.facts, old.penalty);
END;
CREATE TRIGGER publications_fts_update AFTER UPDATE OF number, party_name, facts, penalty ON publications BEGIN
	INSERT INTO publications_fts (publications_fts, rowid, number, party_name, facts, penalty)
		VALUES ('delete', old.id, old.number, old.party_name, old.facts, old.penalty);
	INSERT INTO publications_fts (rowid, number, party_name, facts, penalty)
		VALUES (new.id, new.number, new.party_name, new.facts, new.penalty);
END;

CREATE INDEX publications_category ON publications (category, status, decided_on, id);
