import type { Kysely } from "kysely";
import { callExists } from "../db/repositories/call-datasets.ts";
import { listStudents as readStudents, type StoredStudent } from "../db/repositories/students.ts";
import type { DB } from "../db/schema.ts";
import { authorize } from "../policies/authorize.ts";
import { type Actor, scopeOf } from "../policies/policies.ts";
import { notFound } from "./office-errors.ts";

export interface StudentListQuery {
  centre?: string;
  q?: string;
  limit: number;
  offset: number;
}

/**
 * The academic records of a call the actor may read: the office all, a coordinator their centre's,
 * a student their own. Filters and search work within that scope only.
 */
export async function listStudents(options: {
  db: Kysely<DB>;
  actor: Actor;
  callId: string;
  query: StudentListQuery;
}): Promise<{ items: StoredStudent[]; total: number }> {
  const { db, actor, callId, query } = options;
  authorize(actor, "student:read");
  if (!(await callExists(db, callId))) throw notFound(`call ${callId}`);
  const scope = scopeOf(actor, "student:read");
  const page = { limit: query.limit, offset: query.offset };
  const search = query.q === undefined || query.q.trim() === "" ? {} : { search: query.q.trim() };
  const filter = query.centre === undefined ? {} : { centres: [query.centre] };
  switch (scope.kind) {
    case "all":
      return readStudents(db, callId, { ...filter, ...search, ...page });
    case "centre":
      return readStudents(db, callId, {
        centres: query.centre === undefined || query.centre === scope.centre ? [scope.centre] : [],
        ...search,
        ...page,
      });
    case "student":
      return readStudents(db, callId, { ...filter, studentId: scope.studentId, ...search, ...page });
    case "none":
      return { items: [], total: 0 };
  }
}
