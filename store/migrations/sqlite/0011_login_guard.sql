-- Login guard: failed logins are counted per (account, address) pair and per
-- account and time window, so that an attacker locks only their own pair and
-- a flood adds a bounded number of ledger events. Both tables are security
-- counters, not records: they are kept out of verification (store/record.go).

-- login_attempts counts the login attempts of one address against one typed
-- user name (account is the SHA-256 of the name, so unknown names are kept
-- without their plaintext and behave exactly like known ones). An attempt
-- is counted before its password is checked, so parallel attempts cannot
-- exceed the limit; a success deletes the row.
CREATE TABLE login_attempts (
	account      TEXT NOT NULL,
	address      TEXT NOT NULL,
	failures     INTEGER NOT NULL,
	locked_until TEXT NOT NULL DEFAULT '',
	updated      TEXT NOT NULL,
	PRIMARY KEY (account, address)
);

-- login_windows counts the failed logins of one account ('user/<id>', or
-- 'auth/unknown-user' for every unknown name) in the current window; the
-- ledger gets one event when a window opens, carrying the previous
-- window's count, and a login or unlock event carries the current one.
CREATE TABLE login_windows (
	account  TEXT PRIMARY KEY,
	started  TEXT NOT NULL,
	failures INTEGER NOT NULL
);
