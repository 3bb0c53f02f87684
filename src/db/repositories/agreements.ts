import { isDeepStrictEqual } from "node:util";
// The inter-institutional agreements of a call, each with its language options, as the dataset's
// Agreement plus what only the office keeps (the partner's nomination deadline).
// Every function takes the executor: the use case owns the transaction (STYLE habit 6).

import { type Kysely, type Selectable, sql } from "kysely";
import type { Agreement, Cycle } from "../../domain/dataset.ts";
import { fromDecimal, toDecimal } from "../decimal.ts";
import type { AgreementsTable, DB } from "../schema.ts";
import { type AuditEntry, auditInsert, changeWithAudit } from "./audit-log.ts";
import { callLockKey } from "./call-datasets.ts";

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

/**
 * One page of the call's agreements with the number of all that match, in one query (the call's
 * row joined with the page, the count a window over the matches, the language options aggregated
 * per agreement); undefined when there is no such call.
 */
export async function listAgreements(
  db: Executor,
  callId: string,
  filter: AgreementFilter,
): Promise<{ items: StoredAgreement[]; total: number } | undefined> {
  let query = db.selectFrom("agreements").where("agreements.call_id", "=", callId);
  if (filter.centres !== undefined) {
    if (filter.centres.length === 0)
      return (await callFound(db, callId)) ? { items: [], total: 0 } : undefined;
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
  const page = query
    .selectAll("agreements")
    .select(sql<number>`count(*) OVER ()`.as("total"))
    .orderBy("position")
    .limit(filter.limit)
    .offset(filter.offset);
  const rows = await db
    .selectFrom("calls")
    .leftJoinLateral(page.as("a"), (join) => join.onTrue())
    .selectAll("a")
    .where("calls.id", "=", callId)
    .orderBy("a.position")
    .execute();
  if (rows.length === 0) return undefined;
  const found = rows.filter((r): r is AgreementRow & { total: number } => r.id !== null);
  // Past the last match the page is empty and the window counted nothing: count apart (rare).
  const total =
    found.length > 0
      ? Number(found[0]!.total)
      : filter.offset === 0
        ? 0
        : Number((await query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
  return { items: found.map(toStored), total };
}

/**
 * A fingerprint of everything a list of the call's agreements (of `centres` only, when given) can
 * show: how many there are and the sum of a 64-bit hash of each one's id and the id of the
 * transaction that last wrote its row (`xmin`: new at every write; a change to its language options
 * writes the agreement's row too, migration 008); undefined when there is no such call. Any
 * committed change to one of them changes it (but for a 2^-64 chance), whoever made it: this
 * server, the command line, SQL by hand; an agreement moved into or out of those centres too. So a
 * response made at one fingerprint is the response for every read of the same request that finds
 * the same fingerprint. No sorting and no join: it costs about as much as `select 1`.
 */
export async function agreementsFingerprint(
  db: Executor,
  callId: string,
  centres: readonly string[] | undefined,
): Promise<string | undefined> {
  const inScope =
    centres === undefined
      ? sql<boolean>`true`
      : centres.length === 0
        ? sql<boolean>`false`
        : sql<boolean>`a.centre_code IN (${sql.join(centres)})`;
  const row = await sql<{ fingerprint: string }>`SELECT
      (SELECT count(*) || ':' || coalesce(sum(hashtextextended(a.id || ':' || a.xmin::text, 0)), 0)
        FROM agreements a WHERE a.call_id = c.id AND ${inScope}) AS fingerprint
    FROM calls c WHERE c.id = ${callId}`.execute(db);
  return row.rows[0]?.fingerprint;
}

async function callFound(db: Executor, callId: string): Promise<boolean> {
  return (
    (await db.selectFrom("calls").select("id").where("id", "=", callId).executeTakeFirst()) !== undefined
  );
}

type AgreementRow = Selectable<AgreementsTable>;

export async function findAgreement(
  db: Executor,
  callId: string,
  agreementId: string,
): Promise<StoredAgreement | undefined> {
  const row = await db
    .selectFrom("agreements")
    .selectAll("agreements")
    .where("call_id", "=", callId)
    .where("id", "=", agreementId)
    .executeTakeFirst();
  return row === undefined ? undefined : toStored(row);
}

/**
 * The agreement, for an edit in this transaction: the call's advisory lock in shared mode
 * (lockCallShared: no import, award, creation or deletion runs meanwhile), then the agreement's row
 * FOR UPDATE (another edit of it waits; edits of other agreements do not), in one statement
 * (findAgreementsForEdit).
 */
export async function findAgreementForEdit(
  tx: Executor,
  callId: string,
  agreementId: string,
): Promise<StoredAgreement | undefined> {
  return (await findAgreementsForEdit(tx, callId, [agreementId])).get(agreementId)?.stored;
}

/**
 * An agreement as stored with the version of its row: a fresh uuid at every write of the row
 * (migration 010), its language options' too (they write the row).
 */
export interface VersionedAgreement {
  stored: StoredAgreement;
  version: string;
}

/**
 * Several agreements of one call, for edits in this transaction (a group commit), in one statement:
 * the call's advisory lock in shared mode first (its materialised CTE is read before any row of the
 * join exists, so the call's lock is always taken before the rows', in the order every other writer
 * of the call takes them), then their rows FOR UPDATE in the order of their ids, the order every
 * batch takes them in, so two batches never wait for each other in a circle. A statement that waited
 * for a row sees that row as its holder left it but other tables as they were when it began: all of
 * an agreement is on its row (its language options too, migration 009), so what it reads is current.
 * Those that do not exist are absent.
 */
export async function findAgreementsForEdit(
  tx: Executor,
  callId: string,
  ids: readonly string[],
): Promise<Map<string, VersionedAgreement>> {
  const rows = await tx
    .with(
      (cte) => cte("call_lock").materialized(),
      (db) => db.selectNoFrom(sql`pg_advisory_xact_lock_shared(${callLockKey(callId)})`.as("locked")),
    )
    .selectFrom(["call_lock", "agreements"])
    .selectAll("agreements")
    .where("agreements.call_id", "=", callId)
    .where("agreements.id", "in", [...new Set(ids)])
    .orderBy("agreements.id")
    .forUpdate("agreements")
    .execute();
  return new Map(rows.map((row) => [row.id, { stored: toStored(row), version: row.version }]));
}

/** The columns an edit that keeps the language requirement rewrites, as jsonb_to_recordset reads them. */
const EDITED_COLUMNS = sql`id text, centre_code text, partner_erasmus_code text, partner_name text,
  partner_country text, places integer, months numeric, cycles text[], subject_area text,
  language_required_at_application boolean, partner_nomination_deadline date`;
const SET_EDITED_COLUMNS = sql`centre_code = v.centre_code,
  partner_erasmus_code = v.partner_erasmus_code,
  partner_name = v.partner_name,
  partner_country = v.partner_country,
  places = v.places,
  months = v.months,
  cycles = v.cycles,
  subject_area = v.subject_area,
  language_required_at_application = v.language_required_at_application,
  partner_nomination_deadline = v.partner_nomination_deadline`;

const editedRows = (stored: readonly StoredAgreement[]) =>
  JSON.stringify(stored.map((s) => ({ id: s.agreement.id, ...columns(s) })));

/**
 * Rewrites the columns of several agreements of one call at `version`, and writes their audit
 * records, in one statement. Not their language options: for edits that leave the language
 * requirement as it was. The rows must be locked (findAgreementsForEdit).
 */
export async function updateAgreementColumns(
  tx: Executor,
  callId: string,
  stored: readonly StoredAgreement[],
  version: string,
  audit: { at: Date; entries: readonly AuditEntry[] },
): Promise<void> {
  if (stored.length === 0) return;
  // A data-modifying CTE runs to completion whether or not the main statement reads it.
  await sql`WITH changed AS (UPDATE agreements AS a SET ${SET_EDITED_COLUMNS}, version = ${version}::uuid
      FROM jsonb_to_recordset(${editedRows(stored)}::jsonb) AS v(${EDITED_COLUMNS})
      WHERE a.call_id = ${callId} AND a.id = v.id
      RETURNING a.id)
    ${auditInsert(audit.at, audit.entries)}`.execute(tx);
}

/**
 * Edits computed from agreements at known versions, committed in one statement with no transaction
 * around it (decision 0016): the call's lock in shared mode; the rows of every agreement in `read`
 * (each with the version the edits were computed from, changed or not) locked in the order of their
 * ids, as every writer of several takes them; the changed ones (`stored`) rewritten at `version`;
 * their audit records. A row another transaction is writing is waited for and then read as that
 * one left it. True if every row was at its version read, and all is written; otherwise the
 * statement refuses itself (migration 010): false, and nothing is written.
 */
export async function updateAgreementColumnsIfCurrent(
  db: Executor,
  callId: string,
  read: ReadonlyMap<string, string>,
  stored: readonly StoredAgreement[],
  version: string,
  audit: { at: Date; entries: readonly AuditEntry[] },
): Promise<boolean> {
  const expected = JSON.stringify([...read].map(([id, v]) => ({ id, version: v })));
  try {
    await sql`WITH
      call_lock AS MATERIALIZED (SELECT pg_advisory_xact_lock_shared(${callLockKey(callId)}) AS locked),
      expected AS (SELECT * FROM jsonb_to_recordset(${expected}::jsonb) AS e(id text, version uuid)),
      locked AS MATERIALIZED (SELECT a.id, a.version FROM call_lock, agreements AS a
        WHERE a.call_id = ${callId} AND a.id IN (SELECT id FROM expected)
        ORDER BY a.id FOR NO KEY UPDATE OF a),
      changed AS (UPDATE agreements AS a SET ${SET_EDITED_COLUMNS}, version = ${version}::uuid
        FROM locked AS l, jsonb_to_recordset(${editedRows(stored)}::jsonb) AS v(${EDITED_COLUMNS})
        WHERE a.call_id = ${callId} AND a.id = l.id AND a.id = v.id
        RETURNING a.id),
      audit AS (${auditInsert(audit.at, audit.entries)})
      SELECT raise_unless(
        (SELECT count(*) FROM locked AS l JOIN expected AS e ON l.id = e.id AND l.version = e.version)
            = ${read.size}::int
          AND (SELECT count(*) FROM changed) = ${stored.length}::int,
        'an agreement changed since it was read') AS ok`.execute(db);
    return true;
  } catch (error) {
    if (error instanceof Error && "code" in error && error.code === "40001") return false;
    throw error;
  }
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
    .selectAll("agreements")
    .where("call_id", "=", callId)
    .where("id", "in", [...new Set(ids)])
    .execute();
  return new Map(rows.map((row) => [row.id, toStored(row)]));
}

function toStored(a: AgreementRow): StoredAgreement {
  return {
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
              options: (a.language_options ?? []).map((o) => ({
                language: o.language,
                minLevel: o.minLevel,
              })),
            },
          }),
    },
    nominationDeadline: a.partner_nomination_deadline,
  };
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

/** Rewrites a stored agreement; its language options only when they differ from `before`'s. */
export async function updateAgreement(
  tx: Executor,
  callId: string,
  stored: StoredAgreement,
  before?: StoredAgreement,
  audit?: { at: Date; entry: AuditEntry },
): Promise<void> {
  const id = stored.agreement.id;
  if (audit === undefined) {
    await tx
      .updateTable("agreements")
      .set(columns(stored))
      .where("call_id", "=", callId)
      .where("id", "=", id)
      .execute();
  } else {
    // The row and its audit record in one round trip (an edit is the hot write path).
    await changeWithAudit(
      tx,
      (creator) =>
        creator
          .updateTable("agreements")
          .set(columns(stored))
          .where("call_id", "=", callId)
          .where("id", "=", id)
          .returning("id"),
      audit.at,
      audit.entry,
    );
  }
  const options = optionRows(callId, stored.agreement);
  if (before !== undefined && isDeepStrictEqual(optionRows(callId, before.agreement), options)) return;
  await tx
    .deleteFrom("agreement_language_options")
    .where("call_id", "=", callId)
    .where("agreement_id", "=", id)
    .execute();
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
