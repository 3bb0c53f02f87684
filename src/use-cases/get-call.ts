import type { Kysely } from "kysely";
import { findCall, type StoredCall } from "../db/repositories/calls.ts";
import type { DB } from "../db/schema.ts";
import { authorize } from "../policies/authorize.ts";
import type { Actor } from "../policies/policies.ts";
import { notFound } from "./office-errors.ts";

/** One call: public information (SPEC 2). */
export async function getCall(options: {
  db: Kysely<DB>;
  actor: Actor;
  callId: string;
}): Promise<StoredCall> {
  authorize(options.actor, "call:read");
  const call = await findCall(options.db, options.callId);
  if (call === undefined) throw notFound(`call ${options.callId}`);
  return call;
}
