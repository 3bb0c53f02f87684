import type { Kysely } from "kysely";
import { type Centre, findCentre, listCentres as readCentres } from "../db/repositories/centres.ts";
import type { DB } from "../db/schema.ts";
import { authorize } from "../policies/authorize.ts";
import type { Actor } from "../policies/policies.ts";
import { notFound } from "./office-errors.ts";

/** Every centre: public information. */
export async function listCentres(options: { db: Kysely<DB>; actor: Actor }): Promise<Centre[]> {
  authorize(options.actor, "centre:read");
  return readCentres(options.db);
}

/** One centre: public information. */
export async function getCentre(options: { db: Kysely<DB>; actor: Actor; code: string }): Promise<Centre> {
  authorize(options.actor, "centre:read");
  const centre = await findCentre(options.db, options.code);
  if (centre === undefined) throw notFound(`centre ${options.code}`);
  return centre;
}
