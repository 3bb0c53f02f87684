import type { Kysely } from "kysely";
import type { DB } from "../db/schema.ts";
import { scoreAndAward } from "../domain/engine.ts";
import type { Outcome } from "../domain/outcome.ts";
import { exportDataset } from "./export-dataset.ts";

/** Scoring and award on the stored call: the same engine, so the same outcome as `simulate`. */
export async function awardCall(options: { db: Kysely<DB>; callId: string }): Promise<Outcome> {
  return scoreAndAward(await exportDataset(options));
}
