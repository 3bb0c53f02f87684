// Pieces the student's documents and results pages share: the server's clock (the call's phases
// follow it, not the browser's), refusals in words, and a confirmation before what cannot be undone.
import { type ReactNode, useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api } from "../../../lib/api.ts";
import { errorText } from "../../../lib/errors.tsx";
import { reasonOf } from "./upload.ts";

/** The server's "now", kept running: the offset to the browser's clock is read once. */
export async function serverClock(): Promise<() => number> {
  const before = Date.now();
  const { time } = await api.get<{ time: string }>("/api/health");
  const offset = Date.parse(time) - Math.round((before + Date.now()) / 2);
  return () => Date.now() + offset;
}

/** A refusal of the server in words: its workflow reason when there is one, else its code. */
export function refusalText(t: ReturnType<typeof useTranslation>["t"], error: unknown): string {
  // A field's reason (`FILE_TYPE: …` in an issue), else the refusal's own code (CLAIMS_WINDOW_CLOSED),
  // in the student's words when this part has them, else the general words of the core catalogue.
  const candidates = [reasonOf(error), error instanceof ApiError ? error.code : null];
  for (const code of candidates) {
    if (code === null) continue;
    const text = t(`studentReasons.${code}`, { defaultValue: "" });
    if (text !== "") return text;
  }
  return errorText(t, error);
}

export function Refusal({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (error === null || error === undefined) return null;
  return (
    <p className="alert alert-error" role="alert">
      {refusalText(t, error)}
    </p>
  );
}

/**
 * A button that asks first: the question, what follows, and confirm / cancel. Focus moves to the
 * question when it opens and back to the button when cancelled.
 */
export function ConfirmButton({
  label,
  question,
  confirmLabel,
  busy,
  onConfirm,
  danger,
}: {
  label: string;
  question: ReactNode;
  confirmLabel: string;
  busy: boolean;
  onConfirm: () => void;
  danger?: boolean;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [questionEl, setQuestionEl] = useState<HTMLFieldSetElement | null>(null);
  const [buttonEl, setButtonEl] = useState<HTMLButtonElement | null>(null);
  // The button is a new element once the question closes: focus it when it is there again.
  const [restoreFocus, setRestoreFocus] = useState(false);
  useEffect(() => {
    if (open) questionEl?.focus();
  }, [open, questionEl]);
  useEffect(() => {
    if (!open && restoreFocus && buttonEl) {
      buttonEl.focus();
      setRestoreFocus(false);
    }
  }, [open, restoreFocus, buttonEl]);
  const cancel = useCallback(() => {
    setOpen(false);
    setRestoreFocus(true);
  }, []);
  if (!open)
    return (
      <button
        ref={setButtonEl}
        type="button"
        className={danger ? "button button-danger" : "button"}
        disabled={busy}
        onClick={() => setOpen(true)}
      >
        {label}
      </button>
    );
  return (
    <fieldset
      ref={setQuestionEl}
      className="confirm"
      tabIndex={-1}
      onKeyDown={(event) => {
        if (event.key === "Escape") cancel();
      }}
    >
      <legend className="visually-hidden">{label}</legend>
      <div className="confirm-question">{question}</div>
      <div className="confirm-actions">
        <button
          type="button"
          className={danger ? "button button-danger" : "button"}
          disabled={busy}
          onClick={onConfirm}
        >
          {confirmLabel}
        </button>
        <button type="button" className="button button-secondary" disabled={busy} onClick={cancel}>
          {t("common.cancel")}
        </button>
      </div>
    </fieldset>
  );
}

/** An upload's progress: a labelled progress bar, its percentage announced politely. */
export function UploadProgress({ fraction, label }: { fraction: number; label: string }) {
  const percent = Math.round(fraction * 100);
  return (
    <div className="upload-progress">
      <label>
        <span>{label}</span>
        <progress max={100} value={percent}>
          {percent} %
        </progress>
      </label>
      <span aria-live="polite" className="upload-percent">
        {percent} %
      </span>
    </div>
  );
}
