// Row types of the tables created by src/db/migrations, as the drivers return them once
// src/db/type-parsers.ts has normalised them: numeric → string (exact), int8 → number,
// timestamptz → Date. Convert decimals to numbers only in src/db/decimal.ts.
import type { ColumnType, Generated } from "kysely";
import type { CefrLevel } from "../domain/dataset.ts";

/** A `numeric` column: read as an exact decimal string, written from a decimal string. */
export type Decimal = string;
/** A `timestamptz` column: read as a Date, written as a Date or an RFC 3339 string. */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
export type NullableTimestamp = ColumnType<Date | null, Date | string | null, Date | string | null>;
/** A `jsonb` column holding a map of numbers. */
export type JsonNumberMap = ColumnType<Record<string, number> | null, string | null, string | null>;

export interface SchemaMigrationsTable {
  version: number;
  name: string;
  checksum: string;
  applied_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface CentresTable {
  code: string;
  name: string;
  name_en: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface DegreesTable {
  code: string;
  centre_code: string;
  name: string;
  name_en: ColumnType<string | null, string | null | undefined, string | null>;
  cycle: string;
  credits: Decimal;
}

export interface CallsTable {
  id: string;
  academic_year: string;
  kind: string;
  max_choices: number | null;
  round: ColumnType<number | null, number | null | undefined, number | null>;
  activity_bonus: Decimal;
  language_scope: string;
  min_year_of_study: number;
  min_first_year_credits_pct: Decimal;
  max_months_per_cycle: Decimal;
  programme_countries: string[];
  min_months: Decimal;
  max_months: Decimal;
  max_funded_months: Decimal;
  application_opens_at: NullableTimestamp;
  application_deadline: Timestamp;
  application_deadline_text: string | null;
  documents_deadline: NullableTimestamp;
  level_test_at: NullableTimestamp;
  provisional_list_at: NullableTimestamp;
  claims_open_at: NullableTimestamp;
  claims_close_at: NullableTimestamp;
  definitive_list_at: NullableTimestamp;
  acceptance_deadline: NullableTimestamp;
  /** Migration 006: days each further acceptance round gives a substitute to answer. */
  acceptance_round_days: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CallLanguagePointsTable {
  call_id: string;
  level: string;
  points: Decimal;
}

export interface CallFundingGroupsTable {
  call_id: string;
  position: number;
  group_number: number;
  monthly_eur: Decimal;
  countries: string[];
}

export interface AgreementsTable {
  call_id: string;
  id: string;
  position: number;
  centre_code: string;
  partner_erasmus_code: string | null;
  partner_name: string;
  partner_country: string;
  places: number;
  months: Decimal;
  cycles: string[];
  subject_area: string | null;
  language_required_at_application: boolean | null;
  /** A calendar day, 'YYYY-MM-DD' (migration 003). */
  partner_nomination_deadline: ColumnType<string | null, string | null | undefined, string | null>;
  /**
   * The rows of agreement_language_options as a JSON array in their order (null: none), kept by
   * their trigger (migration 009): never written directly.
   */
  language_options: ColumnType<{ language: string; minLevel: CefrLevel }[] | null, never, never>;
  /** A fresh uuid at every write of the row, chosen by the writer or by the trigger (migration 010). */
  version: ColumnType<string, string | undefined, string | undefined>;
}

export interface AgreementLanguageOptionsTable {
  call_id: string;
  agreement_id: string;
  position: number;
  language: string;
  min_level: string;
}

export interface StudentsTable {
  call_id: string;
  id: string;
  position: number;
  name: string | null;
  email: ColumnType<string | null, string | null | undefined, string | null>;
  centre_code: string;
  degree_code: ColumnType<string | null, string | null | undefined, string | null>;
  cycle: string;
  year_of_study: number;
  average_grade: Decimal;
  credits_passed: Decimal;
  degree_credits: Decimal;
  first_year_credits_pct: Decimal;
  nationality: string;
  residence_permit: boolean;
  enrolled: boolean;
  has_debts: boolean;
  in_other_mobility_programme: boolean;
  previous_erasmus_months: Decimal;
  gender: string | null;
  disability: boolean | null;
  disadvantaged: boolean | null;
}

export interface LanguageCertificatesTable {
  call_id: string;
  student_id: string;
  position: number;
  certificate: string;
  language: string;
  level: string | null;
  result: Decimal | null;
  results: JsonNumberMap;
  verified: boolean;
  /** Migration 004: the document this row projects, when it came from an upload. */
  document_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ActivitiesTable {
  call_id: string;
  student_id: string;
  position: number;
  kind: string;
  positive_evaluation: boolean | null;
  verified: boolean;
  /** Migration 004: the document this row projects, when it came from an upload. */
  document_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ApplicationsTable {
  call_id: string;
  id: string;
  position: number;
  student_id: string;
  validated_at: NullableTimestamp;
  validated_at_text: string | null;
  /** Migration 004: set when the server writes the application (null for imported ones). */
  created_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  updated_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  receipt_id: ColumnType<string | null, string | null | undefined, string | null>;
  receipt_sha256: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ApplicationChoicesTable {
  call_id: string;
  application_id: string;
  position: number;
  agreement_id: string;
}

export interface UsersTable {
  id: string;
  email: string;
  display_name: string;
  role: string;
  centre_code: string | null;
  student_id: string | null;
  password_hash: string | null;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  preferred_language: ColumnType<string, string | undefined, string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SessionsTable {
  token_digest: string;
  user_id: string;
  csrf_digest: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
}

export interface SetupTokensTable {
  token_digest: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
}

/** A `jsonb` column: read as parsed JSON, written as JSON text. */
export type Json = ColumnType<unknown, string | null, string | null>;

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  actor_user_id: string | null;
  actor_role: string | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string;
  call_id: string | null;
  centre_code: string | null;
  before: Json;
  after: Json;
}

/** A `jsonb` column holding an object (src/domain/centre-rules.ts CentreRules). */
export type JsonObject = ColumnType<Record<string, unknown>, string, string>;

export interface CallCentreRulesTable {
  call_id: string;
  centre_code: string;
  rules: JsonObject;
  updated_at: Timestamp;
}

/** Migration 004: a document handed in for a student (certificate, activity, level test). */
export interface DocumentsTable {
  id: string;
  call_id: string;
  student_id: string;
  centre_code: string;
  kind: string;
  certificate: string | null;
  language: string | null;
  level: string | null;
  result: Decimal | null;
  results: JsonNumberMap;
  activity_kind: string | null;
  positive_evaluation: boolean | null;
  file_sha256: string | null;
  file_size: number | null;
  media_type: string | null;
  file_name: string | null;
  status: string;
  review_reason: string | null;
  reviewed_by: string | null;
  reviewed_at: NullableTimestamp;
  uploaded_by: string;
  uploaded_at: Timestamp;
}

/** Migration 004: one run of the engine, never modified. */
export interface AwardRunsTable {
  id: string;
  call_id: string;
  seq: number;
  centre_code: string | null;
  input_sha256: string;
  input: Json;
  outcome: Json;
  run_by_user_id: string | null;
  run_by_label: string;
  run_at: Timestamp;
}

/** Migration 004: a published list, never modified. */
export interface ListPublicationsTable {
  id: string;
  call_id: string;
  centre_code: string;
  kind: string;
  run_id: string;
  supersedes_id: string | null;
  reason: string | null;
  published_by_user_id: string | null;
  published_by_label: string;
  published_at: Timestamp;
  entries: Json;
  outcome: Json;
}

/** Migration 004: a message to send, enqueued with the change it announces. */
export interface OutboxTable {
  id: Generated<number>;
  kind: string;
  call_id: string | null;
  student_id: string | null;
  user_id: string | null;
  email: string | null;
  payload: Json;
  dedupe_key: string;
  created_at: Timestamp;
  sent_at: NullableTimestamp;
  attempts: ColumnType<number, number | undefined, number>;
  last_error: string | null;
  /** Migration 005: not before this instant (backing off after a failure). */
  next_attempt_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  message_id: ColumnType<string | null, string | null | undefined, string | null>;
}

/** Migration 005: a claim against a provisional list. */
export interface ClaimsTable {
  id: string;
  call_id: string;
  centre_code: string;
  student_id: string;
  list_id: string;
  text: string;
  status: string;
  resolution_reason: string | null;
  corrections: Json;
  filed_by: string;
  filed_at: Timestamp;
  resolved_by: string | null;
  resolved_at: NullableTimestamp;
}

/** Migration 005: a file handed in with a claim. */
export interface ClaimAttachmentsTable {
  claim_id: string;
  position: number;
  file_sha256: string;
  file_size: number;
  media_type: string;
  file_name: string | null;
}

/** Migration 005: a student who gave up their application or place. */
export interface RenunciationsTable {
  call_id: string;
  student_id: string;
  centre_code: string;
  stage: string;
  choices: Json;
  renounced_by: string;
  renounced_at: Timestamp;
}

/** Migration 005: a place offered to a student in a round. */
export interface OffersTable {
  id: string;
  call_id: string;
  centre_code: string;
  student_id: string;
  agreement_id: string;
  round: number;
  list_id: string;
  offered_at: Timestamp;
  respond_by: Timestamp;
  status: string;
  responded_at: NullableTimestamp;
  responded_by: string | null;
  partner_accepted_at: NullableTimestamp;
  partner_accepted_by: string | null;
  enrolment_recorded_at: NullableTimestamp;
  enrolment_recorded_by: string | null;
}

/** Migration 005: a late renunciation, shown in later calls. */
export interface PenaltiesTable {
  id: string;
  student_id: string;
  call_id: string;
  agreement_id: string;
  offer_id: string;
  nomination_deadline: ColumnType<string, string, string>;
  renounced_at: Timestamp;
  recorded_at: Timestamp;
}

export interface DB {
  schema_migrations: SchemaMigrationsTable;
  centres: CentresTable;
  degrees: DegreesTable;
  calls: CallsTable;
  call_language_points: CallLanguagePointsTable;
  call_funding_groups: CallFundingGroupsTable;
  agreements: AgreementsTable;
  agreement_language_options: AgreementLanguageOptionsTable;
  students: StudentsTable;
  language_certificates: LanguageCertificatesTable;
  activities: ActivitiesTable;
  applications: ApplicationsTable;
  application_choices: ApplicationChoicesTable;
  users: UsersTable;
  sessions: SessionsTable;
  setup_tokens: SetupTokensTable;
  audit_log: AuditLogTable;
  call_centre_rules: CallCentreRulesTable;
  documents: DocumentsTable;
  award_runs: AwardRunsTable;
  list_publications: ListPublicationsTable;
  outbox: OutboxTable;
  claims: ClaimsTable;
  claim_attachments: ClaimAttachmentsTable;
  renunciations: RenunciationsTable;
  offers: OffersTable;
  penalties: PenaltiesTable;
}
