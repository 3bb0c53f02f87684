// What creating and editing a call share: turning the request into the stored content, checking it
// as a whole (src/domain/call-settings.ts), and the before → after of an edit for the audit log.

import { isDeepStrictEqual } from "node:util";
import type { CallContent, StoredCall, StoredCentreRules } from "../db/repositories/calls.ts";
import {
  CALENDAR_FIELDS,
  type CallCalendar,
  calendarProblems,
  centreRulesProblems,
  DEFAULT_ACCEPTANCE_ROUND_DAYS,
  type SettingsProblem,
  settingsProblems,
} from "../domain/call-settings.ts";
import type { Call } from "../domain/dataset.ts";
import { compareInstants, parseInstant } from "../domain/instant.ts";
import type { CreateCallInput, UpdateCallInput } from "../schemas/calls.ts";
import { invalidBody } from "./office-errors.ts";

export function contentOfNewCall(input: CreateCallInput): CallContent {
  const calendar: CallCalendar = {
    applicationOpensAt: null,
    documentsDeadline: null,
    levelTestAt: null,
    provisionalListAt: null,
    claimsOpenAt: null,
    claimsCloseAt: null,
    definitiveListAt: null,
    acceptanceDeadline: null,
    ...input.calendar,
  };
  const call: Call = {
    id: input.id,
    academicYear: input.academicYear,
    kind: input.kind,
    applicationDeadline: input.calendar.applicationDeadline,
    ...(input.maxChoices == null ? {} : { maxChoices: input.maxChoices }),
    scoring: input.scoring,
    eligibility: input.eligibility,
    duration: input.duration,
    funding: input.funding,
  };
  return {
    call,
    round: input.round ?? null,
    calendar,
    acceptanceRoundDays: input.acceptanceRoundDays ?? DEFAULT_ACCEPTANCE_ROUND_DAYS,
  };
}

const sameInstant = (a: string | null, b: string | null): boolean =>
  a === null || b === null ? a === b : compareInstants(parseInstant(a), parseInstant(b)) === 0;

/** The stored call with the edit applied: groups field by field, lists and maps whole. */
export function contentAfterEdit(stored: StoredCall, edit: UpdateCallInput): CallContent {
  const { call } = stored;
  const calendar: CallCalendar = { ...stored.calendar };
  for (const field of CALENDAR_FIELDS) {
    const value = edit.calendar?.[field];
    if (value === undefined || sameInstant(value, calendar[field])) continue;
    if (field === "applicationDeadline") {
      if (value !== null) calendar.applicationDeadline = value;
    } else calendar[field] = value;
  }
  const deadlineChanged = !sameInstant(calendar.applicationDeadline, stored.calendar.applicationDeadline);
  const maxChoices = edit.maxChoices === undefined ? call.maxChoices : (edit.maxChoices ?? undefined);
  const next: Call = {
    id: call.id,
    academicYear: edit.academicYear ?? call.academicYear,
    kind: edit.kind ?? call.kind,
    // The deadline keeps its spelling unless it moves (a dataset export gives it back as written).
    applicationDeadline: deadlineChanged ? calendar.applicationDeadline : call.applicationDeadline,
    ...(maxChoices === undefined ? {} : { maxChoices }),
    scoring: { ...call.scoring, ...edit.scoring },
    eligibility: { ...call.eligibility, ...edit.eligibility },
    duration: { ...call.duration, ...edit.duration },
    funding: { ...call.funding, ...edit.funding },
  };
  return {
    call: next,
    round: edit.round === undefined ? stored.round : edit.round,
    calendar,
    acceptanceRoundDays: edit.acceptanceRoundDays ?? stored.acceptanceRoundDays,
  };
}

/** Refuses a call whose settings or dates contradict each other, or make a centre's rules do so. */
export function checkCallContent(content: CallContent, centreRules: readonly StoredCentreRules[] = []): void {
  const problems: SettingsProblem[] = [
    ...settingsProblems(content.call),
    ...calendarProblems(content.calendar),
    ...centreRules.flatMap(({ centre, rules }) =>
      centreRulesProblems(content.call, rules).map((p) => ({
        path: ["centreRules", centre, ...p.path],
        message: p.message,
      })),
    ),
  ];
  if (problems.length > 0) throw invalidBody("the call's settings or dates contradict each other", problems);
}

/** The call as the audit log and responses show it: settings, round and calendar side by side. */
export function callSnapshot(content: CallContent) {
  const { call, round, calendar, acceptanceRoundDays } = content;
  return {
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
  };
}

type Snapshot = ReturnType<typeof callSnapshot>;

/** Only what changed, before and after; the calendar date by date. Empty when nothing did. */
export function callChanges(
  before: CallContent,
  after: CallContent,
): { before: Record<string, unknown>; after: Record<string, unknown> } | undefined {
  const a = callSnapshot(before);
  const b = callSnapshot(after);
  const was: Record<string, unknown> = {};
  const is: Record<string, unknown> = {};
  for (const key of Object.keys(a) as (keyof Snapshot)[]) {
    if (key === "calendar") continue;
    if (!isDeepStrictEqual(a[key], b[key])) {
      was[key] = a[key];
      is[key] = b[key];
    }
  }
  const calendarWas: Partial<CallCalendar> = {};
  const calendarIs: Partial<CallCalendar> = {};
  for (const field of CALENDAR_FIELDS) {
    if (sameInstant(a.calendar[field], b.calendar[field])) continue;
    Object.assign(calendarWas, { [field]: a.calendar[field] });
    Object.assign(calendarIs, { [field]: b.calendar[field] });
  }
  if (Object.keys(calendarIs).length > 0) {
    was.calendar = calendarWas;
    is.calendar = calendarIs;
  }
  return Object.keys(is).length === 0 ? undefined : { before: was, after: is };
}
