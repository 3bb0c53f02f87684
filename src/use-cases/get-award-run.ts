import type { Kysely } from "kysely";
import { findRun, listRuns as readRuns, type StoredRun } from "../db/repositories/award-runs.ts";
import { callExists } from "../db/repositories/call-datasets.ts";
import type { DB } from "../db/schema.ts";
import { outcomeOfCentre } from "../domain/lists.ts";
import type { Outcome } from "../domain/outcome.ts";
import { authorize } from "../policies/authorize.ts";
import { type Actor, scopeOf } from "../policies/policies.ts";
import { notFound } from "./office-errors.ts";

/** The call's runs the actor may see (a coordinator: their centre's and every-centre runs). */
export async function listAwardRuns(options: {
  db: Kysely<DB>;
  actor: Actor;
  callId: string;
}): Promise<StoredRun[]> {
  const { db, actor, callId } = options;
  authorize(actor, "award:run");
  if (!(await callExists(db, callId))) throw notFound(`call ${callId}`);
  const scope = scopeOf(actor, "award:run");
  if (scope.kind === "all") return readRuns(db, callId);
  if (scope.kind === "centre") return readRuns(db, callId, scope.centre);
  return [];
}

/** One run with its outcome, narrowed to the actor's centre (and to `centre` when asked). */
export async function getAwardRun(options: {
  db: Kysely<DB>;
  actor: Actor;
  callId: string;
  runId: string;
  centre?: string | undefined;
}): Promise<StoredRun & { outcome: Outcome }> {
  const { db, actor, callId, runId } = options;
  authorize(actor, "award:run");
  const run = await findRun(db, callId, runId);
  const scope = scopeOf(actor, "award:run");
  if (run === undefined || scope.kind === "none" || scope.kind === "student") throw notFound(`run ${runId}`);
  if (scope.kind === "centre" && run.centre !== null && run.centre !== scope.centre)
    throw notFound(`run ${runId}`);
  const centre = scope.kind === "centre" ? scope.centre : options.centre;
  const { input, outcome, ...meta } = run;
  return {
    ...meta,
    outcome:
      centre === undefined || run.centre === centre
        ? outcome
        : outcomeOfCentre(input.dataset, outcome, centre),
  };
}
