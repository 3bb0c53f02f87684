import type { Kysely } from "kysely";
import type { Clock } from "../clock.ts";
import { findCallDataset } from "../db/repositories/call-datasets.ts";
import { listCentreRules } from "../db/repositories/calls.ts";
import { penaltiesOfStudent, type StoredPenalty } from "../db/repositories/offers.ts";
import type { DB } from "../db/schema.ts";
import { type CentreRules, callForCentre, scoreAndAwardWithCentreRules } from "../domain/centre-rules.ts";
import type { Agreement, Application } from "../domain/dataset.ts";
import type { ChoiceReasonCode, ExclusionCode } from "../domain/outcome.ts";
import type { Actor } from "../policies/policies.ts";
import { notFound } from "./office-errors.ts";
import { studentInScope } from "./workflow-errors.ts";

export interface ApplicationOptions {
  callId: string;
  studentId: string;
  centre: string;
  maxChoices: number | null;
  /** What would exclude the whole application if validated now (LATE aside). */
  exclusions: ExclusionCode[];
  destinations: {
    agreement: Agreement;
    eligible: boolean;
    reasons: ChoiceReasonCode[];
  }[];
  /** Late renunciations the student carries (SPEC 7: shown when that student applies again). */
  penalties: StoredPenalty[];
}

const OPTIONS_APPLICATION = "options";

/**
 * Every destination of the student's centre with its eligibility and reasons, as the engine (the
 * only source of the rules) judges them: the stored data with one hypothetical application of
 * this student that chooses them all, validated now (or at the deadline, once passed), with no
 * limit on the number of choices. Only verified documents count, as for the lists.
 */
export async function getApplicationOptions(options: {
  db: Kysely<DB>;
  clock: Clock;
  actor: Actor;
  callId: string;
  studentId: string;
}): Promise<ApplicationOptions> {
  const { db, clock, actor, callId, studentId } = options;
  const student = await studentInScope(db, actor, "application:read", callId, studentId);
  const centre = student.record.centre;
  const stored = await db
    .transaction()
    .setIsolationLevel("repeatable read")
    .execute(async (tx) => ({
      dataset: await findCallDataset(tx, callId),
      rules: await listCentreRules(tx, callId),
      penalties: await penaltiesOfStudent(tx, studentId),
    }));
  if (stored.dataset === undefined) throw notFound(`call ${callId}`);
  const { dataset } = stored;
  const { maxChoices: _limit, ...call } = dataset.call;
  const rulesByCentre: Record<string, CentreRules> = {};
  for (const { centre: c, rules } of stored.rules) {
    const { maxChoices: _centreLimit, ...unlimited } = rules;
    rulesByCentre[c] = unlimited;
  }
  const centreRules = stored.rules.find((r) => r.centre === centre)?.rules;
  const destinations = dataset.agreements.filter((a) => a.centre === centre);
  const deadline = Date.parse(dataset.call.applicationDeadline);
  const at = new Date(Math.min(clock.now().getTime(), deadline)).toISOString();
  const hypothetical: Application = {
    id: OPTIONS_APPLICATION,
    studentId,
    validatedAt: at,
    choices: destinations.map((a) => a.id),
  };
  const outcome = scoreAndAwardWithCentreRules(
    { ...dataset, call, applications: [hypothetical] },
    rulesByCentre,
  );
  const result = outcome.results[0];
  if (result === undefined) throw new Error("the engine gave no result for the hypothetical application");
  return {
    callId,
    studentId,
    centre,
    maxChoices: callForCentre(dataset.call, centreRules).maxChoices ?? null,
    exclusions: result.exclusions.filter((code) => code !== "NO_ELIGIBLE_CHOICE" && code !== "LATE"),
    destinations: destinations.map((agreement, i) => ({
      agreement,
      eligible: result.choices[i]?.eligible ?? false,
      reasons: result.choices[i]?.reasons ?? [],
    })),
    penalties: stored.penalties.filter((p) => p.callId !== callId),
  };
}
