import type { Kysely } from "kysely";
import type { Clock } from "../clock.ts";
import { findAgreement, insertAgreements, type StoredAgreement } from "../db/repositories/agreements.ts";
import { recordAudit } from "../db/repositories/audit-log.ts";
import { callExists, lockCall } from "../db/repositories/call-datasets.ts";
import { findCentre } from "../db/repositories/centres.ts";
import type { DB } from "../db/schema.ts";
import { AppError } from "../errors.ts";
import { authorize } from "../policies/authorize.ts";
import type { Actor } from "../policies/policies.ts";
import type { CreateAgreementInput } from "../schemas/agreements.ts";
import { inTransaction, invalidBody, notFound } from "./office-errors.ts";

/** A new agreement of a call, after the call's others. A coordinator creates only their centre's. */
export async function createAgreement(options: {
  db: Kysely<DB>;
  clock: Clock;
  actor: Actor;
  callId: string;
  input: CreateAgreementInput;
}): Promise<StoredAgreement> {
  const { db, clock, actor, callId, input } = options;
  authorize(actor, "agreement:manage", { centre: input.centre });
  const { nominationDeadline, ...agreement } = input;
  const stored = JSON.parse(
    JSON.stringify({ agreement, nominationDeadline: nominationDeadline ?? null }),
  ) as StoredAgreement;
  return inTransaction(db, async (tx) => {
    await lockCall(tx, callId);
    if (!(await callExists(tx, callId))) throw notFound(`call ${callId}`);
    if ((await findCentre(tx, input.centre)) === undefined)
      throw invalidBody("unknown centre", [
        { path: ["centre"], message: `there is no centre ${input.centre}` },
      ]);
    // Ids are unique within a call, whoever's the agreement holding one.
    if ((await findAgreement(tx, callId, input.id)) !== undefined)
      throw new AppError("CONFLICT", `the call already has an agreement ${input.id}`);
    const now = clock.now();
    await insertAgreements(tx, callId, [stored]);
    await recordAudit(tx, now, {
      actor,
      action: "agreement.created",
      entityType: "agreement",
      entityId: input.id,
      callId,
      centre: input.centre,
      after: stored,
    });
    return stored;
  });
}
