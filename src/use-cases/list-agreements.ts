import type { Kysely } from "kysely";
import type { FreshReads } from "../db/coalesce.ts";
import {
  agreementsFingerprint,
  listAgreements as readAgreements,
  type StoredAgreement,
} from "../db/repositories/agreements.ts";
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

/**
 * What a list of agreements depends on, without reading it: the actor's view of the request (their
 * scope and the query, as a key) and the call's agreements fingerprint (repository
 * `agreementsFingerprint`). Two reads with the same key and version answer the same. NOT_FOUND
 * when there is no such call, as `listAgreements`.
 */
export async function agreementListVersion(options: {
  db: Kysely<DB>;
  actor: Actor;
  callId: string;
  query: AgreementListQuery;
  /** The embedded database's count of writes (Database.writeCount), when there is one. */
  writeCount?: (() => number) | undefined;
  /** Shares one fingerprint query among the reads that arrive together (coalesce.ts). */
  fingerprints?: FreshReads<string | undefined>;
}): Promise<{ key: string; version: string }> {
  const { db, actor, callId, query, writeCount, fingerprints } = options;
  authorize(actor, "agreement:read");
  const centres = visibleCentres(actor, "agreement:read", query.centre);
  // Embedded: nothing was written since the count was last seen, so no query is needed (a missing
  // call has no answer kept, and is refused by the list query itself).
  const fingerprint = () => agreementsFingerprint(db, callId, centres);
  const version =
    writeCount !== undefined
      ? `writes:${writeCount()}`
      : await (fingerprints === undefined
          ? fingerprint()
          : fingerprints.read(JSON.stringify([callId, centres ?? null]), fingerprint));
  if (version === undefined) throw notFound(`call ${callId}`);
  const key = JSON.stringify([
    "agreements",
    callId,
    centres ?? null,
    query.country ?? null,
    query.cycle ?? null,
    query.q?.trim() || null,
    query.limit,
    query.offset,
  ]);
  return { key, version };
}
