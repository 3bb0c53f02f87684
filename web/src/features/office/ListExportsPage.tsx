// Lists as PDF (formal), CSV and XLSX (issue 5): choose a call and a centre, then download any
// published list in both languages side by side, in Spanish or in English.
// docs/decisions/0012-list-exports-and-statistics.md.
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, query } from "../../lib/api.ts";
import { ErrorMessage } from "../../lib/errors.tsx";
import { formatShortDateTime } from "../../lib/format.ts";
import { Loading, Page } from "../../lib/page.tsx";
import { useLoad } from "../../lib/use-load.ts";
import { CallCentrePicker, centreName, useChoices } from "./reports/pickers.tsx";
import "./reports/reports.css";

interface Publication {
  id: string;
  centre: string;
  kind: "provisional" | "definitive";
  publishedAt: string;
  supersedesId: string | null;
  supersededById: string | null;
  current: boolean;
}

const FORMATS = ["pdf", "csv", "xlsx"] as const;
const FILE_LANGUAGES = ["both", "es", "en"] as const;
type FileLanguage = (typeof FILE_LANGUAGES)[number];

export default function ListExportsPage() {
  const { t, i18n } = useTranslation();
  const choices = useChoices();
  const [callId, setCallId] = useState("");
  const [centre, setCentre] = useState("");
  const [fileLanguage, setFileLanguage] = useState<FileLanguage>("both");
  useEffect(() => {
    if (callId === "" && choices.data?.calls[0]) setCallId(choices.data.calls[0].id);
  }, [callId, choices.data]);
  const lists = useLoad(
    async () =>
      callId === ""
        ? []
        : (
            await api.get<{ items: Publication[] }>(
              `/api/calls/${encodeURIComponent(callId)}/lists${query({ centre: centre || undefined })}`,
            )
          ).items,
    [callId, centre],
  );
  const href = (list: Publication, format: string) =>
    `/api/calls/${encodeURIComponent(callId)}/lists/${encodeURIComponent(list.id)}/export/${format}${
      fileLanguage === "both" ? "" : `?lang=${fileLanguage}`
    }`;

  return (
    <Page title={t("exports.title")} wide>
      <p className="lead">{t("exports.intro")}</p>
      {choices.loading && <Loading />}
      <ErrorMessage error={choices.error} />
      {choices.data && choices.data.calls.length === 0 && <p>{t("officeReports.noCalls")}</p>}
      {choices.data && choices.data.calls.length > 0 && (
        <>
          <CallCentrePicker
            choices={choices.data}
            callId={callId}
            centre={centre}
            onCall={setCallId}
            onCentre={setCentre}
          />
          <fieldset className="radio-group">
            <legend>{t("exports.fileLanguage")}</legend>
            {FILE_LANGUAGES.map((value) => (
              <label key={value} className="radio-inline">
                <input
                  type="radio"
                  name="file-language"
                  value={value}
                  checked={fileLanguage === value}
                  onChange={() => setFileLanguage(value)}
                />{" "}
                {t(`exports.languages.${value}`)}
              </label>
            ))}
          </fieldset>
          <h2>{t("exports.published")}</h2>
          {lists.loading && <Loading />}
          <ErrorMessage error={lists.error} />
          {lists.data && lists.data.length === 0 && <p>{t("exports.none")}</p>}
          {lists.data && lists.data.length > 0 && (
            <ul className="cards export-lists">
              {lists.data.map((list) => {
                const kind = t(`exports.kinds.${list.kind}`);
                const date = formatShortDateTime(list.publishedAt, i18n.language);
                const what = t("exports.listName", { kind, centre: list.centre, date });
                return (
                  <li key={list.id} className="card">
                    <h3 className="card-title">
                      {centreName(choices.data!.centres, list.centre, i18n.language)}{" "}
                      <span className="muted">({list.centre})</span>
                    </h3>
                    <dl className="export-facts">
                      <div>
                        <dt>{t("exports.kind")}</dt>
                        <dd>{kind}</dd>
                      </div>
                      <div>
                        <dt>{t("exports.publishedAt")}</dt>
                        <dd>{date}</dd>
                      </div>
                      <div>
                        <dt>{t("exports.state")}</dt>
                        <dd>{list.current ? t("exports.current") : t("exports.superseded")}</dd>
                      </div>
                    </dl>
                    <ul className="downloads" aria-label={t("exports.download")}>
                      {FORMATS.map((format) => (
                        <li key={format}>
                          <a href={href(list, format)} download>
                            {t(`exports.formats.${format}`)}
                            <span className="visually-hidden">
                              {" "}
                              {what} ({t(`exports.languages.${fileLanguage}`)})
                            </span>
                          </a>
                        </li>
                      ))}
                    </ul>
                  </li>
                );
              })}
            </ul>
          )}
          <p className="hint">{t("exports.privacy")}</p>
        </>
      )}
    </Page>
  );
}
