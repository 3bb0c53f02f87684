// The inter-institutional agreements of a call, each with its language options, as the dataset's
// Agreement plus what only the office keeps (the partner's nomination deadline).
// Every function takes the executor: the use case owns the transaction (STYLE habit 6).

import { type Kysely, type Selectable, sql } from "kysely";
import type { Agreement, CefrLevel, Cycle } from "../../domain/dataset.ts";
import { fromDecimal, toDecimal } from "../decimal.ts";
import type { AgreementLanguageOptionsTable, AgreementsTable, DB } from "../schema.ts";

type Executor = Kysely<DB>;

export interface StoredAgreement {
  agreement: Agreement;
  /** YYYY-MM-DD, or null when not known. */
  nominationDeadline: string | null;
}

export interface AgreementFilter {
  /** Only this centre's (the actor's scope, or a filter within it). */
  centres?: readonly string[];
  country?: string;
  cycle?: Cycle;
  /** Part of the id, the partner's name or its Erasmus code, any case. */
  search?: string;
  limit: number;
  offset: number;
}

/** `%` and `_` are literal in a search. */
export const likePattern = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function listAgreements(
  db: Executor,
  callId: string,
  filter: AgreementFilter,
): Promise<{ items: StoredAgreement[]; total: number }> {
  let query = db.selectFrom("agreements").where("call_id", "=", callId);
  if (filter.centres !== undefined) {
    if (filter.centres.length === 0) return { items: [], total: 0 };
    query = query.where("centre_code", "in", filter.centres);
  }
  if (filter.country !== undefined) query = query.where("partner_country", "=", filter.country);
  if (filter.cycle !== undefined) query = query.where(sql<boolean>`${filter.cycle} = ANY(cycles)`);
  if (filter.search !== undefined) {
    const pattern = likePattern(filter.search);
    query = query.where((eb) =>
      eb.or([
        eb("id", "ilike", pattern),
        eb("partner_name", "ilike", pattern),
        eb("partner_erasmus_code", "ilike", pattern),
      ]),
    );
  }
  const [rows, count] = await Promise.all([
    query.selectAll().orderBy("position").limit(filter.limit).offset(filter.offset).execute(),
    query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { items: await withOptions(db, callId, rows), total: Number(count.n) };
}

export async function findAgreement(
  db: Executor,
  callId: string,
  agreementId: string,
): Promise<StoredAgreement | undefined> {
  const found = await findAgreements(db, callId, [agreementId]);
  return found.get(agreementId);
}

/** The stored agreements among `ids`, by id. */
export async function findAgreements(
  db: Executor,
  callId: string,
  ids: readonly string[],
): Promise<Map<string, StoredAgreement>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom("agreements")
    .selectAll()
    .where("call_id", "=", callId)
    .where("id", "in", [...new Set(ids)])
    .execute();
  const stored = await withOptions(db, callId, rows);
  return new Map(stored.map((s) => [s.agreement.id, s]));
}

async function withOptions(
  db: Executor,
  callId: string,
  rows: Selectable<AgreementsTable>[],
): Promise<StoredAgreement[]> {
  const ids = rows.filter((r) => r.language_required_at_application !== null).map((r) => r.id);
  const options =
    ids.length === 0
      ? []
      : await db
          .selectFrom("agreement_language_options")
          .selectAll()
          .where("call_id", "=", callId)
          .where("agreement_id", "in", ids)
          .orderBy("agreement_id")
          .orderBy("position")
          .execute();
  const byAgreement = new Map<string, Selectable<AgreementLanguageOptionsTable>[]>();
  for (const option of options) {
    const list = byAgreement.get(option.agreement_id) ?? [];
    list.push(option);
    byAgreement.set(option.agreement_id, list);
  }
  return rows.map((a) => ({
    agreement: {
      id: a.id,
      centre: a.centre_code,
      partner: {
        ...(a.partner_erasmus_code === null ? {} : { erasmusCode: a.partner_erasmus_code }),
        name: a.partner_name,
        country: a.partner_country,
      },
      places: a.places,
      months: fromDecimal(a.months),
      cycles: a.cycles as Cycle[],
      ...(a.subject_area === null ? {} : { subjectArea: a.subject_area }),
      ...(a.language_required_at_application === null
        ? {}
        : {
            languageRequirement: {
              requiredAtApplication: a.language_required_at_application,
              options: (byAgreement.get(a.id) ?? []).map((o) => ({
                language: o.language,
                minLevel: o.min_level as CefrLevel,
              })),
            },
          }),
    },
    nominationDeadline: a.partner_nomination_deadline,
  }));
}

function columns({ agreement: a, nominationDeadline }: StoredAgreement) {
  return {
    centre_code: a.centre,
    partner_erasmus_code: a.partner.erasmusCode ?? null,
    partner_name: a.partner.name,
    partner_country: a.partner.country,
    places: a.places,
    months: toDecimal(a.months),
    cycles: a.cycles,
    subject_area: a.subjectArea ?? null,
    language_required_at_application: a.languageRequirement?.requiredAtApplication ?? null,
    partner_nomination_deadline: nominationDeadline,
  };
}

function optionRows(callId: string, a: Agreement) {
  return (a.languageRequirement?.options ?? []).map((o, position) => ({
    call_id: callId,
    agreement_id: a.id,
    position,
    language: o.language,
    min_level: o.minLevel,
  }));
}

// Well below PostgreSQL's 65 535 parameters per statement.
const CHUNK_ROWS = 500;

/** Appends new agreements after the call's last one, in the given order. */
export async function insertAgreements(
  tx: Executor,
  callId: string,
  agreements: readonly StoredAgreement[],
): Promise<void> {
  if (agreements.length === 0) return;
  const last = await tx
    .selectFrom("agreements")
    .select((eb) => eb.fn.max("position").as("position"))
    .where("call_id", "=", callId)
    .executeTakeFirst();
  const first = last?.position === null || last?.position === undefined ? 0 : Number(last.position) + 1;
  const rows = agreements.map((stored, i) => ({
    call_id: callId,
    id: stored.agreement.id,
    position: first + i,
    ...columns(stored),
  }));
  const options = agreements.flatMap((s) => optionRows(callId, s.agreement));
  for (let start = 0; start < rows.length; start += CHUNK_ROWS)
    await tx
      .insertInto("agreements")
      .values(rows.slice(start, start + CHUNK_ROWS))
      .execute();
  for (let start = 0; start < options.length; start += CHUNK_ROWS)
    await tx
      .insertInto("agreement_language_options")
      .values(options.slice(start, start + CHUNK_ROWS))
      .execute();
}

export async function updateAgreement(tx: Executor, callId: string, stored: StoredAgreement): Promise<void> {
  const id = stored.agreement.id;
  await tx
    .updateTable("agreements")
    .set(columns(stored))
    .where("call_id", "=", callId)
    .where("id", "=", id)
    .execute();
  await tx
    .deleteFrom("agreement_language_options")
    .where("call_id", "=", callId)
    .where("agreement_id", "=", id)
    .execute();
  const options = optionRows(callId, stored.agreement);
  if (options.length > 0) await tx.insertInto("agreement_language_options").values(options).execute();
}

export async function deleteAgreement(tx: Executor, callId: string, agreementId: string): Promise<void> {
  // Its language options cascade.
  await tx.deleteFrom("agreements").where("call_id", "=", callId).where("id", "=", agreementId).execute();
}

/** How many applications of the call name the agreement among their choices. */
export async function applicationsChoosing(
  db: Executor,
  callId: string,
  agreementId: string,
): Promise<number> {
  const row = await db
    .selectFrom("application_choices")
    .select((eb) => eb.fn.count<number>("application_id").distinct().as("n"))
    .where("call_id", "=", callId)
    .where("agreement_id", "=", agreementId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
