import type { Kysely } from "kysely";
import type { Clock } from "../clock.ts";
import { recordAudit } from "../db/repositories/audit-log.ts";
import { lockCall } from "../db/repositories/call-datasets.ts";
import { findCall, insertCall, type StoredCall } from "../db/repositories/calls.ts";
import type { DB } from "../db/schema.ts";
import { AppError } from "../errors.ts";
import { authorize } from "../policies/authorize.ts";
import type { Actor } from "../policies/policies.ts";
import type { CreateCallInput } from "../schemas/calls.ts";
import { callSnapshot, checkCallContent, contentOfNewCall } from "./call-content.ts";
import { inTransaction } from "./office-errors.ts";

/** A new call with its settings and calendar (SPEC 4), checked as a whole. */
export async function createCall(options: {
  db: Kysely<DB>;
  clock: Clock;
  actor: Actor;
  input: CreateCallInput;
}): Promise<StoredCall> {
  const { db, clock, actor, input } = options;
  authorize(actor, "call:manage");
  const content = contentOfNewCall(input);
  checkCallContent(content);
  return inTransaction(db, async (tx) => {
    await lockCall(tx, input.id);
    if ((await findCall(tx, input.id)) !== undefined)
      throw new AppError("CONFLICT", `there is already a call ${input.id}`);
    const now = clock.now();
    await insertCall(tx, content, now);
    await recordAudit(tx, now, {
      actor,
      action: "call.created",
      entityType: "call",
      entityId: input.id,
      callId: input.id,
      after: callSnapshot(content),
    });
    return (await findCall(tx, input.id))!;
  });
}
