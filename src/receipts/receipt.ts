// The receipt of a validation (Bases §5: validation is the formal submission): what was submitted,
// by whom, at which exact instant, and a hash of exactly that, so a printed receipt can be checked
// against the server's record. The PDF is rendered from the same data (receipt-pdf.ts).
import { createHash } from "node:crypto";
import { canonicalJson } from "../domain/lists.ts";

export interface ReceiptContent {
  callId: string;
  applicationId: string;
  studentId: string;
  /** Agreement ids, most wanted first. */
  choices: string[];
  /** ISO 8601 UTC, to the millisecond. */
  validatedAt: string;
}

export interface Receipt extends ReceiptContent {
  receiptId: string;
  sha256: string;
}

/** The SHA-256 of the canonical JSON of the content, and a short id from it. */
export function sealReceipt(content: ReceiptContent): Receipt {
  const sha256 = createHash("sha256").update(canonicalJson(content)).digest("hex");
  return { ...content, receiptId: `MOB-${sha256.slice(0, 16).toUpperCase()}`, sha256 };
}

/** An instant as the call's calendar reads it (Europe/Madrid), e.g. "07/05/2018 13:59:59.000 CEST". */
export function madridTime(iso: string): string {
  const date = new Date(iso);
  const parts = new Intl.DateTimeFormat("es-ES", {
    timeZone: "Europe/Madrid",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
    timeZoneName: "short",
  }).formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  const ms = String(date.getUTCMilliseconds()).padStart(3, "0");
  return `${get("day")}/${get("month")}/${get("year")} ${get("hour")}:${get("minute")}:${get("second")}.${ms} ${get("timeZoneName")}`;
}
