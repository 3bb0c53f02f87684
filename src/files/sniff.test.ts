import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { sniffDocument } from "./sniff.ts";

const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);
const whole = (bytes: Uint8Array) => ({ head: bytes.subarray(0, 4100), tail: bytes.subarray(-1024) });

describe("a document's type comes from its content", async () => {
  const pdf = await (async () => {
    const doc = await PDFDocument.create();
    doc.addPage();
    return doc.save();
  })();

  it("accepts a PDF and a PNG that are what they claim", async () => {
    expect(await sniffDocument(whole(pdf), { mediaType: "application/pdf", fileName: "a.pdf" })).toEqual({
      ok: true,
      mediaType: "application/pdf",
    });
    expect(await sniffDocument(whole(PNG), { mediaType: "image/png", fileName: "a.png" })).toMatchObject({
      ok: true,
    });
    expect(await sniffDocument(whole(PNG), { mediaType: "application/octet-stream" })).toMatchObject({
      ok: true,
    });
  });

  it.each([
    ["text named .pdf", Buffer.from("hello"), "application/pdf", "a.pdf", "UNKNOWN_TYPE"],
    [
      "text starting with %PDF",
      Buffer.from("%PDF-1.7 but nothing else"),
      "application/pdf",
      "a.pdf",
      "UNKNOWN_TYPE",
    ],
    ["a PNG sent as a PDF", PNG, "application/pdf", "a.png", "TYPE_MISMATCH"],
    ["a PNG named .pdf", PNG, "image/png", "scan.pdf", "TYPE_MISMATCH"],
    ["a truncated PNG", PNG.subarray(0, 40), "image/png", "a.png", "UNKNOWN_TYPE"],
    [
      "a GIF",
      Buffer.from("GIF89a\u0001\u0000\u0001\u0000\u0000\u0000\u0000;", "latin1"),
      "image/gif",
      "a.gif",
      "TYPE_NOT_ALLOWED",
    ],
  ])("refuses %s", async (_what, bytes, mediaType, fileName, reason) => {
    expect(await sniffDocument(whole(bytes), { mediaType, fileName })).toMatchObject({ ok: false, reason });
  });
});
