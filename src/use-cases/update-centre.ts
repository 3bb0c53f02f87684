import { isDeepStrictEqual } from "node:util";
import type { Kysely } from "kysely";
import type { Clock } from "../clock.ts";
import { recordAudit } from "../db/repositories/audit-log.ts";
import { type Centre, findCentre, updateCentre as writeCentre } from "../db/repositories/centres.ts";
import type { DB } from "../db/schema.ts";
import { authorize } from "../policies/authorize.ts";
import type { Actor } from "../policies/policies.ts";
import type { UpdateCentreInput } from "../schemas/centres.ts";
import { inTransaction, notFound } from "./office-errors.ts";

/** Renames a centre (its code stays: agreements, students and users name it). */
export async function updateCentre(options: {
  db: Kysely<DB>;
  clock: Clock;
  actor: Actor;
  code: string;
  edit: UpdateCentreInput;
}): Promise<Centre> {
  const { db, clock, actor, code, edit } = options;
  authorize(actor, "centre:manage");
  return inTransaction(db, async (tx) => {
    const before = await findCentre(tx, code);
    if (before === undefined) throw notFound(`centre ${code}`);
    const after: Centre = {
      code,
      name: edit.name ?? before.name,
      nameEn: edit.nameEn === undefined ? before.nameEn : edit.nameEn,
    };
    if (isDeepStrictEqual(before, after)) return before;
    const now = clock.now();
    await writeCentre(tx, after);
    await recordAudit(tx, now, {
      actor,
      action: "centre.updated",
      entityType: "centre",
      entityId: code,
      centre: code,
      before,
      after,
    });
    return after;
  });
}
