// The call and the centre a report is about: shared by the exports and the statistics pages.
import { useTranslation } from "react-i18next";
import { api } from "../../../lib/api.ts";
import type { Call, Centre } from "../../../lib/types.ts";
import { useLoad } from "../../../lib/use-load.ts";

export interface Choices {
  calls: Call[];
  centres: Centre[];
}

/** Every call (latest first) and every centre. */
export function useChoices() {
  return useLoad(async (): Promise<Choices> => {
    const [calls, centres] = await Promise.all([
      api.get<{ items: Call[] }>("/api/calls"),
      api.get<{ items: Centre[] }>("/api/centres"),
    ]);
    return { calls: calls.items, centres: centres.items };
  }, []);
}

/** The centre's name in the reader's language (the English one when there is one). */
export function centreName(centres: readonly Centre[], code: string, language: string): string {
  const centre = centres.find((c) => c.code === code);
  if (centre === undefined) return code;
  return language === "en" && centre.nameEn ? centre.nameEn : centre.name;
}

export function CallCentrePicker({
  choices,
  callId,
  centre,
  onCall,
  onCentre,
}: {
  choices: Choices;
  callId: string;
  centre: string;
  onCall: (callId: string) => void;
  onCentre: (centre: string) => void;
}) {
  const { t, i18n } = useTranslation();
  return (
    <div className="report-pickers">
      <div className="field">
        <label htmlFor="report-call">{t("officeReports.call")}</label>
        <select id="report-call" value={callId} onChange={(event) => onCall(event.target.value)}>
          {choices.calls.map((call) => (
            <option key={call.id} value={call.id}>
              {call.id} ({call.academicYear})
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="report-centre">{t("officeReports.centre")}</label>
        <select id="report-centre" value={centre} onChange={(event) => onCentre(event.target.value)}>
          <option value="">{t("officeReports.allCentres")}</option>
          {choices.centres.map((c) => (
            <option key={c.code} value={c.code}>
              {centreName(choices.centres, c.code, i18n.language)} ({c.code})
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
