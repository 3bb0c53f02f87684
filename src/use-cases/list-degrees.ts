import type { Kysely } from "kysely";
import { type Degree, findDegree, listDegrees as readDegrees } from "../db/repositories/degrees.ts";
import type { DB } from "../db/schema.ts";
import { authorize } from "../policies/authorize.ts";
import type { Actor } from "../policies/policies.ts";
import { notFound } from "./office-errors.ts";

/** The degrees, of one centre or all: public information. */
export async function listDegrees(options: {
  db: Kysely<DB>;
  actor: Actor;
  centre?: string;
}): Promise<Degree[]> {
  authorize(options.actor, "centre:read");
  return readDegrees(options.db, options.centre === undefined ? {} : { centre: options.centre });
}

export async function getDegree(options: { db: Kysely<DB>; actor: Actor; code: string }): Promise<Degree> {
  authorize(options.actor, "centre:read");
  const degree = await findDegree(options.db, options.code);
  if (degree === undefined) throw notFound(`degree ${options.code}`);
  return degree;
}
