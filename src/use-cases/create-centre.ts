import type { Kysely } from "kysely";
import type { Clock } from "../clock.ts";
import { recordAudit } from "../db/repositories/audit-log.ts";
import { type Centre, findCentre, insertCentre } from "../db/repositories/centres.ts";
import type { DB } from "../db/schema.ts";
import { AppError } from "../errors.ts";
import { authorize } from "../policies/authorize.ts";
import type { Actor } from "../policies/policies.ts";
import type { CreateCentreInput } from "../schemas/centres.ts";
import { inTransaction } from "./office-errors.ts";

export async function createCentre(options: {
  db: Kysely<DB>;
  clock: Clock;
  actor: Actor;
  input: CreateCentreInput;
}): Promise<Centre> {
  const { db, clock, actor, input } = options;
  authorize(actor, "centre:manage");
  const centre: Centre = { code: input.code, name: input.name, nameEn: input.nameEn ?? null };
  return inTransaction(db, async (tx) => {
    if ((await findCentre(tx, centre.code)) !== undefined)
      throw new AppError("CONFLICT", `there is already a centre ${centre.code}`);
    const now = clock.now();
    await insertCentre(tx, centre);
    await recordAudit(tx, now, {
      actor,
      action: "centre.created",
      entityType: "centre",
      entityId: centre.code,
      centre: centre.code,
      after: centre,
    });
    return centre;
  });
}
