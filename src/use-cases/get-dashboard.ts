// The call's dashboard for a centre (issue 5): applications by status, documents waiting for the
// centre's review, and per destination its places against the demand (how many applications rank
// it first, how many at all). Read-only: counts straight from the tables, nothing stored.
import { type Kysely, sql } from "kysely";
import { callExists } from "../db/repositories/call-datasets.ts";
import type { DB } from "../db/schema.ts";
import { authorize } from "../policies/authorize.ts";
import { type Actor, scopeOf } from "../policies/policies.ts";
import { notFound } from "./office-errors.ts";

export interface DemandCount {
  /** Applications (drafts and validated) ranking the destination first. */
  first: number;
  /** Applications ranking it at any position. */
  any: number;
}

export interface Dashboard {
  callId: string;
  /** null: every centre (the office or an administrator without a centre). */
  centre: string | null;
  applications: { total: number; draft: number; validated: number; withPendingDocuments: number };
  documents: { pending: number; verified: number; rejected: number };
  destinations: {
    agreementId: string;
    centre: string;
    partnerName: string;
    country: string;
    places: number;
    demand: DemandCount;
    /** The same, counting validated applications only (what the engine will score). */
    validatedDemand: DemandCount;
  }[];
}

/**
 * The dashboard of one centre (a coordinator: always their own; asking for another is refused),
 * or, for the office and administrators, of the centre they name or of every centre.
 */
export async function getDashboard(options: {
  db: Kysely<DB>;
  actor: Actor;
  callId: string;
  centre?: string | undefined;
}): Promise<Dashboard> {
  const { db, actor, callId } = options;
  authorize(actor, "award:run", options.centre === undefined ? undefined : { centre: options.centre });
  const scope = scopeOf(actor, "award:run");
  const centre = scope.kind === "centre" ? scope.centre : (options.centre ?? null);
  if (!(await callExists(db, callId))) throw notFound(`call ${callId}`);
  if (centre !== null) {
    const known = await db.selectFrom("centres").select("code").where("code", "=", centre).executeTakeFirst();
    if (known === undefined) throw notFound(`centre ${centre}`);
  }

  let applications = db
    .selectFrom("applications as a")
    .innerJoin("students as s", (join) =>
      join.onRef("s.call_id", "=", "a.call_id").onRef("s.id", "=", "a.student_id"),
    )
    .select([
      sql<number>`count(*)`.as("total"),
      sql<number>`count(a.validated_at)`.as("validated"),
      sql<number>`count(*) filter (where exists (
        select 1 from documents d
        where d.call_id = a.call_id and d.student_id = a.student_id and d.status = 'pending'))`.as(
        "with_pending",
      ),
    ])
    .where("a.call_id", "=", callId);
  if (centre !== null) applications = applications.where("s.centre_code", "=", centre);
  const counts = await applications.executeTakeFirstOrThrow();

  let documents = db
    .selectFrom("documents")
    .select(["status", sql<number>`count(*)`.as("n")])
    .where("call_id", "=", callId)
    .groupBy("status");
  if (centre !== null) documents = documents.where("centre_code", "=", centre);
  const byStatus = new Map((await documents.execute()).map((r) => [r.status, Number(r.n)]));

  let agreements = db
    .selectFrom("agreements as g")
    .leftJoin("application_choices as c", (join) =>
      join.onRef("c.call_id", "=", "g.call_id").onRef("c.agreement_id", "=", "g.id"),
    )
    .leftJoin("applications as a", (join) =>
      join.onRef("a.call_id", "=", "c.call_id").onRef("a.id", "=", "c.application_id"),
    )
    .select([
      "g.id",
      "g.centre_code",
      "g.partner_name",
      "g.partner_country",
      "g.places",
      "g.position",
      sql<number>`count(a.id) filter (where c.position = 0)`.as("first"),
      sql<number>`count(a.id)`.as("any"),
      sql<number>`count(a.id) filter (where c.position = 0 and a.validated_at is not null)`.as(
        "validated_first",
      ),
      sql<number>`count(a.id) filter (where a.validated_at is not null)`.as("validated_any"),
    ])
    .where("g.call_id", "=", callId)
    .groupBy(["g.id", "g.centre_code", "g.partner_name", "g.partner_country", "g.places", "g.position"])
    .orderBy("g.position");
  if (centre !== null) agreements = agreements.where("g.centre_code", "=", centre);
  const destinations = await agreements.execute();

  const total = Number(counts.total);
  const validated = Number(counts.validated);
  return {
    callId,
    centre,
    applications: {
      total,
      draft: total - validated,
      validated,
      withPendingDocuments: Number(counts.with_pending),
    },
    documents: {
      pending: byStatus.get("pending") ?? 0,
      verified: byStatus.get("verified") ?? 0,
      rejected: byStatus.get("rejected") ?? 0,
    },
    destinations: destinations.map((d) => ({
      agreementId: d.id,
      centre: d.centre_code,
      partnerName: d.partner_name,
      country: d.partner_country,
      places: Number(d.places),
      demand: { first: Number(d.first), any: Number(d.any) },
      validatedDemand: { first: Number(d.validated_first), any: Number(d.validated_any) },
    })),
  };
}
