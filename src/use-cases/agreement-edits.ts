// Edits of agreements committed together (group commit, docs/decisions/0015 and 0016): the edits
// that arrive while a batch is being committed form the next, and each is acknowledged once its
// batch committed. Every edit keeps exactly what `updateAgreement` does alone: the same scope rule
// (another centre's agreement reads as absent), the same result, its own audit record with the
// agreement as it was just before that edit (two edits of one agreement in a batch apply in arrival
// order, as two requests one after the other would). Edits that move an agreement to another centre
// or change its language requirement take the single path, which checks the centre and rewrites the
// options.
//
// A batch whose agreements this process knows (it edited or read them last, at a version) is
// computed from them and committed in one statement that writes only if every one is still at that
// version. A batch with an agreement not known, or refused because one had changed, is committed
// the long way: in a transaction that locks and reads the rows first.

import { randomUUID } from "node:crypto";
import { isDeepStrictEqual } from "node:util";
import type { Kysely } from "kysely";
import type { Clock } from "../clock.ts";
import { GroupCommit, type Settled } from "../db/coalesce.ts";
import {
  findAgreementsForEdit,
  type StoredAgreement,
  updateAgreementColumns,
  updateAgreementColumnsIfCurrent,
  type VersionedAgreement,
} from "../db/repositories/agreements.ts";
import type { AuditEntry } from "../db/repositories/audit-log.ts";
import type { DB } from "../db/schema.ts";
import { authorize } from "../policies/authorize.ts";
import type { Actor } from "../policies/policies.ts";
import { type UpdateAgreementInput, updateAgreementBody } from "../schemas/agreements.ts";
import { visibleAgreement } from "./agreement-scope.ts";
import { inTransaction, invalidBody } from "./office-errors.ts";
import { editedAgreement, updateAgreement } from "./update-agreement.ts";

export interface AgreementEdit {
  actor: Actor;
  callId: string;
  agreementId: string;
  edit: UpdateAgreementInput;
}

/** Whether an edit may be committed with others: it keeps the centre and the language requirement. */
const joinsGroupCommit = (edit: UpdateAgreementInput): boolean =>
  edit.centre === undefined && edit.languageRequirement === undefined;

export interface AgreementEditor {
  /** Edits one agreement (as `updateAgreement`), committed together with the edits beside it. */
  edit(edit: AgreementEdit): Promise<StoredAgreement>;
  /**
   * Batches, edits in them, batches retried edit by edit; batches committed from known versions,
   * and those refused because an agreement had changed since (then committed the long way).
   */
  readonly stats: { batches: number; items: number; fallbacks: number; known: number; stale: number };
}

export function agreementEditor({ db, clock }: { db: Kysely<DB>; clock: Clock }): AgreementEditor {
  const known = new KnownAgreements();
  const alone = async (e: AgreementEdit) => {
    try {
      return await updateAgreement({ db, clock, ...e });
    } finally {
      known.forget(e.callId, e.agreementId);
    }
  };
  const stats = { known: 0, stale: 0 };
  const group = new GroupCommit<AgreementEdit, StoredAgreement>({
    batch: async (edits) => {
      const committed = await commitKnownEdits(db, clock, edits, known);
      if (committed === "stale") stats.stale += 1;
      else if (committed !== undefined) {
        stats.known += 1;
        return committed;
      }
      return commitEdits(db, clock, edits, (callId, id, versioned) => known.set(callId, id, versioned));
    },
    one: alone,
  });
  return {
    edit: async (e) => {
      authorize(e.actor, "agreement:manage");
      // What the route's schema checks, checked again for callers that are not the route: a batch
      // writes only each agreement's last state, so every edit in it must be valid on its own.
      const checked = updateAgreementBody.safeParse(e.edit);
      if (!checked.success)
        throw invalidBody(
          "invalid edit",
          checked.error.issues.map((issue) => ({ path: issue.path.map(String), message: issue.message })),
        );
      return joinsGroupCommit(e.edit) ? group.submit(e) : alone(e);
    },
    get stats() {
      return { ...group.stats, ...stats };
    },
  };
}

/**
 * The agreements this process last edited or read for an edit, each as it was then with the
 * version of its row. Only a guess at what is stored: another writer may have changed a row since,
 * which `updateAgreementColumnsIfCurrent` finds out, so it never decides what is written, only
 * whether a batch can skip reading. At most `limit` agreements (the least recently stored go).
 */
class KnownAgreements {
  readonly #byKey = new Map<string, VersionedAgreement>();
  constructor(readonly limit = 10_000) {}

  get(callId: string, agreementId: string): VersionedAgreement | undefined {
    return this.#byKey.get(keyOf(callId, agreementId));
  }

  /**
   * Frozen through and through: the same objects are the edits' answers, and one changed by whoever
   * received it would be the next batch's `before` while its row's version still matched.
   */
  set(callId: string, agreementId: string, versioned: VersionedAgreement): void {
    const key = keyOf(callId, agreementId);
    deepFreeze(versioned.stored);
    this.#byKey.delete(key);
    this.#byKey.set(key, versioned);
    if (this.#byKey.size > this.limit) this.#byKey.delete(this.#byKey.keys().next().value!);
  }

  forget(callId: string, agreementId: string): void {
    this.#byKey.delete(keyOf(callId, agreementId));
  }
}

const keyOf = (callId: string, agreementId: string) => JSON.stringify([callId, agreementId]);

function deepFreeze(value: unknown): void {
  if (typeof value !== "object" || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const inner of Object.values(value)) deepFreeze(inner);
}

/** What a batch's edits do, applied in order to the agreements as `current` has them. */
interface Applied {
  results: Settled<StoredAgreement>[];
  /** Per call: each changed agreement's last state, and one audit record per edit that changed one. */
  writes: Map<string, { last: Map<string, StoredAgreement>; entries: AuditEntry[] }>;
}

/**
 * Each edit applied to the agreement as the previous one left it, with `updateAgreement`'s scope
 * rule (another centre's agreement, or none, reads as absent) and its audit record (the agreement
 * just before that edit and just after). The states between are never refused where the last is
 * not: each field of each one is a value the request schema admitted (checked by agreementEditor,
 * stricter than the table's CHECKs) or the stored one, and no constraint spans two fields.
 */
function applyEdits(edits: readonly AgreementEdit[], current: Map<string, StoredAgreement>): Applied {
  const results: Settled<StoredAgreement>[] = [];
  const writes: Applied["writes"] = new Map();
  for (const { actor, callId, agreementId, edit } of edits) {
    const key = keyOf(callId, agreementId);
    let before: StoredAgreement;
    try {
      before = visibleAgreement(actor, "agreement:manage", callId, agreementId, current.get(key));
    } catch (error) {
      results.push({ ok: false, error });
      continue;
    }
    const after = editedAgreement(before, edit);
    if (!isDeepStrictEqual(before, after)) {
      current.set(key, after);
      const ofCall = writes.get(callId) ?? {
        last: new Map<string, StoredAgreement>(),
        entries: [] as AuditEntry[],
      };
      writes.set(callId, ofCall);
      ofCall.last.set(agreementId, after);
      ofCall.entries.push({
        actor,
        action: "agreement.updated",
        entityType: "agreement",
        entityId: agreementId,
        callId,
        centre: after.agreement.centre,
        before,
        after,
      });
    }
    results.push({ ok: true, value: after });
  }
  return { results, writes };
}

/**
 * Edits of one call committed in one statement, with no read, from the agreements as `known` has
 * them (decision 0016): the changed ones are written at a new version only if every agreement the
 * edits looked at is still at the version known. Undefined, with nothing done, when the edits are
 * of several calls or an agreement is not known; "stale", with nothing written, when one has
 * changed since (`known` then forgets the batch's agreements).
 */
async function commitKnownEdits(
  db: Kysely<DB>,
  clock: Clock,
  edits: readonly AgreementEdit[],
  known: KnownAgreements,
): Promise<Settled<StoredAgreement>[] | "stale" | undefined> {
  const callId = edits[0]?.callId;
  if (callId === undefined || edits.some((e) => e.callId !== callId)) return undefined;
  const current = new Map<string, StoredAgreement>();
  const read = new Map<string, string>();
  for (const { agreementId } of edits) {
    const versioned = known.get(callId, agreementId);
    if (versioned === undefined) return undefined;
    current.set(keyOf(callId, agreementId), versioned.stored);
    read.set(agreementId, versioned.version);
  }
  const { results, writes } = applyEdits(edits, current);
  const { last, entries } = writes.get(callId) ?? { last: new Map<string, StoredAgreement>(), entries: [] };
  const version = randomUUID();
  const committed = await updateAgreementColumnsIfCurrent(db, callId, read, [...last.values()], version, {
    at: clock.now(),
    entries,
  });
  if (!committed) {
    for (const id of read.keys()) known.forget(callId, id);
    return "stale";
  }
  for (const [id, stored] of last) known.set(callId, id, { stored, version });
  return results;
}

/**
 * Several edits in one transaction: the calls' locks in shared mode and the rows FOR UPDATE (one
 * statement per call), the edits applied in order (applyEdits), the changed rows and the audit
 * records written in one statement per call. The edits must be valid by the request schema
 * (agreementEditor checks them). Once committed, `committed` (when given) is told each agreement
 * read as the batch left it, with its version.
 */
export async function commitEdits(
  db: Kysely<DB>,
  clock: Clock,
  edits: readonly AgreementEdit[],
  committed?: (callId: string, agreementId: string, versioned: VersionedAgreement) => void,
): Promise<Settled<StoredAgreement>[]> {
  const read = new Map<string, { callId: string; id: string; versioned: VersionedAgreement }>();
  const results = await inTransaction(db, async (tx) => {
    const idsByCall = new Map<string, string[]>();
    for (const e of edits) {
      const ids = idsByCall.get(e.callId) ?? [];
      ids.push(e.agreementId);
      idsByCall.set(e.callId, ids);
    }
    // Calls in one order too, so that two batches never hold each other's call.
    for (const callId of [...idsByCall.keys()].sort()) {
      const found = await findAgreementsForEdit(tx, callId, idsByCall.get(callId)!);
      for (const [id, versioned] of found) read.set(keyOf(callId, id), { callId, id, versioned });
    }
    const { results, writes } = applyEdits(
      edits,
      new Map([...read].map(([key, { versioned }]) => [key, versioned.stored])),
    );
    const now = clock.now();
    const version = randomUUID();
    for (const [callId, { last, entries }] of writes) {
      await updateAgreementColumns(tx, callId, [...last.values()], version, { at: now, entries });
      for (const [id, stored] of last) read.get(keyOf(callId, id))!.versioned = { stored, version };
    }
    return results;
  });
  for (const { callId, id, versioned } of read.values()) committed?.(callId, id, versioned);
  return results;
}
