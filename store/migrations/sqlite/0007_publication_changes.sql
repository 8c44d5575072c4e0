-- Withdrawal (撤回) and correction (更正) of published decisions (DOMAIN §4
-- 事后公开; 处罚法 Art 48 ¶2; seed 二(一) 纠错机制). A withdrawn
-- publication keeps its row — the content is taken down from the portal,
-- not deleted — with the cause, the public (masked) reason, the date the
-- decision was changed, revoked or confirmed illegal or void, and the G7
-- due date with the working days the withdrawal came after it (0: in time).
ALTER TABLE publications ADD COLUMN withdrawn_at TEXT NOT NULL DEFAULT '';
ALTER TABLE publications ADD COLUMN withdraw_cause TEXT NOT NULL DEFAULT '';
ALTER TABLE publications ADD COLUMN withdraw_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE publications ADD COLUMN changed_on TEXT NOT NULL DEFAULT '';
ALTER TABLE publications ADD COLUMN withdraw_due TEXT NOT NULL DEFAULT '';
ALTER TABLE publications ADD COLUMN withdraw_late_days INTEGER NOT NULL DEFAULT 0;

-- Each correction of a public field: the old and new PUBLIC (already
-- masked) values only, the masked reason, who made it, the digest of the
-- new value's redaction report, and whether the publication was on the
-- portal then (a correction before publication corrects nothing the public
-- saw, and is shown only in the workbench).
CREATE TABLE publication_corrections (
	id              INTEGER PRIMARY KEY,
	publication_id  INTEGER NOT NULL REFERENCES publications (id),
	field           TEXT NOT NULL,
	old_value       TEXT NOT NULL,
	new_value       TEXT NOT NULL,
	reason          TEXT NOT NULL,
	report          TEXT NOT NULL DEFAULT '',
	while_published INTEGER NOT NULL DEFAULT 0,
	corrected_by    INTEGER NOT NULL REFERENCES users (id),
	created         TEXT NOT NULL
);
CREATE INDEX publication_corrections_pub ON publication_corrections (publication_id, id);
