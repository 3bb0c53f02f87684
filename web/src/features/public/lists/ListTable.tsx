// One published list, pseudonymised (SPEC 12.8): masked id, initials, score components, status and
// destination, searchable by masked id. On a phone each row becomes a card labelled by its columns.
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { currentLanguage } from "../../../i18n/index.ts";
import { countryName, formatNumber } from "../../../lib/format.ts";
import type { PublicEntry, PublicList } from "../../student/results/types.ts";

const BADGE = { awarded: "badge-awarded", substitute: "badge-substitute", excluded: "badge-excluded" };

function Destination({ entry }: { entry: PublicEntry }) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  if (entry.destination)
    return (
      <>
        {entry.destination.partnerName} ({countryName(entry.destination.country, lng)})
      </>
    );
  if (entry.substitutePositions.length > 0)
    return (
      <ul className="plain">
        {entry.substitutePositions.map((p) => (
          <li key={p.agreementId}>
            {t("publicLists.substituteAt", { position: p.position, agreement: p.agreementId })}
          </li>
        ))}
      </ul>
    );
  if (entry.exclusions.length > 0)
    return <>{entry.exclusions.map((code) => t(`exclusions.${code}`, { defaultValue: code })).join("; ")}</>;
  return <>—</>;
}

export function ListTable({
  list,
  query,
  onSearch,
  centreName,
}: {
  list: PublicList;
  query: string;
  onSearch: (q: string) => void;
  centreName: string;
}) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const id = useId();
  const [text, setText] = useState(query);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch(text.trim());
  };
  const col = {
    rank: t("publicLists.col.rank"),
    masked: t("publicLists.col.maskedId"),
    initials: t("publicLists.col.initials"),
    grade: t("publicLists.col.weightedGrade"),
    language: t("publicLists.col.language"),
    activities: t("publicLists.col.activities"),
    total: t("publicLists.col.total"),
    status: t("publicLists.col.status"),
    destination: t("publicLists.col.destination"),
  };
  const n = (value: number | undefined) => (value === undefined ? "—" : formatNumber(value, lng));
  return (
    <>
      <form className="search" onSubmit={submit}>
        <label htmlFor={`${id}-q`}>{t("publicLists.search")}</label>
        <input
          id={`${id}-q`}
          type="search"
          value={text}
          maxLength={50}
          autoComplete="off"
          aria-describedby={`${id}-hint`}
          onChange={(event) => setText(event.target.value)}
        />
        <button type="submit" className="button">
          {t("common.search")}
        </button>
        {query !== "" && (
          <button
            type="button"
            onClick={() => {
              setText("");
              onSearch("");
            }}
          >
            {t("publicLists.clear")}
          </button>
        )}
        <p id={`${id}-hint`} className="hint">
          {t("publicLists.searchHint")}
        </p>
      </form>
      <p role="status" className="muted">
        {query === ""
          ? t("publicLists.count", { count: list.entries.length })
          : t("publicLists.found", { count: list.entries.length, query })}
      </p>
      {list.entries.length > 0 && (
        <div className="table-scroll">
          <table className="stack public-list">
            <caption>
              {t("publicLists.caption", { kind: t(`publicLists.kind.${list.kind}`), centre: centreName })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{col.rank}</th>
                <th scope="col">{col.masked}</th>
                <th scope="col">{col.initials}</th>
                <th scope="col">{col.grade}</th>
                <th scope="col">{col.language}</th>
                <th scope="col">{col.activities}</th>
                <th scope="col">{col.total}</th>
                <th scope="col">{col.status}</th>
                <th scope="col">{col.destination}</th>
              </tr>
            </thead>
            <tbody>
              {list.entries.map((entry, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: masked ids repeat (four characters of an id); a published list never changes order
                <tr key={index}>
                  <td data-label={col.rank} className="number">
                    {entry.rank ?? "—"}
                  </td>
                  <th scope="row" data-label={col.masked}>
                    <code>{entry.maskedId}</code>
                  </th>
                  <td data-label={col.initials}>{entry.initials}</td>
                  <td data-label={col.grade} className="number">
                    {n(entry.score?.weightedGrade)}
                  </td>
                  <td data-label={col.language} className="number">
                    {n(entry.score?.language)}
                  </td>
                  <td data-label={col.activities} className="number">
                    {n(entry.score?.activities)}
                  </td>
                  <td data-label={col.total} className="number strong">
                    {n(entry.score?.total)}
                  </td>
                  <td data-label={col.status}>
                    <span className={`badge ${BADGE[entry.status]}`}>
                      {t(`outcome.statuses.${entry.status}`)}
                    </span>
                  </td>
                  <td data-label={col.destination}>
                    <Destination entry={entry} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
