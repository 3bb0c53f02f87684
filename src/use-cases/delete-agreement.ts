import type { Kysely } from "kysely";
import type { Clock } from "../clock.ts";
import { applicationsChoosing, deleteAgreement as removeAgreement } from "../db/repositories/agreements.ts";
import { recordAudit } from "../db/repositories/audit-log.ts";
import { lockCall } from "../db/repositories/call-datasets.ts";
import type { DB } from "../db/schema.ts";
import { AppError } from "../errors.ts";
import { authorize } from "../policies/authorize.ts";
import type { Actor } from "../policies/policies.ts";
import { agreementInScope } from "./agreement-scope.ts";
import { inTransaction } from "./office-errors.ts";

/** Deletes an agreement, only while no application names it (CONFLICT otherwise). */
export async function deleteAgreement(options: {
  db: Kysely<DB>;
  clock: Clock;
  actor: Actor;
  callId: string;
  agreementId: string;
}): Promise<void> {
  const { db, clock, actor, callId, agreementId } = options;
  authorize(actor, "agreement:manage");
  await inTransaction(db, async (tx) => {
    await lockCall(tx, callId);
    const before = await agreementInScope(tx, actor, "agreement:manage", callId, agreementId);
    const choosing = await applicationsChoosing(tx, callId, agreementId);
    if (choosing > 0)
      throw new AppError(
        "CONFLICT",
        `agreement ${agreementId} is named by ${choosing} application${choosing === 1 ? "" : "s"}; it cannot be deleted`,
      );
    const now = clock.now();
    await removeAgreement(tx, callId, agreementId);
    await recordAudit(tx, now, {
      actor,
      action: "agreement.deleted",
      entityType: "agreement",
      entityId: agreementId,
      callId,
      centre: before.agreement.centre,
      before,
      after: null,
    });
  });
}
