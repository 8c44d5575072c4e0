-- Core: schema versions, ledger, organisations, users, sessions.
CREATE TABLE schema_migrations (
	version INTEGER PRIMARY KEY,
	name    TEXT NOT NULL,
	applied TEXT NOT NULL
);

CREATE TABLE ledger_head (
	id   INTEGER PRIMARY KEY CHECK (id = 1),
	size INTEGER NOT NULL
);
INSERT INTO ledger_head (id, size) VALUES (1, 0);

CREATE TABLE ledger_leaves (
	idx     INTEGER PRIMARY KEY,
	object  TEXT NOT NULL,
	type    TEXT NOT NULL,
	created TEXT NOT NULL,
	data    BLOB NOT NULL
);
CREATE INDEX ledger_leaves_object ON ledger_leaves (object, idx);

CREATE TABLE ledger_hashes (
	idx  INTEGER PRIMARY KEY,
	hash BLOB NOT NULL
);

CREATE TABLE ledger_checkpoints (
	size    INTEGER PRIMARY KEY,
	note    BLOB NOT NULL,
	created TEXT NOT NULL
);

CREATE TABLE agencies (
	id          INTEGER PRIMARY KEY,
	name        TEXT NOT NULL UNIQUE,
	short_name  TEXT NOT NULL DEFAULT '',
	kind        TEXT NOT NULL,
	credit_code TEXT NOT NULL UNIQUE,
	region      TEXT NOT NULL,
	level       TEXT NOT NULL DEFAULT '县级',
	parent_id   INTEGER REFERENCES agencies (id),
	basis       TEXT NOT NULL DEFAULT '',
	supervisor  INTEGER NOT NULL DEFAULT 0,
	address     TEXT NOT NULL DEFAULT '',
	phone       TEXT NOT NULL DEFAULT '',
	review_days INTEGER NOT NULL DEFAULT 5,
	created     TEXT NOT NULL,
	updated     TEXT NOT NULL
);

CREATE TABLE users (
	id            INTEGER PRIMARY KEY,
	username      TEXT NOT NULL UNIQUE,
	name          TEXT NOT NULL,
	agency_id     INTEGER REFERENCES agencies (id),
	officer_id    INTEGER,
	password_hash TEXT NOT NULL,
	disabled      INTEGER NOT NULL DEFAULT 0,
	failed_logins INTEGER NOT NULL DEFAULT 0,
	locked_until  TEXT NOT NULL DEFAULT '',
	created       TEXT NOT NULL
);

CREATE TABLE user_roles (
	user_id INTEGER NOT NULL REFERENCES users (id),
	role    TEXT NOT NULL,
	PRIMARY KEY (user_id, role)
);

CREATE TABLE sessions (
	token_hash TEXT PRIMARY KEY,
	user_id    INTEGER NOT NULL REFERENCES users (id),
	created    TEXT NOT NULL,
	last_seen  TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
