import { isDeepStrictEqual } from "node:util";
import type { Kysely } from "kysely";
import type { Clock } from "../clock.ts";
import { findCallDataset, lockCall, saveCallDataset } from "../db/repositories/call-datasets.ts";
import type { DB } from "../db/schema.ts";
import type { Dataset } from "../domain/dataset.ts";
import { AppError } from "../errors.ts";

export interface ImportDatasetOptions {
  db: Kysely<DB>;
  clock: Clock;
  /** Already validated (src/schemas/validate-dataset.ts). */
  dataset: Dataset;
  /** Rewrite a stored call whose content differs; without it a difference is a CONFLICT. */
  replace?: boolean;
}

export type ImportStatus = "created" | "unchanged" | "replaced";

/**
 * Loads a dataset as the call `dataset.call.id` with its agreements, students and applications,
 * in one transaction: all of it or nothing. Importing the same content again changes nothing.
 */
export async function importDataset(
  options: ImportDatasetOptions,
): Promise<{ callId: string; status: ImportStatus }> {
  const { db, clock, replace = false } = options;
  // A plain-data copy: what the database gives back is compared with it, field by field.
  const dataset = JSON.parse(JSON.stringify(options.dataset)) as Dataset;
  const callId = dataset.call.id;
  try {
    const status = await db.transaction().execute(async (tx): Promise<ImportStatus> => {
      await lockCall(tx, callId);
      const stored = await findCallDataset(tx, callId);
      if (stored !== undefined && isDeepStrictEqual(stored, dataset)) return "unchanged";
      if (stored !== undefined && !replace) {
        throw new AppError(
          "CONFLICT",
          `call ${callId} is already stored with different content; import with --replace to overwrite it`,
        );
      }
      await saveCallDataset(tx, dataset, clock.now());
      return stored === undefined ? "created" : "replaced";
    });
    return { callId, status };
  } catch (error) {
    throw asInputError(error);
  }
}

/** A value the database refuses (out of range, a CHECK) is bad input, not an internal error. */
function asInputError(error: unknown): unknown {
  const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : "";
  if (/^2[23]/.test(code) && error instanceof Error) {
    return new AppError("VALIDATION_FAILED", `the database refused a value: ${error.message}`);
  }
  return error;
}
