-- People, their roles and scopes (SPEC 2), server-side sessions, the one-time setup token for the
-- first administrator, and the append-only audit log (issue 3, item 5).

ALTER TABLE centres ADD COLUMN name_en text;

CREATE TABLE users (
  id text PRIMARY KEY CHECK (id <> ''),
  email text NOT NULL UNIQUE CHECK (email = lower(email) AND email LIKE '%_@_%'),
  display_name text NOT NULL,
  role text NOT NULL CHECK (role IN ('student', 'coordinator', 'office', 'language-service', 'mentor', 'incoming', 'admin')),
  -- a coordinator manages exactly one centre; a student is also of a centre
  centre_code text REFERENCES centres (code),
  -- the university's student id, for students and incoming students (their own data only)
  student_id text,
  password_hash text,
  active boolean NOT NULL DEFAULT true,
  preferred_language text NOT NULL DEFAULT 'es' CHECK (preferred_language IN ('es', 'en')),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK (role <> 'coordinator' OR centre_code IS NOT NULL),
  CHECK (role NOT IN ('student', 'incoming') OR student_id IS NOT NULL)
);
CREATE UNIQUE INDEX users_student_id ON users (student_id) WHERE student_id IS NOT NULL;

-- The cookie holds a random token; only its SHA-256 is stored, so a leaked table opens nothing.
CREATE TABLE sessions (
  token_digest text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  -- synchronizer token for cookie-authenticated writes (X-CSRF-Token), also stored as a digest
  csrf_digest text NOT NULL,
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE setup_tokens (
  token_digest text PRIMARY KEY,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);

-- Every state change: who, when, what, from → to. Rows are never updated nor deleted.
CREATE TABLE audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL,
  actor_user_id text,
  actor_role text,
  -- "user:<email>", "cli", "system" (scheduled jobs) or "setup"
  actor_label text NOT NULL,
  action text NOT NULL,
  entity_type text NOT NULL,
  entity_id text NOT NULL,
  call_id text,
  centre_code text,
  before jsonb,
  after jsonb
);
CREATE INDEX audit_log_entity ON audit_log (entity_type, entity_id);
CREATE INDEX audit_log_call ON audit_log (call_id, id);

CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
