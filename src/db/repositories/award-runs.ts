// Runs of the engine and published lists (issue 4): rows that are written once and never changed
// (the database refuses UPDATE and DELETE on both tables, migration 004).
// Every function takes the executor: the use case owns the transaction (STYLE habit 6).
import { type Kysely, type Selectable, sql } from "kysely";
import type { CentreRules } from "../../domain/centre-rules.ts";
import type { Dataset } from "../../domain/dataset.ts";
import type { PublicEntry } from "../../domain/lists.ts";
import type { Outcome } from "../../domain/outcome.ts";
import type { AwardRunsTable, DB, ListPublicationsTable } from "../schema.ts";

type Executor = Kysely<DB>;

/** What a run scored: the call's dataset and its centres' rules, as they were. */
export interface RunInput {
  dataset: Dataset;
  centreRules: Record<string, CentreRules>;
}

export interface StoredRun {
  id: string;
  callId: string;
  seq: number;
  centre: string | null;
  inputSha256: string;
  /** Who ran it: the user's id and label as recorded, and their display name now (null: no such user). */
  runBy: { userId: string | null; label: string; displayName: string | null };
  runAt: string;
}

export interface StoredRunWithData extends StoredRun {
  input: RunInput;
  outcome: Outcome;
}

const presentRun = (
  row: Pick<Selectable<AwardRunsTable>, keyof StoredRunRow> & { run_by_display_name: string | null },
): StoredRun => ({
  id: row.id,
  callId: row.call_id,
  seq: row.seq,
  centre: row.centre_code,
  inputSha256: row.input_sha256,
  runBy: { userId: row.run_by_user_id, label: row.run_by_label, displayName: row.run_by_display_name },
  runAt: row.run_at.toISOString(),
});
type StoredRunRow = Omit<AwardRunsTable, "input" | "outcome">;
const RUN_COLUMNS = [
  "award_runs.id",
  "award_runs.call_id",
  "award_runs.seq",
  "award_runs.centre_code",
  "award_runs.input_sha256",
  "award_runs.run_by_user_id",
  "award_runs.run_by_label",
  "award_runs.run_at",
] as const;

/** The runs joined to their runner, for the display name. */
const runsWithRunner = (db: Executor) =>
  db
    .selectFrom("award_runs")
    .leftJoin("users", "users.id", "award_runs.run_by_user_id")
    .select("users.display_name as run_by_display_name");

export async function nextRunSeq(tx: Executor, callId: string): Promise<number> {
  const row = await tx
    .selectFrom("award_runs")
    .select(sql<number | null>`max(seq)`.as("seq"))
    .where("call_id", "=", callId)
    .executeTakeFirst();
  return row?.seq === null || row?.seq === undefined ? 1 : Number(row.seq) + 1;
}

export async function insertRun(tx: Executor, run: StoredRunWithData): Promise<void> {
  await tx
    .insertInto("award_runs")
    .values({
      id: run.id,
      call_id: run.callId,
      seq: run.seq,
      centre_code: run.centre,
      input_sha256: run.inputSha256,
      input: JSON.stringify(run.input),
      outcome: JSON.stringify(run.outcome),
      run_by_user_id: run.runBy.userId,
      run_by_label: run.runBy.label,
      run_at: run.runAt,
    })
    .execute();
}

/** Runs of the call, newest first; only those of these centres (and every-centre runs) when given. */
export async function listRuns(db: Executor, callId: string, centre?: string): Promise<StoredRun[]> {
  let query = runsWithRunner(db).select(RUN_COLUMNS).where("award_runs.call_id", "=", callId);
  if (centre !== undefined)
    query = query.where((eb) =>
      eb.or([eb("award_runs.centre_code", "=", centre), eb("award_runs.centre_code", "is", null)]),
    );
  const rows = await query.orderBy("award_runs.seq", "desc").execute();
  return rows.map(presentRun);
}

export async function findRun(
  db: Executor,
  callId: string,
  id: string,
): Promise<StoredRunWithData | undefined> {
  const row = await runsWithRunner(db)
    .selectAll("award_runs")
    .where("award_runs.call_id", "=", callId)
    .where("award_runs.id", "=", id)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  return { ...presentRun(row), input: row.input as RunInput, outcome: row.outcome as Outcome };
}

export type ListKind = "provisional" | "definitive";

export interface StoredPublication {
  id: string;
  callId: string;
  centre: string;
  kind: ListKind;
  runId: string;
  supersedesId: string | null;
  reason: string | null;
  publishedBy: { userId: string | null; label: string };
  publishedAt: string;
}

export interface StoredPublicationWithData extends StoredPublication {
  entries: PublicEntry[];
  outcome: Outcome;
}

const presentPublication = (
  row: Omit<Selectable<ListPublicationsTable>, "entries" | "outcome">,
): StoredPublication => ({
  id: row.id,
  callId: row.call_id,
  centre: row.centre_code,
  kind: row.kind as ListKind,
  runId: row.run_id,
  supersedesId: row.supersedes_id,
  reason: row.reason,
  publishedBy: { userId: row.published_by_user_id, label: row.published_by_label },
  publishedAt: row.published_at.toISOString(),
});
const PUBLICATION_COLUMNS = [
  "id",
  "call_id",
  "centre_code",
  "kind",
  "run_id",
  "supersedes_id",
  "reason",
  "published_by_user_id",
  "published_by_label",
  "published_at",
] as const;

export async function insertPublication(tx: Executor, p: StoredPublicationWithData): Promise<void> {
  await tx
    .insertInto("list_publications")
    .values({
      id: p.id,
      call_id: p.callId,
      centre_code: p.centre,
      kind: p.kind,
      run_id: p.runId,
      supersedes_id: p.supersedesId,
      reason: p.reason,
      published_by_user_id: p.publishedBy.userId,
      published_by_label: p.publishedBy.label,
      published_at: p.publishedAt,
      entries: JSON.stringify(p.entries),
      outcome: JSON.stringify(p.outcome),
    })
    .execute();
}

/** Publications of the call in the order they were made; of one centre and kind when given. */
export async function listPublications(
  db: Executor,
  callId: string,
  filter: { centre?: string; kind?: ListKind } = {},
): Promise<StoredPublication[]> {
  let query = db.selectFrom("list_publications").select(PUBLICATION_COLUMNS).where("call_id", "=", callId);
  if (filter.centre !== undefined) query = query.where("centre_code", "=", filter.centre);
  if (filter.kind !== undefined) query = query.where("kind", "=", filter.kind);
  const rows = await query.orderBy("published_at").orderBy("id").execute();
  return rows.map(presentPublication);
}

export async function findPublication(
  db: Executor,
  callId: string,
  id: string,
): Promise<StoredPublicationWithData | undefined> {
  const row = await db
    .selectFrom("list_publications")
    .selectAll()
    .where("call_id", "=", callId)
    .where("id", "=", id)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  return {
    ...presentPublication(row),
    entries: row.entries as PublicEntry[],
    outcome: row.outcome as Outcome,
  };
}

/** The latest publication of a centre and kind: the one no other supersedes. */
export function currentOf(publications: readonly StoredPublication[]): StoredPublication | undefined {
  const superseded = new Set(publications.map((p) => p.supersedesId).filter((id) => id !== null));
  return publications.find((p) => !superseded.has(p.id));
}
