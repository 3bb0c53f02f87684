// The call's dashboard for a centre: applications by status, documents waiting for review, and
// demand against places per destination as a chart (loaded on this page only) with the same
// figures in a table (issue 5).
import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { api, query } from "../../lib/api.ts";
import { countryName } from "../../lib/format.ts";
import { Loading, Page } from "../../lib/page.tsx";
import { Link } from "../../lib/router.tsx";
import { useLoad } from "../../lib/use-load.ts";
import { CentrePicker, callApi, Refusal, ScrollBox, useStaffScope } from "./back-office/common.tsx";
import type { Dashboard } from "./back-office/types.ts";

const DemandChart = lazy(() => import("./back-office/DemandChart.tsx"));

function Figure({ label, value, href }: { label: string; value: number; href?: string }) {
  return (
    <div className="figure">
      <dt>{label}</dt>
      <dd>{href ? <Link href={href}>{value}</Link> : value}</dd>
    </div>
  );
}

export default function DashboardPage() {
  const { t, i18n } = useTranslation();
  const scope = useStaffScope();
  const { call, centre } = scope;
  const { data, error, loading } = useLoad(async () => {
    if (!call || centre === null) return null;
    return api.get<Dashboard>(callApi(call.id, `dashboard${query({ centre })}`));
  }, [call?.id, centre]);
  return (
    <Page title={t("dashboard.title")} wide>
      <CentrePicker scope={scope} />
      <Refusal error={scope.error ?? error} />
      {(loading || call === undefined) && <Loading />}
      {call === null && <p>{t("staffCommon.noCall")}</p>}
      {data && (
        <>
          <p className="lead">{t("dashboard.lead", { call: data.callId, centre: data.centre ?? "" })}</p>
          <section aria-labelledby="dash-applications">
            <h2 id="dash-applications">{t("dashboard.applications")}</h2>
            <dl className="figures">
              <Figure
                label={t("dashboard.total")}
                value={data.applications.total}
                href="/staff/applications"
              />
              <Figure
                label={t("dashboard.validated")}
                value={data.applications.validated}
                href="/staff/applications?status=validated"
              />
              <Figure
                label={t("dashboard.draft")}
                value={data.applications.draft}
                href="/staff/applications?status=draft"
              />
              <Figure
                label={t("dashboard.withPending")}
                value={data.applications.withPendingDocuments}
                href="/staff/applications?pending=1"
              />
            </dl>
            <h2 id="dash-documents">{t("dashboard.documents")}</h2>
            <dl className="figures">
              <Figure label={t("dashboard.pending")} value={data.documents.pending} />
              <Figure label={t("dashboard.verified")} value={data.documents.verified} />
              <Figure label={t("dashboard.rejected")} value={data.documents.rejected} />
            </dl>
            <p className="actions">
              <Link className="button" href="/staff/applications?pending=1">
                {t("dashboard.toReview")}
              </Link>
              <Link href="/staff/runs">{t("dashboard.toRuns")}</Link>
              <Link href="/staff/lists">{t("dashboard.toLists")}</Link>
              <Link href="/staff/claims">{t("dashboard.toClaims")}</Link>
            </p>
          </section>
          <section aria-labelledby="dash-demand">
            <h2 id="dash-demand">{t("dashboard.demand")}</h2>
            {data.destinations.length === 0 ? (
              <p>{t("common.empty")}</p>
            ) : (
              <>
                <Suspense fallback={<Loading />}>
                  <DemandChart destinations={data.destinations} tableId="demand-table" />
                </Suspense>
                <ScrollBox label={t("dashboard.tableCaption")}>
                  <table className="compact stack" id="demand-table">
                    <caption>{t("dashboard.tableCaption")}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t("dashboard.destination")}</th>
                        <th scope="col">{t("dashboard.partner")}</th>
                        <th scope="col" className="number">
                          {t("dashboard.places")}
                        </th>
                        <th scope="col" className="number">
                          {t("dashboard.firstChoice")}
                        </th>
                        <th scope="col" className="number">
                          {t("dashboard.anyChoice")}
                        </th>
                        <th scope="col" className="number">
                          {t("dashboard.validatedFirst")}
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {data.destinations.map((d) => (
                        <tr
                          key={d.agreementId}
                          className={d.demand.first > d.places ? "oversubscribed" : undefined}
                        >
                          <th scope="row" data-label={t("dashboard.destination")}>
                            <code>{d.agreementId}</code>
                          </th>
                          <td data-label={t("dashboard.partner")}>
                            {d.partnerName}
                            <span className="muted block">{countryName(d.country, i18n.language)}</span>
                          </td>
                          <td className="number" data-label={t("dashboard.places")}>
                            {d.places}
                          </td>
                          <td className="number" data-label={t("dashboard.firstChoice")}>
                            {d.demand.first}
                          </td>
                          <td className="number" data-label={t("dashboard.anyChoice")}>
                            {d.demand.any}
                          </td>
                          <td className="number" data-label={t("dashboard.validatedFirst")}>
                            {d.validatedDemand.first}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </ScrollBox>
              </>
            )}
          </section>
        </>
      )}
    </Page>
  );
}
