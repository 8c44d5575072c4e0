-- Evidence is looked up by digest when a step attaches a stored file: a
-- file that is evidence only in other agencies' cases may not be cited.
CREATE INDEX evidence_digest ON evidence (digest);
