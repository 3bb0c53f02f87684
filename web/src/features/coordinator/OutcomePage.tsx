// The engine's outcome on the stored call, per centre: ranked applications with every component
// of the score, the award or substitute status, and every reason translated.
import { useTranslation } from "react-i18next";
import { api, query } from "../../lib/api.ts";
import { currentCall } from "../../lib/calls.ts";
import { ErrorMessage } from "../../lib/errors.tsx";
import { formatEuros, formatNumber } from "../../lib/format.ts";
import { Loading, Page } from "../../lib/page.tsx";
import type { Agreement, Page as ApiPage, Outcome, OutcomeResult, StudentRecord } from "../../lib/types.ts";
import { useLoad } from "../../lib/use-load.ts";

const byRank = (a: OutcomeResult, b: OutcomeResult): number =>
  (a.rank ?? Number.POSITIVE_INFINITY) - (b.rank ?? Number.POSITIVE_INFINITY) ||
  a.applicationId.localeCompare(b.applicationId);

function Reasons({ result }: { result: OutcomeResult }) {
  const { t } = useTranslation();
  const exclusions = result.exclusions.map((code) => t(`exclusions.${code}`, { defaultValue: code }));
  const choices = result.choices.filter((c) => !c.eligible && c.reasons.length > 0);
  if (exclusions.length === 0 && choices.length === 0) return <>—</>;
  return (
    <ul className="reasons">
      {exclusions.map((text) => (
        <li key={text}>{text}</li>
      ))}
      {choices.map((choice) => (
        <li key={choice.agreementId}>
          <code>{choice.agreementId}</code>:{" "}
          {choice.reasons.map((code) => t(`choiceReasons.${code}`, { defaultValue: code })).join("; ")}
        </li>
      ))}
    </ul>
  );
}

function CentreTable({
  centre,
  results,
  names,
}: {
  centre: string;
  results: OutcomeResult[];
  names: Map<string, string>;
}) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const n = (value: number) => formatNumber(value, lng);
  return (
    <section aria-labelledby={`centre-${centre}`}>
      <h2 id={`centre-${centre}`}>{t("outcome.centre", { centre, count: results.length })}</h2>
      <div className="table-scroll">
        <table className="compact stack">
          <thead>
            <tr>
              <th scope="col" className="number">
                {t("outcome.rank")}
              </th>
              <th scope="col">{t("outcome.student")}</th>
              <th scope="col" className="number">
                {t("outcome.weightedGrade")}
              </th>
              <th scope="col" className="number">
                {t("outcome.language")}
              </th>
              <th scope="col" className="number">
                {t("outcome.activities")}
              </th>
              <th scope="col" className="number">
                {t("outcome.total")}
              </th>
              <th scope="col">{t("outcome.status")}</th>
              <th scope="col">{t("outcome.award")}</th>
              <th scope="col">{t("outcome.reasons")}</th>
            </tr>
          </thead>
          <tbody>
            {results.map((r) => (
              <tr key={r.applicationId} className={`status-${r.status}`}>
                <td className="number" data-label={t("outcome.rank")}>
                  {r.rank ?? "—"}
                </td>
                <th scope="row" data-label={t("outcome.student")}>
                  {names.get(r.studentId) ?? r.studentId}
                  <span className="muted block">{r.studentId}</span>
                </th>
                <td className="number" data-label={t("outcome.weightedGrade")}>
                  {r.score ? n(r.score.weightedGrade) : "—"}
                </td>
                <td className="number" data-label={t("outcome.language")}>
                  {r.score ? n(r.score.language) : "—"}
                </td>
                <td className="number" data-label={t("outcome.activities")}>
                  {r.score ? n(r.score.activities) : "—"}
                </td>
                <td className="number strong" data-label={t("outcome.total")}>
                  {r.score ? n(r.score.total) : "—"}
                </td>
                <td data-label={t("outcome.status")}>
                  <span className={`badge badge-${r.status}`}>{t(`outcome.statuses.${r.status}`)}</span>
                </td>
                <td data-label={t("outcome.award")}>
                  {r.award ? (
                    <>
                      <code>{r.award.agreementId}</code>
                      <span className="muted block">
                        {t("outcome.awardDetail", {
                          choice: r.award.choice,
                          months: n(r.award.months),
                          grant: formatEuros(r.award.grantEstimateEur, lng),
                        })}
                      </span>
                      {r.languageCourseRequired && (
                        <span className="block">{t("outcome.languageCourse")}</span>
                      )}
                    </>
                  ) : (
                    "—"
                  )}
                </td>
                <td data-label={t("outcome.reasons")}>
                  <Reasons result={r} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** Demand against places, destination by destination: chosen by, places, awarded, substitutes. */
function Destinations({
  centre,
  agreements,
  outcome,
}: {
  centre: string;
  agreements: Agreement[];
  outcome: Outcome;
}) {
  const { t } = useTranslation();
  if (agreements.length === 0) return null;
  const demand = new Map<string, number>();
  for (const result of outcome.results) {
    for (const choice of result.choices)
      demand.set(choice.agreementId, (demand.get(choice.agreementId) ?? 0) + 1);
  }
  const byId = new Map(outcome.agreements.map((a) => [a.agreementId, a]));
  const rows = [...agreements].sort(
    (a, b) => (demand.get(b.id) ?? 0) - (demand.get(a.id) ?? 0) || a.id.localeCompare(b.id),
  );
  return (
    <section aria-labelledby={`destinations-${centre}`}>
      <h2 id={`destinations-${centre}`}>{t("outcome.destinations", { centre })}</h2>
      <div className="table-scroll">
        <table className="compact stack">
          <thead>
            <tr>
              <th scope="col">{t("agreements.id")}</th>
              <th scope="col">{t("agreements.partner")}</th>
              <th scope="col" className="number">
                {t("outcome.chosenBy")}
              </th>
              <th scope="col" className="number">
                {t("agreements.places")}
              </th>
              <th scope="col" className="number">
                {t("outcome.awarded")}
              </th>
              <th scope="col" className="number">
                {t("outcome.substitutes")}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((a) => (
              <tr key={a.id}>
                <th scope="row" data-label={t("agreements.id")}>
                  <code>{a.id}</code>
                </th>
                <td data-label={t("agreements.partner")}>{a.partner.name}</td>
                <td className="number" data-label={t("outcome.chosenBy")}>
                  {demand.get(a.id) ?? 0}
                </td>
                <td className="number" data-label={t("agreements.places")}>
                  {a.places}
                </td>
                <td className="number" data-label={t("outcome.awarded")}>
                  {byId.get(a.id)?.awarded.length ?? 0}
                </td>
                <td className="number" data-label={t("outcome.substitutes")}>
                  {byId.get(a.id)?.substitutes.length ?? 0}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export default function OutcomePage() {
  const { t } = useTranslation();
  const { data, error, loading } = useLoad(async () => {
    const call = await currentCall();
    if (call === null) return null;
    const base = `/api/calls/${encodeURIComponent(call.id)}`;
    const [outcome, students, agreements] = await Promise.all([
      api.get<Outcome>(`${base}/outcome`),
      api.get<ApiPage<StudentRecord>>(`${base}/students${query({ limit: 1000 })}`),
      api.get<ApiPage<Agreement>>(`${base}/agreements${query({ limit: 1000 })}`),
    ]);
    return { outcome, students: students.items, agreements: agreements.items };
  }, []);
  if (loading) return <Loading />;
  if (error || !data) return <ErrorMessage error={error} />;
  const centreOf = new Map(data.students.map((s) => [s.id, s.centre]));
  const names = new Map(data.students.map((s) => [s.id, s.name ?? s.id]));
  const groups = new Map<string, OutcomeResult[]>();
  for (const result of data.outcome.results) {
    const centre = centreOf.get(result.studentId) ?? "—";
    groups.set(centre, [...(groups.get(centre) ?? []), result]);
  }
  const centres = [...groups.keys()].sort();
  return (
    <Page title={t("outcome.title")} wide>
      <p className="lead">{t("outcome.lead")}</p>
      {centres.length === 0 && <p>{t("common.empty")}</p>}
      {centres.map((centre) => (
        <CentreTable
          key={centre}
          centre={centre}
          results={(groups.get(centre) ?? []).sort(byRank)}
          names={names}
        />
      ))}
      {centres.map((centre) => (
        <Destinations
          key={centre}
          centre={centre}
          agreements={data.agreements.filter((a) => a.centre === centre)}
          outcome={data.outcome}
        />
      ))}
    </Page>
  );
}
