// The words of the web app: both catalogues have the same keys, every code the server sends has
// its words in both (src/errors.ts, the CSV row codes of src/imports/csv.ts, the engine's reasons),
// and every literal key the pages ask for exists.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CHOICE_REASON_CODES, EXCLUSION_CODES } from "../../src/domain/outcome.ts";
import { ERROR_CODES } from "../../src/errors.ts";
import { ROLES } from "../../src/policies/policies.ts";
import en from "../../web/src/i18n/en.json" with { type: "json" };
import es from "../../web/src/i18n/es.json" with { type: "json" };
import { type Catalogue, mergeCatalogues } from "../../web/src/i18n/merge.ts";
import { repoRoot } from "../support/processes.ts";

type Tree = { [key: string]: string | Tree };

function keys(tree: Tree, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === "string" ? [`${prefix}${key}`] : keys(value, `${prefix}${key}.`),
  );
}

/** The parts of the catalogue (web/src/i18n/parts/<area>.<language>.json), read from disk. */
const PARTS_DIR = path.join(repoRoot, "web/src/i18n/parts");
const parts: Record<string, Catalogue> = Object.fromEntries(
  readdirSync(PARTS_DIR)
    .filter((name) => name.endsWith(".json"))
    .map((name) => [name, JSON.parse(readFileSync(path.join(PARTS_DIR, name), "utf8")) as Catalogue]),
);
const merged = {
  es: mergeCatalogues(es, parts, "es") as Tree,
  en: mergeCatalogues(en, parts, "en") as Tree,
};
const catalogues = { es: new Set(keys(merged.es)), en: new Set(keys(merged.en)) };
/** A key exists as itself or as its plural forms (key_one, key_other). */
const has = (set: Set<string>, key: string) =>
  set.has(key) || (set.has(`${key}_one`) && set.has(`${key}_other`));

/** The row codes of src/imports/csv.ts (its MESSAGES table). */
function csvCodes(): string[] {
  const source = readFileSync(path.join(repoRoot, "src/imports/csv.ts"), "utf8");
  const table = /const MESSAGES: Record<string, string> = \{([\s\S]*?)\n\};/.exec(source)?.[1] ?? "";
  return [...table.matchAll(/^\s+([A-Z_]+):/gm)].map((m) => m[1] ?? "");
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

describe("the catalogues", () => {
  it("come in pairs: every part in Spanish and in English", () => {
    const names = Object.keys(parts);
    for (const name of names) {
      expect(name).toMatch(/^[a-z-]+\.(es|en)\.json$/);
      const twin = name.endsWith(".es.json")
        ? name.replace(/\.es\.json$/, ".en.json")
        : name.replace(/\.en\.json$/, ".es.json");
      expect(names, name).toContain(twin);
    }
  });

  it("have the same keys in Spanish and English", () => {
    expect([...catalogues.en].filter((k) => !catalogues.es.has(k))).toEqual([]);
    expect([...catalogues.es].filter((k) => !catalogues.en.has(k))).toEqual([]);
  });

  it("name every code the server sends", () => {
    const codes = csvCodes();
    expect(codes.length).toBeGreaterThan(15);
    const wanted = [
      ...ERROR_CODES.map((c) => `errors.${c}`),
      ...codes.map((c) => `csvCodes.${c}`),
      ...EXCLUSION_CODES.map((c) => `exclusions.${c}`),
      ...CHOICE_REASON_CODES.map((c) => `choiceReasons.${c}`),
      ...ROLES.map((r) => `roles.${r}`),
    ];
    for (const [language, set] of Object.entries(catalogues)) {
      expect(
        wanted.filter((k) => !set.has(k)),
        language,
      ).toEqual([]);
    }
  });

  it("hold every literal key the pages use", () => {
    const used = new Set<string>();
    for (const file of sourceFiles(path.join(repoRoot, "web/src"))) {
      const text = readFileSync(file, "utf8");
      for (const m of text.matchAll(/\bt\(\s*"([a-zA-Z0-9_.-]+)"/g)) used.add(m[1] ?? "");
      for (const m of text.matchAll(/label: "([a-zA-Z]+\.[a-zA-Z.]+)"/g)) used.add(m[1] ?? "");
    }
    expect(used.size).toBeGreaterThan(100);
    for (const [language, set] of Object.entries(catalogues)) {
      expect(
        [...used].filter((k) => !has(set, k)),
        language,
      ).toEqual([]);
    }
  });
});
