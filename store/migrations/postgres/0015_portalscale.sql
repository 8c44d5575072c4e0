-- The portal at a province's scale (issue 17, item 1): full-text search of
-- the published decisions through a pg_trgm GIN index (Debian's
-- postgresql-contrib) over the searched text — 文号, the party's public
-- name, the facts and the penalty — which serves ILIKE '%word%' for words
-- of three or more characters; shorter words fall back to a scan in date
-- order (store/publicity_search.go). The extension goes into schema public
-- and its operator class is named with it, so that the index can be built
-- from any schema (the store tests run each in their own).
CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;

CREATE INDEX publications_text_trgm ON publications
	USING gin ((number || ' ' || party_name || ' ' || facts || ' ' || penalty) public.gin_trgm_ops);

CREATE INDEX publications_category ON publications (category, status, decided_on, id);
CREATE INDEX publications_order ON publications (status, decided_on DESC, id DESC);
