// Application review: a filterable list of the centre's applications, and for one student the
// academic record and the application (choices in order) beside the documents, each viewable and
// verified or rejected with a reason (issue 5).
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api, query } from "../../lib/api.ts";
import { countryName, formatDateTime, formatNumber } from "../../lib/format.ts";
import { Loading, Page } from "../../lib/page.tsx";
import { Link, useLocation } from "../../lib/router.tsx";
import type { Agreement, Page as ApiPage } from "../../lib/types.ts";
import { useLoad } from "../../lib/use-load.ts";
import { CentrePicker, callApi, Refusal, ScrollBox, useStaffScope } from "./back-office/common.tsx";
import { DocumentReview } from "./back-office/DocumentReview.tsx";
import type { Application, ApplicationSummary, StudentDetail, StudentDocument } from "./back-office/types.ts";

type StatusFilter = "" | "draft" | "validated";

function ApplicationList() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const scope = useStaffScope();
  const { call, centre } = scope;
  const { search } = useLocation();
  const initialStatus = search.get("status");
  const [status, setStatus] = useState<StatusFilter>(
    initialStatus === "draft" || initialStatus === "validated" ? initialStatus : "",
  );
  const [pendingOnly, setPendingOnly] = useState(search.get("pending") === "1");
  const [text, setText] = useState("");
  const { data, error, loading } = useLoad(async () => {
    if (!call || centre === null) return null;
    const [applications, pending, students] = await Promise.all([
      api.get<{ items: ApplicationSummary[] }>(callApi(call.id, "applications")),
      api.get<{ items: StudentDocument[] }>(callApi(call.id, "documents?status=pending")),
      api.get<ApiPage<StudentDetail>>(callApi(call.id, `students${query({ centre, limit: 1000 })}`)),
    ]);
    const pendingBy = new Map<string, number>();
    for (const d of pending.items) pendingBy.set(d.studentId, (pendingBy.get(d.studentId) ?? 0) + 1);
    const names = new Map(students.items.map((s) => [s.id, s.name]));
    return {
      rows: applications.items
        .filter((a) => a.centre === centre)
        .map((a) => ({
          ...a,
          name: names.get(a.studentId) ?? null,
          pending: pendingBy.get(a.studentId) ?? 0,
        })),
    };
  }, [call?.id, centre]);
  const needle = text.trim().toLowerCase();
  const rows = (data?.rows ?? []).filter(
    (r) =>
      (status === "" || r.status === status) &&
      (!pendingOnly || r.pending > 0) &&
      (needle === "" ||
        r.studentId.toLowerCase().includes(needle) ||
        (r.name ?? "").toLowerCase().includes(needle)),
  );
  return (
    <Page title={t("review.title")} wide>
      <CentrePicker scope={scope} />
      <form
        className="form-inline filters"
        onSubmit={(e) => e.preventDefault()}
        aria-label={t("review.filters")}
      >
        <div className="field">
          <label htmlFor="review-status">{t("review.status")}</label>
          <select
            id="review-status"
            value={status}
            onChange={(e) => setStatus(e.target.value as StatusFilter)}
          >
            <option value="">{t("common.all")}</option>
            <option value="draft">{t("review.applicationStatuses.draft")}</option>
            <option value="validated">{t("review.applicationStatuses.validated")}</option>
          </select>
        </div>
        <div className="field checkbox">
          <input
            id="review-pending"
            type="checkbox"
            checked={pendingOnly}
            onChange={(e) => setPendingOnly(e.target.checked)}
          />
          <label htmlFor="review-pending">{t("review.pendingOnly")}</label>
        </div>
        <div className="field">
          <label htmlFor="review-text">{t("review.searchLabel")}</label>
          <input id="review-text" type="search" value={text} onChange={(e) => setText(e.target.value)} />
        </div>
      </form>
      <Refusal error={scope.error ?? error} />
      {loading && <Loading />}
      {data && (
        <>
          <p role="status">{t("review.count", { count: rows.length })}</p>
          {rows.length > 0 && (
            <ScrollBox label={t("review.title")}>
              <table className="compact stack">
                <thead>
                  <tr>
                    <th scope="col">{t("review.student")}</th>
                    <th scope="col">{t("review.status")}</th>
                    <th scope="col" className="number">
                      {t("review.choices")}
                    </th>
                    <th scope="col" className="number">
                      {t("review.pendingDocuments")}
                    </th>
                    <th scope="col">{t("review.validatedAt")}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.id}>
                      <th scope="row" data-label={t("review.student")}>
                        <Link href={`/staff/applications/${encodeURIComponent(r.studentId)}`}>
                          {r.name ?? r.studentId}
                        </Link>
                        <span className="muted block">{r.studentId}</span>
                      </th>
                      <td data-label={t("review.status")}>{t(`review.applicationStatuses.${r.status}`)}</td>
                      <td className="number" data-label={t("review.choices")}>
                        {r.choices}
                      </td>
                      <td className="number" data-label={t("review.pendingDocuments")}>
                        {r.pending}
                      </td>
                      <td data-label={t("review.validatedAt")}>
                        {r.validatedAt ? formatDateTime(r.validatedAt, lng) : "—"}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollBox>
          )}
        </>
      )}
    </Page>
  );
}

const yesNo = (t: (key: string) => string, value: boolean) => (value ? t("review.yes") : t("review.no"));

function StudentReview({ studentId }: { studentId: string }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const scope = useStaffScope();
  const { call } = scope;
  const [announcement, setAnnouncement] = useState("");
  const { data, error, loading, reload } = useLoad(async () => {
    if (!call) return null;
    const sid = encodeURIComponent(studentId);
    const [student, application, documents, agreements] = await Promise.all([
      api.get<StudentDetail>(callApi(call.id, `students/${sid}`)),
      api.get<Application>(callApi(call.id, `students/${sid}/application`)).catch((failure: unknown) => {
        if (failure instanceof ApiError && failure.status === 404) return null;
        throw failure;
      }),
      api.get<{ items: StudentDocument[] }>(callApi(call.id, `documents?studentId=${sid}`)),
      api.get<ApiPage<Agreement>>(callApi(call.id, "agreements?limit=1000")),
    ]);
    return {
      student,
      application,
      documents: documents.items,
      agreements: new Map(agreements.items.map((a) => [a.id, a])),
    };
  }, [call?.id, studentId]);
  const n = (value: number) => formatNumber(value, lng);
  const title = data
    ? t("review.titleOf", { name: data.student.name ?? data.student.id })
    : t("review.title");
  return (
    <Page title={title} wide>
      <p>
        <Link href="/staff/applications">{t("review.back")}</Link>
      </p>
      <Refusal error={scope.error ?? error} />
      {loading && !data && <Loading />}
      <p role="status" aria-live="polite" className="status-line">
        {announcement}
      </p>
      {data && call && (
        <div className="review-columns">
          <section aria-labelledby="review-data" className="review-data">
            <h2 id="review-data">{t("review.record")}</h2>
            <dl className="record">
              <dt>{t("review.studentId")}</dt>
              <dd>{data.student.id}</dd>
              <dt>{t("review.email")}</dt>
              <dd>{data.student.email ?? "—"}</dd>
              <dt>{t("review.degree")}</dt>
              <dd>
                {[
                  data.student.degree,
                  t(`cycles.${data.student.cycle}`),
                  t("review.year", { year: data.student.yearOfStudy }),
                ]
                  .filter(Boolean)
                  .join(" · ")}
              </dd>
              <dt>{t("review.averageGrade")}</dt>
              <dd>{n(data.student.averageGrade)}</dd>
              <dt>{t("review.credits")}</dt>
              <dd>
                {t("review.creditsOf", {
                  passed: n(data.student.creditsPassed),
                  total: n(data.student.degreeCredits),
                  pct: n(data.student.firstYearCreditsPct),
                })}
              </dd>
              <dt>{t("review.nationality")}</dt>
              <dd>{countryName(data.student.nationality, lng)}</dd>
              <dt>{t("review.enrolled")}</dt>
              <dd>{yesNo(t, data.student.enrolled)}</dd>
              <dt>{t("review.debts")}</dt>
              <dd>{yesNo(t, data.student.hasDebts)}</dd>
              <dt>{t("review.previousMonths")}</dt>
              <dd>{n(data.student.previousErasmusMonths)}</dd>
            </dl>
            <h2 id="review-application">{t("review.application")}</h2>
            {data.application === null ? (
              <p>{t("review.noApplication")}</p>
            ) : (
              <>
                <p>
                  {t(`review.applicationStatuses.${data.application.status}`)}
                  {data.application.validatedAt && (
                    <> · {formatDateTime(data.application.validatedAt, lng)}</>
                  )}
                </p>
                {data.application.choices.length === 0 ? (
                  <p>{t("review.noChoices")}</p>
                ) : (
                  <ol className="choices" aria-labelledby="review-application">
                    {data.application.choices.map((id) => {
                      const a = data.agreements.get(id);
                      return (
                        <li key={id}>
                          <code>{id}</code>
                          {a && (
                            <span className="block">
                              {a.partner.name} ({countryName(a.partner.country, lng)})
                            </span>
                          )}
                        </li>
                      );
                    })}
                  </ol>
                )}
              </>
            )}
          </section>
          <section aria-labelledby="review-documents" className="review-documents">
            <h2 id="review-documents">{t("review.documents")}</h2>
            {data.documents.length === 0 && <p>{t("review.noDocuments")}</p>}
            {data.documents.map((doc) => (
              <DocumentReview
                key={doc.id}
                callId={call.id}
                doc={doc}
                onReviewed={(reviewed) => {
                  setAnnouncement(t(`review.done.${reviewed.status}`));
                  reload();
                }}
              />
            ))}
          </section>
        </div>
      )}
    </Page>
  );
}

export default function ReviewPage({ studentId }: { studentId?: string }) {
  if (studentId !== undefined && studentId !== "") return <StudentReview studentId={studentId} />;
  return <ApplicationList />;
}
