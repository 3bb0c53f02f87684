import { createHash, randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Clock } from "../clock.ts";
import { recordAudit } from "../db/repositories/audit-log.ts";
import {
  insertRun,
  listPublications,
  nextRunSeq,
  type RunInput,
  type StoredRun,
} from "../db/repositories/award-runs.ts";
import { findCallDataset, lockCall } from "../db/repositories/call-datasets.ts";
import { listCentreRules } from "../db/repositories/calls.ts";
import { studentsRenouncedInClaims } from "../db/repositories/claims.ts";
import type { DB } from "../db/schema.ts";
import { type CentreRules, scoreAndAwardWithCentreRules } from "../domain/centre-rules.ts";
import { canonicalJson, outcomeOfCentre } from "../domain/lists.ts";
import type { Outcome } from "../domain/outcome.ts";
import { refusal } from "../errors.ts";
import { authorize } from "../policies/authorize.ts";
import { type Actor, scopeOf } from "../policies/policies.ts";
import { inTransaction, notFound } from "./office-errors.ts";

/**
 * The call's current data as the engine takes it, read inside the caller's transaction. A student
 * who renounced in the claims window has given up their application (SPEC 4): it is left out, so
 * the engine gives their place to the next and the definitive list no longer shows them (0013).
 * The stored application and its receipt stay as they were submitted.
 */
export async function currentRunInput(tx: Kysely<DB>, callId: string): Promise<RunInput> {
  const stored = await findCallDataset(tx, callId);
  if (stored === undefined) throw notFound(`call ${callId}`);
  const renounced = await studentsRenouncedInClaims(tx, callId);
  const dataset =
    renounced.size === 0
      ? stored
      : { ...stored, applications: stored.applications.filter((a) => !renounced.has(a.studentId)) };
  const centreRules: Record<string, CentreRules> = {};
  for (const { centre, rules } of await listCentreRules(tx, callId)) centreRules[centre] = rules;
  return { dataset, centreRules };
}

/** SHA-256 of the canonical JSON of a run's input: the same data, the same hash. */
export const inputSha256 = (input: RunInput): string =>
  createHash("sha256").update(canonicalJson(input)).digest("hex");

export const actorLabel = (actor: Actor): { userId: string | null; label: string } =>
  actor.kind === "user"
    ? { userId: actor.userId, label: `user:${actor.userId}` }
    : { userId: null, label: "public" };

/**
 * Runs the scoring and award engine on the call's current data and keeps the run: its input and
 * the input's SHA-256, its outcome, who ran it and when. A coordinator runs their centre (the
 * outcome kept is that centre's part); the office a centre or every centre. Runs may be repeated
 * until the centre's definitive list is published (LIST_PUBLISHED after).
 */
export async function runAward(options: {
  db: Kysely<DB>;
  clock: Clock;
  actor: Actor;
  callId: string;
  centre?: string | undefined;
}): Promise<StoredRun & { outcome: Outcome }> {
  const { db, clock, actor, callId } = options;
  authorize(actor, "award:run", options.centre === undefined ? undefined : { centre: options.centre });
  const scope = scopeOf(actor, "award:run");
  const centre = scope.kind === "centre" ? (options.centre ?? scope.centre) : (options.centre ?? null);
  return inTransaction(db, async (tx) => {
    await lockCall(tx, callId);
    const input = await currentRunInput(tx, callId);
    if (centre !== null) {
      if (
        !input.dataset.agreements.some((a) => a.centre === centre) &&
        !input.dataset.students.some((s) => s.centre === centre)
      )
        throw notFound(`centre ${centre} in call ${callId}`);
      const definitive = await listPublications(tx, callId, { centre, kind: "definitive" });
      if (definitive.length > 0)
        throw refusal("LIST_PUBLISHED", `the definitive list of ${centre} is published`);
    }
    const sha256 = inputSha256(input);
    const full = scoreAndAwardWithCentreRules(input.dataset, input.centreRules);
    const outcome: Outcome = {
      ...(centre === null ? full : outcomeOfCentre(input.dataset, full, centre)),
      inputSha256: sha256,
    };
    const now = clock.now();
    const run = {
      id: randomUUID(),
      callId,
      seq: await nextRunSeq(tx, callId),
      centre,
      inputSha256: sha256,
      runBy: actorLabel(actor),
      runAt: now.toISOString(),
    };
    await insertRun(tx, { ...run, input, outcome });
    await recordAudit(tx, now, {
      actor,
      action: "award-run.created",
      entityType: "award-run",
      entityId: run.id,
      callId,
      centre,
      before: null,
      after: { ...run, results: outcome.results.length },
    });
    return { ...run, outcome };
  });
}
