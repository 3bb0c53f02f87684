// The call's agreements within the reader's scope (a coordinator: their centre's), searchable,
// each editable: places, months and the partner's languages.
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, query } from "../../lib/api.ts";
import { currentCall } from "../../lib/calls.ts";
import { ErrorMessage } from "../../lib/errors.tsx";
import { countryName, formatNumber, languageName } from "../../lib/format.ts";
import { Loading, Page } from "../../lib/page.tsx";
import type { Agreement, Page as ApiPage, CefrLevel } from "../../lib/types.ts";
import { useLoad } from "../../lib/use-load.ts";

const LEVELS: CefrLevel[] = ["A1", "A2", "B1", "B2", "C1", "C2"];

/** "de:B1|en:B2", the import's notation, for editing the languages in one field. */
export const languagesText = (agreement: Agreement): string =>
  (agreement.languageRequirement?.options ?? []).map((o) => `${o.language}:${o.minLevel}`).join("|");

function parseLanguages(text: string): { language: string; minLevel: CefrLevel }[] | null {
  if (text.trim() === "") return [];
  const options = [];
  for (const part of text.split(/[|,;]/)) {
    const [language, level] = part.trim().split(":");
    const minLevel = LEVELS.find((l) => l === level?.trim().toUpperCase());
    if (!language || !/^[a-z]{2}$/.test(language.trim()) || minLevel === undefined) return null;
    options.push({ language: language.trim(), minLevel });
  }
  return options;
}

function EditAgreement({
  callId,
  agreement,
  onDone,
}: {
  callId: string;
  agreement: Agreement;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [places, setPlaces] = useState(String(agreement.places));
  const [months, setMonths] = useState(String(agreement.months));
  const [languages, setLanguages] = useState(languagesText(agreement));
  const [required, setRequired] = useState(agreement.languageRequirement?.requiredAtApplication ?? false);
  const [error, setError] = useState<unknown>(null);
  const [languagesInvalid, setLanguagesInvalid] = useState(false);
  const id = agreement.id;
  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const options = parseLanguages(languages);
    setLanguagesInvalid(options === null);
    if (options === null) return;
    try {
      await api.patch(`/api/calls/${encodeURIComponent(callId)}/agreements/${encodeURIComponent(id)}`, {
        places: Number(places),
        months: Number(months.replace(",", ".")),
        languageRequirement: options.length === 0 ? null : { requiredAtApplication: required, options },
      });
      onDone();
    } catch (failure) {
      setError(failure);
    }
  }
  return (
    <form
      className="form edit-row"
      onSubmit={(event) => void submit(event)}
      aria-label={t("agreements.editOf", { id })}
    >
      <div className="grid-fields">
        <div className="field">
          <label htmlFor={`places-${id}`}>{t("agreements.places")}</label>
          <input
            id={`places-${id}`}
            inputMode="numeric"
            value={places}
            onChange={(e) => setPlaces(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`months-${id}`}>{t("agreements.months")}</label>
          <input
            id={`months-${id}`}
            inputMode="decimal"
            value={months}
            onChange={(e) => setMonths(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`languages-${id}`}>{t("agreements.languages")}</label>
          <input
            id={`languages-${id}`}
            value={languages}
            aria-describedby={`languages-${id}-hint`}
            aria-invalid={languagesInvalid || undefined}
            onChange={(e) => setLanguages(e.target.value)}
          />
          <p id={`languages-${id}-hint`} className={languagesInvalid ? "field-error" : "hint"}>
            {t("agreements.languagesHint")}
          </p>
        </div>
        <div className="field checkbox">
          <input
            id={`required-${id}`}
            type="checkbox"
            checked={required}
            onChange={(e) => setRequired(e.target.checked)}
          />
          <label htmlFor={`required-${id}`}>{t("agreements.requiredAtApplication")}</label>
        </div>
      </div>
      <ErrorMessage error={error} />
      <div className="actions">
        <button type="submit" className="button">
          {t("common.save")}
        </button>
        <button type="button" onClick={onDone}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}

export default function AgreementsPage() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const [q, setQ] = useState("");
  const [search, setSearch] = useState("");
  const [editing, setEditing] = useState<string | null>(null);
  const { data, error, loading, reload } = useLoad(async () => {
    const call = await currentCall();
    if (call === null) return null;
    const page = await api.get<ApiPage<Agreement>>(
      `/api/calls/${encodeURIComponent(call.id)}/agreements${query({ q: search, limit: 500 })}`,
    );
    return { call, page };
  }, [search]);
  return (
    <Page title={t("agreements.title")} wide>
      <search>
        <form
          className="search"
          onSubmit={(event) => {
            event.preventDefault();
            setSearch(q.trim());
          }}
        >
          <label htmlFor="agreement-search">{t("agreements.search")}</label>
          <input id="agreement-search" type="search" value={q} onChange={(e) => setQ(e.target.value)} />
          <button type="submit">{t("common.search")}</button>
        </form>
      </search>
      {loading && <Loading />}
      <ErrorMessage error={error} />
      {data?.page && (
        <>
          <p role="status">{t("agreements.count", { count: data.page.total })}</p>
          <div className="table-scroll">
            <table className="stack">
              <thead>
                <tr>
                  <th scope="col">{t("agreements.id")}</th>
                  <th scope="col">{t("agreements.partner")}</th>
                  <th scope="col">{t("agreements.country")}</th>
                  <th scope="col" className="number">
                    {t("agreements.places")}
                  </th>
                  <th scope="col" className="number">
                    {t("agreements.months")}
                  </th>
                  <th scope="col">{t("agreements.cycles")}</th>
                  <th scope="col">{t("agreements.languages")}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t("common.actions")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.page.items.map((agreement) => (
                  <AgreementRows
                    key={agreement.id}
                    agreement={agreement}
                    callId={data.call.id}
                    editing={editing === agreement.id}
                    onEdit={() => setEditing(agreement.id)}
                    onDone={() => {
                      setEditing(null);
                      reload();
                    }}
                    lng={lng}
                  />
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Page>
  );
}

function AgreementRows(props: {
  agreement: Agreement;
  callId: string;
  editing: boolean;
  onEdit: () => void;
  onDone: () => void;
  lng: string;
}) {
  const { t } = useTranslation();
  const { agreement: a, lng } = props;
  return (
    <>
      <tr>
        <th scope="row" data-label={t("agreements.id")}>
          <code>{a.id}</code>
          <span className="muted block">{a.centre}</span>
        </th>
        <td data-label={t("agreements.partner")}>
          {a.partner.name}
          {a.partner.erasmusCode && <span className="muted block">{a.partner.erasmusCode}</span>}
        </td>
        <td data-label={t("agreements.country")}>{countryName(a.partner.country, lng)}</td>
        <td className="number" data-label={t("agreements.places")}>
          {a.places}
        </td>
        <td className="number" data-label={t("agreements.months")}>
          {formatNumber(a.months, lng)}
        </td>
        <td data-label={t("agreements.cycles")}>{a.cycles.map((c) => t(`cycles.${c}`)).join(", ")}</td>
        <td data-label={t("agreements.languages")}>
          {(a.languageRequirement?.options ?? [])
            .map((o) => `${languageName(o.language, lng)} ${o.minLevel}`)
            .join(", ") || "—"}
          {a.languageRequirement?.requiredAtApplication && (
            <span className="muted block">{t("agreements.certificateRequired")}</span>
          )}
        </td>
        <td>
          <button type="button" className="button-small" onClick={props.onEdit} aria-expanded={props.editing}>
            {t("common.edit")}
            <span className="visually-hidden"> {a.id}</span>
          </button>
        </td>
      </tr>
      {props.editing && (
        <tr>
          <td colSpan={8}>
            <EditAgreement callId={props.callId} agreement={a} onDone={props.onDone} />
          </td>
        </tr>
      )}
    </>
  );
}
