-- PLACEHOLDER on branch multiproc only: migration 0008 belongs to another
-- branch. Delete this file when that branch's 0008 is merged (two 0008
-- files make every Open fail with "not numbered 1..n").
SELECT 1;
