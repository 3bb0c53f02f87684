// The score preview (issue 5, SPEC 6 "every component is shown to the student"): the student's
// score as the engine computes it — from the stored academic record and the VERIFIED documents
// only — with what each document adds, and what the pending ones would add once verified.
import type { Kysely } from "kysely";
import { findCallDataset } from "../db/repositories/call-datasets.ts";
import { listCentreRules } from "../db/repositories/calls.ts";
import { listDocuments, type StoredDocument } from "../db/repositories/documents.ts";
import type { DB } from "../db/schema.ts";
import { callForCentre } from "../domain/centre-rules.ts";
import type { Call, CefrLevel, LanguageCertificate, Student } from "../domain/dataset.ts";
import { CEFR_LEVELS } from "../domain/dataset.ts";
import { scoreUnitsToNumber } from "../domain/decimal.ts";
import { accreditedLevel } from "../domain/language-certificates.ts";
import type { Score } from "../domain/outcome.ts";
import {
  activityUnits,
  bestLevel,
  creditShare,
  languagePointUnits,
  studentLevels,
  weightedGradeUnits,
} from "../domain/scoring.ts";
import type { Actor } from "../policies/policies.ts";
import { notFound } from "./office-errors.ts";
import { studentInScope } from "./workflow-errors.ts";

export interface ScoredDocument {
  id: string;
  kind: StoredDocument["kind"];
  status: StoredDocument["status"];
  certificate: string | null;
  language: string | null;
  /** The CEFR level the certificate would accredit once verified (null: it earns nothing). */
  accredits: CefrLevel | null;
  activityKind: StoredDocument["activityKind"];
  /** It counts in the score now (verified, and it earns something). */
  counts: boolean;
}

export interface ScorePreview {
  callId: string;
  studentId: string;
  languageScope: Call["scoring"]["languageScope"];
  record: { averageGrade: number; creditsPassed: number; degreeCredits: number };
  /** The score now: the record and the verified documents. */
  score: Score;
  /** The best verified level per language (what the language component is taken from). */
  levels: { language: string; level: CefrLevel }[];
  /** The score if every pending document were verified as handed in; null when none is pending. */
  ifPendingVerified: Score | null;
  documents: ScoredDocument[];
}

/** SPEC 13, as the engine's assessment computes the overall score (languageScope "best"). */
export function scoreOf(call: Call, student: Student): Score {
  const weightedGrade = weightedGradeUnits(student, creditShare(student));
  const activities = activityUnits(call, student);
  const best = bestLevel(studentLevels(student));
  const language = best === null ? 0 : (languagePointUnits(call)[best] ?? 0);
  return {
    weightedGrade: scoreUnitsToNumber(weightedGrade),
    language: scoreUnitsToNumber(language),
    activities: scoreUnitsToNumber(activities),
    total: scoreUnitsToNumber(weightedGrade + language + activities),
  };
}

function certificateOf(doc: StoredDocument, verified: boolean): LanguageCertificate {
  return {
    certificate: doc.certificate ?? "",
    language: doc.language ?? "",
    ...(doc.level === null ? {} : { level: doc.level }),
    ...(doc.result === null ? {} : { result: doc.result }),
    ...(doc.results === null ? {} : { results: doc.results }),
    verified,
  };
}

/** The student's score preview (the student, or the staff of their centre; otherwise 404). */
export async function getScorePreview(options: {
  db: Kysely<DB>;
  actor: Actor;
  callId: string;
  studentId: string;
}): Promise<ScorePreview> {
  const { db, actor, callId, studentId } = options;
  const stored = await studentInScope(db, actor, "application:read", callId, studentId);
  const loaded = await db
    .transaction()
    .setIsolationLevel("repeatable read")
    .execute(async (tx) => ({
      dataset: await findCallDataset(tx, callId),
      rules: await listCentreRules(tx, callId),
      documents: await listDocuments(tx, callId, { studentId }),
    }));
  if (loaded.dataset === undefined) throw notFound(`call ${callId}`);
  const student = loaded.dataset.students.find((s) => s.id === studentId);
  if (student === undefined) throw notFound(`student ${studentId} in call ${callId}`);
  const centreRules = loaded.rules.find((r) => r.centre === stored.record.centre)?.rules;
  const call = callForCentre(loaded.dataset.call, centreRules);

  const pending = loaded.documents.filter((d) => d.status === "pending");
  const hopeful: Student = {
    ...student,
    languageCertificates: [
      ...student.languageCertificates,
      ...pending.filter((d) => d.kind === "language-certificate").map((d) => certificateOf(d, true)),
    ],
    activities: [
      ...student.activities,
      ...pending
        .filter((d) => d.kind === "activity" && d.activityKind !== null)
        .map((d) => ({
          kind: d.activityKind ?? "international-event",
          ...(d.positiveEvaluation === null ? {} : { positiveEvaluation: d.positiveEvaluation }),
          verified: true,
        })),
    ],
  };
  const activityCounts = (d: StoredDocument) =>
    d.activityKind === "international-event" || d.positiveEvaluation === true;

  return {
    callId,
    studentId,
    languageScope: call.scoring.languageScope,
    record: {
      averageGrade: student.averageGrade,
      creditsPassed: student.creditsPassed,
      degreeCredits: student.degreeCredits,
    },
    score: scoreOf(call, student),
    levels: [...studentLevels(student)]
      .map(([language, level]) => ({ language, level: CEFR_LEVELS[level] ?? "A1" }))
      .sort((a, b) => (a.language < b.language ? -1 : a.language > b.language ? 1 : 0)),
    ifPendingVerified: pending.length === 0 ? null : scoreOf(call, hopeful),
    documents: loaded.documents.map((d) => {
      const level = d.kind === "language-certificate" ? accreditedLevel(certificateOf(d, true)) : null;
      const earns = d.kind === "language-certificate" ? level !== null : activityCounts(d);
      return {
        id: d.id,
        kind: d.kind,
        status: d.status,
        certificate: d.certificate,
        language: d.language,
        accredits: level === null ? null : (CEFR_LEVELS[level] ?? null),
        activityKind: d.activityKind,
        counts: d.status === "verified" && earns,
      };
    }),
  };
}
