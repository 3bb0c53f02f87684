// Claims against the provisional list (SPEC 7, Bases): filed by the student inside the claims window
// with text and attachments, resolved by the centre with a reason — accepted with the data corrected
// (a document's review, academic figures; the next run reflects it) or rejected. A renunciation is
// also possible in that window. docs/decisions/0008-claims-acceptance-notifications.md
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { z } from "zod";
import type { Clock } from "../clock.ts";
import { findApplicationOfStudent } from "../db/repositories/applications.ts";
import { recordAudit } from "../db/repositories/audit-log.ts";
import { currentOf, findPublication, listPublications } from "../db/repositories/award-runs.ts";
import { findCall, type StoredCall } from "../db/repositories/calls.ts";
import {
  type ClaimAttachment,
  type ClaimStatus,
  findClaim,
  findRenunciation,
  insertClaim,
  insertRenunciation,
  listClaims as listClaimRows,
  resolveClaimRow,
  type StoredClaim,
  type StoredRenunciation,
} from "../db/repositories/claims.ts";
import { findDocument, setDocumentReview } from "../db/repositories/documents.ts";
import { enqueueNotices } from "../db/repositories/notices.ts";
import { enqueueMessages } from "../db/repositories/outbox.ts";
import { findStudent, updateStudent } from "../db/repositories/students.ts";
import type { DB } from "../db/schema.ts";
import { AppError, fieldRefusal, refusal } from "../errors.ts";
import type { FileStore, StagedFile } from "../files/file-store.ts";
import { sniffDocument } from "../files/sniff.ts";
import { authorize } from "../policies/authorize.ts";
import { type Actor, can, scopeOf } from "../policies/policies.ts";
import { insideWindow } from "./claim-errors.ts";
import { inTransaction, notFound } from "./office-errors.ts";
import { studentInScope } from "./workflow-errors.ts";

/** At most this many files with a claim, each at most 10 MB (as documents). */
export const MAX_CLAIM_FILES = 5;

export interface ClaimFile {
  staged: StagedFile;
  fileName: string | undefined;
  mediaType: string | undefined;
}

const userOf = (actor: Actor): string => (actor.kind === "user" ? actor.userId : "public");

function assertClaimsOpen(call: StoredCall, now: Date): void {
  const { claimsOpenAt, claimsCloseAt } = call.calendar;
  if (!insideWindow(now, claimsOpenAt, claimsCloseAt))
    throw refusal(
      "CLAIMS_WINDOW_CLOSED",
      claimsOpenAt === null || claimsCloseAt === null
        ? "this call has no claims window"
        : `claims are accepted from ${claimsOpenAt} to ${claimsCloseAt}`,
    );
}

/** The current provisional list of the centre, and whether the student is on it (validated). */
async function provisionalListOf(tx: Kysely<DB>, callId: string, centre: string, studentId: string) {
  const published = await listPublications(tx, callId, { centre });
  if (published.some((p) => p.kind === "definitive"))
    throw refusal("LIST_PUBLISHED", `the definitive list of ${centre} is published`);
  const current = currentOf(published.filter((p) => p.kind === "provisional"));
  if (current === undefined)
    throw refusal("PROVISIONAL_LIST_MISSING", `the provisional list of ${centre} is not published`);
  const list = await findPublication(tx, callId, current.id);
  const result = list?.outcome.results.find((r) => r.studentId === studentId);
  if (result === undefined || (result.exclusions.length === 1 && result.exclusions[0] === "NOT_VALIDATED"))
    throw refusal("NOT_ON_LIST", `student ${studentId} is not on the provisional list`);
  return current;
}

/** Before reading a multipart body: may the actor file a claim for this student now? */
export async function checkClaimFiling(options: {
  db: Kysely<DB>;
  clock: Clock;
  actor: Actor;
  callId: string;
  studentId: string;
}): Promise<void> {
  const { db, clock, actor, callId, studentId } = options;
  await studentInScope(db, actor, "claim:file", callId, studentId);
  const call = await findCall(db, callId);
  if (call === undefined) throw notFound(`call ${callId}`);
  assertClaimsOpen(call, clock.now());
}

const claimText = z
  .string()
  .transform((s) => s.trim())
  .pipe(z.string().min(1, "say what the claim is about").max(20000));

/** Files a claim on the student's centre's current provisional list, with its attachments. */
export async function fileClaim(options: {
  db: Kysely<DB>;
  clock: Clock;
  actor: Actor;
  callId: string;
  studentId: string;
  text: unknown;
  files: readonly ClaimFile[];
}): Promise<StoredClaim> {
  const { db, clock, actor, callId, studentId, files } = options;
  try {
    const student = await studentInScope(db, actor, "claim:file", callId, studentId);
    const text = claimText.safeParse(options.text ?? "");
    if (!text.success)
      throw new AppError(
        "VALIDATION_FAILED",
        "the claim needs a text",
        text.error.issues.map((i) => ({ path: "body/text", message: i.message })),
      );
    if (files.length > MAX_CLAIM_FILES)
      throw fieldRefusal("TOO_MANY_FILES", `at most ${MAX_CLAIM_FILES} files`, "body/file");
    const attachments: ClaimAttachment[] = [];
    for (const [position, file] of files.entries()) {
      const sniffed = await sniffDocument(file.staged, {
        mediaType: file.mediaType,
        fileName: file.fileName,
      });
      if (!sniffed.ok)
        throw fieldRefusal(
          "FILE_TYPE",
          `${sniffed.reason}: ${sniffed.detail}`,
          "body/file",
          "UNSUPPORTED_MEDIA_TYPE",
        );
      attachments.push({
        position,
        sha256: file.staged.sha256,
        size: file.staged.size,
        mediaType: sniffed.mediaType,
        name: file.fileName?.slice(0, 200) ?? null,
      });
    }
    return await inTransaction(db, async (tx) => {
      const call = await findCall(tx, callId);
      if (call === undefined) throw notFound(`call ${callId}`);
      const now = clock.now();
      assertClaimsOpen(call, now);
      const centre = student.record.centre;
      const list = await provisionalListOf(tx, callId, centre, studentId);
      if ((await findRenunciation(tx, callId, studentId)) !== undefined)
        throw refusal("RENOUNCED", `student ${studentId} renounced`);
      const claim: StoredClaim = {
        id: randomUUID(),
        callId,
        centre,
        studentId,
        listId: list.id,
        text: text.data,
        status: "open",
        resolutionReason: null,
        corrections: null,
        filedBy: userOf(actor),
        filedAt: now.toISOString(),
        resolvedBy: null,
        resolvedAt: null,
        attachments,
      };
      await insertClaim(tx, claim);
      await recordAudit(tx, now, {
        actor,
        action: "claim.filed",
        entityType: "claim",
        entityId: claim.id,
        callId,
        centre,
        before: null,
        after: claim,
      });
      // The student's receipt of the claim, and a notice to each coordinator of the centre.
      const staff = await tx
        .selectFrom("users")
        .select("id")
        .where("role", "=", "coordinator")
        .where("centre_code", "=", centre)
        .where("active", "=", true)
        .orderBy("id")
        .execute();
      const about = { claimId: claim.id, centre, filedAt: claim.filedAt, attachments: attachments.length };
      await enqueueMessages(tx, now, [
        {
          kind: "claim.filed",
          callId,
          studentId,
          email: student.email,
          payload: about,
          dedupeKey: `claim.filed:${claim.id}`,
        },
        ...staff.map((u) => ({
          kind: "claim.received" as const,
          callId,
          userId: u.id,
          payload: { ...about, studentId },
          dedupeKey: `claim.received:${claim.id}:${u.id}`,
        })),
      ]);
      for (const file of files) await file.staged.commit();
      return claim;
    });
  } catch (error) {
    for (const file of files) await file.staged.discard();
    throw error;
  }
}

/** Claims within the actor's scope: a student's own, a coordinator's centre's, all for the office. */
export async function listClaims(options: {
  db: Kysely<DB>;
  actor: Actor;
  callId: string;
  status?: ClaimStatus | undefined;
  centre?: string | undefined;
}): Promise<StoredClaim[]> {
  const { db, actor, callId } = options;
  authorize(actor, "claim:read");
  const scope = scopeOf(actor, "claim:read");
  if (scope.kind === "none") return [];
  if (scope.kind === "centre" && options.centre !== undefined && options.centre !== scope.centre) return [];
  return listClaimRows(db, callId, {
    ...(options.status !== undefined ? { status: options.status } : {}),
    ...(scope.kind === "centre" ? { centre: scope.centre } : {}),
    ...(scope.kind === "all" && options.centre !== undefined ? { centre: options.centre } : {}),
    ...(scope.kind === "student" ? { studentId: scope.studentId } : {}),
  });
}

/** One claim; another student's or centre's reads as absent (404). */
export async function getClaim(options: {
  db: Kysely<DB>;
  actor: Actor;
  callId: string;
  claimId: string;
}): Promise<StoredClaim> {
  const { db, actor, callId, claimId } = options;
  authorize(actor, "claim:read");
  const claim = await findClaim(db, callId, claimId);
  if (claim === undefined || !can(actor, "claim:read", { centre: claim.centre, studentId: claim.studentId }))
    throw notFound(`claim ${claimId}`);
  return claim;
}

export async function openClaimAttachment(options: {
  db: Kysely<DB>;
  files: FileStore;
  actor: Actor;
  callId: string;
  claimId: string;
  position: number;
}) {
  const claim = await getClaim(options);
  const attachment = claim.attachments.find((a) => a.position === options.position);
  if (attachment === undefined) throw notFound(`attachment ${options.position} of claim ${claim.id}`);
  const stream = await options.files.open(attachment.sha256);
  if (stream === undefined) throw notFound(`the file of attachment ${options.position}`);
  return { ...attachment, stream };
}

/** Academic figures an accepted claim may correct (Secretaría's record, as imported). */
export const academicCorrection = z.strictObject({
  yearOfStudy: z.int().min(1).max(10).optional(),
  averageGrade: z.number().min(0).max(10).optional(),
  creditsPassed: z.number().min(0).optional(),
  degreeCredits: z.number().positive().optional(),
  firstYearCreditsPct: z.number().min(0).max(100).optional(),
  previousErasmusMonths: z.number().min(0).max(48).optional(),
  enrolled: z.boolean().optional(),
  hasDebts: z.boolean().optional(),
  inOtherMobilityProgramme: z.boolean().optional(),
  residencePermit: z.boolean().optional(),
});

export const claimResolution = z.strictObject({
  decision: z.enum(["accepted", "rejected"]),
  reason: z
    .string()
    .transform((s) => s.trim())
    .pipe(z.string().min(1, "say why").max(5000)),
  corrections: z
    .strictObject({
      documents: z
        .array(
          z.strictObject({
            documentId: z.string().min(1).max(200),
            decision: z.enum(["verified", "rejected"]),
            reason: z.string().trim().min(1).max(2000).optional(),
          }),
        )
        .max(50)
        .optional(),
      academicRecord: academicCorrection.optional(),
    })
    .optional(),
});
export type ClaimResolution = z.infer<typeof claimResolution>;

/**
 * The centre resolves an open claim with a reason. An accepted claim may correct the data in the
 * same transaction: documents of the same student reviewed again, academic figures fixed; each
 * correction is audited as its own change, so the next run scores the corrected data.
 */
export async function resolveClaim(options: {
  db: Kysely<DB>;
  clock: Clock;
  actor: Actor;
  callId: string;
  claimId: string;
  resolution: ClaimResolution;
}): Promise<StoredClaim> {
  const { db, clock, actor, callId, claimId, resolution } = options;
  authorize(actor, "claim:resolve");
  return inTransaction(db, async (tx) => {
    const claim = await findClaim(tx, callId, claimId, { forUpdate: true });
    if (
      claim === undefined ||
      !can(actor, "claim:resolve", { centre: claim.centre, studentId: claim.studentId })
    )
      throw notFound(`claim ${claimId}`);
    if (claim.status !== "open")
      throw refusal("CLAIM_RESOLVED", `claim ${claimId} was ${claim.status} at ${claim.resolvedAt}`);
    const corrections = resolution.corrections ?? null;
    if (resolution.decision === "rejected" && corrections !== null)
      throw fieldRefusal("CORRECTION_NOT_ALLOWED", "a rejected claim corrects nothing", "body/corrections");
    const now = clock.now();
    const by = userOf(actor);
    for (const [i, c] of (corrections?.documents ?? []).entries()) {
      const doc = await findDocument(tx, callId, c.documentId);
      if (doc === undefined || doc.studentId !== claim.studentId)
        throw new AppError("VALIDATION_FAILED", "a correction names a document of someone else", [
          {
            path: `body/corrections/documents/${i}/documentId`,
            message: `no document ${c.documentId} of this student`,
          },
        ]);
      if (c.decision === "rejected" && c.reason === undefined)
        throw fieldRefusal(
          "REASON_REQUIRED",
          "a rejected document needs a reason",
          `body/corrections/documents/${i}/reason`,
        );
      const reason = c.reason ?? null;
      await setDocumentReview(tx, doc, { status: c.decision, reason, by, at: now });
      await recordAudit(tx, now, {
        actor,
        action: c.decision === "verified" ? "document.verified" : "document.rejected",
        entityType: "document",
        entityId: doc.id,
        callId,
        centre: doc.centre,
        before: { status: doc.status, reviewReason: doc.reviewReason },
        after: { status: c.decision, reviewReason: reason, claimId },
      });
    }
    const academic = corrections?.academicRecord;
    if (academic !== undefined && Object.keys(academic).length > 0) {
      const stored = await findStudent(tx, callId, claim.studentId);
      if (stored === undefined) throw notFound(`student ${claim.studentId}`);
      const before = Object.fromEntries(
        Object.keys(academic).map((k) => [k, stored.record[k as keyof typeof academic]]),
      );
      const record = { ...stored.record, ...academic };
      await updateStudent(tx, callId, { ...stored, record });
      await recordAudit(tx, now, {
        actor,
        action: "student.updated",
        entityType: "student",
        entityId: claim.studentId,
        callId,
        centre: claim.centre,
        before,
        after: { ...academic, claimId },
      });
    }
    if (
      !(await resolveClaimRow(tx, claim, {
        status: resolution.decision,
        reason: resolution.reason,
        corrections,
        by,
        at: now,
      }))
    )
      throw refusal("CLAIM_RESOLVED", `claim ${claimId} is no longer open`);
    const after: StoredClaim = {
      ...claim,
      status: resolution.decision,
      resolutionReason: resolution.reason,
      corrections,
      resolvedBy: by,
      resolvedAt: now.toISOString(),
    };
    await recordAudit(tx, now, {
      actor,
      action: `claim.${resolution.decision}`,
      entityType: "claim",
      entityId: claim.id,
      callId,
      centre: claim.centre,
      before: { status: claim.status },
      after: { status: after.status, resolutionReason: after.resolutionReason, corrections },
    });
    const student = await findStudent(tx, callId, claim.studentId);
    await enqueueNotices(tx, now, [
      {
        kind: "claim.resolved",
        callId,
        studentId: claim.studentId,
        email: student?.email ?? null,
        payload: {
          claimId: claim.id,
          decision: resolution.decision,
          reason: resolution.reason,
          centre: claim.centre,
        },
        dedupeKey: `claim.resolved:${claim.id}`,
      },
    ]);
    return after;
  });
}

/**
 * A student gives up their application in the claims window (SPEC 4). Recorded once (a retry
 * returns the same record). The stored application and its receipt stay what was submitted, but
 * every later run leaves the application out (run-award.ts currentRunInput): the engine gives the
 * place to the next, the definitive list no longer shows them, acceptance offers them nothing.
 */
export async function renounceInClaimsWindow(options: {
  db: Kysely<DB>;
  clock: Clock;
  actor: Actor;
  callId: string;
  studentId: string;
}): Promise<{ renunciation: StoredRenunciation; created: boolean }> {
  const { db, clock, actor, callId, studentId } = options;
  const student = await studentInScope(db, actor, "claim:file", callId, studentId);
  return inTransaction(db, async (tx) => {
    const application = await findApplicationOfStudent(tx, callId, studentId, { forUpdate: true });
    const existing = await findRenunciation(tx, callId, studentId);
    if (existing !== undefined) return { renunciation: existing, created: false };
    const call = await findCall(tx, callId);
    if (call === undefined) throw notFound(`call ${callId}`);
    const now = clock.now();
    assertClaimsOpen(call, now);
    if (application?.validatedAt === null || application === undefined)
      throw refusal("NOT_ON_LIST", `student ${studentId} has no validated application`);
    await provisionalListOf(tx, callId, student.record.centre, studentId);
    const renunciation: StoredRenunciation = {
      callId,
      studentId,
      centre: student.record.centre,
      stage: "claims",
      choices: application.choices,
      renouncedBy: userOf(actor),
      renouncedAt: now.toISOString(),
    };
    await insertRenunciation(tx, renunciation);
    await recordAudit(tx, now, {
      actor,
      action: "application.renounced",
      entityType: "application",
      entityId: application.id,
      callId,
      centre: renunciation.centre,
      before: null,
      after: renunciation,
    });
    return { renunciation, created: true };
  });
}
