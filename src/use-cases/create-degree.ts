import type { Kysely } from "kysely";
import type { Clock } from "../clock.ts";
import { recordAudit } from "../db/repositories/audit-log.ts";
import { findCentre } from "../db/repositories/centres.ts";
import { type Degree, findDegree, insertDegree } from "../db/repositories/degrees.ts";
import type { DB } from "../db/schema.ts";
import { AppError } from "../errors.ts";
import { authorize } from "../policies/authorize.ts";
import type { Actor } from "../policies/policies.ts";
import type { CreateDegreeInput } from "../schemas/centres.ts";
import { inTransaction, invalidBody } from "./office-errors.ts";

export async function createDegree(options: {
  db: Kysely<DB>;
  clock: Clock;
  actor: Actor;
  input: CreateDegreeInput;
}): Promise<Degree> {
  const { db, clock, actor, input } = options;
  authorize(actor, "centre:manage");
  const degree: Degree = { ...input, nameEn: input.nameEn ?? null };
  return inTransaction(db, async (tx) => {
    if ((await findCentre(tx, degree.centre)) === undefined)
      throw invalidBody("unknown centre", [
        { path: ["centre"], message: `there is no centre ${degree.centre}` },
      ]);
    if ((await findDegree(tx, degree.code)) !== undefined)
      throw new AppError("CONFLICT", `there is already a degree ${degree.code}`);
    const now = clock.now();
    await insertDegree(tx, degree);
    await recordAudit(tx, now, {
      actor,
      action: "degree.created",
      entityType: "degree",
      entityId: degree.code,
      centre: degree.centre,
      after: degree,
    });
    return degree;
  });
}
