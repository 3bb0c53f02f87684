-- The outgoing call as it happens (issue 4, first half; docs/decisions/0005-applications-and-lists.md):
-- applications drafted and validated online with a receipt, documents uploaded and reviewed, runs of
-- the engine kept with their input hash, and the published lists, immutable.

-- Applications written by the server (a student's draft) carry when they were made and, once
-- validated, their receipt. Applications imported from a dataset leave these null.
ALTER TABLE applications ADD COLUMN created_at timestamptz;
ALTER TABLE applications ADD COLUMN updated_at timestamptz;
ALTER TABLE applications ADD COLUMN receipt_id text UNIQUE;
ALTER TABLE applications ADD COLUMN receipt_sha256 text;
ALTER TABLE applications ADD CONSTRAINT applications_receipt_needs_validation
  CHECK (receipt_id IS NULL OR validated_at IS NOT NULL);

-- A document a student (or staff for them) handed in: a language certificate or an activity
-- certificate, with its file stored by content hash under DATA_DIR/files; or a level test the
-- language service recorded (no file). Reviewed by the staff of the student's centre.
CREATE TABLE documents (
  id text PRIMARY KEY,
  call_id text NOT NULL REFERENCES calls (id),
  student_id text NOT NULL,
  centre_code text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('language-certificate', 'activity')),
  -- language certificates: an Annex II family id, or 'level-test'
  certificate text,
  language text,
  level text CHECK (level IN ('A1', 'A2', 'B1', 'B2', 'C1', 'C2')),
  result numeric,
  results jsonb,
  -- activities
  activity_kind text CHECK (activity_kind IN ('international-event', 'mentor-programme')),
  positive_evaluation boolean,
  -- the file (null for a level test recorded by the language service)
  file_sha256 text CHECK (file_sha256 ~ '^[0-9a-f]{64}$'),
  file_size bigint CHECK (file_size >= 0),
  media_type text CHECK (media_type IN ('application/pdf', 'image/jpeg', 'image/png')),
  file_name text,
  status text NOT NULL CHECK (status IN ('pending', 'verified', 'rejected')),
  review_reason text,
  reviewed_by text,
  reviewed_at timestamptz,
  uploaded_by text NOT NULL,
  uploaded_at timestamptz NOT NULL,
  CHECK ((kind = 'language-certificate') = (certificate IS NOT NULL AND language IS NOT NULL)),
  CHECK ((kind = 'activity') = (activity_kind IS NOT NULL)),
  CHECK ((file_sha256 IS NULL) = (media_type IS NULL)),
  CHECK (status <> 'rejected' OR review_reason IS NOT NULL)
);
CREATE INDEX documents_student_idx ON documents (call_id, student_id);
CREATE INDEX documents_centre_idx ON documents (call_id, centre_code, status);

-- A document counts for the score as the dataset's certificate or activity (verified = the
-- document's status is verified): these rows are its projection, kept in step by the use cases.
ALTER TABLE language_certificates ADD COLUMN document_id text UNIQUE REFERENCES documents (id) ON DELETE CASCADE;
ALTER TABLE activities ADD COLUMN document_id text UNIQUE REFERENCES documents (id) ON DELETE CASCADE;

-- One run of the scoring and award engine on the call's data as it was: its canonical input and its
-- SHA-256, its outcome (the centre's part for a centre's run), who ran it and when.
CREATE TABLE award_runs (
  id text PRIMARY KEY,
  call_id text NOT NULL REFERENCES calls (id),
  seq integer NOT NULL CHECK (seq >= 1),
  -- null: every centre (the office); otherwise the coordinator's centre
  centre_code text,
  input_sha256 text NOT NULL CHECK (input_sha256 ~ '^[0-9a-f]{64}$'),
  input jsonb NOT NULL,
  outcome jsonb NOT NULL,
  run_by_user_id text,
  run_by_label text NOT NULL,
  run_at timestamptz NOT NULL,
  UNIQUE (call_id, seq)
);

-- A published list of one centre: provisional or definitive, from one run, never modified. A new
-- publication of the same centre and kind supersedes the latest one, with a reason.
CREATE TABLE list_publications (
  id text PRIMARY KEY,
  call_id text NOT NULL REFERENCES calls (id),
  centre_code text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('provisional', 'definitive')),
  run_id text NOT NULL REFERENCES award_runs (id),
  -- the chain of publications is linear: each is superseded at most once
  supersedes_id text UNIQUE REFERENCES list_publications (id),
  reason text,
  published_by_user_id text,
  published_by_label text NOT NULL,
  published_at timestamptz NOT NULL,
  -- the pseudonymised public rows, and the centre's part of the run's outcome (students' own views)
  entries jsonb NOT NULL,
  outcome jsonb NOT NULL,
  CHECK (supersedes_id IS NULL OR reason IS NOT NULL)
);
-- One first publication per centre and kind; later ones supersede it.
CREATE UNIQUE INDEX list_publications_first ON list_publications (call_id, centre_code, kind)
  WHERE supersedes_id IS NULL;

CREATE FUNCTION refuse_change_of_record() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: a published record is never modified', TG_TABLE_NAME;
END;
$$;
CREATE TRIGGER award_runs_append_only BEFORE UPDATE OR DELETE ON award_runs
  FOR EACH ROW EXECUTE FUNCTION refuse_change_of_record();
CREATE TRIGGER list_publications_append_only BEFORE UPDATE OR DELETE ON list_publications
  FOR EACH ROW EXECUTE FUNCTION refuse_change_of_record();

-- Messages to send (e-mail), written in the same transaction as the change they announce, so a
-- change is never announced without having happened nor happens unannounced. The sender (issue 4,
-- notifications) marks each sent; dedupe_key makes a message enqueued twice one message.
CREATE TABLE outbox (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind text NOT NULL,
  call_id text,
  -- who it is for: a student of the call (e-mail as Secretaría gave it), or a user
  student_id text,
  user_id text,
  email text,
  payload jsonb NOT NULL CHECK (jsonb_typeof(payload) = 'object'),
  dedupe_key text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL,
  sent_at timestamptz,
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  CHECK (student_id IS NOT NULL OR user_id IS NOT NULL OR email IS NOT NULL)
);
CREATE INDEX outbox_pending ON outbox (id) WHERE sent_at IS NULL;
