// A call's calendar and main settings, edited by the office (PATCH /api/calls/:id). Dates are typed
// in Madrid time and sent with Madrid's offset for that day; the server checks their order.
import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, type ApiIssue, api } from "../../lib/api.ts";
import { ErrorMessage } from "../../lib/errors.tsx";
import { fromMadridInput, toMadridInput } from "../../lib/format.ts";
import { Loading, Page } from "../../lib/page.tsx";
import { CALENDAR_FIELDS, type CalendarField, type Call } from "../../lib/types.ts";
import { useLoad } from "../../lib/use-load.ts";

const SETTINGS = [
  ["maxChoices", (c: Call) => c.maxChoices],
  ["acceptanceRoundDays", (c: Call) => c.acceptanceRoundDays],
  ["minMonths", (c: Call) => c.duration.minMonths],
  ["maxMonths", (c: Call) => c.duration.maxMonths],
  ["minYearOfStudy", (c: Call) => c.eligibility.minYearOfStudy],
  ["minFirstYearCreditsPct", (c: Call) => c.eligibility.minFirstYearCreditsPct],
  ["maxMonthsPerCycle", (c: Call) => c.eligibility.maxMonthsPerCycle],
  ["activityBonus", (c: Call) => c.scoring.activityBonus],
  ["maxFundedMonths", (c: Call) => c.funding.maxFundedMonths],
] as const;
type Setting = (typeof SETTINGS)[number][0];

type Form = Record<CalendarField | Setting, string>;

function formOf(call: Call): Form {
  const form = {} as Form;
  for (const field of CALENDAR_FIELDS) form[field] = toMadridInput(call.calendar[field]);
  for (const [name, read] of SETTINGS) form[name] = String(read(call) ?? "");
  return form;
}

/** Each funding group's monthly amount, as typed, by group number. */
type Rates = Record<number, string>;

const ratesOf = (call: Call): Rates =>
  Object.fromEntries(call.funding.groups.map((g) => [g.group, String(g.monthlyEur)]));

function editOf(form: Form, call: Call, rates: Rates): Record<string, unknown> {
  // Only the dates that were changed: what was not touched keeps its stored spelling.
  const stored = formOf(call);
  const calendar: Record<string, string | null> = {};
  for (const field of CALENDAR_FIELDS) {
    if (form[field] === stored[field]) continue;
    calendar[field] = form[field] === "" ? null : fromMadridInput(form[field]);
  }
  const n = (name: Setting) => Number(form[name].replace(",", "."));
  return {
    calendar,
    maxChoices: form.maxChoices === "" ? null : n("maxChoices"),
    acceptanceRoundDays: n("acceptanceRoundDays"),
    duration: { minMonths: n("minMonths"), maxMonths: n("maxMonths") },
    eligibility: {
      minYearOfStudy: n("minYearOfStudy"),
      minFirstYearCreditsPct: n("minFirstYearCreditsPct"),
      maxMonthsPerCycle: n("maxMonthsPerCycle"),
    },
    scoring: { activityBonus: n("activityBonus") },
    funding: {
      maxFundedMonths: n("maxFundedMonths"),
      // The groups are replaced whole: the countries as stored, the amounts as typed.
      groups: call.funding.groups.map((g) => ({
        ...g,
        monthlyEur: Number((rates[g.group] ?? String(g.monthlyEur)).replace(",", ".")),
      })),
    },
  };
}

const FIELDS: readonly string[] = [...CALENDAR_FIELDS, ...SETTINGS.map(([name]) => name)];

/**
 * The form fields an issue concerns: the one its path names ("body/calendar/claimsOpenAt") and
 * those its message names (a date out of order names the dates it contradicts).
 */
function fieldsOfIssue(issue: ApiIssue): string[] {
  const last = issue.path.split(/[/.]/).filter(Boolean).pop() ?? "";
  return FIELDS.filter((field) => field === last || new RegExp(`\\b${field}\\b`).test(issue.message));
}

export default function CallEditPage({ callId }: { callId: string }) {
  const { t } = useTranslation();
  const {
    data: loaded,
    error,
    loading,
  } = useLoad(() => api.get<Call>(`/api/calls/${encodeURIComponent(callId)}`), [callId]);
  // The call as last stored (loaded, then as each save returns it).
  const [call, setCurrent] = useState<Call | null>(null);
  const [form, setForm] = useState<Form | null>(null);
  const [rates, setRates] = useState<Rates>({});
  const [saveError, setSaveError] = useState<unknown>(null);
  const [bad, setBad] = useState<Set<string>>(new Set());
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (loaded) {
      setCurrent(loaded);
      setForm(formOf(loaded));
      setRates(ratesOf(loaded));
    }
  }, [loaded]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (form === null || !call) return;
    setBusy(true);
    setSaved(false);
    setSaveError(null);
    setBad(new Set());
    try {
      const updated = await api.patch<Call>(
        `/api/calls/${encodeURIComponent(callId)}`,
        editOf(form, call, rates),
      );
      setForm(formOf(updated));
      setRates(ratesOf(updated));
      setCurrent(updated);
      setSaved(true);
    } catch (failure) {
      setSaveError(failure);
      if (failure instanceof ApiError) {
        setBad(new Set(failure.issues.flatMap(fieldsOfIssue)));
      }
    } finally {
      setBusy(false);
    }
  }

  if (loading) return <Loading />;
  if (error || !call || form === null) return <ErrorMessage error={error} />;
  const set = (name: keyof Form) => (value: string) => {
    setForm({ ...form, [name]: value });
    setSaved(false);
  };
  const invalid = (name: string) =>
    bad.has(name) ? { "aria-invalid": true, "aria-describedby": `${name}-error` } : {};
  const errorNote = (name: string) =>
    bad.has(name) ? (
      <p id={`${name}-error`} className="field-error">
        {t("callEdit.fieldInvalid")}
      </p>
    ) : null;
  return (
    <Page title={t("callEdit.title", { id: call.id })}>
      <form className="form" onSubmit={(event) => void submit(event)} noValidate>
        <fieldset>
          <legend>{t("call.calendar.title")}</legend>
          <p className="muted">{t("call.calendar.madridTime")}</p>
          <div className="grid-fields">
            {CALENDAR_FIELDS.map((field) => (
              <div key={field} className="field">
                <label htmlFor={field}>{t(`call.calendar.${field}`)}</label>
                <input
                  id={field}
                  type="datetime-local"
                  step={1}
                  value={form[field]}
                  required={field === "applicationDeadline"}
                  onChange={(event) => set(field)(event.target.value)}
                  {...invalid(field)}
                />
                {errorNote(field)}
              </div>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend>{t("callEdit.settings")}</legend>
          <div className="grid-fields">
            {SETTINGS.map(([name]) => (
              <div key={name} className="field">
                <label htmlFor={name}>{t(`callEdit.${name}`)}</label>
                {name === "acceptanceRoundDays" ? (
                  <>
                    <input
                      id={name}
                      type="number"
                      min={1}
                      max={60}
                      step={1}
                      value={form[name]}
                      onChange={(event) => set(name)(event.target.value)}
                      {...invalid(name)}
                      aria-describedby={bad.has(name) ? `${name}-hint ${name}-error` : `${name}-hint`}
                    />
                    <p id={`${name}-hint`} className="hint">
                      {t("callEdit.acceptanceRoundDaysHint")}
                    </p>
                  </>
                ) : (
                  <input
                    id={name}
                    inputMode="decimal"
                    value={form[name]}
                    onChange={(event) => set(name)(event.target.value)}
                    {...invalid(name)}
                  />
                )}
                {errorNote(name)}
              </div>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend>{t("call.grants.title")}</legend>
          <div className="grid-fields">
            {call.funding.groups.map((g) => (
              <div key={g.group} className="field">
                <label htmlFor={`rate-${g.group}`}>{t("callEdit.groupRate", { n: g.group })}</label>
                <input
                  id={`rate-${g.group}`}
                  inputMode="decimal"
                  value={rates[g.group] ?? ""}
                  onChange={(event) => {
                    setRates({ ...rates, [g.group]: event.target.value });
                    setSaved(false);
                  }}
                />
              </div>
            ))}
          </div>
        </fieldset>
        <ErrorMessage error={saveError} />
        {saved && (
          <p className="alert alert-success" role="status">
            {t("common.saved")}
          </p>
        )}
        <button type="submit" className="button" disabled={busy}>
          {t("common.save")}
        </button>
      </form>
    </Page>
  );
}
