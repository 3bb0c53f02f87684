import type { Kysely } from "kysely";
import type { Clock } from "../clock.ts";
import { recordAudit } from "../db/repositories/audit-log.ts";
import { lockCall } from "../db/repositories/call-datasets.ts";
import { deleteCentreRules, listCentreRules } from "../db/repositories/calls.ts";
import type { DB } from "../db/schema.ts";
import { authorize } from "../policies/authorize.ts";
import type { Actor } from "../policies/policies.ts";
import { inTransaction, notFound } from "./office-errors.ts";

/** Removes a centre's own rules: its students are scored with the call's settings again. */
export async function removeCentreRules(options: {
  db: Kysely<DB>;
  clock: Clock;
  actor: Actor;
  callId: string;
  centre: string;
}): Promise<void> {
  const { db, clock, actor, callId, centre } = options;
  authorize(actor, "centre-rules:manage", { centre });
  await inTransaction(db, async (tx) => {
    await lockCall(tx, callId);
    const before = (await listCentreRules(tx, callId)).find((r) => r.centre === centre);
    if (before === undefined) throw notFound(`rules of centre ${centre} in call ${callId}`);
    const now = clock.now();
    await deleteCentreRules(tx, callId, centre);
    await recordAudit(tx, now, {
      actor,
      action: "centre-rules.removed",
      entityType: "centre-rules",
      entityId: `${callId}/${centre}`,
      callId,
      centre,
      before: before.rules,
      after: null,
    });
  });
}
