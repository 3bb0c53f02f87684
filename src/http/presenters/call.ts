// What a client sees of a call (STYLE habit 10): settings, round and calendar; every date an
// ISO 8601 UTC instant (the client shows it in Europe/Madrid).
import type { StoredCall, StoredCentreRules } from "../../db/repositories/calls.ts";
import type { CallView, CentreRulesView } from "../../schemas/responses/call.ts";

export {
  type CallView,
  type CentreRulesView,
  callSchema,
  centreRulesViewSchema,
} from "../../schemas/responses/call.ts";

export function presentCall({
  call,
  round,
  calendar,
  acceptanceRoundDays,
  createdAt,
  updatedAt,
}: StoredCall): CallView {
  return {
    id: call.id,
    academicYear: call.academicYear,
    kind: call.kind,
    round,
    maxChoices: call.maxChoices ?? null,
    acceptanceRoundDays,
    scoring: call.scoring,
    eligibility: call.eligibility,
    duration: call.duration,
    funding: call.funding,
    calendar,
    createdAt: createdAt.toISOString(),
    updatedAt: updatedAt.toISOString(),
  };
}

export const presentCentreRules = ({ centre, rules, updatedAt }: StoredCentreRules): CentreRulesView => ({
  centre,
  rules,
  updatedAt: updatedAt.toISOString(),
});
