-- What an office keeps beyond a dataset (issue 3, item 3; docs/decisions/0004-office-data.md):
-- each centre's own rules within a call, the call's round, the English name of a degree, the
-- student's e-mail as Secretaría gives it, and the partner's nomination deadline as a date.

-- Round 1, 2… of a kind within an academic year (R-327/18 is the second study call of 2018/2019).
ALTER TABLE calls ADD COLUMN round integer CHECK (round BETWEEN 1 AND 9);

ALTER TABLE degrees ADD COLUMN name_en text;
CREATE INDEX degrees_centre_idx ON degrees (centre_code);

ALTER TABLE students ADD COLUMN email text;

-- A calendar day (the partner's own deadline, in the partner's time): a date, not an instant.
-- No code wrote this column before, so the conversion meets no rows.
ALTER TABLE agreements ALTER COLUMN partner_nomination_deadline TYPE date USING partner_nomination_deadline::date;

-- "Specific rules published by each centre" (SPEC 5): the centre's settings over the call's, as
-- src/domain/centre-rules.ts CentreRules (validated by the use case before it is written).
CREATE TABLE call_centre_rules (
  call_id text NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
  centre_code text NOT NULL REFERENCES centres (code),
  rules jsonb NOT NULL CHECK (jsonb_typeof(rules) = 'object'),
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (call_id, centre_code)
);

-- An agreement may be deleted only while no application names it: that question, by index.
CREATE INDEX application_choices_agreement_idx ON application_choices (call_id, agreement_id);
