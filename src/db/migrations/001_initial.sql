-- What an office loads for a call (issue 3, item 3), shaped after dataset.schema.json.
-- Decimal figures are `numeric` so grades, credits, months and euros stay exact
-- (docs/decisions/0002-database.md). Collections keep their input order in `position`.
-- Identifiers are the university's own codes (text). Records that a dataset gives per call
-- (agreements, students' academic records, applications) are keyed by (call_id, id).

CREATE TABLE centres (
  code text PRIMARY KEY CHECK (code <> ''),
  name text NOT NULL
);

CREATE TABLE degrees (
  code text PRIMARY KEY CHECK (code <> ''),
  centre_code text NOT NULL REFERENCES centres (code),
  name text NOT NULL,
  cycle text NOT NULL CHECK (cycle IN ('grado', 'master', 'doctorado')),
  credits numeric NOT NULL CHECK (credits > 0)
);

CREATE TABLE calls (
  id text PRIMARY KEY CHECK (id <> ''),
  academic_year text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('study', 'traineeship')),
  max_choices integer CHECK (max_choices >= 1),
  -- scoring
  activity_bonus numeric NOT NULL CHECK (activity_bonus >= 0),
  language_scope text NOT NULL CHECK (language_scope IN ('best', 'destination')),
  -- eligibility
  min_year_of_study integer NOT NULL,
  min_first_year_credits_pct numeric NOT NULL,
  max_months_per_cycle numeric NOT NULL,
  programme_countries text[] NOT NULL,
  -- duration and funding
  min_months numeric NOT NULL,
  max_months numeric NOT NULL,
  max_funded_months numeric NOT NULL,
  -- calendar (SPEC 4); only the application deadline is part of a dataset
  application_opens_at timestamptz,
  application_deadline timestamptz NOT NULL,
  -- the deadline as the imported document wrote it (offset, fraction), so export gives it back
  application_deadline_text text
    CHECK (application_deadline_text IS NULL OR application_deadline_text::timestamptz = application_deadline),
  documents_deadline timestamptz,
  level_test_at timestamptz,
  provisional_list_at timestamptz,
  claims_open_at timestamptz,
  claims_close_at timestamptz,
  definitive_list_at timestamptz,
  acceptance_deadline timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);

CREATE TABLE call_language_points (
  call_id text NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
  level text NOT NULL CHECK (level IN ('A1', 'A2', 'B1', 'B2', 'C1', 'C2')),
  points numeric NOT NULL CHECK (points >= 0),
  PRIMARY KEY (call_id, level)
);

CREATE TABLE call_funding_groups (
  call_id text NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
  position integer NOT NULL,
  group_number integer NOT NULL,
  monthly_eur numeric NOT NULL CHECK (monthly_eur >= 0),
  countries text[] NOT NULL,
  PRIMARY KEY (call_id, position)
);

CREATE TABLE agreements (
  call_id text NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
  id text NOT NULL CHECK (id <> ''),
  position integer NOT NULL,
  centre_code text NOT NULL REFERENCES centres (code),
  partner_erasmus_code text,
  partner_name text NOT NULL,
  partner_country text NOT NULL,
  places integer NOT NULL CHECK (places >= 0),
  months numeric NOT NULL CHECK (months >= 0),
  cycles text[] NOT NULL,
  subject_area text,
  -- null: no language requirement; otherwise the options are in agreement_language_options
  language_required_at_application boolean,
  partner_nomination_deadline timestamptz,
  PRIMARY KEY (call_id, id),
  UNIQUE (call_id, position)
);

CREATE TABLE agreement_language_options (
  call_id text NOT NULL,
  agreement_id text NOT NULL,
  position integer NOT NULL,
  language text NOT NULL,
  min_level text NOT NULL CHECK (min_level IN ('A1', 'A2', 'B1', 'B2', 'C1', 'C2')),
  PRIMARY KEY (call_id, agreement_id, position),
  FOREIGN KEY (call_id, agreement_id) REFERENCES agreements (call_id, id) ON DELETE CASCADE
);

-- A student's academic record as Secretaría gave it for one call.
CREATE TABLE students (
  call_id text NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
  id text NOT NULL CHECK (id <> ''),
  position integer NOT NULL,
  name text,
  centre_code text NOT NULL REFERENCES centres (code),
  degree_code text REFERENCES degrees (code),
  cycle text NOT NULL CHECK (cycle IN ('grado', 'master', 'doctorado')),
  year_of_study integer NOT NULL CHECK (year_of_study >= 1),
  average_grade numeric NOT NULL,
  credits_passed numeric NOT NULL,
  degree_credits numeric NOT NULL,
  first_year_credits_pct numeric NOT NULL,
  nationality text NOT NULL,
  residence_permit boolean NOT NULL,
  enrolled boolean NOT NULL,
  has_debts boolean NOT NULL,
  in_other_mobility_programme boolean NOT NULL,
  previous_erasmus_months numeric NOT NULL,
  gender text CHECK (gender IN ('female', 'male', 'other', 'undisclosed')),
  disability boolean,
  disadvantaged boolean,
  PRIMARY KEY (call_id, id),
  UNIQUE (call_id, position)
);

CREATE TABLE language_certificates (
  call_id text NOT NULL,
  student_id text NOT NULL,
  position integer NOT NULL,
  certificate text NOT NULL,
  language text NOT NULL,
  level text CHECK (level IN ('A1', 'A2', 'B1', 'B2', 'C1', 'C2')),
  result numeric,
  -- per-skill scores (TOEIC...): a small map kept as given; jsonb numbers are numeric, hence exact
  results jsonb,
  verified boolean NOT NULL,
  PRIMARY KEY (call_id, student_id, position),
  FOREIGN KEY (call_id, student_id) REFERENCES students (call_id, id) ON DELETE CASCADE
);

CREATE TABLE activities (
  call_id text NOT NULL,
  student_id text NOT NULL,
  position integer NOT NULL,
  kind text NOT NULL CHECK (kind IN ('international-event', 'mentor-programme')),
  positive_evaluation boolean,
  verified boolean NOT NULL,
  PRIMARY KEY (call_id, student_id, position),
  FOREIGN KEY (call_id, student_id) REFERENCES students (call_id, id) ON DELETE CASCADE
);

-- student_id and the choices' agreement ids are kept as submitted, without foreign keys:
-- an unknown student or agreement is an outcome of the engine (UNKNOWN_STUDENT,
-- UNKNOWN_AGREEMENT), not a format error (SPEC 13).
CREATE TABLE applications (
  call_id text NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
  id text NOT NULL CHECK (id <> ''),
  position integer NOT NULL,
  student_id text NOT NULL,
  validated_at timestamptz,
  -- the instant as the imported document wrote it; null when the server set validated_at
  validated_at_text text CHECK (validated_at_text IS NULL OR (validated_at IS NOT NULL AND validated_at_text::timestamptz = validated_at)),
  PRIMARY KEY (call_id, id),
  UNIQUE (call_id, position),
  -- one application per student and call (SPEC 12.13)
  UNIQUE (call_id, student_id)
);

CREATE TABLE application_choices (
  call_id text NOT NULL,
  application_id text NOT NULL,
  position integer NOT NULL,
  agreement_id text NOT NULL,
  PRIMARY KEY (call_id, application_id, position),
  FOREIGN KEY (call_id, application_id) REFERENCES applications (call_id, id) ON DELETE CASCADE
);

CREATE INDEX agreements_centre_idx ON agreements (centre_code);
CREATE INDEX students_centre_idx ON students (centre_code);
