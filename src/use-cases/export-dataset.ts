import type { Kysely } from "kysely";
import { findCallDataset } from "../db/repositories/call-datasets.ts";
import type { DB } from "../db/schema.ts";
import type { Dataset } from "../domain/dataset.ts";
import { AppError } from "../errors.ts";

/** The stored call as a dataset (dataset.schema.json), read from one consistent snapshot. */
export async function exportDataset(options: { db: Kysely<DB>; callId: string }): Promise<Dataset> {
  const dataset = await options.db
    .transaction()
    .setIsolationLevel("repeatable read")
    .execute((tx) => findCallDataset(tx, options.callId));
  if (dataset === undefined) throw new AppError("NOT_FOUND", `there is no call ${options.callId}`);
  return dataset;
}
