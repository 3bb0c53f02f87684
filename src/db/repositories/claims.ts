// Claims against a provisional list and their attachments, and renunciations (migration 005).
// Every function takes the executor: the use case owns the transaction (STYLE habit 6).
import type { Kysely, Selectable } from "kysely";
import type { ClaimsTable, DB } from "../schema.ts";

type Executor = Kysely<DB>;

export type ClaimStatus = "open" | "accepted" | "rejected";

export interface ClaimAttachment {
  position: number;
  sha256: string;
  size: number;
  mediaType: string;
  name: string | null;
}

export interface StoredClaim {
  id: string;
  callId: string;
  centre: string;
  studentId: string;
  listId: string;
  text: string;
  status: ClaimStatus;
  resolutionReason: string | null;
  corrections: unknown;
  filedBy: string;
  filedAt: string;
  resolvedBy: string | null;
  resolvedAt: string | null;
  attachments: ClaimAttachment[];
}

function present(row: Selectable<ClaimsTable>, attachments: ClaimAttachment[]): StoredClaim {
  return {
    id: row.id,
    callId: row.call_id,
    centre: row.centre_code,
    studentId: row.student_id,
    listId: row.list_id,
    text: row.text,
    status: row.status as ClaimStatus,
    resolutionReason: row.resolution_reason,
    corrections: row.corrections ?? null,
    filedBy: row.filed_by,
    filedAt: row.filed_at.toISOString(),
    resolvedBy: row.resolved_by,
    resolvedAt: row.resolved_at === null ? null : row.resolved_at.toISOString(),
    attachments,
  };
}

async function attachmentsOf(db: Executor, ids: readonly string[]): Promise<Map<string, ClaimAttachment[]>> {
  const byClaim = new Map<string, ClaimAttachment[]>();
  if (ids.length === 0) return byClaim;
  const rows = await db
    .selectFrom("claim_attachments")
    .selectAll()
    .where("claim_id", "in", ids)
    .orderBy("claim_id")
    .orderBy("position")
    .execute();
  for (const r of rows) {
    const list = byClaim.get(r.claim_id) ?? [];
    list.push({
      position: r.position,
      sha256: r.file_sha256,
      size: Number(r.file_size),
      mediaType: r.media_type,
      name: r.file_name,
    });
    byClaim.set(r.claim_id, list);
  }
  return byClaim;
}

export async function findClaim(
  db: Executor,
  callId: string,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<StoredClaim | undefined> {
  let query = db.selectFrom("claims").selectAll().where("call_id", "=", callId).where("id", "=", id);
  if (options.forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (row === undefined) return undefined;
  return present(row, (await attachmentsOf(db, [row.id])).get(row.id) ?? []);
}

export async function listClaims(
  db: Executor,
  callId: string,
  filter: { centre?: string; studentId?: string; status?: ClaimStatus },
): Promise<StoredClaim[]> {
  let query = db.selectFrom("claims").selectAll().where("call_id", "=", callId);
  if (filter.centre !== undefined) query = query.where("centre_code", "=", filter.centre);
  if (filter.studentId !== undefined) query = query.where("student_id", "=", filter.studentId);
  if (filter.status !== undefined) query = query.where("status", "=", filter.status);
  const rows = await query.orderBy("filed_at").orderBy("id").execute();
  const attachments = await attachmentsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => present(r, attachments.get(r.id) ?? []));
}

export async function insertClaim(tx: Executor, claim: StoredClaim): Promise<void> {
  await tx
    .insertInto("claims")
    .values({
      id: claim.id,
      call_id: claim.callId,
      centre_code: claim.centre,
      student_id: claim.studentId,
      list_id: claim.listId,
      text: claim.text,
      status: claim.status,
      resolution_reason: null,
      corrections: null,
      filed_by: claim.filedBy,
      filed_at: claim.filedAt,
      resolved_by: null,
      resolved_at: null,
    })
    .execute();
  if (claim.attachments.length > 0)
    await tx
      .insertInto("claim_attachments")
      .values(
        claim.attachments.map((a) => ({
          claim_id: claim.id,
          position: a.position,
          file_sha256: a.sha256,
          file_size: a.size,
          media_type: a.mediaType,
          file_name: a.name,
        })),
      )
      .execute();
}

/** Resolves an open claim; returns whether it was still open. */
export async function resolveClaimRow(
  tx: Executor,
  claim: StoredClaim,
  resolution: { status: "accepted" | "rejected"; reason: string; corrections: unknown; by: string; at: Date },
): Promise<boolean> {
  const result = await tx
    .updateTable("claims")
    .set({
      status: resolution.status,
      resolution_reason: resolution.reason,
      corrections: resolution.corrections === null ? null : JSON.stringify(resolution.corrections),
      resolved_by: resolution.by,
      resolved_at: resolution.at,
    })
    .where("id", "=", claim.id)
    .where("status", "=", "open")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface StoredRenunciation {
  callId: string;
  studentId: string;
  centre: string;
  stage: "claims" | "acceptance";
  choices: string[];
  renouncedBy: string;
  renouncedAt: string;
}

export async function findRenunciation(
  db: Executor,
  callId: string,
  studentId: string,
): Promise<StoredRenunciation | undefined> {
  const row = await db
    .selectFrom("renunciations")
    .selectAll()
    .where("call_id", "=", callId)
    .where("student_id", "=", studentId)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  return {
    callId: row.call_id,
    studentId: row.student_id,
    centre: row.centre_code,
    stage: row.stage as StoredRenunciation["stage"],
    choices: row.choices as string[],
    renouncedBy: row.renounced_by,
    renouncedAt: row.renounced_at.toISOString(),
  };
}

/** Students of the call who renounced in the claims window (out of every later run). */
export async function studentsRenouncedInClaims(db: Executor, callId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom("renunciations")
    .select("student_id")
    .where("call_id", "=", callId)
    .where("stage", "=", "claims")
    .execute();
  return new Set(rows.map((r) => r.student_id));
}

export async function insertRenunciation(tx: Executor, r: StoredRenunciation): Promise<void> {
  await tx
    .insertInto("renunciations")
    .values({
      call_id: r.callId,
      student_id: r.studentId,
      centre_code: r.centre,
      stage: r.stage,
      choices: JSON.stringify(r.choices),
      renounced_by: r.renouncedBy,
      renounced_at: r.renouncedAt,
    })
    .execute();
}
