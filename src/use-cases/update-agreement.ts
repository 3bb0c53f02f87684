import { isDeepStrictEqual } from "node:util";
import type { Kysely } from "kysely";
import type { Clock } from "../clock.ts";
import { type StoredAgreement, updateAgreement as writeAgreement } from "../db/repositories/agreements.ts";
import { findCentre } from "../db/repositories/centres.ts";
import type { DB } from "../db/schema.ts";
import type { Agreement } from "../domain/dataset.ts";
import { authorize } from "../policies/authorize.ts";
import type { Actor } from "../policies/policies.ts";
import type { UpdateAgreementInput } from "../schemas/agreements.ts";
import { agreementInScope } from "./agreement-scope.ts";
import { inTransaction, invalidBody } from "./office-errors.ts";

/**
 * Edits an agreement: places, months, cycles, partner, language requirements, nomination deadline.
 * Another centre's reads as absent (404); moving one's agreement to another centre is refused (403).
 */
export async function updateAgreement(options: {
  db: Kysely<DB>;
  clock: Clock;
  actor: Actor;
  callId: string;
  agreementId: string;
  edit: UpdateAgreementInput;
}): Promise<StoredAgreement> {
  const { db, clock, actor, callId, agreementId, edit } = options;
  authorize(actor, "agreement:manage");
  return inTransaction(db, async (tx) => {
    // The call's lock in shared mode, then the agreement's row, in one round trip: edits of
    // different agreements run side by side, two edits of one wait for each other, and none
    // overlaps an import, the award or anything else taking the call's lock exclusively.
    const before = await agreementInScope(tx, actor, "agreement:manage", callId, agreementId, {
      forEdit: true,
    });
    const after = editedAgreement(before, edit);
    if (isDeepStrictEqual(before, after)) return before;
    const a = before.agreement;
    const next = after.agreement;
    if (next.centre !== a.centre) {
      authorize(actor, "agreement:manage", { centre: next.centre });
      if ((await findCentre(tx, next.centre)) === undefined)
        throw invalidBody("unknown centre", [
          { path: ["centre"], message: `there is no centre ${next.centre}` },
        ]);
    }
    const now = clock.now();
    await writeAgreement(tx, callId, after, before, {
      at: now,
      entry: {
        actor,
        action: "agreement.updated",
        entityType: "agreement",
        entityId: agreementId,
        callId,
        centre: next.centre,
        before,
        after,
      },
    });
    return after;
  });
}

/** The agreement as `edit` leaves it: each field given replaces the stored one, null clears one. */
export function editedAgreement(before: StoredAgreement, edit: UpdateAgreementInput): StoredAgreement {
  const a = before.agreement;
  const partner = edit.partner ?? a.partner;
  const subjectArea = edit.subjectArea === undefined ? a.subjectArea : (edit.subjectArea ?? undefined);
  const language =
    edit.languageRequirement === undefined ? a.languageRequirement : (edit.languageRequirement ?? undefined);
  // Built as a stored agreement reads back (toStored): a field without a value is absent, never
  // undefined, so an edit that changes nothing equals what was stored; and nothing is shared with
  // `before` or `edit`.
  const agreement: Agreement = {
    id: a.id,
    centre: edit.centre ?? a.centre,
    partner: {
      ...(partner.erasmusCode === undefined ? {} : { erasmusCode: partner.erasmusCode }),
      name: partner.name,
      country: partner.country,
    },
    places: edit.places ?? a.places,
    months: edit.months ?? a.months,
    cycles: [...(edit.cycles ?? a.cycles)],
    ...(subjectArea === undefined ? {} : { subjectArea }),
    ...(language === undefined
      ? {}
      : {
          languageRequirement: {
            requiredAtApplication: language.requiredAtApplication,
            options: language.options.map((o) => ({ language: o.language, minLevel: o.minLevel })),
          },
        }),
  };
  return {
    agreement,
    nominationDeadline:
      edit.nominationDeadline === undefined ? before.nominationDeadline : edit.nominationDeadline,
  };
}
