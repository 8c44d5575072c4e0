-- What the procedure rules need of a case's history (the review outcome
-- since the last submission, the statement waiver, the hearing request and
-- record, who took part, whether the decision fined), kept on the case and
-- updated in the transaction of each step, so that recording a step does
-- not reread the case's whole history. JSON written by package service;
-- '' until the first step after this migration computes it from the steps.
-- It is a column of the case's record (version 2), digested by each step.
ALTER TABLE cases ADD COLUMN rule_state TEXT NOT NULL DEFAULT '';
