// One document beside the student's data: what it claims, the file itself (a PDF in a frame, an
// image as an image, with a download link), and the review: verify, or reject with a reason.
import { type FormEvent, useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../../lib/api.ts";
import { formatDateTime, languageName } from "../../../lib/format.ts";
import { callApi, Refusal } from "./common.tsx";
import type { StudentDocument } from "./types.ts";

export function documentTitle(
  t: (key: string, options?: Record<string, unknown>) => string,
  d: StudentDocument,
  lng: string,
): string {
  if (d.kind === "activity") return t(`review.activityKinds.${d.activityKind ?? "international-event"}`);
  const language = d.language ? languageName(d.language, lng) : "";
  return [language, d.level, d.certificate === "level-test" ? t("review.levelTest") : d.certificate]
    .filter(Boolean)
    .join(" · ");
}

export function DocumentReview({
  callId,
  doc,
  onReviewed,
}: {
  callId: string;
  doc: StudentDocument;
  onReviewed: (doc: StudentDocument) => void;
}) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const id = useId();
  const [decision, setDecision] = useState<"verified" | "rejected">("verified");
  const [reason, setReason] = useState("");
  const [reasonMissing, setReasonMissing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [again, setAgain] = useState(false);
  // Reviewing again: the form replaces the button, so the focus goes to its first choice.
  useEffect(() => {
    if (again) document.getElementById(`${id}-verified`)?.focus();
  }, [again, id]);
  const fileUrl = callApi(callId, `documents/${encodeURIComponent(doc.id)}/file`);
  const title = documentTitle(t, doc, lng);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const missing = decision === "rejected" && reason.trim() === "";
    setReasonMissing(missing);
    if (missing) {
      document.getElementById(`${id}-reason`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const body = reason.trim() === "" ? { decision } : { decision, reason: reason.trim() };
      const reviewed = await api.post<StudentDocument>(
        callApi(callId, `documents/${encodeURIComponent(doc.id)}/review`),
        body,
      );
      setReason("");
      setAgain(false);
      onReviewed(reviewed);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <article className="document-card" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>
        {title} <span className={`badge badge-doc-${doc.status}`}>{t(`review.statuses.${doc.status}`)}</span>
      </h3>
      <p className="muted">
        {t("review.uploadedAt", { at: formatDateTime(doc.uploadedAt, lng) })}
        {doc.result !== null && <> · {t("review.result", { result: doc.result })}</>}
      </p>
      {doc.reviewReason && (
        <p>
          <strong>{t("review.reason")}:</strong> {doc.reviewReason}
        </p>
      )}
      {doc.file ? (
        <div className="viewer">
          {doc.file.mediaType === "application/pdf" ? (
            <iframe src={fileUrl} title={t("review.viewerOf", { title })} className="viewer-frame" />
          ) : (
            <img src={fileUrl} alt={t("review.viewerOf", { title })} className="viewer-image" />
          )}
          <a href={fileUrl} download={doc.file.name ?? `${doc.id}`}>
            {t("review.download", { name: doc.file.name ?? title })}
          </a>
        </div>
      ) : (
        <p className="muted">{t("review.noFile")}</p>
      )}
      {doc.status === "pending" || again ? (
        <form
          className="form review-form"
          onSubmit={(event) => void submit(event)}
          aria-label={t("review.reviewOf", { title })}
        >
          <fieldset>
            <legend>{t("review.decision")}</legend>
            <div className="field checkbox">
              <input
                type="radio"
                id={`${id}-verified`}
                name={`${id}-decision`}
                checked={decision === "verified"}
                onChange={() => setDecision("verified")}
              />
              <label htmlFor={`${id}-verified`}>{t("review.verify")}</label>
            </div>
            <div className="field checkbox">
              <input
                type="radio"
                id={`${id}-rejected`}
                name={`${id}-decision`}
                checked={decision === "rejected"}
                onChange={() => setDecision("rejected")}
              />
              <label htmlFor={`${id}-rejected`}>{t("review.reject")}</label>
            </div>
          </fieldset>
          <div className="field">
            <label htmlFor={`${id}-reason`}>
              {decision === "rejected" ? t("review.reasonRequired") : t("review.reasonOptional")}
            </label>
            <textarea
              id={`${id}-reason`}
              rows={2}
              value={reason}
              maxLength={500}
              aria-invalid={reasonMissing || undefined}
              aria-describedby={reasonMissing ? `${id}-reason-error` : undefined}
              onChange={(e) => setReason(e.target.value)}
            />
            {reasonMissing && (
              <p id={`${id}-reason-error`} className="field-error" role="alert">
                {t("review.reasonMissing")}
              </p>
            )}
          </div>
          <Refusal error={error} />
          <div className="actions">
            <button type="submit" className="button" disabled={busy} aria-busy={busy}>
              {t("review.save")}
            </button>
            {again && (
              <button type="button" onClick={() => setAgain(false)}>
                {t("common.cancel")}
              </button>
            )}
          </div>
        </form>
      ) : (
        <p className="muted">
          {doc.reviewedAt && t("review.reviewedAt", { at: formatDateTime(doc.reviewedAt, lng) })}{" "}
          <button type="button" className="button-small" aria-expanded={false} onClick={() => setAgain(true)}>
            {t("review.again")}
          </button>
        </p>
      )}
    </article>
  );
}
