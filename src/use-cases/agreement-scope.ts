// Where agreements are visible: a coordinator sees their centre's, a student their own centre's
// destinations, the office all. Out of scope reads exactly like absent (404), so neither a list,
// a search nor a guessed id tells that another centre's agreement exists.

import type { Kysely } from "kysely";
import { findAgreement, findAgreementForEdit, type StoredAgreement } from "../db/repositories/agreements.ts";
import type { DB } from "../db/schema.ts";
import { type Action, type Actor, can, scopeOf } from "../policies/policies.ts";
import { notFound } from "./office-errors.ts";

/** The centres whose agreements the actor may see, narrowed by a filter; undefined = all. */
export function visibleCentres(actor: Actor, action: Action, filter?: string): string[] | undefined {
  const scope = scopeOf(actor, action);
  if (scope.kind === "all") return filter === undefined ? undefined : [filter];
  if (scope.kind === "centre") return filter === undefined || filter === scope.centre ? [scope.centre] : [];
  return [];
}

/**
 * The agreement when the actor may perform `action` on it; otherwise NOT_FOUND, as if absent.
 * `forEdit`: with the call's lock in shared mode and its row locked until the transaction ends
 * (findAgreementForEdit).
 */
export async function agreementInScope(
  db: Kysely<DB>,
  actor: Actor,
  action: Action,
  callId: string,
  agreementId: string,
  options: { forEdit?: boolean } = {},
): Promise<StoredAgreement> {
  const stored = await (options.forEdit === true ? findAgreementForEdit : findAgreement)(
    db,
    callId,
    agreementId,
  );
  return visibleAgreement(actor, action, callId, agreementId, stored);
}

/** `stored` when the actor may perform `action` on it; otherwise NOT_FOUND, as if absent. */
export function visibleAgreement(
  actor: Actor,
  action: Action,
  callId: string,
  agreementId: string,
  stored: StoredAgreement | undefined,
): StoredAgreement {
  if (stored === undefined || !can(actor, action, { centre: stored.agreement.centre }))
    throw notFound(`agreement ${agreementId} in call ${callId}`);
  return stored;
}
