// Reading a student's renunciation back (issue 4): the results page shows it after a reload, not
// only right after it was made. Scope as the claims' reads: the student themself or their centre's
// staff; anybody else, and a student who did not renounce, read 404 (0004: probing reveals nothing).
// The list (in scope, as the claims' list) lets a page ask "did I renounce?" without a 404.
import type { Kysely } from "kysely";
import { findRenunciation, listRenunciations, type StoredRenunciation } from "../db/repositories/claims.ts";
import type { DB } from "../db/schema.ts";
import { authorize } from "../policies/authorize.ts";
import { type Actor, scopeOf } from "../policies/policies.ts";
import { notFound } from "./office-errors.ts";
import { studentInScope } from "./workflow-errors.ts";

export async function getRenunciation(options: {
  db: Kysely<DB>;
  actor: Actor;
  callId: string;
  studentId: string;
}): Promise<StoredRenunciation> {
  const { db, actor, callId, studentId } = options;
  await studentInScope(db, actor, "claim:read", callId, studentId);
  const renunciation = await findRenunciation(db, callId, studentId);
  if (renunciation === undefined) throw notFound(`renunciation of ${studentId} in call ${callId}`);
  return renunciation;
}

/** Renunciations within the actor's scope: a student's own, a coordinator's centre's, all for the office. */
export async function listRenunciationsInScope(options: {
  db: Kysely<DB>;
  actor: Actor;
  callId: string;
}): Promise<StoredRenunciation[]> {
  const { db, actor, callId } = options;
  authorize(actor, "claim:read");
  const scope = scopeOf(actor, "claim:read");
  if (scope.kind === "none") return [];
  if (scope.kind === "centre") return listRenunciations(db, callId, { centre: scope.centre });
  if (scope.kind === "student") return listRenunciations(db, callId, { studentId: scope.studentId });
  return listRenunciations(db, callId);
}
