import type { Kysely } from "kysely";
import { findCallDataset } from "../db/repositories/call-datasets.ts";
import { listCentreRules } from "../db/repositories/calls.ts";
import type { DB } from "../db/schema.ts";
import { type CentreRules, scoreAndAwardWithCentreRules } from "../domain/centre-rules.ts";
import type { Outcome } from "../domain/outcome.ts";
import { authorize } from "../policies/authorize.ts";
import { type Actor, scopeOf } from "../policies/policies.ts";
import { notFound } from "./office-errors.ts";

/**
 * Scoring and award on the stored call, each centre with its own rules: the same engine as
 * `simulate`, so without centre rules the same outcome as `simulate` on the exported dataset.
 * A coordinator sees their centre's applications and agreements only.
 */
export async function getCallOutcome(options: {
  db: Kysely<DB>;
  actor: Actor;
  callId: string;
}): Promise<Outcome> {
  const { db, actor, callId } = options;
  authorize(actor, "award:run");
  // One consistent snapshot of the call and its rules.
  const stored = await db
    .transaction()
    .setIsolationLevel("repeatable read")
    .execute(async (tx) => ({
      dataset: await findCallDataset(tx, callId),
      rules: await listCentreRules(tx, callId),
    }));
  if (stored.dataset === undefined) throw notFound(`call ${callId}`);
  const { dataset } = stored;
  const rulesByCentre: Record<string, CentreRules> = {};
  for (const { centre, rules } of stored.rules) rulesByCentre[centre] = rules;
  const outcome = scoreAndAwardWithCentreRules(dataset, rulesByCentre);

  const scope = scopeOf(actor, "award:run");
  if (scope.kind === "all") return outcome;
  const centre = scope.kind === "centre" ? scope.centre : undefined;
  const centreOfStudent = new Map(dataset.students.map((s) => [s.id, s.centre]));
  const centreOfAgreement = new Map(dataset.agreements.map((a) => [a.id, a.centre]));
  return {
    ...outcome,
    results: outcome.results.filter(
      (r) => centre !== undefined && centreOfStudent.get(r.studentId) === centre,
    ),
    agreements: outcome.agreements.filter(
      (a) => centre !== undefined && centreOfAgreement.get(a.agreementId) === centre,
    ),
  };
}
