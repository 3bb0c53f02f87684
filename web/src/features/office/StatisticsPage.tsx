// Statistics with charts (issue 5): applications and awards by centre, destination country, gender,
// disability and disadvantaged background. Aggregates only; the server hides cells under 5, shown
// here as "<5". Each chart is followed by a table of the same figures (the accessible alternative).
// chart.js is loaded only by this page. docs/decisions/0012-list-exports-and-statistics.md.
import { lazy, Suspense, useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, query } from "../../lib/api.ts";
import { ErrorMessage } from "../../lib/errors.tsx";
import { countryName, formatShortDateTime } from "../../lib/format.ts";
import { Loading, Page } from "../../lib/page.tsx";
import { useLoad } from "../../lib/use-load.ts";
import { CallCentrePicker, centreName, useChoices } from "./reports/pickers.tsx";
import "./reports/reports.css";

const BarChart = lazy(() => import("./reports/BarChart.tsx"));

interface Count {
  count: number | null;
  suppressed: boolean;
  reason: "small" | "complement" | null;
}
interface Row {
  key: string;
  applications: Count;
  awarded: Count;
}
const DIMENSIONS = ["centre", "country", "gender", "disability", "disadvantaged"] as const;
type Dimension = (typeof DIMENSIONS)[number];
interface Statistics {
  callId: string;
  centre: string | null;
  minCell: number;
  awardsFrom: { centre: string; listId: string; kind: "provisional" | "definitive"; publishedAt: string }[];
  total: Row;
  dimensions: Record<Dimension, Row[]>;
}

// Dark enough for 3:1 against white (WCAG 1.4.11), told apart by more than hue in the table.
const APPLICATIONS_COLOUR = "#1f4e79";
const AWARDS_COLOUR = "#b34700";

export default function StatisticsPage() {
  const { t, i18n } = useTranslation();
  const choices = useChoices();
  const [callId, setCallId] = useState("");
  const [centre, setCentre] = useState("");
  useEffect(() => {
    if (callId === "" && choices.data?.calls[0]) setCallId(choices.data.calls[0].id);
  }, [callId, choices.data]);
  const stats = useLoad(
    async () =>
      callId === ""
        ? undefined
        : api.get<Statistics>(
            `/api/calls/${encodeURIComponent(callId)}/statistics${query({ centre: centre || undefined })}`,
          ),
    [callId, centre],
  );
  const shown = (c: Count) =>
    c.reason === "complement"
      ? t("statistics.complement")
      : c.suppressed
        ? t("statistics.suppressed")
        : String(c.count ?? 0);
  const label = (dimension: Dimension, key: string): string => {
    if (key === "unknown") return t("statistics.values.unknown");
    if (dimension === "centre") return centreName(choices.data?.centres ?? [], key, i18n.language);
    if (dimension === "country") return countryName(key, i18n.language);
    if (dimension === "gender") return t(`statistics.genders.${key}`, { defaultValue: key });
    return t(`statistics.values.${key}`, { defaultValue: key });
  };

  return (
    <Page title={t("statistics.title")} wide>
      <p className="lead">{t("statistics.intro")}</p>
      {choices.loading && <Loading />}
      <ErrorMessage error={choices.error} />
      {choices.data && choices.data.calls.length === 0 && <p>{t("officeReports.noCalls")}</p>}
      {choices.data && choices.data.calls.length > 0 && (
        <CallCentrePicker
          choices={choices.data}
          callId={callId}
          centre={centre}
          onCall={setCallId}
          onCentre={setCentre}
        />
      )}
      {stats.loading && <Loading />}
      <ErrorMessage error={stats.error} />
      {stats.data && (
        <>
          <dl className="stat-figures">
            <div>
              <dt>{t("statistics.applications")}</dt>
              <dd>{shown(stats.data.total.applications)}</dd>
            </div>
            <div>
              <dt>{t("statistics.awarded")}</dt>
              <dd>{shown(stats.data.total.awarded)}</dd>
            </div>
          </dl>
          <p>
            {stats.data.awardsFrom.length === 0
              ? t("statistics.noLists")
              : t("statistics.awardsFrom", {
                  lists: stats.data.awardsFrom
                    .map(
                      (l) =>
                        `${l.centre} (${t(`exports.kinds.${l.kind}`)}, ${formatShortDateTime(l.publishedAt, i18n.language)})`,
                    )
                    .join("; "),
                })}
          </p>
          <p className="hint">{t("statistics.privacy", { min: stats.data.minCell })}</p>
          {DIMENSIONS.map((dimension) => (
            <Breakdown
              key={dimension}
              dimension={dimension}
              rows={stats.data!.dimensions[dimension]}
              label={(key) => label(dimension, key)}
              shown={shown}
            />
          ))}
        </>
      )}
    </Page>
  );
}

function Breakdown({
  dimension,
  rows,
  label,
  shown,
}: {
  dimension: Dimension;
  rows: Row[];
  label: (key: string) => string;
  shown: (c: Count) => string;
}) {
  const { t } = useTranslation();
  const id = useId();
  const title = t(`statistics.by.${dimension}`);
  return (
    <section className="stat-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {rows.length === 0 ? (
        <p>{t("common.empty")}</p>
      ) : (
        <>
          <Suspense fallback={<Loading />}>
            <BarChart
              title={t("statistics.chartOf", { what: title })}
              labels={rows.map((r) => label(r.key))}
              suppressedText={t("statistics.suppressed")}
              series={[
                {
                  label: t("statistics.applications"),
                  values: rows.map((r) => r.applications.count),
                  colour: APPLICATIONS_COLOUR,
                },
                {
                  label: t("statistics.awarded"),
                  values: rows.map((r) => r.awarded.count),
                  colour: AWARDS_COLOUR,
                },
              ]}
            />
          </Suspense>
          {/* Focusable, so that a table wider than a phone can be scrolled from the keyboard. */}
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus (WCAG 2.1.1) */}
          <section className="table-scroll" aria-labelledby={`${id}-table`} tabIndex={0}>
            <table className="compact">
              <caption id={`${id}-table`}>{t("statistics.tableOf", { what: title })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t(`statistics.keys.${dimension}`)}</th>
                  <th scope="col" className="number">
                    {t("statistics.applications")}
                  </th>
                  <th scope="col" className="number">
                    {t("statistics.awarded")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.key}>
                    <th scope="row">{label(r.key)}</th>
                    <td className="number">{shown(r.applications)}</td>
                    <td className="number">{shown(r.awarded)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      )}
    </section>
  );
}
