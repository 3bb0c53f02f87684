-- Claims, renunciations, acceptance, further rounds, penalties and the sending of the outbox
-- (issue 4, second half; docs/decisions/0008-claims-acceptance-notifications.md).

-- A student's claim against their centre's provisional list, filed inside the claims window and
-- resolved by the centre with a reason. publishList counts rows with status 'open' per
-- (call_id, centre_code): those three columns are its contract (0005).
CREATE TABLE claims (
  id text PRIMARY KEY,
  call_id text NOT NULL REFERENCES calls (id),
  centre_code text NOT NULL,
  student_id text NOT NULL,
  -- the provisional list it is about (the current one when it was filed)
  list_id text NOT NULL REFERENCES list_publications (id),
  text text NOT NULL CHECK (length(text) BETWEEN 1 AND 20000),
  status text NOT NULL CHECK (status IN ('open', 'accepted', 'rejected')),
  resolution_reason text,
  -- what an accepted claim corrected (documents reviewed, academic figures), as audited
  corrections jsonb,
  filed_by text NOT NULL,
  filed_at timestamptz NOT NULL,
  resolved_by text,
  resolved_at timestamptz,
  CHECK ((status = 'open') = (resolved_at IS NULL)),
  CHECK (status = 'open' OR resolution_reason IS NOT NULL)
);
CREATE INDEX claims_centre_idx ON claims (call_id, centre_code, status);
CREATE INDEX claims_student_idx ON claims (call_id, student_id);

-- The files handed in with a claim (PDF, JPEG, PNG; stored by content hash like documents).
CREATE TABLE claim_attachments (
  claim_id text NOT NULL REFERENCES claims (id),
  position integer NOT NULL CHECK (position >= 0),
  file_sha256 text NOT NULL CHECK (file_sha256 ~ '^[0-9a-f]{64}$'),
  file_size bigint NOT NULL CHECK (file_size >= 0),
  media_type text NOT NULL CHECK (media_type IN ('application/pdf', 'image/jpeg', 'image/png')),
  file_name text,
  PRIMARY KEY (claim_id, position)
);

-- A student who gave up their application: in the claims window (before the definitive list), or
-- by renouncing an offered place (then also in offers). One per student and call.
CREATE TABLE renunciations (
  call_id text NOT NULL REFERENCES calls (id),
  student_id text NOT NULL,
  centre_code text NOT NULL,
  stage text NOT NULL CHECK (stage IN ('claims', 'acceptance')),
  -- the choices the application had (the application keeps none afterwards)
  choices jsonb NOT NULL,
  renounced_by text NOT NULL,
  renounced_at timestamptz NOT NULL,
  PRIMARY KEY (call_id, student_id)
);

-- A place offered to a student: round 1 from the definitive list, later rounds to substitutes.
-- The student accepts or renounces until respond_by; silence becomes 'lapsed' (a renunciation) by
-- the scheduled job. An accepted place is firm once the partner accepted the student and the
-- enrolment for the year is recorded.
CREATE TABLE offers (
  id text PRIMARY KEY,
  call_id text NOT NULL REFERENCES calls (id),
  centre_code text NOT NULL,
  student_id text NOT NULL,
  agreement_id text NOT NULL,
  round integer NOT NULL CHECK (round >= 1),
  list_id text NOT NULL REFERENCES list_publications (id),
  offered_at timestamptz NOT NULL,
  respond_by timestamptz NOT NULL,
  status text NOT NULL CHECK (status IN ('offered', 'accepted', 'renounced', 'lapsed')),
  responded_at timestamptz,
  responded_by text,
  partner_accepted_at timestamptz,
  partner_accepted_by text,
  enrolment_recorded_at timestamptz,
  enrolment_recorded_by text,
  UNIQUE (call_id, student_id, round),
  CHECK ((status = 'offered') = (responded_at IS NULL))
);
CREATE INDEX offers_open_idx ON offers (respond_by) WHERE status = 'offered';
CREATE INDEX offers_agreement_idx ON offers (call_id, agreement_id);

-- A renunciation after the partner's nomination deadline (SPEC 7): shown when the same student
-- applies to a later call. Keyed by the student's id (the same person across calls).
CREATE TABLE penalties (
  id text PRIMARY KEY,
  student_id text NOT NULL,
  call_id text NOT NULL REFERENCES calls (id),
  agreement_id text NOT NULL,
  offer_id text NOT NULL UNIQUE REFERENCES offers (id),
  nomination_deadline date NOT NULL,
  renounced_at timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL
);
CREATE INDEX penalties_student_idx ON penalties (student_id);

-- The sender: when a message was last tried (for backing off), and its Message-ID header.
ALTER TABLE outbox ADD COLUMN next_attempt_at timestamptz;
ALTER TABLE outbox ADD COLUMN message_id text;
