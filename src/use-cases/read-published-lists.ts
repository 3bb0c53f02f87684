import type { Kysely } from "kysely";
import {
  findPublication,
  findRun,
  type ListKind,
  listPublications,
  type StoredPublication,
  type StoredPublicationWithData,
} from "../db/repositories/award-runs.ts";
import { callExists } from "../db/repositories/call-datasets.ts";
import type { DB } from "../db/schema.ts";
import { maskedIdsOf, maskId, type PublicEntry, type StudentListView, studentView } from "../domain/lists.ts";
import { authorize } from "../policies/authorize.ts";
import type { Actor } from "../policies/policies.ts";
import { notFound } from "./office-errors.ts";
import { studentInScope } from "./workflow-errors.ts";

export interface PublicationSummary extends StoredPublication {
  supersededById: string | null;
  current: boolean;
}

/** The call's published lists (public), each with what superseded it. */
export async function listPublishedLists(options: {
  db: Kysely<DB>;
  actor: Actor;
  callId: string;
  centre?: string | undefined;
  kind?: ListKind | undefined;
}): Promise<PublicationSummary[]> {
  const { db, actor, callId } = options;
  authorize(actor, "list:read");
  if (!(await callExists(db, callId))) throw notFound(`call ${callId}`);
  const all = await listPublications(db, callId, {
    ...(options.centre !== undefined ? { centre: options.centre } : {}),
    ...(options.kind !== undefined ? { kind: options.kind } : {}),
  });
  const supersededBy = new Map(all.filter((p) => p.supersedesId !== null).map((p) => [p.supersedesId, p.id]));
  const byId = new Map(all.map((p) => [p.id, p]));
  // Each centre's and kind's chain in the order it was published (instants may tie).
  const depth = (p: StoredPublication): number => {
    let n = 0;
    for (let q = p; q.supersedesId !== null && byId.has(q.supersedesId); q = byId.get(q.supersedesId)!) n++;
    return n;
  };
  return all
    .map((p) => ({ p, depth: depth(p) }))
    .sort((a, b) =>
      a.p.centre !== b.p.centre
        ? a.p.centre < b.p.centre
          ? -1
          : 1
        : a.p.kind !== b.p.kind
          ? a.p.kind === "provisional"
            ? -1
            : 1
          : a.depth - b.depth,
    )
    .map(({ p }) => ({
      ...p,
      supersededById: supersededBy.get(p.id) ?? null,
      current: !supersededBy.has(p.id),
    }));
}

/** Normalises a search for a masked id: "***1234*", "1234" and "*1234" find the same rows. */
const maskedQuery = (q: string) => q.replaceAll("*", "").toUpperCase();

/** One published list, pseudonymised (SPEC 12.8); `q` searches the masked ids. */
export async function getPublishedList(options: {
  db: Kysely<DB>;
  actor: Actor;
  callId: string;
  listId: string;
  q?: string | undefined;
}): Promise<StoredPublication & { entries: PublicEntry[] }> {
  const { db, actor, callId, listId } = options;
  authorize(actor, "list:read");
  const publication = await findPublication(db, callId, listId);
  if (publication === undefined) throw notFound(`list ${listId}`);
  const { outcome: _private, entries, ...meta } = publication;
  const q = options.q === undefined ? "" : maskedQuery(options.q);
  return {
    ...meta,
    entries:
      q === "" ? entries : entries.filter((e) => e.maskedId.replaceAll("*", "").toUpperCase().includes(q)),
  };
}

/** A student's own full view of a published list (the student, or their centre's staff). */
export async function getOwnListView(options: {
  db: Kysely<DB>;
  actor: Actor;
  callId: string;
  listId: string;
  studentId: string;
}): Promise<OwnListView> {
  const { db, actor, callId, listId, studentId } = options;
  await studentInScope(db, actor, "application:read", callId, studentId);
  const publication = await findPublication(db, callId, listId);
  if (publication === undefined) throw notFound(`list ${listId}`);
  const own = await ownViewOf(db, callId, publication, studentId);
  if (own === undefined) throw notFound(`${studentId} in list ${listId}`);
  return own;
}

/**
 * The student's own views of every current (not superseded) published list of their centre they
 * are on, in the order of `listPublishedLists`; none when they are on none (no validated application, or
 * no list yet) — an empty answer, not a refusal, so a student's results page asks once.
 */
export async function getOwnListViews(options: {
  db: Kysely<DB>;
  actor: Actor;
  callId: string;
  studentId: string;
}): Promise<OwnListView[]> {
  const { db, actor, callId, studentId } = options;
  const student = await studentInScope(db, actor, "application:read", callId, studentId);
  // A centre's lists rank its own students only: the others' outcomes need not be read.
  const current = (await listPublishedLists({ db, actor, callId, centre: student.record.centre })).filter(
    (p) => p.current,
  );
  const views: OwnListView[] = [];
  for (const summary of current) {
    const publication = await findPublication(db, callId, summary.id);
    const own = publication === undefined ? undefined : await ownViewOf(db, callId, publication, studentId);
    if (own !== undefined) views.push(own);
  }
  return views;
}

export type OwnListView = StoredPublication & {
  maskedId: string;
  view: StudentListView;
};

async function ownViewOf(
  db: Kysely<DB>,
  callId: string,
  publication: StoredPublicationWithData,
  studentId: string,
): Promise<OwnListView | undefined> {
  const view = studentView(publication.outcome, studentId);
  if (view === undefined) return undefined;
  const { outcome: _outcome, entries: _entries, ...meta } = publication;
  // As the public rows show it (a collision on the list shows more of the id: domain/lists.ts).
  const run = await findRun(db, callId, publication.runId);
  const masked =
    (run === undefined ? undefined : maskedIdsOf(run.input.dataset, publication.outcome).get(studentId)) ??
    maskId(studentId);
  return { ...meta, maskedId: masked, view };
}
