// Annex II of the call: ACLES-recognised certificates and the CEFR level each accredits (SPEC 9, 13).
// The catalogue is data (`data/language-certificates.json`, copied from shared/spec); this module
// turns a student's certificate into the level it accredits, or null when it earns nothing.

import catalogue from "./data/language-certificates.json" with { type: "json" };
import { CEFR_LEVELS, type CefrLevel, type LanguageCertificate } from "./dataset.ts";

/** The university's own level test (Servicio de Idiomas): any language, any level. */
export const LEVEL_TEST = "level-test";

/** A CEFR level as its position: A1 = 0 … C2 = 5; higher is better. */
export type LevelIndex = number;

export function levelIndex(level: CefrLevel): LevelIndex {
  return CEFR_LEVELS.indexOf(level);
}

interface Range {
  min: number | null;
  max: number | null;
}

interface CatalogueEntry {
  id: string;
  language: string;
  languages?: string[];
  appliesToOtherLanguages?: boolean;
  name: string;
  kind: "named-levels" | "score-ranges";
  components?: string[];
  levels: Record<string, string[] | Range | Record<string, Range>>;
}

type Grading =
  | { kind: "named-levels"; levels: ReadonlySet<LevelIndex> }
  | { kind: "score-ranges"; ranges: readonly { level: LevelIndex; min: number }[] }
  | {
      kind: "components";
      components: readonly string[];
      ranges: readonly { level: LevelIndex; min: Readonly<Record<string, number>> }[];
    };

export interface CertificateFamily {
  id: string;
  name: string;
  /** Whether the family accredits this ISO 639-1 language. */
  covers(language: string): boolean;
  grading: Grading;
}

const NO_MINIMUM = Number.NEGATIVE_INFINITY;

function isCefr(level: string): level is CefrLevel {
  return (CEFR_LEVELS as readonly string[]).includes(level);
}

function compile(entry: CatalogueEntry): CertificateFamily {
  const languages = new Set(entry.language === "*" ? (entry.languages ?? []) : [entry.language]);
  const anyLanguage = entry.appliesToOtherLanguages === true;
  const covers = (language: string) => anyLanguage || languages.has(language);
  const levels = Object.keys(entry.levels)
    .filter(isCefr)
    .sort((a, b) => levelIndex(a) - levelIndex(b));
  let grading: Grading;
  if (entry.kind === "named-levels") {
    grading = { kind: "named-levels", levels: new Set(levels.map(levelIndex)) };
  } else if (entry.components) {
    const components = entry.components;
    grading = {
      kind: "components",
      components,
      ranges: levels.map((level) => {
        const perSkill = entry.levels[level] as Record<string, Range>;
        const min: Record<string, number> = {};
        for (const skill of components) min[skill] = perSkill[skill]?.min ?? NO_MINIMUM;
        return { level: levelIndex(level), min };
      }),
    };
  } else {
    grading = {
      kind: "score-ranges",
      ranges: levels.map((level) => ({
        level: levelIndex(level),
        min: (entry.levels[level] as Range).min ?? NO_MINIMUM,
      })),
    };
  }
  return { id: entry.id, name: entry.name, covers, grading };
}

const FAMILIES: ReadonlyMap<string, CertificateFamily> = new Map(
  (catalogue.certificates as CatalogueEntry[]).map((entry) => [entry.id, compile(entry)]),
);

export function certificateFamilies(): Iterable<CertificateFamily> {
  return FAMILIES.values();
}

export function certificateFamily(id: string): CertificateFamily | undefined {
  return FAMILIES.get(id);
}

/** The highest level whose range minimum is at most `result` (a range's maximum is informative). */
function levelOfResult(
  ranges: readonly { level: LevelIndex; min: number }[],
  result: number,
): LevelIndex | null {
  let reached: LevelIndex | null = null;
  for (const range of ranges) if (range.min <= result) reached = range.level;
  return reached;
}

/**
 * The CEFR level a certificate accredits in its language, or null when it earns nothing:
 * unverified, unknown family, a language the family does not cover, a level the family does not
 * award, a missing result, or (TOEIC) any skill missing or below every minimum.
 */
export function accreditedLevel(certificate: LanguageCertificate): LevelIndex | null {
  if (!certificate.verified) return null;
  if (certificate.certificate === LEVEL_TEST) {
    return certificate.level === undefined ? null : levelIndex(certificate.level);
  }
  const family = FAMILIES.get(certificate.certificate);
  if (!family?.covers(certificate.language)) return null;
  const grading = family.grading;
  switch (grading.kind) {
    case "named-levels": {
      if (certificate.level === undefined) return null;
      const level = levelIndex(certificate.level);
      return grading.levels.has(level) ? level : null;
    }
    case "score-ranges":
      return certificate.result === undefined ? null : levelOfResult(grading.ranges, certificate.result);
    case "components": {
      // ACLES: a certificate reporting per-skill levels counts at its lowest skill.
      const results = certificate.results;
      if (!results) return null;
      let lowest: LevelIndex | null = null;
      for (const skill of grading.components) {
        const score = results[skill];
        if (score === undefined) return null;
        const level = levelOfResult(
          grading.ranges.map((r) => ({ level: r.level, min: r.min[skill] ?? NO_MINIMUM })),
          score,
        );
        if (level === null) return null;
        if (lowest === null || level < lowest) lowest = level;
      }
      return lowest;
    }
  }
}
