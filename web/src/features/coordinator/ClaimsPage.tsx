// The claims against the centre's provisional list: each with its text and attachments, resolved
// as accepted or rejected with a reason (issue 5). Corrections of the data go through the review
// of the student's documents before the claim is accepted.
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, query } from "../../lib/api.ts";
import { formatDateTime } from "../../lib/format.ts";
import { Loading, Page } from "../../lib/page.tsx";
import { Link } from "../../lib/router.tsx";
import { useLoad } from "../../lib/use-load.ts";
import { CentrePicker, callApi, Refusal, useStaffScope } from "./back-office/common.tsx";
import { documentTitle } from "./back-office/DocumentReview.tsx";
import type { Claim, StudentDocument } from "./back-office/types.ts";

type StatusFilter = "" | Claim["status"];

function Resolve({ callId, claim, onDone }: { callId: string; claim: Claim; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const id = useId();
  const [decision, setDecision] = useState<"accepted" | "rejected">("rejected");
  const [reason, setReason] = useState("");
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  /** Documents reviewed again with the acceptance: decision and reason per document id. */
  const [fixes, setFixes] = useState<
    Record<string, { decision: "" | "verified" | "rejected"; reason: string }>
  >({});
  const [fixMissing, setFixMissing] = useState<string | null>(null);
  const documents = useLoad(async () => {
    if (decision !== "accepted") return null;
    const page = await api.get<{ items: StudentDocument[] }>(
      callApi(callId, `documents${query({ studentId: claim.studentId })}`),
    );
    return page.items;
  }, [decision, callId, claim.studentId]);
  const corrections = Object.entries(fixes)
    .filter(([, fix]) => fix.decision !== "")
    .map(([documentId, fix]) => ({
      documentId,
      decision: fix.decision as "verified" | "rejected",
      ...(fix.reason.trim() === "" ? {} : { reason: fix.reason.trim() }),
    }));
  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const empty = reason.trim() === "";
    setMissing(empty);
    if (empty) {
      document.getElementById(`${id}-reason`)?.focus();
      return;
    }
    const unexplained =
      decision === "accepted"
        ? corrections.find((c) => c.decision === "rejected" && c.reason === undefined)
        : undefined;
    setFixMissing(unexplained?.documentId ?? null);
    if (unexplained) {
      document.getElementById(`${id}-fix-reason-${unexplained.documentId}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      await api.post(callApi(callId, `claims/${encodeURIComponent(claim.id)}/resolution`), {
        decision,
        reason: reason.trim(),
        ...(decision === "accepted" && corrections.length > 0
          ? { corrections: { documents: corrections } }
          : {}),
      });
      onDone();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form
      className="form"
      onSubmit={(event) => void submit(event)}
      aria-label={t("claimsAdmin.resolveOf", { student: claim.studentId })}
    >
      <fieldset>
        <legend>{t("claimsAdmin.decision")}</legend>
        {(["accepted", "rejected"] as const).map((d) => (
          <div className="field checkbox" key={d}>
            <input
              type="radio"
              id={`${id}-${d}`}
              name={`${id}-decision`}
              checked={decision === d}
              onChange={() => setDecision(d)}
            />
            <label htmlFor={`${id}-${d}`}>{t(`claimsAdmin.decisions.${d}`)}</label>
          </div>
        ))}
      </fieldset>
      {decision === "accepted" && (
        <fieldset>
          <legend>{t("claimsAdmin.corrections")}</legend>
          <p className="hint">{t("claimsAdmin.correctionsHint")}</p>
          <Refusal error={documents.error} />
          {documents.data?.length === 0 && <p>{t("review.noDocuments")}</p>}
          {documents.data?.map((doc) => {
            const fix = fixes[doc.id] ?? { decision: "", reason: "" };
            const set = (next: Partial<typeof fix>) =>
              setFixes((all) => ({ ...all, [doc.id]: { ...fix, ...next } }));
            return (
              <div className="grid-fields" key={doc.id}>
                <div className="field">
                  <label htmlFor={`${id}-fix-${doc.id}`}>
                    {documentTitle(t, doc, lng)} ({t(`review.statuses.${doc.status}`)})
                  </label>
                  <select
                    id={`${id}-fix-${doc.id}`}
                    value={fix.decision}
                    onChange={(e) => set({ decision: e.target.value as typeof fix.decision })}
                  >
                    <option value="">{t("claimsAdmin.noChange")}</option>
                    <option value="verified">{t("review.verify")}</option>
                    <option value="rejected">{t("review.reject")}</option>
                  </select>
                </div>
                {fix.decision === "rejected" && (
                  <div className="field">
                    <label htmlFor={`${id}-fix-reason-${doc.id}`}>{t("review.reasonRequired")}</label>
                    <input
                      id={`${id}-fix-reason-${doc.id}`}
                      value={fix.reason}
                      maxLength={2000}
                      aria-invalid={fixMissing === doc.id || undefined}
                      onChange={(e) => set({ reason: e.target.value })}
                    />
                    {fixMissing === doc.id && (
                      <p className="field-error" role="alert">
                        {t("review.reasonMissing")}
                      </p>
                    )}
                  </div>
                )}
              </div>
            );
          })}
        </fieldset>
      )}
      <div className="field">
        <label htmlFor={`${id}-reason`}>{t("claimsAdmin.reason")}</label>
        <textarea
          id={`${id}-reason`}
          rows={3}
          maxLength={5000}
          value={reason}
          aria-invalid={missing || undefined}
          onChange={(e) => setReason(e.target.value)}
        />
        {missing && (
          <p className="field-error" role="alert">
            {t("claimsAdmin.reasonMissing")}
          </p>
        )}
      </div>
      <Refusal error={error} />
      <div className="actions">
        <button type="submit" className="button" disabled={busy} aria-busy={busy}>
          {t("claimsAdmin.resolve")}
        </button>
      </div>
    </form>
  );
}

export default function ClaimsPage() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const scope = useStaffScope();
  const { call, centre } = scope;
  const [status, setStatus] = useState<StatusFilter>("open");
  const [announcement, setAnnouncement] = useState("");
  const { data, error, loading, reload } = useLoad(async () => {
    if (!call || centre === null) return null;
    const claims = await api.get<{ items: Claim[] }>(
      callApi(call.id, `claims${query({ centre, status: status === "" ? undefined : status })}`),
    );
    return claims.items;
  }, [call?.id, centre, status]);
  return (
    <Page title={t("claimsAdmin.title")} wide>
      <CentrePicker scope={scope} />
      <div className="filters">
        <div className="field">
          <label htmlFor="claims-status">{t("claimsAdmin.status")}</label>
          <select
            id="claims-status"
            value={status}
            onChange={(e) => setStatus(e.target.value as StatusFilter)}
          >
            <option value="">{t("common.all")}</option>
            {(["open", "accepted", "rejected"] as const).map((s) => (
              <option key={s} value={s}>
                {t(`claimsAdmin.statuses.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <Refusal error={scope.error ?? error} />
      <p role="status" className="status-line">
        {announcement}
      </p>
      {loading && <Loading />}
      {data && (
        <>
          <p>{t("claimsAdmin.count", { count: data.length })}</p>
          {data.map((claim) => (
            <article key={claim.id} className="claim-card" aria-labelledby={`claim-${claim.id}`}>
              <h2 id={`claim-${claim.id}`}>
                {t("claimsAdmin.claimOf", { student: claim.studentId })}{" "}
                <span className={`badge badge-claim-${claim.status}`}>
                  {t(`claimsAdmin.statuses.${claim.status}`)}
                </span>
              </h2>
              <p className="muted">{t("claimsAdmin.filedAt", { at: formatDateTime(claim.filedAt, lng) })}</p>
              <blockquote className="claim-text">{claim.text}</blockquote>
              {claim.attachments.length > 0 && (
                <>
                  <h3>{t("claimsAdmin.attachments")}</h3>
                  <ul>
                    {claim.attachments.map((a) => (
                      <li key={a.position}>
                        <a
                          href={callApi(
                            call?.id ?? "",
                            `claims/${encodeURIComponent(claim.id)}/attachments/${a.position}`,
                          )}
                          download={a.name ?? `attachment-${a.position}`}
                        >
                          {a.name ?? t("claimsAdmin.attachment", { n: a.position + 1 })}
                        </a>{" "}
                        <span className="muted">({Math.ceil(a.size / 1024)} KB)</span>
                      </li>
                    ))}
                  </ul>
                </>
              )}
              <p>
                <Link href={`/staff/applications/${encodeURIComponent(claim.studentId)}`}>
                  {t("claimsAdmin.reviewStudent")}
                </Link>
              </p>
              {claim.status === "open" && call ? (
                <Resolve
                  callId={call.id}
                  claim={claim}
                  onDone={() => {
                    setAnnouncement(t("claimsAdmin.resolved", { student: claim.studentId }));
                    reload();
                  }}
                />
              ) : (
                claim.resolutionReason && (
                  <p>
                    <strong>{t("claimsAdmin.reason")}:</strong> {claim.resolutionReason}
                    {claim.resolvedAt && (
                      <span className="muted block">{formatDateTime(claim.resolvedAt, lng)}</span>
                    )}
                  </p>
                )
              )}
            </article>
          ))}
        </>
      )}
    </Page>
  );
}
