import { isDeepStrictEqual } from "node:util";
import type { Kysely } from "kysely";
import type { Clock } from "../clock.ts";
import { recordAudit } from "../db/repositories/audit-log.ts";
import { lockCall } from "../db/repositories/call-datasets.ts";
import {
  findCall,
  listCentreRules,
  type StoredCentreRules,
  saveCentreRules,
} from "../db/repositories/calls.ts";
import { findCentre } from "../db/repositories/centres.ts";
import type { DB } from "../db/schema.ts";
import { centreRulesProblems } from "../domain/call-settings.ts";
import type { CentreRules } from "../domain/centre-rules.ts";
import { authorize } from "../policies/authorize.ts";
import type { Actor } from "../policies/policies.ts";
import { inTransaction, invalidBody, notFound } from "./office-errors.ts";

interface CentreRulesOptions {
  db: Kysely<DB>;
  clock: Clock;
  actor: Actor;
  callId: string;
  centre: string;
}

/**
 * Sets a centre's own rules within a call (SPEC 5): the office for any centre, a coordinator for
 * their own. The call as the centre's students see it must stay sane (min ≤ max, …).
 */
export async function setCentreRules(
  options: CentreRulesOptions & { rules: CentreRules },
): Promise<StoredCentreRules> {
  const { db, clock, actor, callId, centre, rules } = options;
  authorize(actor, "centre-rules:manage", { centre });
  return inTransaction(db, async (tx) => {
    await lockCall(tx, callId);
    const call = await findCall(tx, callId);
    if (call === undefined) throw notFound(`call ${callId}`);
    if ((await findCentre(tx, centre)) === undefined) throw notFound(`centre ${centre}`);
    const problems = centreRulesProblems(call.call, rules);
    if (problems.length > 0)
      throw invalidBody(`the rules of ${centre} contradict the call's settings`, problems);
    const before = (await listCentreRules(tx, callId)).find((r) => r.centre === centre);
    if (before !== undefined && isDeepStrictEqual(before.rules, rules)) return before;
    const now = clock.now();
    await saveCentreRules(tx, callId, centre, rules, now);
    await recordAudit(tx, now, {
      actor,
      action: "centre-rules.set",
      entityType: "centre-rules",
      entityId: `${callId}/${centre}`,
      callId,
      centre,
      before: before?.rules ?? null,
      after: rules,
    });
    return { centre, rules, updatedAt: now };
  });
}
