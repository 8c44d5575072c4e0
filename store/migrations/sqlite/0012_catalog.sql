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
