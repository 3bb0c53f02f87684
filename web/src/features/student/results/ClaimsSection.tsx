// Claims against the provisional list (text and optional attachments) and the renunciation, only
// inside the claims window; outside it, when it opens or when it closed. The claims filed, with
// their status and resolution.
import { type FormEvent, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { currentLanguage } from "../../../i18n/index.ts";
import { api } from "../../../lib/api.ts";
import { formatDateTime } from "../../../lib/format.ts";
import type { Call } from "../../../lib/types.ts";
import { ConfirmButton, Refusal, UploadProgress } from "./shared.tsx";
import type { Claim, Renunciation } from "./types.ts";
import { ACCEPT_ATTRIBUTE, checkFile, postWithProgress } from "./upload.ts";

const MAX_FILES = 5;
const CLAIM_BADGE = { open: "badge-substitute", accepted: "badge-awarded", rejected: "badge-excluded" };

function ClaimForm({ path, onFiled }: { path: string; onFiled: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [text, setText] = useState("");
  const [files, setFiles] = useState<File[]>([]);
  const [problem, setProblem] = useState<{ field: "text" | "files"; message: string } | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);

  function filesProblem(chosen: File[]): string | null {
    if (chosen.length > MAX_FILES) return t("results.claims.tooManyFiles", { max: MAX_FILES });
    for (const file of chosen) {
      const found = checkFile(file);
      if (found !== null)
        return t("results.claims.badFile", {
          name: file.name,
          problem: t(`documents.fileProblems.${found}`),
        });
    }
    return null;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setDone(false);
    if (text.trim() === "") {
      setProblem({ field: "text", message: t("results.claims.textRequired") });
      return;
    }
    const bad = filesProblem(files);
    if (bad !== null) {
      setProblem({ field: "files", message: bad });
      return;
    }
    setProblem(null);
    const form = new FormData();
    form.set("text", text);
    for (const file of files) form.append("file", file, file.name);
    setProgress(0);
    try {
      await postWithProgress<Claim>(path, form, setProgress);
      setDone(true);
      setText("");
      setFiles([]);
      if (fileInput.current) fileInput.current.value = "";
      onFiled();
    } catch (failure) {
      setError(failure);
    } finally {
      setProgress(null);
    }
  }

  const describedBy = (field: "text" | "files", hint: string) =>
    problem?.field === field ? `${hint} ${id}-${field}-error` : hint;
  return (
    <form
      className="form"
      noValidate
      onSubmit={(event) => void submit(event)}
      aria-labelledby={`${id}-title`}
    >
      <h3 id={`${id}-title`}>{t("results.claims.formTitle")}</h3>
      <div className="field">
        <label htmlFor={`${id}-text`}>{t("results.claims.text")}</label>
        <textarea
          id={`${id}-text`}
          rows={6}
          maxLength={20000}
          value={text}
          onChange={(event) => setText(event.target.value)}
          aria-invalid={problem?.field === "text" || undefined}
          aria-describedby={describedBy("text", `${id}-text-hint`)}
        />
        <p id={`${id}-text-hint`} className="hint">
          {t("results.claims.textHint")}
        </p>
        {problem?.field === "text" && (
          <p id={`${id}-text-error`} className="field-error">
            {problem.message}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor={`${id}-files`}>{t("results.claims.files")}</label>
        <input
          ref={fileInput}
          id={`${id}-files`}
          type="file"
          multiple
          accept={ACCEPT_ATTRIBUTE}
          onChange={(event) => {
            const chosen = [...(event.target.files ?? [])];
            setFiles(chosen);
            const bad = filesProblem(chosen);
            setProblem(bad === null ? null : { field: "files", message: bad });
          }}
          aria-invalid={problem?.field === "files" || undefined}
          aria-describedby={describedBy("files", `${id}-files-hint`)}
        />
        <p id={`${id}-files-hint`} className="hint">
          {t("results.claims.filesHint", { max: MAX_FILES })}
        </p>
        {problem?.field === "files" && (
          <p id={`${id}-files-error`} className="field-error">
            {problem.message}
          </p>
        )}
      </div>
      {progress !== null && <UploadProgress fraction={progress} label={t("results.claims.progress")} />}
      <button type="submit" className="button" disabled={progress !== null}>
        {progress !== null ? t("results.claims.sending") : t("results.claims.send")}
      </button>
      <div aria-live="polite">
        {done && (
          <p className="alert alert-success" role="status">
            {t("results.claims.filed")}
          </p>
        )}
      </div>
      {problem !== null && (
        <p className="alert alert-error" role="alert">
          {problem.message}
        </p>
      )}
      <Refusal error={error} />
    </form>
  );
}

function ClaimList({ claims, callId }: { claims: Claim[]; callId: string }) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  if (claims.length === 0) return <p>{t("results.claims.none")}</p>;
  return (
    <ul className="item-list" aria-label={t("results.claims.listLabel")}>
      {claims.map((claim) => (
        <li key={claim.id}>
          <p>
            <span className={`badge ${CLAIM_BADGE[claim.status]}`}>
              {t(`results.claims.statuses.${claim.status}`)}
            </span>{" "}
            <span className="muted">
              {t("results.claims.filedAt", { at: formatDateTime(claim.filedAt, lng) })}
            </span>
          </p>
          <p className="claim-text">{claim.text}</p>
          {claim.attachments.length > 0 && (
            <ul>
              {claim.attachments.map((a) => (
                <li key={a.position}>
                  <a
                    href={`/api/calls/${encodeURIComponent(callId)}/claims/${encodeURIComponent(claim.id)}/attachments/${a.position}`}
                    download={a.name ?? true}
                  >
                    {a.name ?? t("results.claims.attachment", { n: a.position + 1 })}
                  </a>
                </li>
              ))}
            </ul>
          )}
          {claim.status !== "open" && (
            <p>
              {t("results.claims.resolution", {
                at: claim.resolvedAt ? formatDateTime(claim.resolvedAt, lng) : "",
                reason: claim.resolutionReason ?? "",
              })}
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}

export function ClaimsSection({
  call,
  studentId,
  now,
  hasProvisional,
  hasDefinitive,
  onListChanged,
  claims,
}: {
  call: Call;
  studentId: string;
  now: number;
  hasProvisional: boolean;
  hasDefinitive: boolean;
  onListChanged: () => void;
  claims: Claim[];
}) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const [renunciation, setRenunciation] = useState<Renunciation | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const { claimsOpenAt, claimsCloseAt } = call.calendar;
  const base = `/api/calls/${encodeURIComponent(call.id)}/students/${encodeURIComponent(studentId)}`;
  const inWindow =
    claimsOpenAt !== null &&
    claimsCloseAt !== null &&
    now >= Date.parse(claimsOpenAt) &&
    now <= Date.parse(claimsCloseAt);
  const open = inWindow && hasProvisional && !hasDefinitive;

  let note: string;
  if (claimsOpenAt === null || claimsCloseAt === null) note = t("results.claims.noWindow");
  else if (now < Date.parse(claimsOpenAt))
    note = t("results.claims.opensAt", {
      from: formatDateTime(claimsOpenAt, lng),
      to: formatDateTime(claimsCloseAt, lng),
    });
  else if (now > Date.parse(claimsCloseAt) || hasDefinitive)
    note = t("results.claims.closedAt", { at: formatDateTime(claimsCloseAt, lng) });
  else if (!hasProvisional) note = t("results.claims.waitingList");
  else note = t("results.claims.openUntil", { at: formatDateTime(claimsCloseAt, lng) });

  async function renounce() {
    setBusy(true);
    setError(null);
    try {
      setRenunciation(await api.post<Renunciation>(`${base}/renunciation`, {}));
      onListChanged();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="claims-title">
      <h2 id="claims-title">{t("results.claims.title")}</h2>
      <p className="phase-note" data-testid="claims-note">
        {note}
      </p>
      {open && renunciation === null && <ClaimForm path={`${base}/claims`} onFiled={onListChanged} />}
      <h3>{t("results.claims.mine")}</h3>
      <ClaimList claims={claims} callId={call.id} />
      {open && (
        <div>
          <h3>{t("results.renounce.title")}</h3>
          {renunciation === null ? (
            <>
              <p>{t("results.renounce.explain")}</p>
              <ConfirmButton
                label={t("results.renounce.button")}
                question={
                  <>
                    <p className="strong">{t("results.renounce.question")}</p>
                    <p>{t("results.renounce.cannotUndo")}</p>
                  </>
                }
                confirmLabel={t("results.renounce.confirm")}
                busy={busy}
                danger
                onConfirm={() => void renounce()}
              />
            </>
          ) : (
            <p className="alert alert-success" role="status">
              {t("results.renounce.done", { at: formatDateTime(renunciation.renouncedAt, lng) })}
            </p>
          )}
          <Refusal error={error} />
        </div>
      )}
    </section>
  );
}
