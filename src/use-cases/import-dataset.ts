import { createHash } from "node:crypto";
import { isDeepStrictEqual } from "node:util";
import type { Kysely } from "kysely";
import type { Clock } from "../clock.ts";
import { type AuditActor, recordAudit } from "../db/repositories/audit-log.ts";
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
  /** Who imports, for the audit log: the command line passes { kind: "cli" }. Default: the system. */
  actor?: AuditActor;
}

/** What the audit log keeps of an imported dataset: its size and the hash of its canonical form. */
export interface DatasetSummary {
  agreements: number;
  students: number;
  applications: number;
  sha256: string;
}

export type ImportStatus = "created" | "unchanged" | "replaced";

/**
 * Loads a dataset as the call `dataset.call.id` with its agreements, students and applications,
 * in one transaction: all of it or nothing, audited as "call.imported" or "call.replaced" in the
 * same transaction. Importing the same content again changes nothing and records nothing.
 */
export async function importDataset(
  options: ImportDatasetOptions,
): Promise<{ callId: string; status: ImportStatus }> {
  const { db, clock, replace = false, actor = { kind: "system" } } = options;
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
      const now = clock.now();
      await saveCallDataset(tx, dataset, now);
      await recordAudit(tx, now, {
        actor,
        action: stored === undefined ? "call.imported" : "call.replaced",
        entityType: "call",
        entityId: callId,
        callId,
        ...(stored === undefined ? {} : { before: summarizeDataset(stored) }),
        after: summarizeDataset(dataset),
      });
      return stored === undefined ? "created" : "replaced";
    });
    return { callId, status };
  } catch (error) {
    throw asInputError(error);
  }
}

export function summarizeDataset(dataset: Dataset): DatasetSummary {
  return {
    agreements: dataset.agreements.length,
    students: dataset.students.length,
    applications: dataset.applications.length,
    sha256: createHash("sha256").update(canonicalJson(dataset), "utf8").digest("hex"),
  };
}

/**
 * The canonical JSON of plain data (RFC 8785): object keys sorted by UTF-16 code units, no
 * whitespace, strings and numbers as JSON.stringify writes them. Two files with the same content
 * (keys in another order, other spacing, 7.50 for 7.5) have the same canonical form.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** A value the database refuses (out of range, a CHECK) is bad input, not an internal error. */
function asInputError(error: unknown): unknown {
  const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : "";
  if (/^2[23]/.test(code) && error instanceof Error) {
    return new AppError("VALIDATION_FAILED", `the database refused a value: ${error.message}`);
  }
  return error;
}
