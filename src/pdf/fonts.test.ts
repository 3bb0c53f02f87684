// The documents' fonts: what printable keeps, turns into a space or drops, and what becomes "?"
// (only what DejaVu Sans has no glyph for); widths measured word by word equal pdf-lib's shaping of
// the whole line; a document with characters the font lacks still renders.
import { PDFDocument } from "pdf-lib";
import { beforeAll, describe, expect, it } from "vitest";
import { sealReceipt } from "../receipts/receipt.ts";
import { renderReceiptPdf } from "../receipts/receipt-pdf.ts";
import { type DocumentFonts, embedDocumentFonts, printable, widthOf, wrap } from "./fonts.ts";

describe("document fonts (DejaVu Sans)", () => {
  let fonts: DocumentFonts;
  beforeAll(async () => {
    fonts = await embedDocumentFonts(await PDFDocument.create());
  });

  it.each([
    ["Politechnika Łódzka", "Politechnika Łódzka"],
    ["Πανεπιστήμιο Αθηνών", "Πανεπιστήμιο Αθηνών"],
    ["Kateřina Dvořáková".normalize("NFD"), "Kateřina Dvořáková"],
    ["Műegyetem, Iași, Yıldız, Doğu, Гагарин", "Műegyetem, Iași, Yıldız, Doğu, Гагарин"],
    ["one\ttwo\nthree\u2028four", "one two three four"],
    ["zero\u200bwidth\u00ad soft", "zerowidth soft"],
    ["東京大学 🦀 नम Łódź 😀", "???? ? ?? Łódź 😀"],
    ["lone \ud800 surrogate", "lone ? surrogate"],
  ])("printable(%j) is %j", (text, shown) => {
    expect(printable(text, fonts.regular)).toBe(shown);
    expect(printable(text, fonts.bold)).toBe(shown);
  });

  it("measures a line as pdf-lib shapes it, ligatures included, word by word", () => {
    for (const font of [fonts.regular, fonts.bold])
      for (const text of [
        "office affluent fjord",
        "Politechnika Łódzka · Πανεπιστήμιο Αθηνών",
        "  two  spaces ",
        "Página 3 de 12 / Page 3 of 12",
        "",
      ]) {
        // Twice: measured, then from the words kept.
        expect(widthOf(text, font, 8)).toBeCloseTo(font.widthOfTextAtSize(text, 8), 9);
        expect(widthOf(text, font, 8)).toBeCloseTo(font.widthOfTextAtSize(text, 8), 9);
      }
  });

  it("wraps on spaces within the width, a word longer than the width whole on its line", () => {
    const lines = wrap("Budapesti Műszaki és Gazdaságtudományi Egyetem", fonts.regular, 10, 120);
    expect(lines.join(" ")).toBe("Budapesti Műszaki és Gazdaságtudományi Egyetem");
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines)
      if (line.includes(" ")) expect(widthOf(line, fonts.regular, 10)).toBeLessThanOrEqual(120);
  });

  it("renders a document with characters DejaVu has no glyph for", async () => {
    const receipt = sealReceipt({
      callId: "c",
      applicationId: "a",
      studentId: "s",
      choices: ["X"],
      validatedAt: "2018-05-07T11:59:59.000Z",
    });
    const bytes = await renderReceiptPdf({
      receipt,
      studentName: "山田 花子 \u0000",
      destinations: [{ agreementId: "X", partnerName: "東京大学 🦀 नम", country: "JP" }],
    });
    expect(Buffer.from(bytes.subarray(0, 5)).toString("latin1")).toBe("%PDF-");
    expect((await PDFDocument.load(bytes)).getPageCount()).toBe(1);
  });
});
