// The call's published lists, per centre and kind, newest first; a superseded list says so, with
// the reason of the list that replaced it.
import { useTranslation } from "react-i18next";
import { currentLanguage } from "../../../i18n/index.ts";
import { formatDate, formatDateTime } from "../../../lib/format.ts";
import { Link } from "../../../lib/router.tsx";
import type { Centre } from "../../../lib/types.ts";
import type { PublicationSummary } from "../../student/results/types.ts";

export function ListIndex({ lists, centres }: { lists: PublicationSummary[]; centres: Centre[] }) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  if (lists.length === 0) return <p className="phase-note">{t("publicLists.none")}</p>;
  const byId = new Map(lists.map((l) => [l.id, l]));
  const centreName = (code: string) => {
    const found = centres.find((c) => c.code === code);
    return found ? (lng === "en" && found.nameEn ? found.nameEn : found.name) : code;
  };
  const codes = [...new Set(lists.map((l) => l.centre))].sort((a, b) =>
    centreName(a).localeCompare(centreName(b), lng),
  );
  return (
    <>
      {codes.map((code) => (
        <section key={code} aria-labelledby={`centre-${code}`}>
          <h2 id={`centre-${code}`}>{centreName(code)}</h2>
          <ul className="list-index">
            {lists
              .filter((l) => l.centre === code)
              .sort((a, b) => b.publishedAt.localeCompare(a.publishedAt))
              .map((list) => {
                const successor = list.supersededById ? byId.get(list.supersededById) : undefined;
                return (
                  <li key={list.id} className={list.current ? "" : "superseded"}>
                    <Link href={`/lists/${encodeURIComponent(list.id)}`}>
                      {t(`publicLists.kind.${list.kind}`)}
                      {/* Two lists of a kind read apart by their date (WCAG 2.4.4). */}
                      <span className="visually-hidden">
                        {" "}
                        · {formatDate(list.publishedAt, currentLanguage())}
                      </span>
                    </Link>{" "}
                    <span className="muted">
                      {t("publicLists.publishedAt", { at: formatDateTime(list.publishedAt, lng) })}
                    </span>
                    {list.current ? (
                      <span className="badge badge-awarded">{t("publicLists.current")}</span>
                    ) : (
                      <>
                        <span className="badge badge-excluded">{t("publicLists.superseded")}</span>
                        {successor && (
                          <p className="muted">
                            {t("publicLists.supersededBy", {
                              at: formatDateTime(successor.publishedAt, lng),
                              reason: successor.reason ?? t("publicLists.noReason"),
                            })}
                          </p>
                        )}
                      </>
                    )}
                    {list.supersedesId !== null && list.reason && (
                      <p className="muted">{t("publicLists.correctionReason", { reason: list.reason })}</p>
                    )}
                  </li>
                );
              })}
          </ul>
        </section>
      ))}
    </>
  );
}
