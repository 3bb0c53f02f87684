// Specific rules of a centre (Bases §2b, SPEC 5: "per-centre rules are configuration"): a centre may
// set its own scoring, eligibility, duration and number of choices within a call. Places are awarded
// per centre (an agreement belongs to one centre and takes only its students), so each centre with
// its own rules is scored and awarded with them, and the outcome is merged in input order.

import type { Call, Dataset } from "./dataset.ts";
import { scoreAndAward } from "./engine.ts";
import type { Outcome } from "./outcome.ts";

export interface CentreRules {
  maxChoices?: number;
  scoring?: Partial<Call["scoring"]>;
  eligibility?: Partial<Omit<Call["eligibility"], "programmeCountries">>;
  duration?: Partial<Call["duration"]>;
}

/** The call as a centre's students see it: the call's settings with the centre's own on top. */
export function callForCentre(call: Call, rules: CentreRules | undefined): Call {
  if (!rules) return call;
  return {
    ...call,
    ...(rules.maxChoices === undefined ? {} : { maxChoices: rules.maxChoices }),
    scoring: {
      ...call.scoring,
      ...rules.scoring,
      languagePoints: rules.scoring?.languagePoints ?? call.scoring.languagePoints,
    },
    eligibility: { ...call.eligibility, ...rules.eligibility },
    duration: { ...call.duration, ...rules.duration },
  };
}

/** `scoreAndAward` with each centre's own rules; without any, exactly `scoreAndAward`. */
export function scoreAndAwardWithCentreRules(
  dataset: Dataset,
  rulesByCentre: Readonly<Record<string, CentreRules>>,
): Outcome {
  const centres = Object.keys(rulesByCentre).filter((centre) => rulesByCentre[centre] !== undefined);
  if (centres.length === 0) return scoreAndAward(dataset);

  const centreOfStudent = new Map<string, string>();
  for (const student of dataset.students)
    if (!centreOfStudent.has(student.id)) centreOfStudent.set(student.id, student.centre);
  const groupOf = (centre: string | undefined) =>
    centre !== undefined && centres.includes(centre) ? centre : "";

  const outcomes = new Map<string, Outcome>();
  for (const group of ["", ...centres]) {
    const applications = dataset.applications.filter(
      (a) => groupOf(centreOfStudent.get(a.studentId)) === group,
    );
    const call = group === "" ? dataset.call : callForCentre(dataset.call, rulesByCentre[group]);
    outcomes.set(group, scoreAndAward({ ...dataset, call, applications }));
  }

  const cursor = new Map<string, number>();
  const results = dataset.applications.map((application) => {
    const group = groupOf(centreOfStudent.get(application.studentId));
    const position = cursor.get(group) ?? 0;
    cursor.set(group, position + 1);
    return outcomes.get(group)!.results[position]!;
  });
  return {
    formatVersion: 1,
    callId: dataset.call.id,
    results,
    agreements: dataset.agreements.map(
      (agreement, i) => outcomes.get(groupOf(agreement.centre))!.agreements[i]!,
    ),
  };
}
