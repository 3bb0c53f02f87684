// What the published lists show (SPEC 7, 12.8) and what changed between two runs of the engine:
// pure functions of an outcome. No I/O, no clock.
import type { Agreement, Dataset } from "./dataset.ts";
import type {
  ApplicationResult,
  ApplicationStatus,
  ChoiceReasonCode,
  ExclusionCode,
  Outcome,
  Score,
} from "./outcome.ts";

/** JSON with object keys sorted at every level: the same data always gives the same text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object") {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) sorted[key] = sortKeys(v);
    }
    return sorted;
  }
  return value;
}

/**
 * SPEC 12.8: no full name with the national id. The masked id is the Spanish data protection
 * authority's (AEPD) rule for publishing a national id, applied to every id format we receive
 * (docs/decisions/0013-workflow-completion.md):
 * - DNI `12345678Z`: positions 4–7 shown, `***4567**`;
 * - NIE `X1234567L`: positions 5–8 shown, `****4567*`;
 * - any other id (a passport, the university's student number such as the demo's `S0042`): about
 *   half of it — at most 4 characters — ending before its last character, `**04*`.
 * The mask keeps the id's length. The last character (the DNI's check letter) is never shown.
 */
interface MaskWindow {
  start: number;
  end: number;
}

function maskWindow(id: string): MaskWindow {
  if (/^\d{8}[A-Za-z]$/.test(id)) return { start: 3, end: 7 };
  if (/^[XYZxyz]\d{7}[A-Za-z]$/.test(id)) return { start: 4, end: 8 };
  if (id.length <= 2) return { start: 0, end: Math.min(1, id.length) };
  const shown = Math.min(4, Math.floor(id.length / 2));
  return { start: id.length - 1 - shown, end: id.length - 1 };
}

const render = (id: string, { start, end }: MaskWindow): string =>
  "*".repeat(start) + id.slice(start, end) + "*".repeat(id.length - end);

export function maskId(id: string): string {
  return render(id, maskWindow(id));
}

/**
 * The masked ids of the students on one list, so that no two rows look alike: students whose masked
 * id *and* initials would be the same show one more character of the id (to the left, then to the
 * right, never the last one) until they differ; if they still look alike with all of that shown,
 * `#1`, `#2`… follow in the list's order (by rank: nothing more about the id). A student finds
 * themself by the digits they know (`?q=`) and sees their own masked id in their own view.
 */
export function maskIds(rows: readonly { studentId: string; initials: string }[]): Map<string, string> {
  const windows = new Map(rows.map((r) => [r.studentId, maskWindow(r.studentId)]));
  const look = (r: { studentId: string; initials: string }) =>
    `${render(r.studentId, windows.get(r.studentId)!)} ${r.initials}`;
  for (;;) {
    const groups = new Map<string, string[]>();
    for (const r of rows) groups.set(look(r), [...(groups.get(look(r)) ?? []), r.studentId]);
    let widened = false;
    for (const group of groups.values()) {
      if (group.length < 2) continue;
      for (const id of group) {
        const w = windows.get(id)!;
        if (w.start > 0) windows.set(id, { ...w, start: w.start - 1 });
        else if (w.end < id.length - 1) windows.set(id, { ...w, end: w.end + 1 });
        else continue;
        widened = true;
      }
    }
    if (!widened) {
      const masks = new Map<string, string>();
      for (const group of groups.values())
        group.forEach((id, i) => {
          const masked = render(id, windows.get(id)!);
          masks.set(id, group.length < 2 ? masked : `${masked}#${i + 1}`);
        });
      return masks;
    }
  }
}

/** "Ana María López Ruiz" → "A. M. L. R."; no name → "". */
export function initialsOf(name: string | undefined): string {
  if (name === undefined) return "";
  return name
    .split(/\s+/)
    .filter((part) => part !== "")
    .map((part) => `${[...part][0]!.toUpperCase()}.`)
    .join(" ");
}

export interface PublicEntry {
  maskedId: string;
  initials: string;
  status: ApplicationStatus;
  rank: number | null;
  score: Score | null;
  exclusions: ExclusionCode[];
  /** The awarded destination, or null. */
  destination: { agreementId: string; partnerName: string; country: string } | null;
  /** Where this student stands as a substitute, per destination (1-based), in choice order. */
  substitutePositions: { agreementId: string; position: number }[];
}

/** The centre's part of an outcome: its students' results and its agreements. */
export function outcomeOfCentre(dataset: Dataset, outcome: Outcome, centre: string): Outcome {
  const centreOfStudent = new Map(dataset.students.map((s) => [s.id, s.centre]));
  const agreementIds = new Set(dataset.agreements.filter((a) => a.centre === centre).map((a) => a.id));
  return {
    ...outcome,
    results: outcome.results.filter((r) => centreOfStudent.get(r.studentId) === centre),
    agreements: outcome.agreements.filter((a) => agreementIds.has(a.agreementId)),
  };
}

function substitutePositions(outcome: Outcome, result: ApplicationResult) {
  const positions: { agreementId: string; position: number }[] = [];
  for (const choice of result.choices) {
    const agreement = outcome.agreements.find((a) => a.agreementId === choice.agreementId);
    const index = agreement?.substitutes.indexOf(result.applicationId) ?? -1;
    if (index >= 0) positions.push({ agreementId: choice.agreementId, position: index + 1 });
  }
  return positions;
}

/** The applications a list shows: drafts never validated are not applications. */
export const listedResults = (outcome: Outcome): ApplicationResult[] =>
  outcome.results.filter((r) => !(r.exclusions.length === 1 && r.exclusions[0] === "NOT_VALIDATED"));

/** The masked id of every student on a list, as its public rows show them (by rank, then id). */
export function maskedIdsOf(dataset: Dataset, outcome: Outcome): Map<string, string> {
  const names = new Map(dataset.students.map((s) => [s.id, s.name]));
  const byRank = [...listedResults(outcome)].sort(
    (a, b) =>
      (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER) ||
      (a.studentId < b.studentId ? -1 : a.studentId > b.studentId ? 1 : 0),
  );
  return maskIds(
    byRank.map((r) => ({ studentId: r.studentId, initials: initialsOf(names.get(r.studentId)) })),
  );
}

/**
 * The public, pseudonymised rows of a list: ranked applications first (by rank), then the
 * excluded ones by masked id. Drafts never validated are not applications and are left out.
 */
export function publicEntries(dataset: Dataset, outcome: Outcome): PublicEntry[] {
  const students = new Map(dataset.students.map((s) => [s.id, s]));
  const agreements = new Map<string, Agreement>(dataset.agreements.map((a) => [a.id, a]));
  const listed = listedResults(outcome);
  const masks = maskedIdsOf(dataset, outcome);
  const entries = listed.map((r): PublicEntry => {
    const awarded = r.award === null ? undefined : agreements.get(r.award.agreementId);
    return {
      maskedId: masks.get(r.studentId)!,
      initials: initialsOf(students.get(r.studentId)?.name),
      status: r.status,
      rank: r.rank,
      score: r.score,
      exclusions: r.exclusions,
      destination:
        r.award === null
          ? null
          : {
              agreementId: r.award.agreementId,
              partnerName: awarded?.partner.name ?? "",
              country: awarded?.partner.country ?? "",
            },
      substitutePositions: substitutePositions(outcome, r),
    };
  });
  return entries.sort(
    (a, b) =>
      (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER) ||
      (a.maskedId < b.maskedId ? -1 : a.maskedId > b.maskedId ? 1 : 0),
  );
}

/** A student's own full view of a list: every rule, every component, rank, award, positions. */
export interface StudentListView {
  result: ApplicationResult;
  substitutePositions: { agreementId: string; position: number }[];
  /** Per chosen destination: how many were awarded it and how many are substitutes. */
  destinations: { agreementId: string; places: number; awarded: number; substitutes: number }[];
}

export function studentView(outcome: Outcome, studentId: string): StudentListView | undefined {
  const result = outcome.results.find((r) => r.studentId === studentId);
  if (result === undefined) return undefined;
  return {
    result,
    substitutePositions: substitutePositions(outcome, result),
    destinations: result.choices.flatMap((choice) => {
      const agreement = outcome.agreements.find((a) => a.agreementId === choice.agreementId);
      return agreement === undefined
        ? []
        : [
            {
              agreementId: agreement.agreementId,
              places: agreement.places,
              awarded: agreement.awarded.length,
              substitutes: agreement.substitutes.length,
            },
          ];
    }),
  };
}

interface Change<T> {
  from: T;
  to: T;
}

/** What changed for one application between two runs, and the reason codes on either side. */
export interface RunChange {
  applicationId: string;
  studentId: string;
  status?: Change<ApplicationStatus | null>;
  rank?: Change<number | null>;
  award?: Change<string | null>;
  exclusions?: Change<ExclusionCode[] | null>;
  total?: Change<number | null>;
  /** Why: the exclusions and each choice's reasons, before and after. */
  why: { from: Reasons | null; to: Reasons | null };
}

interface Reasons {
  exclusions: ExclusionCode[];
  choices: { agreementId: string; eligible: boolean; reasons: ChoiceReasonCode[] }[];
}

const reasonsOf = (r: ApplicationResult | undefined): Reasons | null =>
  r === undefined
    ? null
    : {
        exclusions: r.exclusions,
        choices: r.choices.map((c) => ({
          agreementId: c.agreementId,
          eligible: c.eligible,
          reasons: c.reasons,
        })),
      };

const sameList = <T>(a: readonly T[] | null, b: readonly T[] | null) =>
  a === b || (a !== null && b !== null && a.length === b.length && a.every((x, i) => x === b[i]));

/**
 * The applications whose status, rank, award, exclusions or total differ between two outcomes
 * (one present in only one of them changes from or to null), in the order of the later outcome.
 */
export function diffOutcomes(from: Outcome, to: Outcome): RunChange[] {
  const before = new Map(from.results.map((r) => [r.applicationId, r]));
  const after = new Map(to.results.map((r) => [r.applicationId, r]));
  const ids = [...after.keys(), ...[...before.keys()].filter((id) => !after.has(id))];
  const changes: RunChange[] = [];
  for (const id of ids) {
    const a = before.get(id);
    const b = after.get(id);
    const change: RunChange = {
      applicationId: id,
      studentId: (b ?? a)!.studentId,
      why: { from: reasonsOf(a), to: reasonsOf(b) },
    };
    let changed = false;
    const status = { from: a?.status ?? null, to: b?.status ?? null };
    if (status.from !== status.to) {
      change.status = status;
      changed = true;
    }
    const rank = { from: a?.rank ?? null, to: b?.rank ?? null };
    if (rank.from !== rank.to) {
      change.rank = rank;
      changed = true;
    }
    const award = { from: a?.award?.agreementId ?? null, to: b?.award?.agreementId ?? null };
    if (award.from !== award.to) {
      change.award = award;
      changed = true;
    }
    const exclusions = { from: a?.exclusions ?? null, to: b?.exclusions ?? null };
    if (!sameList(exclusions.from, exclusions.to)) {
      change.exclusions = exclusions;
      changed = true;
    }
    const total = { from: a?.score?.total ?? null, to: b?.score?.total ?? null };
    if (total.from !== total.to) {
      change.total = total;
      changed = true;
    }
    if (changed) changes.push(change);
  }
  return changes;
}
