-- A substitute holding a place they ranked lower is moved up when a better one frees in a later
-- round: the lower offer becomes 'upgraded' (freed for the next in line).
-- docs/decisions/0013-workflow-completion.md
ALTER TABLE offers DROP CONSTRAINT offers_status_check;
ALTER TABLE offers ADD CONSTRAINT offers_status_check
  CHECK (status IN ('offered', 'accepted', 'renounced', 'lapsed', 'upgraded'));
