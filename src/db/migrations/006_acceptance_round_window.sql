-- The window each further acceptance round gives a substitute to answer, in days: a setting of the
-- call (it was fixed at 3 days in code). docs/decisions/0013-workflow-completion.md
ALTER TABLE calls
  ADD COLUMN acceptance_round_days integer NOT NULL DEFAULT 3
  CHECK (acceptance_round_days BETWEEN 1 AND 60);
