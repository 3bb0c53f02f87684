// The score preview (SPEC 6: every component is shown to the student): as the engine computes it
// from the academic record and the verified documents; pending ones said apart, with what they
// would add. It is the student's, not a destination's; it is read again when the page comes back
// into view (after handing in a document on the documents page, or a review by the centre).
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../../lib/api.ts";
import { ErrorMessage } from "../../../lib/errors.tsx";
import { formatNumber, languageName } from "../../../lib/format.ts";
import { Link } from "../../../lib/router.tsx";
import { useLoad } from "../../../lib/use-load.ts";
import { applicationPath, type ScorePreview } from "./data.ts";

export function ScorePanel({ callId, studentId }: { callId: string; studentId: string }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const { data, error, reload } = useLoad(
    () => api.get<ScorePreview>(applicationPath(callId, studentId, "/score")),
    [callId, studentId],
  );
  useEffect(() => {
    const again = () => {
      if (document.visibilityState === "visible") reload();
    };
    document.addEventListener("visibilitychange", again);
    window.addEventListener("focus", again);
    return () => {
      document.removeEventListener("visibilitychange", again);
      window.removeEventListener("focus", again);
    };
  }, [reload]);
  const n = (value: number) => formatNumber(value, lng);
  return (
    <section aria-labelledby="score-title" className="apply-score" data-testid="score">
      <h2 id="score-title">{t("apply.score.title")}</h2>
      <ErrorMessage error={error} />
      {data && (
        <>
          <table className="apply-score-table">
            <caption className="visually-hidden">{t("apply.score.title")}</caption>
            <tbody>
              <tr>
                <th scope="row">
                  {t("apply.score.weightedGrade")}
                  <span className="hint block">
                    {t("apply.score.weightedGradeHow", {
                      grade: n(data.record.averageGrade),
                      passed: n(data.record.creditsPassed),
                      total: n(data.record.degreeCredits),
                    })}
                  </span>
                </th>
                <td className="number">{n(data.score.weightedGrade)}</td>
              </tr>
              <tr>
                <th scope="row">
                  {t("apply.score.language")}
                  <span className="hint block">
                    {data.levels.length === 0
                      ? t("apply.score.noLevel")
                      : data.levels.map((l) => `${languageName(l.language, lng)} ${l.level}`).join(", ")}
                  </span>
                </th>
                <td className="number">{n(data.score.language)}</td>
              </tr>
              <tr>
                <th scope="row">{t("apply.score.activities")}</th>
                <td className="number">{n(data.score.activities)}</td>
              </tr>
              <tr className="apply-score-total">
                <th scope="row">{t("apply.score.total")}</th>
                <td className="number" data-testid="score-total">
                  {n(data.score.total)}
                </td>
              </tr>
            </tbody>
          </table>
          {data.languageScope === "destination" && <p className="hint">{t("apply.score.perDestination")}</p>}
          <h3>{t("apply.score.documents")}</h3>
          {data.documents.length === 0 ? (
            <p>{t("apply.score.noDocuments")}</p>
          ) : (
            <ul className="apply-docs">
              {data.documents.map((d) => (
                <li key={d.id}>
                  {d.kind === "activity"
                    ? t(`apply.score.activity.${d.activityKind ?? "international-event"}`)
                    : t("apply.score.certificate", {
                        language: languageName(d.language ?? "", lng),
                        level: d.accredits ?? "—",
                      })}{" "}
                  <span className={`badge apply-doc-${d.status}`}>{t(`apply.score.status.${d.status}`)}</span>{" "}
                  <span className="muted">
                    {d.counts ? t("apply.score.counts") : t(`apply.score.notCounting.${d.status}`)}
                  </span>
                </li>
              ))}
            </ul>
          )}
          {data.ifPendingVerified && (
            <p>{t("apply.score.ifVerified", { total: n(data.ifPendingVerified.total) })}</p>
          )}
          <p>
            <Link href="/my/documents">{t("apply.score.toDocuments")}</Link>
          </p>
        </>
      )}
    </section>
  );
}
