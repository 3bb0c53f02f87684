// The fonts of the documents Mobilitas prints (published lists, receipts): DejaVu Sans, regular and
// bold, embedded as subsets. The PDF standard fonts encode WinAnsi only, and Erasmus partners and
// students are named in Polish, Czech, Greek, Hungarian, Romanian, Turkish… ("Politechnika Łódzka",
// "Kateřina Dvořáková", "Πανεπιστήμιο Αθηνών"): DejaVu covers the European scripts. The font files
// come from the npm package dejavu-fonts-ttf, read once per process. Embedding is deterministic
// (pdf-lib's font name suffix comes from a generator seeded per document), so the same document still
// gives the same bytes. docs/decisions/0012-list-exports-and-statistics.md.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import fontkit from "@pdf-lib/fontkit";
import type { Color, PDFDocument, PDFFont, PDFPage } from "pdf-lib";

type Style = "regular" | "bold";
const FILES: Record<Style, string> = { regular: "DejaVuSans.ttf", bold: "DejaVuSans-Bold.ttf" };

const fontsDir = () =>
  path.join(path.dirname(createRequire(import.meta.url).resolve("dejavu-fonts-ttf/package.json")), "ttf");

const bytesOf = new Map<Style, Promise<Uint8Array>>();
/** A font file's bytes, read on first use and kept for the life of the process. */
function fontBytes(style: Style): Promise<Uint8Array> {
  let bytes = bytesOf.get(style);
  if (bytes === undefined) {
    bytes = readFile(path.join(fontsDir(), FILES[style]));
    bytesOf.set(style, bytes);
    // A failed read is not cached: the next document tries again.
    bytes.catch(() => bytesOf.delete(style));
  }
  return bytes;
}

/** The code points each embedded font has a glyph for (the same for every document: one set per style). */
const coverageOfStyle = new Map<Style, ReadonlySet<number>>();
const coverage = new WeakMap<PDFFont, ReadonlySet<number>>();
const styleOf = new WeakMap<PDFFont, Style>();

export interface DocumentFonts {
  regular: PDFFont;
  bold: PDFFont;
}

/** Embeds DejaVu Sans and DejaVu Sans Bold in `pdf`, as subsets of the glyphs the document shows. */
export async function embedDocumentFonts(pdf: PDFDocument): Promise<DocumentFonts> {
  pdf.registerFontkit(fontkit);
  // One after the other: the order fixes each font's name in the document, hence its bytes.
  const embed = async (style: Style) => {
    const font = await pdf.embedFont(await fontBytes(style), { subset: true });
    let covered = coverageOfStyle.get(style);
    if (covered === undefined) {
      covered = new Set(font.getCharacterSet());
      coverageOfStyle.set(style, covered);
    }
    coverage.set(font, covered);
    styleOf.set(font, style);
    return font;
  };
  const regular = await embed("regular");
  const bold = await embed("bold");
  return { regular, bold };
}

// Line and paragraph breaks and other controls would break a line drawn as one; format characters
// (zero-width joiners, direction marks, soft hyphens) are invisible in a line that is never hyphenated.
const BREAK = /[\p{Cc}\p{Zl}\p{Zp}]/u;
const INVISIBLE = /\p{Cf}/u;

/**
 * Text as `font` can draw it: composed (NFC, so "ř" typed as r + ˇ is one glyph), controls as
 * spaces, invisible format characters dropped, and only what the font has no glyph for as "?"
 * (never a failed document).
 */
export function printable(text: string, font: PDFFont): string {
  let covered = coverage.get(font);
  if (covered === undefined) {
    covered = new Set(font.getCharacterSet());
    coverage.set(font, covered);
  }
  let out = "";
  for (const c of text.normalize("NFC")) {
    if (BREAK.test(c)) out += " ";
    else if (INVISIBLE.test(c)) continue;
    else out += covered.has(c.codePointAt(0)!) ? c : "?";
  }
  return out;
}

/** Splits text into lines no wider than `width` at this font and size (on spaces; a longer word stays whole). */
export function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let current = "";
  for (const word of printable(text, font).split(/\s+/)) {
    const candidate = current === "" ? word : `${current} ${word}`;
    if (widthOf(candidate, font, size) <= width || current === "") current = candidate;
    else {
      lines.push(current);
      current = word;
    }
  }
  if (current !== "") lines.push(current);
  return lines;
}

// Measuring text shapes it (fontkit's layout: ligatures, composition), some 2 µs a character, and a
// list measures every candidate line of every cell while wrapping. Words are shaped on their own
// (spaces break every ligature and pdf-lib applies no kerning), so a line's width is the sum of its
// words' and spaces', and a word's width at size 1 is the same in every document of one style: kept
// per process, forgotten wholesale past a bound (masked ids and scores make new words every list).
const WORDS_KEPT = 20_000;
const wordWidths = new Map<Style, Map<string, number>>();

/** The width of printable `text` in `font` at `size`, as pdf-lib draws it. */
export function widthOf(text: string, font: PDFFont, size: number): number {
  const style = styleOf.get(font);
  if (style === undefined) return font.widthOfTextAtSize(text, size);
  let widths = wordWidths.get(style);
  if (widths === undefined || widths.size > WORDS_KEPT) {
    widths = new Map();
    wordWidths.set(style, widths);
  }
  const words = text.split(" ");
  let total = 0;
  for (const word of words) {
    let width = widths.get(word);
    if (width === undefined) {
      width = word === "" ? 0 : font.widthOfTextAtSize(word, 1);
      widths.set(word, width);
    }
    total += width;
  }
  return (total + (words.length - 1) * spaceWidth(font, widths)) * size;
}
const spaceWidth = (font: PDFFont, widths: Map<string, number>): number => {
  let width = widths.get(" ");
  if (width === undefined) {
    width = font.widthOfTextAtSize(" ", 1);
    widths.set(" ", width);
  }
  return width;
};

// pdf-lib's drawText with a `font` adds the font to the page's resources under a new name at each
// call, and again to restore the previous one: some 60 bytes a cell in a list of hundreds of cells.
// Setting the page's font only when it changes names it once per change.
const fontOfPage = new WeakMap<PDFPage, PDFFont>();

/** Draws one line of printable text, the page's font changed only when it has to be. */
export function drawLine(
  page: PDFPage,
  text: string,
  options: { x: number; y: number; size: number; font: PDFFont; color?: Color },
): void {
  const { font, ...rest } = options;
  if (fontOfPage.get(page) !== font) {
    page.setFont(font);
    fontOfPage.set(page, font);
  }
  page.drawText(text, rest);
}
