import type { Kysely } from "kysely";
import { findPublication, listPublications, type StoredPublication } from "../db/repositories/award-runs.ts";
import { findCallDataset } from "../db/repositories/call-datasets.ts";
import { findCentre } from "../db/repositories/centres.ts";
import type { DB } from "../db/schema.ts";
import type { Student } from "../domain/dataset.ts";
import { authorize } from "../policies/authorize.ts";
import type { Actor } from "../policies/policies.ts";
import { notFound } from "./office-errors.ts";

/**
 * Cells counting 1 to MIN_CELL − 1 people are not shown (docs/decisions/0012): a count that small
 * could single someone out once combined with what else is known about a centre.
 */
export const MIN_CELL = 5;

export interface Count {
  /** null when suppressed. */
  count: number | null;
  suppressed: boolean;
  /** "small": 1 … MIN_CELL − 1; "complement": ≥ MIN_CELL, hidden so the total cannot reveal a small one. */
  reason: "small" | "complement" | null;
}

export interface StatisticsRow {
  key: string;
  applications: Count;
  /** People awarded a place in the lists used (awardsFrom); 0 where none is published. */
  awarded: Count;
}

export const DIMENSIONS = ["centre", "country", "gender", "disability", "disadvantaged"] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export interface Statistics {
  callId: string;
  /** The one centre the figures are about, or null: every centre. */
  centre: string | null;
  minCell: number;
  /** Per centre, the list its awards are counted from: the current definitive, else the current provisional. */
  awardsFrom: { centre: string; listId: string; kind: "provisional" | "definitive"; publishedAt: string }[];
  total: StatisticsRow;
  dimensions: Record<Dimension, StatisticsRow[]>;
}

const GENDERS = ["female", "male", "other", "undisclosed", "unknown"];
const YES_NO = ["yes", "no", "unknown"];
const yesNo = (value: boolean | undefined) => (value === undefined ? "unknown" : value ? "yes" : "no");

interface Person {
  student: Student | undefined;
  centre: string;
  /** For applications: the country of the first choice; for awards: of the awarded destination. */
  country: string;
}

const keyOf: Record<Dimension, (p: Person) => string> = {
  centre: (p) => p.centre,
  country: (p) => p.country,
  gender: (p) => p.student?.gender ?? "unknown",
  disability: (p) => yesNo(p.student?.disability),
  disadvantaged: (p) => yesNo(p.student?.disadvantaged),
};

const tally = (people: readonly Person[], key: (p: Person) => string) => {
  const counts = new Map<string, number>();
  for (const p of people) counts.set(key(p), (counts.get(key(p)) ?? 0) + 1);
  return counts;
};

/**
 * Primary suppression (1 … MIN_CELL − 1), then secondary: when only one cell of a breakdown is
 * hidden, the smallest other non-zero one is hidden too, so the total cannot give it back.
 */
export function suppress(counts: readonly number[]): Count[] {
  const hidden: Count["reason"][] = counts.map((n) => (n > 0 && n < MIN_CELL ? "small" : null));
  if (hidden.filter((h) => h !== null).length === 1) {
    const candidates = counts
      .map((n, i) => ({ n, i }))
      .filter(({ n, i }) => n > 0 && hidden[i] === null)
      .sort((a, b) => a.n - b.n);
    if (candidates[0] !== undefined) hidden[candidates[0].i] = "complement";
  }
  return counts.map((n, i) => {
    const reason = hidden[i] ?? null;
    return reason === null
      ? { count: n, suppressed: false, reason }
      : { count: null, suppressed: true, reason };
  });
}

function breakdown(
  applications: readonly Person[],
  awards: readonly Person[],
  dimension: Dimension,
  fixed: readonly string[],
): StatisticsRow[] {
  const apps = tally(applications, keyOf[dimension]);
  const won = tally(awards, keyOf[dimension]);
  const seen = new Set([...apps.keys(), ...won.keys()]);
  const keys =
    fixed.length > 0
      ? fixed.filter((k) => seen.has(k) || k !== "unknown")
      : [...new Set([...fixed, ...seen])].sort((a, b) =>
          dimension === "country"
            ? (apps.get(b) ?? 0) - (apps.get(a) ?? 0) || (a < b ? -1 : 1)
            : a < b
              ? -1
              : 1,
        );
  const appCounts = suppress(keys.map((k) => apps.get(k) ?? 0));
  const awardCounts = suppress(keys.map((k) => won.get(k) ?? 0));
  return keys.map((key, i) => ({ key, applications: appCounts[i]!, awarded: awardCounts[i]! }));
}

/** The publication a centre's awards are counted from: the current definitive, else provisional. */
function currentList(publications: readonly StoredPublication[]): StoredPublication | undefined {
  const superseded = new Set(publications.map((p) => p.supersedesId));
  const current = publications.filter((p) => !superseded.has(p.id));
  return current.find((p) => p.kind === "definitive") ?? current.find((p) => p.kind === "provisional");
}

/**
 * Aggregates of a call's applications and awards (issue 5): by centre, destination country, gender,
 * disability and disadvantaged background, with small cells suppressed. The office sees every centre
 * (or one, with `centre`); a coordinator only their own.
 */
export async function getStatistics(options: {
  db: Kysely<DB>;
  actor: Actor;
  callId: string;
  centre?: string | undefined;
}): Promise<Statistics> {
  const { db, actor, callId } = options;
  authorize(actor, "statistics:read");
  const centre =
    options.centre ??
    (actor.kind === "user" && actor.role === "coordinator" ? (actor.centre ?? undefined) : undefined);
  authorize(actor, "statistics:read", { centre: centre ?? null });
  if (centre !== undefined && (await findCentre(db, centre)) === undefined)
    throw notFound(`centre ${centre}`);
  const dataset = await findCallDataset(db, callId);
  if (dataset === undefined) throw notFound(`call ${callId}`);

  const students = new Map(dataset.students.map((s) => [s.id, s]));
  const countryOf = new Map(dataset.agreements.map((a) => [a.id, a.partner.country]));
  const inScope = (c: string | undefined): c is string =>
    c !== undefined && (centre === undefined || c === centre);

  // Applications: the validated ones (a draft is not an application), of students on record.
  const applications: Person[] = dataset.applications.flatMap((a) => {
    const student = students.get(a.studentId);
    if (a.validatedAt === null || !inScope(student?.centre)) return [];
    const first = a.choices[0];
    return [{ student, centre: student.centre, country: (first && countryOf.get(first)) || "unknown" }];
  });

  const publications = await listPublications(db, callId, centre === undefined ? {} : { centre });
  const byCentre = new Map<string, StoredPublication[]>();
  for (const p of publications) byCentre.set(p.centre, [...(byCentre.get(p.centre) ?? []), p]);
  const awardsFrom: Statistics["awardsFrom"] = [];
  const awards: Person[] = [];
  for (const code of [...byCentre.keys()].sort()) {
    const chosen = currentList(byCentre.get(code) ?? []);
    if (chosen === undefined) continue;
    const list = await findPublication(db, callId, chosen.id);
    if (list === undefined) continue;
    awardsFrom.push({ centre: code, listId: list.id, kind: list.kind, publishedAt: list.publishedAt });
    for (const r of list.outcome.results) {
      if (r.status !== "awarded" || r.award === null) continue;
      awards.push({
        student: students.get(r.studentId),
        centre: code,
        country: countryOf.get(r.award.agreementId) ?? "unknown",
      });
    }
  }

  const centres = [...new Set(dataset.students.map((s) => s.centre))].filter(inScope).sort();
  const totalApps = suppress([applications.length])[0]!;
  const totalAwards = suppress([awards.length])[0]!;
  return {
    callId,
    centre: centre ?? null,
    minCell: MIN_CELL,
    awardsFrom,
    total: { key: "total", applications: totalApps, awarded: totalAwards },
    dimensions: {
      centre: breakdown(applications, awards, "centre", centres),
      country: breakdown(applications, awards, "country", []),
      gender: breakdown(applications, awards, "gender", GENDERS),
      disability: breakdown(applications, awards, "disability", YES_NO),
      disadvantaged: breakdown(applications, awards, "disadvantaged", YES_NO),
    },
  };
}
