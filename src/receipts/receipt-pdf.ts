// The validation receipt as a PDF (pdf-lib), labels in Spanish and English. Deterministic: the
// same receipt gives the same bytes (the document's dates are the validation instant). Set in
// DejaVu Sans (src/pdf/fonts.ts), so the student's and the partners' names print as written.
import { PDFDocument, type PDFFont } from "pdf-lib";
import { drawLine, embedDocumentFonts, wrap } from "../pdf/fonts.ts";
import { madridTime, type Receipt } from "./receipt.ts";

export interface ReceiptPdfData {
  receipt: Receipt;
  studentName: string | null;
  /** Per choice, in order: the partner's name and country. */
  destinations: { agreementId: string; partnerName: string; country: string }[];
}

const PAGE: [number, number] = [595.28, 841.89];
const MARGIN = 56;

export async function renderReceiptPdf({
  receipt,
  studentName,
  destinations,
}: ReceiptPdfData): Promise<Uint8Array> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  const at = new Date(receipt.validatedAt);
  pdf.setTitle(`Justificante / Receipt ${receipt.receiptId}`);
  pdf.setCreationDate(at);
  pdf.setModificationDate(at);
  pdf.setProducer("Mobilitas");
  const page = pdf.addPage(PAGE);
  const { regular, bold } = await embedDocumentFonts(pdf);
  let y = 790;
  // A long partner's name wraps onto the next line rather than running off the page.
  const line = (text: string, font: PDFFont = regular, size = 11) => {
    for (const part of wrap(text, font, size, PAGE[0] - 2 * MARGIN)) {
      drawLine(page, part, { x: MARGIN, y, size, font });
      y -= size + 8;
    }
  };
  line("Justificante de validación de solicitud Erasmus+", bold, 15);
  line("Erasmus+ application validation receipt", regular, 12);
  y -= 10;
  line(`Convocatoria / Call: ${receipt.callId}`);
  line(`Solicitud / Application: ${receipt.applicationId}`);
  line(`Estudiante / Student: ${receipt.studentId}${studentName ? ` — ${studentName}` : ""}`);
  line(`Validada / Validated: ${madridTime(receipt.validatedAt)} (${receipt.validatedAt})`);
  y -= 6;
  line("Destinos por orden de preferencia / Destinations in order of preference", bold);
  for (const [i, d] of destinations.entries())
    line(`${i + 1}. ${d.agreementId} — ${d.partnerName} (${d.country})`);
  if (destinations.length === 0) line("—");
  y -= 6;
  line(`Justificante / Receipt id: ${receipt.receiptId}`, bold);
  line("SHA-256:", regular, 9);
  line(receipt.sha256, regular, 9);
  y -= 6;
  line("Una vez validada, la solicitud no puede modificarse (Bases §5).", regular, 9);
  line("Once validated, the application cannot be changed.", regular, 9);
  return pdf.save({ useObjectStreams: false });
}
