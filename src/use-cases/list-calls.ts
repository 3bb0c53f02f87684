import type { Kysely } from "kysely";
import { listCalls as readCalls, type StoredCall } from "../db/repositories/calls.ts";
import type { DB } from "../db/schema.ts";
import { authorize } from "../policies/authorize.ts";
import type { Actor } from "../policies/policies.ts";

/** Every call, the latest academic year first: public information (SPEC 2). */
export async function listCalls(options: { db: Kysely<DB>; actor: Actor }): Promise<StoredCall[]> {
  authorize(options.actor, "call:read");
  return readCalls(options.db);
}
