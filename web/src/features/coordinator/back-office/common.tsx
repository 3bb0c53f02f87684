// What the back-office pages share: the centre they are about (a coordinator's own; the office and
// administrators choose one, kept for the session), the call, and refusals in words.
import { type ReactNode, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api } from "../../../lib/api.ts";
import { currentCall } from "../../../lib/calls.ts";
import { errorText } from "../../../lib/errors.tsx";
import { isStaffOfAll, useSession } from "../../../lib/session.tsx";
import type { Call, Centre } from "../../../lib/types.ts";
import { useLoad } from "../../../lib/use-load.ts";
import "./back-office.css";

const CENTRE_KEY = "mobilitas.staffCentre";

/** `/api/calls/<call>/<rest>` with the call's id escaped. */
export const callApi = (callId: string, rest: string): string =>
  `/api/calls/${encodeURIComponent(callId)}/${rest}`;

/** The centre a page is about and the call, with the picker the office and administrators need. */
export function useStaffScope(): {
  centre: string | null;
  setCentre: (centre: string) => void;
  centres: Centre[];
  chooses: boolean;
  call: Call | null | undefined;
  error: unknown;
} {
  const { user } = useSession();
  const chooses = isStaffOfAll(user);
  const [chosen, setChosen] = useState<string | null>(() =>
    chooses ? sessionStorage.getItem(CENTRE_KEY) : null,
  );
  const loaded = useLoad(async () => {
    const [call, centres] = await Promise.all([
      currentCall(),
      chooses ? api.get<{ items: Centre[] }>("/api/centres").then((r) => r.items) : Promise.resolve([]),
    ]);
    return { call, centres };
  }, [chooses]);
  const centres = loaded.data?.centres ?? [];
  useEffect(() => {
    if (chooses && chosen === null && centres[0] !== undefined) setChosen(centres[0].code);
  }, [chooses, chosen, centres]);
  const setCentre = (centre: string) => {
    sessionStorage.setItem(CENTRE_KEY, centre);
    setChosen(centre);
  };
  return {
    centre: chooses ? chosen : (user?.centre ?? null),
    setCentre,
    centres,
    chooses,
    call: loaded.loading && loaded.data === undefined ? undefined : (loaded.data?.call ?? null),
    error: loaded.error,
  };
}

/** The office's and administrators' choice of centre (coordinators have one: nothing shown). */
export function CentrePicker({ scope }: { scope: ReturnType<typeof useStaffScope> }) {
  const { t, i18n } = useTranslation();
  if (!scope.chooses) return null;
  return (
    <div className="field centre-picker">
      <label htmlFor="staff-centre">{t("staffCommon.centre")}</label>
      <select id="staff-centre" value={scope.centre ?? ""} onChange={(e) => scope.setCentre(e.target.value)}>
        {scope.centres.map((c) => (
          <option key={c.code} value={c.code}>
            {c.code} — {i18n.language === "en" && c.nameEn ? c.nameEn : c.name}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The reason of a refused field (`REASON: text` in an issue), if it has one. */
export function reasonOf(error: unknown): string | null {
  if (!(error instanceof ApiError)) return null;
  for (const issue of error.issues) {
    const code = /^([A-Z_]+):/.exec(issue.message)?.[1];
    if (code !== undefined) return code;
  }
  return null;
}

/**
 * A refusal in words: the reason of the bad field when the catalogue names it
 * (`errors.REASON_REQUIRED`, …), else the error's own code (general or of the workflow).
 */
export function refusalText(t: ReturnType<typeof useTranslation>["t"], error: unknown): string {
  const reason = reasonOf(error);
  if (reason !== null) {
    const text = t(`errors.${reason}`, { defaultValue: "" });
    if (text !== "") return text;
  }
  return errorText(t, error);
}

export function Refusal({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (error === null || error === undefined) return null;
  return (
    <p className="alert alert-error" role="alert">
      {refusalText(t, error)}
    </p>
  );
}

/**
 * A table's box that scrolls sideways when the table is wider than the screen: a named region in
 * the tab order, so that keyboard users can scroll it too (WCAG 2.1.1).
 */
export function ScrollBox({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    <section className="table-scroll" tabIndex={0} aria-label={label}>
      {children}
    </section>
  );
}
