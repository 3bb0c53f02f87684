// Acceptance after the definitive list (SPEC 7): each awarded student accepts or renounces until
// the deadline; silence becomes renunciation (src/jobs/acceptance-job.ts); freed places go to
// substitutes in further rounds, each with its own window; a renunciation after the partner's
// nomination deadline records a penalty; an award is firm once the partner accepted the student and
// the enrolment is recorded. docs/decisions/0008-claims-acceptance-notifications.md

import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Clock } from "../clock.ts";
import { type AuditActor, recordAudit } from "../db/repositories/audit-log.ts";
import {
  currentOf,
  findPublication,
  listPublications,
  type StoredPublicationWithData,
} from "../db/repositories/award-runs.ts";
import { lockCall } from "../db/repositories/call-datasets.ts";
import { findCall, type StoredCall } from "../db/repositories/calls.ts";
import { findRenunciation, insertRenunciation } from "../db/repositories/claims.ts";
import { enqueueNotices, type Notice } from "../db/repositories/notices.ts";
import {
  findOffer,
  insertOffers,
  insertPenalty,
  listOffers,
  type OfferStatus,
  penaltiesOfStudent,
  type StoredOffer,
  type StoredPenalty,
  setConfirmation,
  setOfferStatus,
} from "../db/repositories/offers.ts";
import type { DB } from "../db/schema.ts";
import { roundDeadline } from "../domain/call-settings.ts";
import { refusal } from "../errors.ts";
import { authorize } from "../policies/authorize.ts";
import { type Actor, can, scopeOf } from "../policies/policies.ts";
import { inTransaction, notFound } from "./office-errors.ts";
import { studentInScope } from "./workflow-errors.ts";

/**
 * A reminder goes out this long before an offer's deadline (once: its dedupe key), to offers made
 * before that point (an offer made later is its own reminder).
 */
export const REMINDER_BEFORE_MS = 48 * 60 * 60 * 1000;

const SYSTEM: AuditActor = { kind: "system" };
const userOf = (actor: Actor): string => (actor.kind === "user" ? actor.userId : "public");

/** The calendar day in Madrid of an instant, YYYY-MM-DD (a partner's deadline is a day). */
export function madridDay(instant: Date): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: "Europe/Madrid",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(instant);
}

async function emailsOf(tx: Kysely<DB>, callId: string, studentIds: readonly string[]) {
  if (studentIds.length === 0) return new Map<string, string | null>();
  const rows = await tx
    .selectFrom("students")
    .select(["id", "email"])
    .where("call_id", "=", callId)
    .where("id", "in", [...studentIds])
    .execute();
  return new Map(rows.map((r) => [r.id, r.email]));
}

const offerNotice = (
  kind: Notice["kind"],
  o: StoredOffer,
  email: string | null,
  upgradedFrom: string | null = null,
): Notice => ({
  kind,
  callId: o.callId,
  studentId: o.studentId,
  email,
  payload: {
    offerId: o.id,
    agreementId: o.agreementId,
    round: o.round,
    respondBy: o.respondBy,
    centre: o.centre,
    status: o.status,
    // the place they held before a better one was theirs (an upgrade), if any
    upgradedFrom,
  },
  dedupeKey: `${kind}:${o.id}`,
});

/** Records the penalty of a renunciation after the destination's nomination deadline, if it is. */
async function penaltyIfLate(
  tx: Kysely<DB>,
  offer: StoredOffer,
  renouncedAt: Date,
  now: Date,
  actor: AuditActor,
) {
  const agreement = await tx
    .selectFrom("agreements")
    .select("partner_nomination_deadline")
    .where("call_id", "=", offer.callId)
    .where("id", "=", offer.agreementId)
    .executeTakeFirst();
  const deadline = agreement?.partner_nomination_deadline ?? null;
  if (deadline === null || madridDay(renouncedAt) <= deadline) return;
  const penalty: StoredPenalty = {
    id: randomUUID(),
    studentId: offer.studentId,
    callId: offer.callId,
    agreementId: offer.agreementId,
    offerId: offer.id,
    nominationDeadline: deadline,
    renouncedAt: renouncedAt.toISOString(),
    recordedAt: now.toISOString(),
  };
  await insertPenalty(tx, penalty);
  await recordAudit(tx, now, {
    actor,
    action: "penalty.recorded",
    entityType: "penalty",
    entityId: penalty.id,
    callId: offer.callId,
    centre: offer.centre,
    before: null,
    after: penalty,
  });
}

/** An offer that holds a place: offered and not yet answered, or accepted. */
const holds = (o: StoredOffer) => o.status === "offered" || o.status === "accepted";

/**
 * The offers of a further round (SPEC 7, 12.6), by the engine's deferred acceptance: each freed place
 * of a destination goes to its next substitute in the order the definitive list published. A
 * substitute who renounced (in the claims window or an offer) or let an offer lapse is out. One who
 * holds a place they ranked lower is moved up (upgraded): the better place is theirs, with the
 * answer they gave the lower one (accepted stays accepted; still open gets this round's window), and
 * the lower place is freed for its own next substitute in the same round. A firm award (the partner
 * accepted the student) is not moved. Repeated until no place can be filled.
 */
async function furtherRound(
  tx: Kysely<DB>,
  ctx: {
    call: StoredCall;
    list: StoredPublicationWithData;
    offers: StoredOffer[];
    round: number;
    now: Date;
    centre: string;
    studentOf: Map<string, string>;
  },
): Promise<{
  offers: StoredOffer[];
  made: StoredOffer[];
  upgrades: { from: StoredOffer; to: StoredOffer }[];
}> {
  const { call, list, round, now, centre, studentOf } = ctx;
  const offers = [...ctx.offers];
  const made: StoredOffer[] = [];
  const upgrades: { from: StoredOffer; to: StoredOffer }[] = [];
  const renounced = new Set(
    (
      await tx.selectFrom("renunciations").select("student_id").where("call_id", "=", call.call.id).execute()
    ).map((r) => r.student_id),
  );
  const choicesOf = new Map(
    list.outcome.results.map((r) => [r.studentId, r.choices.map((c) => c.agreementId)]),
  );
  const out = (studentId: string) =>
    renounced.has(studentId) ||
    offers.some((o) => o.studentId === studentId && (o.status === "renounced" || o.status === "lapsed"));
  const fresh = (studentId: string, agreementId: string, answered: StoredOffer | undefined): StoredOffer => ({
    id: randomUUID(),
    callId: call.call.id,
    centre,
    studentId,
    agreementId,
    round,
    listId: list.id,
    offeredAt: now.toISOString(),
    respondBy: roundDeadline(now, call.acceptanceRoundDays).toISOString(),
    status: answered?.status === "accepted" ? "accepted" : "offered",
    respondedAt: answered?.status === "accepted" ? now.toISOString() : null,
    respondedBy: answered?.status === "accepted" ? "system" : null,
    partnerAcceptedAt: null,
    enrolmentRecordedAt: null,
  });

  for (let changed = true; changed; ) {
    changed = false;
    for (const a of list.outcome.agreements) {
      let freed =
        Math.min(a.places, a.awarded.length) -
        offers.filter((o) => o.agreementId === a.agreementId && holds(o)).length;
      for (const applicationId of a.substitutes) {
        if (freed <= 0) break;
        const studentId = studentOf.get(applicationId);
        if (studentId === undefined || out(studentId)) continue;
        const held = offers.find((o) => o.studentId === studentId && holds(o));
        // Never offered: a place for the first time (unless an earlier offer was moved away).
        if (held === undefined) {
          if (offers.some((o) => o.studentId === studentId)) continue;
        } else {
          const choices = choicesOf.get(studentId) ?? [];
          const better = choices.indexOf(a.agreementId);
          if (held.partnerAcceptedAt !== null || better < 0 || better >= choices.indexOf(held.agreementId))
            continue;
          if (held.round === round) continue; // made in this round: settled until the next
        }
        const offer = fresh(studentId, a.agreementId, held);
        if (held !== undefined) {
          if (
            !(await setOfferStatus(tx, held, { to: "upgraded", from: [held.status], at: now, by: "system" }))
          )
            continue;
          upgrades.push({ from: { ...held }, to: offer });
          held.status = "upgraded";
          held.respondedAt = now.toISOString();
        }
        await insertOffers(tx, [offer]);
        offers.push(offer);
        made.push(offer);
        freed -= 1;
        changed = true;
      }
    }
  }
  return { offers, made, upgrades };
}

export interface SyncReport {
  offered: number;
  lapsed: number;
  reminded: number;
}

/**
 * Brings a call's acceptance up to `now` (the caller holds the call's lock): round 1 from each
 * centre's current definitive list; offers past their deadline lapse (silence = renunciation);
 * when a round has no open offer left, the freed places go to the next substitutes of each
 * destination in a new round; reminders a day before a deadline. Idempotent: run twice, the second
 * run changes nothing.
 */
export async function syncAcceptance(tx: Kysely<DB>, now: Date, callId: string): Promise<SyncReport> {
  const report: SyncReport = { offered: 0, lapsed: 0, reminded: 0 };
  const call = await findCall(tx, callId);
  if (call === undefined) return report;
  const definitive = await listPublications(tx, callId, { kind: "definitive" });
  const centres = [...new Set(definitive.map((p) => p.centre))];
  for (const centre of centres) {
    const current = currentOf(definitive.filter((p) => p.centre === centre));
    if (current === undefined) continue;
    const list = await findPublication(tx, callId, current.id);
    if (list === undefined) continue;
    let offers = await listOffers(tx, callId, { centre });
    const studentOf = new Map(list.outcome.results.map((r) => [r.applicationId, r.studentId]));
    const notices: Notice[] = [];

    // Round 1: every awarded student of the definitive list.
    if (offers.length === 0) {
      const publishedAt = new Date(current.publishedAt);
      const respondBy =
        call.calendar.acceptanceDeadline ??
        roundDeadline(publishedAt, call.acceptanceRoundDays).toISOString();
      const fresh: StoredOffer[] = [];
      for (const r of list.outcome.results) {
        if (r.status !== "awarded" || r.award === null) continue;
        // A student who renounced in the claims window is offered nothing: the place is freed.
        const renounced = (await findRenunciation(tx, callId, r.studentId)) !== undefined;
        fresh.push({
          id: randomUUID(),
          callId,
          centre,
          studentId: r.studentId,
          agreementId: r.award.agreementId,
          round: 1,
          listId: current.id,
          offeredAt: now.toISOString(),
          respondBy,
          status: renounced ? "renounced" : "offered",
          respondedAt: renounced ? now.toISOString() : null,
          respondedBy: renounced ? "system" : null,
          partnerAcceptedAt: null,
          enrolmentRecordedAt: null,
        });
      }
      await insertOffers(tx, fresh);
      for (const o of fresh) {
        await recordAudit(tx, now, {
          actor: SYSTEM,
          action: "offer.made",
          entityType: "offer",
          entityId: o.id,
          callId,
          centre,
          before: null,
          after: o,
        });
      }
      const emails = await emailsOf(
        tx,
        callId,
        fresh.map((o) => o.studentId),
      );
      for (const o of fresh)
        if (o.status === "offered")
          notices.push(offerNotice("offer.made", o, emails.get(o.studentId) ?? null));
      report.offered += fresh.length;
      offers = fresh;
    }

    // Silence past the deadline is renunciation; the student is told it lapsed.
    const lapsed: StoredOffer[] = [];
    for (const o of offers) {
      if (o.status !== "offered" || Date.parse(o.respondBy) >= now.getTime()) continue;
      if (!(await setOfferStatus(tx, o, { to: "lapsed", from: ["offered"], at: now, by: "system" })))
        continue;
      await recordAudit(tx, now, {
        actor: SYSTEM,
        action: "offer.lapsed",
        entityType: "offer",
        entityId: o.id,
        callId,
        centre,
        before: { status: o.status },
        after: { status: "lapsed", respondBy: o.respondBy },
      });
      await penaltyIfLate(tx, o, new Date(o.respondBy), now, SYSTEM);
      o.status = "lapsed";
      o.respondedAt = now.toISOString();
      lapsed.push(o);
      report.lapsed += 1;
    }
    if (lapsed.length > 0) {
      const emails = await emailsOf(
        tx,
        callId,
        lapsed.map((o) => o.studentId),
      );
      for (const o of lapsed) notices.push(offerNotice("offer.lapsed", o, emails.get(o.studentId) ?? null));
    }

    // A further round once no offer is open: each freed place to the destination's next substitute.
    if (!offers.some((o) => o.status === "offered")) {
      const round = Math.max(...offers.map((o) => o.round), 0) + 1;
      const further = await furtherRound(tx, { call, list, offers, round, now, centre, studentOf });
      const emails = await emailsOf(
        tx,
        callId,
        further.made.map((o) => o.studentId),
      );
      for (const { from, to } of further.upgrades) {
        await recordAudit(tx, now, {
          actor: SYSTEM,
          action: "offer.upgraded",
          entityType: "offer",
          entityId: from.id,
          callId,
          centre,
          before: { status: from.status, agreementId: from.agreementId },
          after: { status: "upgraded", upgradedTo: to.id, agreementId: to.agreementId },
        });
      }
      for (const o of further.made) {
        await recordAudit(tx, now, {
          actor: SYSTEM,
          action: "offer.made",
          entityType: "offer",
          entityId: o.id,
          callId,
          centre,
          before: null,
          after: o,
        });
        const from = further.upgrades.find((u) => u.to.id === o.id)?.from.agreementId ?? null;
        notices.push(offerNotice("offer.made", o, emails.get(o.studentId) ?? null, from));
      }
      report.offered += further.made.length;
      offers = further.offers;
    }

    // Reminders 48 hours before an open offer's deadline (once each: the dedupe key).
    const due = offers.filter((o) => {
      const remindAt = Date.parse(o.respondBy) - REMINDER_BEFORE_MS;
      return o.status === "offered" && remindAt <= now.getTime() && Date.parse(o.offeredAt) < remindAt;
    });
    if (due.length > 0) {
      const emails = await emailsOf(
        tx,
        callId,
        due.map((o) => o.studentId),
      );
      for (const o of due) notices.push(offerNotice("offer.reminder", o, emails.get(o.studentId) ?? null));
      report.reminded += due.length;
    }
    await enqueueNotices(tx, now, notices);
  }
  return report;
}

/** Syncs one call in its own transaction, under the call's lock. */
export async function syncCall(db: Kysely<DB>, clock: Clock, callId: string): Promise<SyncReport> {
  return inTransaction(db, async (tx) => {
    await lockCall(tx, callId);
    return syncAcceptance(tx, clock.now(), callId);
  });
}

export type OfferView = StoredOffer & { firm: boolean };
const view = (o: StoredOffer): OfferView => ({
  ...o,
  firm: o.status === "accepted" && o.partnerAcceptedAt !== null && o.enrolmentRecordedAt !== null,
});

/** Offers within the actor's scope (a student: their own; a coordinator: their centre's). */
export async function listOffersInScope(options: {
  db: Kysely<DB>;
  clock: Clock;
  actor: Actor;
  callId: string;
  status?: OfferStatus | undefined;
}): Promise<OfferView[]> {
  const { db, clock, actor, callId } = options;
  authorize(actor, "application:read");
  const scope = scopeOf(actor, "application:read");
  if (scope.kind === "none") return [];
  await syncCall(db, clock, callId);
  const offers = await listOffers(db, callId, {
    ...(options.status !== undefined ? { status: options.status } : {}),
    ...(scope.kind === "centre" ? { centre: scope.centre } : {}),
    ...(scope.kind === "student" ? { studentId: scope.studentId } : {}),
  });
  return offers.map(view);
}

/**
 * The student accepts or renounces their open offer, until its deadline (both inclusive). An
 * accepted place may still be renounced later (then it is freed for a further round). The same
 * answer twice returns the same offer.
 */
export async function respondToOffer(options: {
  db: Kysely<DB>;
  clock: Clock;
  actor: Actor;
  callId: string;
  studentId: string;
  decision: "accept" | "renounce";
}): Promise<{ offer: OfferView; changed: boolean }> {
  const { db, clock, actor, callId, studentId, decision } = options;
  const student = await studentInScope(db, actor, "award:respond", callId, studentId);
  return inTransaction(db, async (tx) => {
    await lockCall(tx, callId);
    const now = clock.now();
    await syncAcceptance(tx, now, callId);
    const mine = await listOffers(tx, callId, { studentId });
    if (mine.length === 0) {
      const definitive = await listPublications(tx, callId, {
        centre: student.record.centre,
        kind: "definitive",
      });
      if (definitive.length === 0)
        throw refusal("DEFINITIVE_LIST_MISSING", "acceptance opens with the definitive list");
      if ((await findRenunciation(tx, callId, studentId)) !== undefined)
        throw refusal("RENOUNCED", `student ${studentId} renounced in the claims window`);
      throw refusal("NO_OFFER", `no place is offered to student ${studentId}`);
    }
    const latest = mine[mine.length - 1]!;
    const target = decision === "accept" ? "accepted" : "renounced";
    if (latest.status === target) return { offer: view(latest), changed: false };
    if (latest.status === "lapsed")
      throw refusal("ACCEPTANCE_CLOSED", `the offer lapsed at ${latest.respondBy}`);
    if (latest.status !== "offered" && !(latest.status === "accepted" && decision === "renounce"))
      throw refusal("OFFER_ANSWERED", `the offer was ${latest.status} at ${latest.respondedAt}`);
    if (latest.status === "offered" && now.getTime() > Date.parse(latest.respondBy))
      throw refusal("ACCEPTANCE_CLOSED", `answers were due by ${latest.respondBy}`);
    const offer = (await findOffer(tx, callId, latest.id, { forUpdate: true }))!;
    const by = userOf(actor);
    if (!(await setOfferStatus(tx, offer, { to: target, from: [offer.status], at: now, by })))
      throw refusal("OFFER_ANSWERED", "the offer changed meanwhile");
    const after: StoredOffer = { ...offer, status: target, respondedAt: now.toISOString(), respondedBy: by };
    await recordAudit(tx, now, {
      actor,
      action: decision === "accept" ? "offer.accepted" : "offer.renounced",
      entityType: "offer",
      entityId: offer.id,
      callId,
      centre: offer.centre,
      before: { status: offer.status },
      after: { status: target },
    });
    if (decision === "renounce") {
      await penaltyIfLate(tx, offer, now, now, actor);
      if ((await findRenunciation(tx, callId, studentId)) === undefined)
        await insertRenunciation(tx, {
          callId,
          studentId,
          centre: offer.centre,
          stage: "acceptance",
          choices: [offer.agreementId],
          renouncedBy: by,
          renouncedAt: now.toISOString(),
        });
      // The freed place may start a further round at once.
      await syncAcceptance(tx, now, callId);
    }
    return { offer: view(after), changed: true };
  });
}

/** Staff record the partner's acceptance of the student, or the student's enrolment (both: firm). */
export async function confirmOffer(options: {
  db: Kysely<DB>;
  clock: Clock;
  actor: Actor;
  callId: string;
  offerId: string;
  what: "partner" | "enrolment";
}): Promise<OfferView> {
  const { db, clock, actor, callId, offerId, what } = options;
  authorize(actor, "award:confirm");
  return inTransaction(db, async (tx) => {
    const offer = await findOffer(tx, callId, offerId, { forUpdate: true });
    if (
      offer === undefined ||
      !can(actor, "award:confirm", { centre: offer.centre, studentId: offer.studentId })
    )
      throw notFound(`offer ${offerId}`);
    if (offer.status !== "accepted")
      throw refusal("NOT_ACCEPTED", `the offer is ${offer.status}, not accepted`);
    const already = what === "partner" ? offer.partnerAcceptedAt : offer.enrolmentRecordedAt;
    if (already !== null) return view(offer);
    const now = clock.now();
    await setConfirmation(tx, offer, what, now, userOf(actor));
    const after: StoredOffer = {
      ...offer,
      ...(what === "partner"
        ? { partnerAcceptedAt: now.toISOString() }
        : { enrolmentRecordedAt: now.toISOString() }),
    };
    await recordAudit(tx, now, {
      actor,
      action: what === "partner" ? "offer.partner-accepted" : "offer.enrolment-recorded",
      entityType: "offer",
      entityId: offer.id,
      callId,
      centre: offer.centre,
      before: { partnerAcceptedAt: offer.partnerAcceptedAt, enrolmentRecordedAt: offer.enrolmentRecordedAt },
      after: {
        partnerAcceptedAt: after.partnerAcceptedAt,
        enrolmentRecordedAt: after.enrolmentRecordedAt,
        firm: view(after).firm,
      },
    });
    return view(after);
  });
}

/** The penalties a student carries from earlier calls (and this one), for staff and the student. */
export async function getPenalties(options: {
  db: Kysely<DB>;
  actor: Actor;
  callId: string;
  studentId: string;
}): Promise<StoredPenalty[]> {
  const { db, actor, callId, studentId } = options;
  await studentInScope(db, actor, "application:read", callId, studentId);
  return penaltiesOfStudent(db, studentId);
}
