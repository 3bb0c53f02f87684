// Applications as students write them over the API: a draft of ranked choices, then validated once
// with its receipt (issue 4). Imported applications live in the same tables (call-datasets.ts).
// Every function takes the executor: the use case owns the transaction (STYLE habit 6).
import { type Kysely, sql } from "kysely";
import type { DB } from "../schema.ts";

type Executor = Kysely<DB>;

export interface StoredApplication {
  id: string;
  callId: string;
  studentId: string;
  /** Agreement ids, most wanted first. */
  choices: string[];
  /** ISO 8601 UTC instant of the validation, or null for a draft. */
  validatedAt: string | null;
  receiptId: string | null;
  receiptSha256: string | null;
  createdAt: string | null;
  updatedAt: string | null;
}

/** The student's application in the call; `forUpdate` locks its row until the transaction ends. */
export async function findApplicationOfStudent(
  db: Executor,
  callId: string,
  studentId: string,
  options: { forUpdate?: boolean } = {},
): Promise<StoredApplication | undefined> {
  let query = db
    .selectFrom("applications")
    .selectAll()
    .where("call_id", "=", callId)
    .where("student_id", "=", studentId);
  if (options.forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (row === undefined) return undefined;
  const choices = await db
    .selectFrom("application_choices")
    .select("agreement_id")
    .where("call_id", "=", callId)
    .where("application_id", "=", row.id)
    .orderBy("position")
    .execute();
  return {
    id: row.id,
    callId,
    studentId,
    choices: choices.map((c) => c.agreement_id),
    validatedAt: row.validated_at === null ? null : row.validated_at.toISOString(),
    receiptId: row.receipt_id,
    receiptSha256: row.receipt_sha256,
    createdAt: row.created_at === null ? null : row.created_at.toISOString(),
    updatedAt: row.updated_at === null ? null : row.updated_at.toISOString(),
  };
}

/** A new draft after the call's last application (the caller holds the call's lock). */
export async function insertDraft(
  tx: Executor,
  draft: { id: string; callId: string; studentId: string; choices: readonly string[] },
  now: Date,
): Promise<void> {
  const last = await tx
    .selectFrom("applications")
    .select(sql<number | null>`max(position)`.as("position"))
    .where("call_id", "=", draft.callId)
    .executeTakeFirst();
  const position = last?.position === null || last?.position === undefined ? 0 : Number(last.position) + 1;
  await tx
    .insertInto("applications")
    .values({
      call_id: draft.callId,
      id: draft.id,
      position,
      student_id: draft.studentId,
      validated_at: null,
      validated_at_text: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await writeChoices(tx, draft.callId, draft.id, draft.choices);
}

export async function replaceChoices(
  tx: Executor,
  callId: string,
  applicationId: string,
  choices: readonly string[],
  now: Date,
): Promise<void> {
  await tx
    .deleteFrom("application_choices")
    .where("call_id", "=", callId)
    .where("application_id", "=", applicationId)
    .execute();
  await writeChoices(tx, callId, applicationId, choices);
  await tx
    .updateTable("applications")
    .set({ updated_at: now })
    .where("call_id", "=", callId)
    .where("id", "=", applicationId)
    .execute();
}

async function writeChoices(tx: Executor, callId: string, applicationId: string, choices: readonly string[]) {
  if (choices.length === 0) return;
  await tx
    .insertInto("application_choices")
    .values(
      choices.map((agreementId, position) => ({
        call_id: callId,
        application_id: applicationId,
        position,
        agreement_id: agreementId,
      })),
    )
    .execute();
}

/** Validates a draft: only a row still a draft is changed; returns whether it was. */
export async function markValidated(
  tx: Executor,
  callId: string,
  applicationId: string,
  receipt: { validatedAt: Date; receiptId: string; receiptSha256: string },
): Promise<boolean> {
  const result = await tx
    .updateTable("applications")
    .set({
      validated_at: receipt.validatedAt,
      validated_at_text: null,
      receipt_id: receipt.receiptId,
      receipt_sha256: receipt.receiptSha256,
      updated_at: receipt.validatedAt,
    })
    .where("call_id", "=", callId)
    .where("id", "=", applicationId)
    .where("validated_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface ApplicationSummary {
  id: string;
  studentId: string;
  centre: string | null;
  choices: number;
  validatedAt: string | null;
  receiptId: string | null;
}

/** Applications of the call, optionally of some centres' students only. */
export async function listApplications(
  db: Executor,
  callId: string,
  filter: { centre?: string; studentId?: string },
): Promise<ApplicationSummary[]> {
  let query = db
    .selectFrom("applications as a")
    .leftJoin("students as s", (join) =>
      join.onRef("s.call_id", "=", "a.call_id").onRef("s.id", "=", "a.student_id"),
    )
    .select([
      "a.id",
      "a.student_id",
      "s.centre_code",
      "a.validated_at",
      "a.receipt_id",
      (eb) =>
        eb
          .selectFrom("application_choices as c")
          .select(eb.fn.countAll<number>().as("n"))
          .whereRef("c.call_id", "=", "a.call_id")
          .whereRef("c.application_id", "=", "a.id")
          .as("choices"),
    ])
    .where("a.call_id", "=", callId)
    .orderBy("a.position");
  if (filter.centre !== undefined) query = query.where("s.centre_code", "=", filter.centre);
  if (filter.studentId !== undefined) query = query.where("a.student_id", "=", filter.studentId);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id,
    studentId: r.student_id,
    centre: r.centre_code,
    choices: Number(r.choices ?? 0),
    validatedAt: r.validated_at === null ? null : r.validated_at.toISOString(),
    receiptId: r.receipt_id,
  }));
}
