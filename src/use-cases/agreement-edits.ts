// Edits of agreements committed together (group commit, docs/decisions/0015): the edits that
// arrive while one batch is being committed form the next, and each is acknowledged once its batch
// committed. Every edit keeps exactly what `updateAgreement` does alone: the same scope rule (another
// centre's agreement reads as absent), the same result, its own audit record with the agreement as
// it was just before that edit (two edits of one agreement in a batch apply in arrival order, as two
// requests one after the other would). Edits that move an agreement to another centre or change its
// language requirement take the single path, which checks the centre and rewrites the options.

import { isDeepStrictEqual } from "node:util";
import type { Kysely } from "kysely";
import type { Clock } from "../clock.ts";
import { GroupCommit, type Settled } from "../db/coalesce.ts";
import {
  findAgreementsForEdit,
  type StoredAgreement,
  updateAgreementColumns,
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
  readonly stats: { batches: number; items: number; fallbacks: number };
}

export function agreementEditor({ db, clock }: { db: Kysely<DB>; clock: Clock }): AgreementEditor {
  const alone = (e: AgreementEdit) => updateAgreement({ db, clock, ...e });
  const group = new GroupCommit<AgreementEdit, StoredAgreement>({
    batch: (edits) => commitEdits(db, clock, edits),
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
    stats: group.stats,
  };
}

/**
 * Several edits in one transaction: the calls' locks in shared mode and the rows FOR UPDATE (one
 * statement per call), each edit applied in order to the agreement as the previous one left it, the
 * changed rows and the audit records written in one statement per call. The edits must be valid
 * by the request schema (agreementEditor checks them).
 */
export async function commitEdits(
  db: Kysely<DB>,
  clock: Clock,
  edits: readonly AgreementEdit[],
): Promise<Settled<StoredAgreement>[]> {
  return inTransaction(db, async (tx) => {
    const idsByCall = new Map<string, string[]>();
    for (const e of edits) {
      const ids = idsByCall.get(e.callId) ?? [];
      ids.push(e.agreementId);
      idsByCall.set(e.callId, ids);
    }
    const current = new Map<string, StoredAgreement>();
    const keyOf = (callId: string, agreementId: string) => JSON.stringify([callId, agreementId]);
    // Calls in one order too, so that two batches never hold each other's call.
    for (const callId of [...idsByCall.keys()].sort()) {
      const found = await findAgreementsForEdit(tx, callId, idsByCall.get(callId)!);
      for (const [id, stored] of found) current.set(keyOf(callId, id), stored);
    }

    const now = clock.now();
    const results: Settled<StoredAgreement>[] = [];
    // Each agreement's last state is written, with every edit's record, in one statement per call.
    // The states between are never refused where the last is not: each field of each one is a value
    // the request schema admitted (checked by agreementEditor, stricter than the table's CHECKs) or
    // the stored one, and no constraint spans two fields.
    type CallWrites = { last: Map<string, StoredAgreement>; entries: AuditEntry[] };
    const writes = new Map<string, CallWrites>();
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
        const ofCall: CallWrites = writes.get(callId) ?? { last: new Map(), entries: [] };
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
        writes.set(callId, ofCall);
      }
      results.push({ ok: true, value: after });
    }

    for (const [callId, { last, entries }] of writes)
      await updateAgreementColumns(tx, callId, [...last.values()], { at: now, entries });
    return results;
  });
}
