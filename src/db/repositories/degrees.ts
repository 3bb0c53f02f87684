// The degrees each centre teaches, with their cycle and credits (the denominator of the
// weighted grade, SPEC 6). The executor is the use case's.

import type { Kysely } from "kysely";
import type { Cycle } from "../../domain/dataset.ts";
import { fromDecimal, toDecimal } from "../decimal.ts";
import type { DB } from "../schema.ts";

type Executor = Kysely<DB>;

export interface Degree {
  code: string;
  centre: string;
  name: string;
  nameEn: string | null;
  cycle: Cycle;
  credits: number;
}

interface Row {
  code: string;
  centre_code: string;
  name: string;
  name_en: string | null;
  cycle: string;
  credits: string;
}

const present = (row: Row): Degree => ({
  code: row.code,
  centre: row.centre_code,
  name: row.name,
  nameEn: row.name_en,
  cycle: row.cycle as Cycle,
  credits: fromDecimal(row.credits),
});

export async function listDegrees(db: Executor, filter: { centre?: string } = {}): Promise<Degree[]> {
  let query = db.selectFrom("degrees").selectAll().orderBy("centre_code").orderBy("code");
  if (filter.centre !== undefined) query = query.where("centre_code", "=", filter.centre);
  return (await query.execute()).map(present);
}

export async function findDegree(db: Executor, code: string): Promise<Degree | undefined> {
  const row = await db.selectFrom("degrees").selectAll().where("code", "=", code).executeTakeFirst();
  return row === undefined ? undefined : present(row);
}

/** The degrees among `codes`, by code. */
export async function findDegrees(db: Executor, codes: readonly string[]): Promise<Map<string, Degree>> {
  if (codes.length === 0) return new Map();
  const rows = await db
    .selectFrom("degrees")
    .selectAll()
    .where("code", "in", [...new Set(codes)])
    .execute();
  return new Map(rows.map((row) => [row.code, present(row)]));
}

const columns = (degree: Degree) => ({
  centre_code: degree.centre,
  name: degree.name,
  name_en: degree.nameEn,
  cycle: degree.cycle,
  credits: toDecimal(degree.credits),
});

export async function insertDegree(tx: Executor, degree: Degree): Promise<void> {
  await tx
    .insertInto("degrees")
    .values({ code: degree.code, ...columns(degree) })
    .execute();
}

export async function updateDegree(tx: Executor, degree: Degree): Promise<void> {
  await tx.updateTable("degrees").set(columns(degree)).where("code", "=", degree.code).execute();
}
