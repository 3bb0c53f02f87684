// What a file is, from its content only (never its name nor the header a client sent): the
// documents a student hands in are PDF, JPEG or PNG (issue 4).
import { fileTypeFromBuffer } from "file-type";

export const DOCUMENT_MEDIA_TYPES = ["application/pdf", "image/jpeg", "image/png"] as const;
export type DocumentMediaType = (typeof DOCUMENT_MEDIA_TYPES)[number];

const EXTENSIONS: Record<DocumentMediaType, readonly string[]> = {
  "application/pdf": ["pdf"],
  "image/jpeg": ["jpg", "jpeg"],
  "image/png": ["png"],
};

export type SniffResult =
  | { ok: true; mediaType: DocumentMediaType }
  | { ok: false; reason: "UNKNOWN_TYPE" | "TYPE_NOT_ALLOWED" | "TYPE_MISMATCH"; detail: string };

/**
 * The type of a file from its first bytes. When the client also claimed a type (its part's
 * Content-Type) or a file name with an extension, they must agree with the content: a PNG sent as
 * application/pdf, or a text file named .pdf, is not what it claims and is refused.
 */
export async function sniffDocument(
  content: { head: Uint8Array; tail: Uint8Array },
  claimed: { mediaType?: string | undefined; fileName?: string | undefined },
): Promise<SniffResult> {
  const found = await fileTypeFromBuffer(content.head);
  if (found === undefined)
    return { ok: false, reason: "UNKNOWN_TYPE", detail: "not a PDF, JPEG or PNG file" };
  const mediaType = DOCUMENT_MEDIA_TYPES.find((t) => t === found.mime);
  if (mediaType === undefined)
    return { ok: false, reason: "TYPE_NOT_ALLOWED", detail: `${found.mime} is not a PDF, JPEG or PNG file` };
  if (!wellFormed(mediaType, Buffer.from(content.head), Buffer.from(content.tail)))
    return {
      ok: false,
      reason: "UNKNOWN_TYPE",
      detail: `starts like ${mediaType} but is not a whole ${mediaType} file`,
    };
  const declared = claimed.mediaType?.split(";")[0]?.trim().toLowerCase();
  if (
    declared !== undefined &&
    declared !== "" &&
    declared !== "application/octet-stream" &&
    declared !== mediaType
  )
    return {
      ok: false,
      reason: "TYPE_MISMATCH",
      detail: `sent as ${declared} but the content is ${mediaType}`,
    };
  const extension = /\.([A-Za-z0-9]+)$/.exec(claimed.fileName ?? "")?.[1]?.toLowerCase();
  const known = Object.values(EXTENSIONS).flat();
  if (extension !== undefined && known.includes(extension) && !EXTENSIONS[mediaType].includes(extension))
    return {
      ok: false,
      reason: "TYPE_MISMATCH",
      detail: `named .${extension} but the content is ${mediaType}`,
    };
  return { ok: true, mediaType };
}

/**
 * The start and the end of the file both as its format says: a PDF begins with "%PDF-1.x" and has
 * "%%EOF" in its last kilobyte, a PNG ends with its IEND chunk, a JPEG with the EOI marker. A
 * text that merely begins with "%PDF" is not a PDF.
 */
function wellFormed(mediaType: DocumentMediaType, head: Buffer, tail: Buffer): boolean {
  switch (mediaType) {
    case "application/pdf":
      return (
        /^%PDF-\d\.\d/.test(head.subarray(0, 16).toString("latin1")) && tail.includes("%%EOF", 0, "latin1")
      );
    case "image/png":
      return tail.includes(Buffer.from([0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]));
    case "image/jpeg":
      return tail.includes(Buffer.from([0xff, 0xd9]));
  }
}
