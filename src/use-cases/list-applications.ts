import type { Kysely } from "kysely";
import {
  type ApplicationSummary,
  listApplications as readApplications,
} from "../db/repositories/applications.ts";
import { callExists } from "../db/repositories/call-datasets.ts";
import type { DB } from "../db/schema.ts";
import { authorize } from "../policies/authorize.ts";
import { type Actor, scopeOf } from "../policies/policies.ts";
import { notFound } from "./office-errors.ts";

/** The call's applications within the actor's scope (a coordinator: their centre's students). */
export async function listApplications(options: {
  db: Kysely<DB>;
  actor: Actor;
  callId: string;
}): Promise<ApplicationSummary[]> {
  const { db, actor, callId } = options;
  authorize(actor, "application:read");
  if (!(await callExists(db, callId))) throw notFound(`call ${callId}`);
  const scope = scopeOf(actor, "application:read");
  if (scope.kind === "none") return [];
  return readApplications(db, callId, {
    ...(scope.kind === "centre" ? { centre: scope.centre } : {}),
    ...(scope.kind === "student" ? { studentId: scope.studentId } : {}),
  });
}
