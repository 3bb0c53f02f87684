import { isDeepStrictEqual } from "node:util";
import type { Kysely } from "kysely";
import type { Clock } from "../clock.ts";
import { recordAudit } from "../db/repositories/audit-log.ts";
import { findCentre } from "../db/repositories/centres.ts";
import { type Degree, findDegree, updateDegree as writeDegree } from "../db/repositories/degrees.ts";
import type { DB } from "../db/schema.ts";
import { authorize } from "../policies/authorize.ts";
import type { Actor } from "../policies/policies.ts";
import type { UpdateDegreeInput } from "../schemas/centres.ts";
import { inTransaction, invalidBody, notFound } from "./office-errors.ts";

export async function updateDegree(options: {
  db: Kysely<DB>;
  clock: Clock;
  actor: Actor;
  code: string;
  edit: UpdateDegreeInput;
}): Promise<Degree> {
  const { db, clock, actor, code, edit } = options;
  authorize(actor, "centre:manage");
  return inTransaction(db, async (tx) => {
    const before = await findDegree(tx, code);
    if (before === undefined) throw notFound(`degree ${code}`);
    const after: Degree = {
      code,
      centre: edit.centre ?? before.centre,
      name: edit.name ?? before.name,
      nameEn: edit.nameEn === undefined ? before.nameEn : edit.nameEn,
      cycle: edit.cycle ?? before.cycle,
      credits: edit.credits ?? before.credits,
    };
    if (isDeepStrictEqual(before, after)) return before;
    if (after.centre !== before.centre && (await findCentre(tx, after.centre)) === undefined)
      throw invalidBody("unknown centre", [
        { path: ["centre"], message: `there is no centre ${after.centre}` },
      ]);
    const now = clock.now();
    await writeDegree(tx, after);
    await recordAudit(tx, now, {
      actor,
      action: "degree.updated",
      entityType: "degree",
      entityId: code,
      centre: after.centre,
      before,
      after,
    });
    return after;
  });
}
