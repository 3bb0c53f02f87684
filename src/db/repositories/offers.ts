// Places offered to students after the definitive list, round by round, their answers, the staff's
// confirmations, and the penalties of late renunciations (migration 005).
// Every function takes the executor: the use case owns the transaction (STYLE habit 6).
import type { Kysely, Selectable } from "kysely";
import type { DB, OffersTable } from "../schema.ts";

type Executor = Kysely<DB>;

/** upgraded: the student was moved to a place they ranked higher (migration 008). */
export type OfferStatus = "offered" | "accepted" | "renounced" | "lapsed" | "upgraded";

export interface StoredOffer {
  id: string;
  callId: string;
  centre: string;
  studentId: string;
  agreementId: string;
  round: number;
  listId: string;
  offeredAt: string;
  respondBy: string;
  status: OfferStatus;
  respondedAt: string | null;
  respondedBy: string | null;
  partnerAcceptedAt: string | null;
  enrolmentRecordedAt: string | null;
}

const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());

function present(row: Selectable<OffersTable>): StoredOffer {
  return {
    id: row.id,
    callId: row.call_id,
    centre: row.centre_code,
    studentId: row.student_id,
    agreementId: row.agreement_id,
    round: row.round,
    listId: row.list_id,
    offeredAt: row.offered_at.toISOString(),
    respondBy: row.respond_by.toISOString(),
    status: row.status as OfferStatus,
    respondedAt: iso(row.responded_at),
    respondedBy: row.responded_by,
    partnerAcceptedAt: iso(row.partner_accepted_at),
    enrolmentRecordedAt: iso(row.enrolment_recorded_at),
  };
}

export async function listOffers(
  db: Executor,
  callId: string,
  filter: { centre?: string; studentId?: string; status?: OfferStatus } = {},
): Promise<StoredOffer[]> {
  let query = db.selectFrom("offers").selectAll().where("call_id", "=", callId);
  if (filter.centre !== undefined) query = query.where("centre_code", "=", filter.centre);
  if (filter.studentId !== undefined) query = query.where("student_id", "=", filter.studentId);
  if (filter.status !== undefined) query = query.where("status", "=", filter.status);
  const rows = await query.orderBy("round").orderBy("offered_at").orderBy("id").execute();
  return rows.map(present);
}

export async function findOffer(
  db: Executor,
  callId: string,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<StoredOffer | undefined> {
  let query = db.selectFrom("offers").selectAll().where("call_id", "=", callId).where("id", "=", id);
  if (options.forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row === undefined ? undefined : present(row);
}

export async function insertOffers(tx: Executor, offers: readonly StoredOffer[]): Promise<void> {
  if (offers.length === 0) return;
  await tx
    .insertInto("offers")
    .values(
      offers.map((o) => ({
        id: o.id,
        call_id: o.callId,
        centre_code: o.centre,
        student_id: o.studentId,
        agreement_id: o.agreementId,
        round: o.round,
        list_id: o.listId,
        offered_at: o.offeredAt,
        respond_by: o.respondBy,
        status: o.status,
        responded_at: o.respondedAt,
        responded_by: o.respondedBy,
      })),
    )
    .execute();
}

/** Records an answer; only an offer in `from` changes. Returns whether it did. */
export async function setOfferStatus(
  tx: Executor,
  offer: StoredOffer,
  change: { to: OfferStatus; from: readonly OfferStatus[]; at: Date; by: string },
): Promise<boolean> {
  const result = await tx
    .updateTable("offers")
    .set({ status: change.to, responded_at: change.at, responded_by: change.by })
    .where("id", "=", offer.id)
    .where("status", "in", [...change.from])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function setConfirmation(
  tx: Executor,
  offer: StoredOffer,
  what: "partner" | "enrolment",
  at: Date,
  by: string,
): Promise<void> {
  await tx
    .updateTable("offers")
    .set(
      what === "partner"
        ? { partner_accepted_at: at, partner_accepted_by: by }
        : { enrolment_recorded_at: at, enrolment_recorded_by: by },
    )
    .where("id", "=", offer.id)
    .execute();
}

/** Calls with a published definitive list (where acceptance happens). */
export async function callsWithDefinitiveLists(db: Executor): Promise<string[]> {
  const rows = await db
    .selectFrom("list_publications")
    .select("call_id")
    .where("kind", "=", "definitive")
    .distinct()
    .orderBy("call_id")
    .execute();
  return rows.map((r) => r.call_id);
}

export interface StoredPenalty {
  id: string;
  studentId: string;
  callId: string;
  agreementId: string;
  offerId: string;
  nominationDeadline: string;
  renouncedAt: string;
  recordedAt: string;
}

export async function insertPenalty(tx: Executor, p: StoredPenalty): Promise<void> {
  await tx
    .insertInto("penalties")
    .values({
      id: p.id,
      student_id: p.studentId,
      call_id: p.callId,
      agreement_id: p.agreementId,
      offer_id: p.offerId,
      nomination_deadline: p.nominationDeadline,
      renounced_at: p.renouncedAt,
      recorded_at: p.recordedAt,
    })
    .onConflict((oc) => oc.column("offer_id").doNothing())
    .execute();
}

/** Penalties of a student in any call (the same person applying again). */
export async function penaltiesOfStudent(db: Executor, studentId: string): Promise<StoredPenalty[]> {
  const rows = await db
    .selectFrom("penalties")
    .selectAll()
    .where("student_id", "=", studentId)
    .orderBy("recorded_at")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    studentId: r.student_id,
    callId: r.call_id,
    agreementId: r.agreement_id,
    offerId: r.offer_id,
    nominationDeadline: r.nomination_deadline,
    renouncedAt: r.renounced_at.toISOString(),
    recordedAt: r.recorded_at.toISOString(),
  }));
}
