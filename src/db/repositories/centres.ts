// The Schools and Faculties (centros): shared by every call. The executor is the use case's.

import type { Kysely } from "kysely";
import type { DB } from "../schema.ts";

type Executor = Kysely<DB>;

export interface Centre {
  code: string;
  name: string;
  nameEn: string | null;
}

const present = (row: { code: string; name: string; name_en: string | null }): Centre => ({
  code: row.code,
  name: row.name,
  nameEn: row.name_en,
});

export async function listCentres(db: Executor): Promise<Centre[]> {
  const rows = await db.selectFrom("centres").selectAll().orderBy("code").execute();
  return rows.map(present);
}

export async function findCentre(db: Executor, code: string): Promise<Centre | undefined> {
  const row = await db.selectFrom("centres").selectAll().where("code", "=", code).executeTakeFirst();
  return row === undefined ? undefined : present(row);
}

/** The codes among `codes` that name a centre. */
export async function existingCentres(db: Executor, codes: readonly string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await db
    .selectFrom("centres")
    .select("code")
    .where("code", "in", [...new Set(codes)])
    .execute();
  return new Set(rows.map((r) => r.code));
}

export async function insertCentre(tx: Executor, centre: Centre): Promise<void> {
  await tx
    .insertInto("centres")
    .values({ code: centre.code, name: centre.name, name_en: centre.nameEn })
    .execute();
}

export async function updateCentre(tx: Executor, centre: Centre): Promise<void> {
  await tx
    .updateTable("centres")
    .set({ name: centre.name, name_en: centre.nameEn })
    .where("code", "=", centre.code)
    .execute();
}
