import type { Kysely } from "kysely";
import { listAgreements as readAgreements, type StoredAgreement } from "../db/repositories/agreements.ts";
import type { DB } from "../db/schema.ts";
import { authorize } from "../policies/authorize.ts";
import type { Actor } from "../policies/policies.ts";
import type { AgreementListQuery } from "../schemas/agreements.ts";
import { visibleCentres } from "./agreement-scope.ts";
import { notFound } from "./office-errors.ts";

/** The agreements of a call the actor may see, filtered and searched within that scope only. */
export async function listAgreements(options: {
  db: Kysely<DB>;
  actor: Actor;
  callId: string;
  query: AgreementListQuery;
}): Promise<{ items: StoredAgreement[]; total: number }> {
  const { db, actor, callId, query } = options;
  authorize(actor, "agreement:read");
  const centres = visibleCentres(actor, "agreement:read", query.centre);
  // One query: the call's existence, the page, the count and the language options.
  const page = await readAgreements(db, callId, {
    ...(centres === undefined ? {} : { centres }),
    ...(query.country === undefined ? {} : { country: query.country }),
    ...(query.cycle === undefined ? {} : { cycle: query.cycle }),
    ...(query.q === undefined || query.q.trim() === "" ? {} : { search: query.q.trim() }),
    limit: query.limit,
    offset: query.offset,
  });
  if (page === undefined) throw notFound(`call ${callId}`);
  return page;
}
