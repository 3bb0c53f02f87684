// Reading back what a PDF made by Mobilitas shows, as a PDF reader does (pdf-lib only writes): each
// page's content streams inflated, the font selected by each `Tf`, the codes of each `<…> Tj` turned
// into text through that font's ToUnicode CMap (what copy and search in a viewer use), and the glyph
// outlines those codes select in the font program embedded in the file (what is printed), to hold
// against DejaVu Sans's own outlines for the same text.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import zlib from "node:zlib";
import fontkit, { type Font } from "@pdf-lib/fontkit";
import { PDFArray, PDFDict, type PDFDocument, PDFName, type PDFPage, PDFRawStream } from "pdf-lib";
import { expect } from "vitest";

/** One string shown: the font's name in the file, its text, and the glyph ids (Identity-H codes). */
export interface ShownRun {
  baseFont: string;
  text: string;
  glyphIds: number[];
  /** Where the string starts (its text matrix's translation) and its size in points. */
  x: number;
  y: number;
  size: number;
  /** Its width in points, from the advance widths of its glyphs in the embedded font program. */
  width: () => number;
  /** The glyphs' outlines (SVG path data) in the font program embedded in the PDF. */
  outlines: () => string[];
}

export interface EmbeddedFont {
  baseFont: string;
  subtype: string;
  /** The descendant font's subtype (CIDFontType2: TrueType outlines) for a Type0 font. */
  descendant: string | null;
  /** The embedded font program's length in bytes, or null when the font is not embedded. */
  programBytes: number | null;
}

/** The stream under `key` in `dict`, or undefined. */
const streamAt = (dict: PDFDict, key: string): PDFRawStream | undefined => {
  const value = dict.lookup(PDFName.of(key));
  return value instanceof PDFRawStream ? value : undefined;
};
const streamOf = (dict: PDFDict, key: string): PDFRawStream => {
  const stream = streamAt(dict, key);
  if (!stream) throw new Error(`no ${key} stream`);
  return stream;
};

const bytesOf = (stream: PDFRawStream): Buffer => {
  const raw = Buffer.from(stream.getContents());
  return stream.dict.get(PDFName.of("Filter"))?.toString() === "/FlateDecode" ? zlib.inflateSync(raw) : raw;
};

/** A ToUnicode CMap's bfchar and bfrange entries: code → text. */
function parseToUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const utf16 = (hex: string) => Buffer.from(hex, "hex").swap16().toString("utf16le");
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const [, code, text] of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g))
      map.set(Number.parseInt(code!, 16), utf16(text!));
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g))
    for (const [, lo, hi, start] of block[1]!.matchAll(
      /<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g,
    )) {
      const first = Number.parseInt(start!, 16);
      for (let c = Number.parseInt(lo!, 16); c <= Number.parseInt(hi!, 16); c++)
        map.set(c, String.fromCodePoint(first + c - Number.parseInt(lo!, 16)));
    }
  return map;
}

interface FontReader {
  baseFont: string;
  decode: (hex: string) => { text: string; glyphIds: number[] };
  program: () => Font;
}

const readers = new WeakMap<PDFDict, FontReader>();
function readerOf(font: PDFDict): FontReader {
  const known = readers.get(font);
  if (known) return known;
  const baseFont = font.lookup(PDFName.of("BaseFont"), PDFName).decodeText();
  const subtype = font.lookup(PDFName.of("Subtype"), PDFName).decodeText();
  if (subtype !== "Type0")
    throw new Error(`${baseFont}: a ${subtype} font; this reader knows Type0 fonts only`);
  const toUnicode = parseToUnicode(bytesOf(streamOf(font, "ToUnicode")).toString("latin1"));
  const descendant = font.lookup(PDFName.of("DescendantFonts"), PDFArray).lookup(0, PDFDict);
  const descriptor = descendant.lookup(PDFName.of("FontDescriptor"), PDFDict);
  let program: Font | undefined;
  const reader: FontReader = {
    baseFont,
    decode: (hex) => {
      const glyphIds = (hex.match(/[0-9A-Fa-f]{4}/g) ?? []).map((h) => Number.parseInt(h, 16));
      return { glyphIds, text: glyphIds.map((g) => toUnicode.get(g) ?? "\ufffd").join("") };
    },
    program: () => {
      program ??= fontkit.create(bytesOf(streamOf(descriptor, "FontFile2")));
      return program;
    },
  };
  readers.set(font, reader);
  return reader;
}

/** The strings a page shows, in the order its content streams show them. */
export function shownRuns(page: PDFPage): ShownRun[] {
  const doc = page.doc;
  const contents = page.node.Contents();
  const streams =
    contents instanceof PDFArray ? contents.asArray().map((ref) => doc.context.lookup(ref)) : [contents];
  const fonts = page.node.Resources()?.lookup(PDFName.of("Font"), PDFDict);
  const runs: ShownRun[] = [];
  let current: FontReader | undefined;
  let size = 0;
  let at = [0, 0];
  for (const stream of streams) {
    if (!(stream instanceof PDFRawStream)) continue;
    const body = bytesOf(stream).toString("latin1");
    const operators =
      /\/([^\s/<>[\]()]+)\s+([\d.]+)\s+Tf|<([0-9A-Fa-f]*)>\s*Tj|1 0 0 1 (-?[\d.]+) (-?[\d.]+) Tm/g;
    for (const [, key, fontSize, hex, x, y] of body.matchAll(operators)) {
      if (x !== undefined) {
        at = [Number(x), Number(y)];
        continue;
      }
      if (key !== undefined) {
        size = Number(fontSize);
        const dict = fonts?.lookup(PDFName.of(key), PDFDict);
        if (!dict) throw new Error(`font ${key} is not in the page's resources`);
        current = readerOf(dict);
        continue;
      }
      if (current === undefined) throw new Error("text shown before any font was selected");
      const reader = current;
      const { text, glyphIds } = reader.decode(hex!);
      const runSize = size;
      runs.push({
        baseFont: reader.baseFont,
        text,
        glyphIds,
        x: at[0]!,
        y: at[1]!,
        size: runSize,
        width: () => {
          const program = reader.program();
          const units = glyphIds.reduce((sum, g) => sum + program.getGlyph(g).advanceWidth, 0);
          return (units / program.unitsPerEm) * runSize;
        },
        outlines: () => glyphIds.map((g) => reader.program().getGlyph(g).path.toSVG()),
      });
    }
  }
  return runs;
}

/** The text a page shows, one line per string shown. */
export const pageText = (page: PDFPage): string =>
  shownRuns(page)
    .map((run) => `${run.text}\n`)
    .join("");

/** Every font dictionary in the file. */
export function embeddedFonts(doc: PDFDocument): EmbeddedFont[] {
  const fonts: EmbeddedFont[] = [];
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of("Type"))?.toString() !== "/Font") continue;
    const subtype = object.lookup(PDFName.of("Subtype"), PDFName).decodeText();
    if (subtype.startsWith("CIDFont")) continue;
    const descendant =
      subtype === "Type0" ? object.lookup(PDFName.of("DescendantFonts"), PDFArray).lookup(0, PDFDict) : null;
    const descriptor = (descendant ?? object).lookupMaybe(PDFName.of("FontDescriptor"), PDFDict);
    const file = descriptor ? streamAt(descriptor, "FontFile2") : undefined;
    fonts.push({
      baseFont: object.lookup(PDFName.of("BaseFont"), PDFName).decodeText(),
      subtype,
      descendant: descendant?.lookup(PDFName.of("Subtype"), PDFName).decodeText() ?? null,
      programBytes: file ? bytesOf(file).length : null,
    });
  }
  return fonts;
}

const dejaVuDir = path.join(
  path.dirname(createRequire(import.meta.url).resolve("dejavu-fonts-ttf/package.json")),
  "ttf",
);
const dejaVu = new Map<string, Font>();
/** DejaVu Sans's own outlines for `text` (shaped as pdf-lib shapes it), from the package's font file. */
export function dejaVuOutlines(text: string, bold: boolean): string[] {
  const file = bold ? "DejaVuSans-Bold.ttf" : "DejaVuSans.ttf";
  let font = dejaVu.get(file);
  if (!font) {
    font = fontkit.create(fs.readFileSync(path.join(dejaVuDir, file)));
    dejaVu.set(file, font);
  }
  return font.layout(text).glyphs.map((g) => g.path.toSVG());
}

/**
 * The document embeds DejaVu Sans and its bold, each as a TrueType subset of at most `maxBytes`
 * (each full file is over 700 KB).
 */
export function expectDejaVuSubsets(doc: PDFDocument, maxBytes: number): void {
  const fonts = embeddedFonts(doc);
  expect(fonts.map((f) => f.baseFont.replace(/-\d+$/, "")).sort()).toEqual(["DejaVuSans", "DejaVuSans-Bold"]);
  for (const font of fonts) {
    expect(font).toMatchObject({ subtype: "Type0", descendant: "CIDFontType2" });
    expect(font.programBytes).toBeGreaterThan(1_000);
    expect(font.programBytes).toBeLessThan(maxBytes);
  }
}
