import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Clock } from "../clock.ts";
import { recordAudit } from "../db/repositories/audit-log.ts";
import {
  currentOf,
  findRun,
  insertPublication,
  type ListKind,
  listPublications,
  type StoredPublication,
} from "../db/repositories/award-runs.ts";
import { lockCall } from "../db/repositories/call-datasets.ts";
import { findCall } from "../db/repositories/calls.ts";
import { enqueueMessages } from "../db/repositories/outbox.ts";
import type { DB } from "../db/schema.ts";
import { outcomeOfCentre, publicEntries } from "../domain/lists.ts";
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
    // Everyone on the list is told it is out (their own view has the details).
    const known = new Set(dataset.students.map((s) => s.id));
    const listed = outcome.results.filter(
      (r) => !(r.exclusions.length === 1 && r.exclusions[0] === "NOT_VALIDATED"),
    );
    const addresses = await tx
      .selectFrom("students")
      .select(["id", "email"])
      .where("call_id", "=", callId)
      .where("id", "in", listed.length > 0 ? listed.map((r) => r.studentId) : [""])
      .execute();
    const emailOf = new Map(addresses.map((a) => [a.id, a.email]));
    await enqueueMessages(
      tx,
      now,
      listed
        .filter((r) => known.has(r.studentId))
        .map((r) => ({
          kind: "list.published" as const,
          callId,
          studentId: r.studentId,
          email: emailOf.get(r.studentId) ?? null,
          payload: {
            listId: publication.id,
            centre,
            kind,
            status: r.status,
            supersedesId: publication.supersedesId,
          },
          dedupeKey: `list.published:${publication.id}:${r.studentId}`,
        })),
    );
    return publication;
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
