import type { Kysely } from "kysely";
import type { DB } from "../db/schema.ts";
import { diffOutcomes, type RunChange } from "../domain/lists.ts";
import type { Actor } from "../policies/policies.ts";
import { getAwardRun } from "./get-award-run.ts";

/**
 * What changed between two runs: each application whose status, rank, award, exclusions or
 * total differ, from → to, with the reason codes on both sides (within the actor's scope).
 */
export async function compareAwardRuns(options: {
  db: Kysely<DB>;
  actor: Actor;
  callId: string;
  fromRunId: string;
  toRunId: string;
  centre?: string | undefined;
}): Promise<{ from: string; to: string; changes: RunChange[] }> {
  const { fromRunId, toRunId, ...rest } = options;
  const from = await getAwardRun({ ...rest, runId: fromRunId });
  const to = await getAwardRun({ ...rest, runId: toRunId });
  return { from: from.id, to: to.id, changes: diffOutcomes(from.outcome, to.outcome) };
}
