import type { Kysely } from "kysely";
import type { StoredAgreement } from "../db/repositories/agreements.ts";
import type { DB } from "../db/schema.ts";
import { authorize } from "../policies/authorize.ts";
import type { Actor } from "../policies/policies.ts";
import { agreementInScope } from "./agreement-scope.ts";

/** One agreement; another centre's reads as absent (404). */
export async function getAgreement(options: {
  db: Kysely<DB>;
  actor: Actor;
  callId: string;
  agreementId: string;
}): Promise<StoredAgreement> {
  const { db, actor, callId, agreementId } = options;
  authorize(actor, "agreement:read");
  return agreementInScope(db, actor, "agreement:read", callId, agreementId);
}
