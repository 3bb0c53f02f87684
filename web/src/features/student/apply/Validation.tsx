// Validating: a confirmation that says plainly it cannot be undone and lists the choices in order;
// then the receipt (its id, the exact instant in Madrid time, the PDF).
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../../../lib/format.ts";
import type { Destination, Receipt } from "./data.ts";
import { refusalText } from "./words.ts";

export function ConfirmDialog({
  open,
  choices,
  byId,
  exclusions,
  onCancel,
  onConfirm,
}: {
  open: boolean;
  choices: string[];
  byId: ReadonlyMap<string, Destination>;
  exclusions: string[];
  onCancel: () => void;
  onConfirm: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const node = dialog.current;
    if (!node) return;
    if (open && !node.open) {
      setError(null);
      node.showModal();
    }
    if (!open && node.open) node.close();
  }, [open]);
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <dialog ref={dialog} className="apply-dialog" aria-labelledby="confirm-title" onClose={onCancel}>
      <h2 id="confirm-title">{t("apply.validate.confirmTitle")}</h2>
      <p className="alert apply-warning">
        <strong>{t("apply.validate.cannotUndo")}</strong>
      </p>
      <p>{t("apply.validate.yourChoices")}</p>
      <ol data-testid="confirm-choices">
        {choices.map((id) => (
          <li key={id}>{byId.get(id)?.agreement.partner.name ?? id}</li>
        ))}
      </ol>
      {exclusions.length > 0 && (
        <div className="alert alert-error">
          <p>{t("apply.exclusions.intro")}</p>
          <ul>
            {exclusions.map((code) => (
              <li key={code}>{t(`exclusions.${code}`)}</li>
            ))}
          </ul>
        </div>
      )}
      {error !== null && (
        <p className="alert alert-error" role="alert">
          {refusalText(t, error)}
        </p>
      )}
      <div className="actions">
        <button type="button" onClick={onCancel} disabled={busy}>
          {t("apply.validate.cancel")}
        </button>
        <button type="button" className="button" onClick={() => void confirm()} disabled={busy}>
          {busy ? t("apply.validate.validating") : t("apply.validate.confirm")}
        </button>
      </div>
    </dialog>
  );
}

export function ReceiptView({
  receipt,
  byId,
  pdfHref,
  focus,
}: {
  receipt: Receipt;
  byId: ReadonlyMap<string, Destination>;
  pdfHref: string;
  /** Just validated: the focus moves to the receipt (the dialog and its button are gone). */
  focus: boolean;
}) {
  const { t, i18n } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focus) heading.current?.focus();
  }, [focus]);
  return (
    <section aria-labelledby="receipt-title" className="apply-receipt" data-testid="receipt">
      <h2 id="receipt-title" tabIndex={-1} ref={heading}>
        {t("apply.receipt.title")}
      </h2>
      <p className="alert alert-success">{t("apply.receipt.done")}</p>
      <dl className="apply-facts apply-receipt-facts">
        <div>
          <dt>{t("apply.receipt.id")}</dt>
          <dd data-testid="receipt-id">{receipt.receiptId}</dd>
        </div>
        <div>
          <dt>{t("apply.receipt.at")}</dt>
          <dd>
            <time dateTime={receipt.validatedAt} data-testid="receipt-at">
              {receipt.validatedAtMadrid}
            </time>
            <span className="block muted">{formatDateTime(receipt.validatedAt, i18n.language)}</span>
          </dd>
        </div>
        <div>
          <dt>{t("apply.receipt.sha")}</dt>
          <dd className="apply-sha">{receipt.sha256}</dd>
        </div>
      </dl>
      <h3>{t("apply.receipt.choices")}</h3>
      <ol>
        {receipt.choices.map((id) => (
          <li key={id}>{byId.get(id)?.agreement.partner.name ?? id}</li>
        ))}
      </ol>
      <p>
        <a className="button" href={pdfHref} download data-testid="receipt-pdf">
          {t("apply.receipt.pdf")}
        </a>
      </p>
    </section>
  );
}
