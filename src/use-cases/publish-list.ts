import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Clock } from "../clock.ts";
import { recordAudit } from "../db/repositories/audit-log.ts";
import {
  currentOf,
  findPublication,
  findRun,
  insertPublication,
  type ListKind,
  listPublications,
  type StoredPublication,
} from "../db/repositories/award-runs.ts";
import { lockCall } from "../db/repositories/call-datasets.ts";
import { findCall } from "../db/repositories/calls.ts";
import { enqueueMessages, type Message } from "../db/repositories/outbox.ts";
import type { DB } from "../db/schema.ts";
import type { Dataset } from "../domain/dataset.ts";
import { listedResults, outcomeOfCentre, publicEntries } from "../domain/lists.ts";
import type { Outcome } from "../domain/outcome.ts";
import { fieldRefusal, refusal } from "../errors.ts";
import { authorize } from "../policies/authorize.ts";
import type { Actor } from "../policies/policies.ts";
import { inTransaction, notFound } from "./office-errors.ts";
import { actorLabel, currentRunInput, inputSha256 } from "./run-award.ts";

/**
 * Publishes a centre's provisional or definitive list from a run (SPEC 7): on or after the list's
 * date, from a run of the data as it still is (STALE_RUN otherwise), never modified afterwards. A
 * new publication of the same centre and kind supersedes the latest one and must say why.
 * The definitive list comes after the claims window, after the provisional list, and with no open
 * claim (CLAIMS_PENDING).
 */
export async function publishList(options: {
  db: Kysely<DB>;
  clock: Clock;
  actor: Actor;
  callId: string;
  centre: string;
  kind: ListKind;
  runId: string;
  reason?: string | undefined;
}): Promise<StoredPublication> {
  const { db, clock, actor, callId, centre, kind, runId } = options;
  authorize(actor, "list:publish", { centre });
  return inTransaction(db, async (tx) => {
    await lockCall(tx, callId);
    const call = await findCall(tx, callId);
    if (call === undefined) throw notFound(`call ${callId}`);
    const now = clock.now();
    const { calendar } = call;
    const opensAt = kind === "provisional" ? calendar.provisionalListAt : calendar.definitiveListAt;
    if (opensAt !== null && now.getTime() < Date.parse(opensAt))
      throw refusal("TOO_EARLY", `the ${kind} list may be published from ${opensAt}`);
    const published = await listPublications(tx, callId, { centre });
    const definitive = published.filter((p) => p.kind === "definitive");
    if (kind === "provisional" && definitive.length > 0)
      throw refusal("LIST_PUBLISHED", `the definitive list of ${centre} is published`);
    if (kind === "definitive") {
      if (calendar.claimsCloseAt !== null && now.getTime() <= Date.parse(calendar.claimsCloseAt))
        throw refusal("TOO_EARLY", `claims are open until ${calendar.claimsCloseAt}`);
      if (!published.some((p) => p.kind === "provisional"))
        throw refusal("PROVISIONAL_LIST_MISSING", `publish the provisional list of ${centre} first`);
      const open = await openClaims(tx, callId, centre);
      if (open > 0) throw refusal("CLAIMS_PENDING", `${open} claims of ${centre} are still open`);
    }
    const run = await findRun(tx, callId, runId);
    if (run === undefined) throw notFound(`run ${runId}`);
    if (run.centre !== null && run.centre !== centre)
      throw refusal("RUN_OF_ANOTHER_CENTRE", `run ${run.seq} scored ${run.centre}, not ${centre}`);
    if (inputSha256(await currentRunInput(tx, callId)) !== run.inputSha256)
      throw refusal("STALE_RUN", `the call's data changed since run ${run.seq}: run the engine again`);
    const current = currentOf(published.filter((p) => p.kind === kind));
    const reason = options.reason?.trim() || null;
    if (current !== undefined && reason === null)
      throw fieldRefusal("REASON_REQUIRED", `say why this list supersedes ${current.id}`, "body/reason");

    const dataset = run.input.dataset;
    const outcome = outcomeOfCentre(dataset, run.outcome, centre);
    const publication = {
      id: randomUUID(),
      callId,
      centre,
      kind,
      runId,
      supersedesId: current?.id ?? null,
      reason,
      publishedBy: actorLabel(actor),
      publishedAt: now.toISOString(),
    };
    await insertPublication(tx, { ...publication, entries: publicEntries(dataset, outcome), outcome });
    await recordAudit(tx, now, {
      actor,
      action: "list.published",
      entityType: "list",
      entityId: publication.id,
      callId,
      centre,
      before: current ?? null,
      after: { ...publication, inputSha256: run.inputSha256 },
    });
    await enqueueMessages(tx, now, await listMessages(tx, { publication, dataset, outcome, current }));
    return publication;
  });
}

/**
 * Who is told of a publication. A first list: everyone on it (their own view has the details). A
 * list that supersedes another: only the students it affects (on one list and not the other, or
 * with another status, rank or award), told what it is now and what it was (`list.superseded`).
 */
async function listMessages(
  tx: Kysely<DB>,
  options: {
    publication: {
      id: string;
      callId: string;
      centre: string;
      kind: ListKind;
      supersedesId: string | null;
      reason: string | null;
    };
    dataset: Dataset;
    outcome: Outcome;
    current: StoredPublication | undefined;
  },
): Promise<Message[]> {
  const { publication, dataset, outcome, current } = options;
  const { callId, centre, kind } = publication;
  const known = new Set(dataset.students.map((s) => s.id));
  const after = new Map(listedResults(outcome).map((r) => [r.studentId, r]));
  const previous = current === undefined ? undefined : await findPublication(tx, callId, current.id);
  const before =
    previous === undefined
      ? undefined
      : new Map(listedResults(previous.outcome).map((r) => [r.studentId, r]));
  const affected = [...new Set([...after.keys(), ...(before?.keys() ?? [])])].filter((id) => {
    if (!known.has(id)) return false;
    if (before === undefined) return true;
    const [a, b] = [before.get(id), after.get(id)];
    return (
      a === undefined ||
      b === undefined ||
      a.status !== b.status ||
      a.rank !== b.rank ||
      (a.award?.agreementId ?? null) !== (b.award?.agreementId ?? null)
    );
  });
  if (affected.length === 0) return [];
  const addresses = await tx
    .selectFrom("students")
    .select(["id", "email"])
    .where("call_id", "=", callId)
    .where("id", "in", affected)
    .execute();
  const emailOf = new Map(addresses.map((a) => [a.id, a.email]));
  return affected.map((studentId): Message => {
    const email = emailOf.get(studentId) ?? null;
    const status = after.get(studentId)?.status ?? null;
    if (before === undefined)
      return {
        kind: "list.published",
        callId,
        studentId,
        email,
        payload: { listId: publication.id, centre, kind, status, supersedesId: null },
        dedupeKey: `list.published:${publication.id}:${studentId}`,
      };
    return {
      kind: "list.superseded",
      callId,
      studentId,
      email,
      payload: {
        listId: publication.id,
        supersedesId: publication.supersedesId,
        centre,
        kind,
        reason: publication.reason,
        status,
        previousStatus: before.get(studentId)?.status ?? null,
      },
      dedupeKey: `list.superseded:${publication.id}:${studentId}`,
    };
  });
}

/** Claims of a centre not yet resolved (migration 005's `claims`). */
async function openClaims(tx: Kysely<DB>, callId: string, centre: string): Promise<number> {
  const open = await tx
    .selectFrom("claims")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("call_id", "=", callId)
    .where("centre_code", "=", centre)
    .where("status", "=", "open")
    .executeTakeFirst();
  return Number(open?.n ?? 0);
}
