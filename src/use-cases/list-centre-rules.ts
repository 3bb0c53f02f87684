import type { Kysely } from "kysely";
import { listCentreRules as readCentreRules, type StoredCentreRules } from "../db/repositories/calls.ts";
import type { DB } from "../db/schema.ts";
import type { Actor } from "../policies/policies.ts";
import { getCall } from "./get-call.ts";

/** A call's centre rules: each centre publishes its own (SPEC 5), so they are public like the call. */
export async function listCentreRules(options: {
  db: Kysely<DB>;
  actor: Actor;
  callId: string;
}): Promise<StoredCentreRules[]> {
  await getCall(options);
  return readCentreRules(options.db, options.callId);
}
