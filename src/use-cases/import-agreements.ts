import { isDeepStrictEqual } from "node:util";
import type { Kysely } from "kysely";
import type { Clock } from "../clock.ts";
import {
  findAgreements,
  insertAgreements,
  type StoredAgreement,
  updateAgreement,
} from "../db/repositories/agreements.ts";
import { recordAudit } from "../db/repositories/audit-log.ts";
import { lockCall } from "../db/repositories/call-datasets.ts";
import { findCall } from "../db/repositories/calls.ts";
import { existingCentres } from "../db/repositories/centres.ts";
import type { DB } from "../db/schema.ts";
import { AGREEMENT_CSV_COLUMNS, parseAgreementsCsv } from "../imports/agreements-csv.ts";
import { type RowError, readCsvRows, rowError } from "../imports/csv.ts";
import { authorize } from "../policies/authorize.ts";
import type { Actor } from "../policies/policies.ts";
import { MAX_PLACES } from "../schemas/agreements.ts";
import type { ImportReport } from "../schemas/common.ts";
import { dedupe, integerIn, rowProblems } from "./office-csv.ts";
import { inTransaction, invalidCsv, notFound } from "./office-errors.ts";

const LENGTHS = { partnerName: 300, partnerErasmusCode: 50, subjectArea: 20 };

/**
 * Loads the agreements of a call from the office's spreadsheet (columns: src/imports/agreements-csv.ts),
 * upserting by id: a row is the whole agreement. All rows or none: any bad row refuses the file,
 * with every bad row named. The same file twice changes nothing. A coordinator may import only
 * rows of their own centre.
 */
export async function importAgreements(options: {
  db: Kysely<DB>;
  clock: Clock;
  actor: Actor;
  callId: string;
  csv: string;
}): Promise<ImportReport> {
  const { db, clock, actor, callId, csv } = options;
  authorize(actor, "agreement:manage");
  const parsed = parseAgreementsCsv(csv);
  const table = readCsvRows(csv, AGREEMENT_CSV_COLUMNS);
  return inTransaction(db, async (tx) => {
    await lockCall(tx, callId);
    if ((await findCall(tx, callId)) === undefined) throw notFound(`call ${callId}`);
    if (!table.ok) throw invalidCsv(parsed.ok ? table.errors : parsed.errors);

    const ids = table.rows.map((r) => (r.cells.id ?? "").trim());
    const stored = await findAgreements(tx, callId, ids);
    const scope = {
      actor,
      action: "agreement:manage" as const,
      centres: await existingCentres(
        tx,
        table.rows.map((r) => (r.cells.centre ?? "").trim()),
      ),
      ownerOf: new Map([...stored].map(([id, s]) => [id, s.agreement.centre])),
    };
    const errors: RowError[] = [...(parsed.ok ? [] : parsed.errors)];
    for (const row of table.rows) {
      errors.push(...rowProblems(row, "id", LENGTHS, scope));
      const places = integerIn(row.cells.places);
      if (places !== undefined && places > MAX_PLACES)
        errors.push(rowError(row.row, "places", "OUT_OF_RANGE", `${places}, at most ${MAX_PLACES}`));
    }
    if (errors.length > 0 || !parsed.ok) throw invalidCsv(dedupe(errors));

    const report: ImportReport = { created: 0, updated: 0, unchanged: 0 };
    const created: StoredAgreement[] = [];
    const updated: { before: StoredAgreement; after: StoredAgreement }[] = [];
    for (const record of parsed.records) {
      // A plain-data copy (no undefined members), as the database gives it back.
      const incoming = JSON.parse(
        JSON.stringify({
          agreement: record.agreement,
          nominationDeadline: record.nominationDeadline ?? null,
        }),
      ) as StoredAgreement;
      const before = stored.get(incoming.agreement.id);
      if (before === undefined) created.push(incoming);
      else if (isDeepStrictEqual(before, incoming)) report.unchanged++;
      else updated.push({ before, after: incoming });
    }
    const now = clock.now();
    await insertAgreements(tx, callId, created);
    for (const { after } of updated) await updateAgreement(tx, callId, after);
    for (const after of created)
      await recordAudit(tx, now, {
        actor,
        action: "agreement.created",
        entityType: "agreement",
        entityId: after.agreement.id,
        callId,
        centre: after.agreement.centre,
        after,
      });
    for (const { before, after } of updated)
      await recordAudit(tx, now, {
        actor,
        action: "agreement.updated",
        entityType: "agreement",
        entityId: after.agreement.id,
        callId,
        centre: after.agreement.centre,
        before,
        after,
      });
    report.created = created.length;
    report.updated = updated.length;
    return report;
  });
}
