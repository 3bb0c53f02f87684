// Language points from Annex II certificates and the level test (SPEC 6, 9, 12.1, 13), observed
// through the outcome's score.language. The catalogue is walked, so every family is covered.
import { describe, expect, it } from "vitest";
import type { Call, CefrLevel, LanguageCertificate } from "../../src/domain/dataset.ts";
import {
  CATALOGUE,
  type CertificateFamily,
  cert,
  family,
  familyLanguages,
  makeAgreement,
  makeApplication,
  makeCall,
  makeDataset,
  makeStudent,
  onlyResult,
  run,
  type ScoreRange,
} from "./factories.ts";

const LEVELS: readonly CefrLevel[] = ["A1", "A2", "B1", "B2", "C1", "C2"];

/** Non-default points, one distinct value per level, so the level found is visible in the score. */
const POINTS: Record<CefrLevel, number> = { A1: 0.1, A2: 0.2, B1: 0.3, B2: 0.45, C1: 0.6, C2: 0.75 };
const CALL = makeCall({ scoring: { languagePoints: POINTS, activityBonus: 0.25, languageScope: "best" } });

function languagePoints(certificates: LanguageCertificate[], call: Call = CALL): number {
  const outcome = run(makeDataset({ call, students: [makeStudent({ languageCertificates: certificates })] }));
  const score = onlyResult(outcome).score;
  if (score === null) throw new Error("the application was excluded");
  return score.language;
}

/** A language the family accredits (its own, or the first of its list). */
function coveredLanguage(f: CertificateFamily): string {
  const language = familyLanguages(f)[0];
  if (language === undefined) throw new Error(`${f.id} lists no language`);
  return language;
}

const namedLevelFamilies = CATALOGUE.certificates.filter((f) => f.kind === "named-levels");
const scoreRangeFamilies = CATALOGUE.certificates.filter((f) => f.kind === "score-ranges" && !f.components);
const componentFamilies = CATALOGUE.certificates.filter((f) => f.kind === "score-ranges" && f.components);

/** The ranges of a score-range family, lowest level first. */
function ranges(f: CertificateFamily): [CefrLevel, ScoreRange][] {
  return LEVELS.flatMap((level): [CefrLevel, ScoreRange][] => {
    const range = f.levels[level] as ScoreRange | undefined;
    return range === undefined ? [] : [[level, range]];
  });
}

/** Fields that earn a level in this family: its top named level, or scores above every range. */
function earningFields(f: CertificateFamily): Partial<LanguageCertificate> {
  if (f.kind === "named-levels")
    return { level: [...LEVELS].reverse().find((level) => f.levels[level] !== undefined)! };
  if (f.components === undefined) return { result: 10_000 };
  return { results: Object.fromEntries(f.components.map((c) => [c, 10_000])) };
}

describe("the catalogue as the tests read it", () => {
  it("has named-level, score-range and component families", () => {
    expect(namedLevelFamilies.length).toBeGreaterThan(40);
    expect(scoreRangeFamilies.map((f) => f.id).sort()).toEqual([
      "any-bulats",
      "en-ielts",
      "en-oxford-test-of-english",
      "en-pte-academic",
      "en-toefl-ibt",
      "fr-tcf",
      "fr-tef",
    ]);
    expect(componentFamilies.map((f) => f.id)).toEqual(["en-toeic"]);
  });
});

describe("named-level certificates: the diploma names its level", () => {
  for (const f of namedLevelFamilies) {
    const language = coveredLanguage(f);
    const awarded = LEVELS.filter((level) => f.levels[level] !== undefined);
    const notAwarded = LEVELS.filter((level) => f.levels[level] === undefined);

    it(`${f.id} (${language}): each awarded level earns its points`, () => {
      for (const level of awarded) {
        expect(languagePoints([cert(f.id, language, { level })]), level).toBe(POINTS[level]);
      }
    });

    if (notAwarded.length > 0) {
      it(`${f.id}: a level the family does not award (${notAwarded.join(", ")}) earns nothing`, () => {
        for (const level of notAwarded) {
          expect(languagePoints([cert(f.id, language, { level })]), level).toBe(0);
        }
      });
    }
  }

  it("a result on a named-level certificate is ignored", () => {
    expect(languagePoints([cert("en-cambridge-general", "en", { level: "B2", result: 999 })])).toBe(0.45);
    expect(languagePoints([cert("de-goethe", "de", { result: 100 })])).toBe(0);
    expect(languagePoints([cert("fr-delf-dalf", "fr", { level: "C1", results: { listening: 1 } })])).toBe(
      0.6,
    );
  });

  it("a named-level certificate without a level earns nothing", () => {
    expect(languagePoints([cert("es-dele", "es")])).toBe(0);
  });
});

describe("score-range certificates: the highest level whose minimum is <= result (SPEC 13)", () => {
  for (const f of scoreRangeFamilies) {
    const language = coveredLanguage(f);
    const levels = ranges(f);
    const step = f.id === "en-ielts" ? 0.5 : 1;

    it(`${f.id}: exactly each minimum earns that level`, () => {
      for (const [level, range] of levels) {
        expect(languagePoints([cert(f.id, language, { result: range.min })]), `${range.min}`).toBe(
          POINTS[level],
        );
      }
    });

    it(`${f.id}: just below each minimum falls to the level below (or nothing)`, () => {
      levels.forEach(([level, range], i) => {
        const below = levels[i - 1];
        const expected = below === undefined ? 0 : POINTS[below[0]];
        expect(
          languagePoints([cert(f.id, language, { result: range.min - step })]),
          `${level} - ${step}`,
        ).toBe(expected);
        expect(languagePoints([cert(f.id, language, { result: range.min - 0.01 })]), `${level} - 0.01`).toBe(
          expected,
        );
      });
    });

    it(`${f.id}: between two ranges takes the lower level`, () => {
      levels.forEach(([level, range], i) => {
        const next = levels[i + 1];
        if (next === undefined || range.max === null || range.max >= next[1].min) return;
        const between = (range.max + next[1].min) / 2;
        expect(languagePoints([cert(f.id, language, { result: between })]), `${between}`).toBe(POINTS[level]);
      });
    });

    it(`${f.id}: above the top range keeps the top level`, () => {
      const [topLevel, top] = levels[levels.length - 1]!;
      const above = (top.max ?? top.min) + 10;
      expect(languagePoints([cert(f.id, language, { result: above })])).toBe(POINTS[topLevel]);
      expect(languagePoints([cert(f.id, language, { result: top.min + step })])).toBe(POINTS[topLevel]);
    });

    it(`${f.id}: a level field is ignored`, () => {
      const [lowest, range] = levels[0]!;
      expect(languagePoints([cert(f.id, language, { result: range.min, level: "C2" })])).toBe(POINTS[lowest]);
      expect(languagePoints([cert(f.id, language, { level: "C2" })])).toBe(0);
    });
  }

  it("worked examples from the annex", () => {
    // IELTS 6.0 is B2 (5.5-6.5); 7.5 is C1; 9 is C2 (8.5+); 3.75 sits between A2 (3.5) and B1 (4.0)
    expect(languagePoints([cert("en-ielts", "en", { result: 6 })])).toBe(0.45);
    expect(languagePoints([cert("en-ielts", "en", { result: 7.5 })])).toBe(0.6);
    expect(languagePoints([cert("en-ielts", "en", { result: 9 })])).toBe(0.75);
    expect(languagePoints([cert("en-ielts", "en", { result: 3.75 })])).toBe(0.2);
    expect(languagePoints([cert("en-ielts", "en", { result: 3 })])).toBe(0);
    // TOEFL iBT has no C2: 120 is C1
    expect(languagePoints([cert("en-toefl-ibt", "en", { result: 120 })])).toBe(0.6);
    expect(languagePoints([cert("en-toefl-ibt", "en", { result: 71 })])).toBe(0.3);
    expect(languagePoints([cert("en-toefl-ibt", "en", { result: 41 })])).toBe(0);
    // TEF 540 is B1 (361-540), 541 is B2; TCF 699 is C2 and 700 stays C2
    expect(languagePoints([cert("fr-tef", "fr", { result: 540 })])).toBe(0.3);
    expect(languagePoints([cert("fr-tef", "fr", { result: 541 })])).toBe(0.45);
    expect(languagePoints([cert("fr-tcf", "fr", { result: 700 })])).toBe(0.75);
    // Oxford Test of English tops out at B2 (111-140)
    expect(languagePoints([cert("en-oxford-test-of-english", "en", { result: 160 })])).toBe(0.45);
  });
});

describe("TOEIC: the lowest of the per-skill levels (SPEC 13)", () => {
  const toeic = family("en-toeic");
  const components = toeic.components ?? [];
  const minimumOf = (level: CefrLevel, component: string) =>
    (toeic.levels[level] as Record<string, ScoreRange>)[component]!.min;
  const at = (level: CefrLevel) => Object.fromEntries(components.map((c) => [c, minimumOf(level, c)]));
  const points = (results: Record<string, number>, extra: Partial<LanguageCertificate> = {}) =>
    languagePoints([cert("en-toeic", "en", { results, ...extra })]);

  it("has the four skills", () => {
    expect(components).toEqual(["listening", "reading", "speaking", "writing"]);
  });

  it.each(["A2", "B1", "B2", "C1"] as const)("every skill at its %s minimum earns %s", (level) => {
    expect(points(at(level))).toBe(POINTS[level]);
  });

  it("counts the lowest skill", () => {
    expect(points({ ...at("C1"), writing: minimumOf("B2", "writing") })).toBe(POINTS.B2);
    expect(points({ ...at("C1"), listening: minimumOf("A2", "listening") })).toBe(POINTS.A2);
    // L 490 / R 455 / S 200 / W 200 = C1; B2 = L 400, R 385, S 160, W 150
    expect(points({ listening: 490, reading: 455, speaking: 200, writing: 200 })).toBe(POINTS.C1);
    expect(points({ listening: 495, reading: 384, speaking: 200, writing: 200 })).toBe(POINTS.B1);
    expect(points({ listening: 400, reading: 385, speaking: 160, writing: 150 })).toBe(POINTS.B2);
  });

  it("a skill between two ranges takes the lower level; above the top keeps C1", () => {
    // listening A2 ends at 270 and B1 starts at 275
    expect(points({ ...at("C1"), listening: 272 })).toBe(POINTS.A2);
    expect(points({ listening: 495, reading: 495, speaking: 200, writing: 200 })).toBe(POINTS.C1);
    expect(points({ listening: 500, reading: 500, speaking: 210, writing: 210 })).toBe(POINTS.C1);
  });

  it("a skill below every minimum earns nothing", () => {
    expect(points({ ...at("C1"), listening: minimumOf("A2", "listening") - 1 })).toBe(0);
    expect(points({ ...at("C1"), speaking: 0 })).toBe(0);
  });

  it.each(["listening", "reading", "speaking", "writing"])("a missing %s earns nothing", (missing) => {
    const results = at("C1");
    delete results[missing];
    expect(points(results)).toBe(0);
  });

  it("ignores a level field and a single result", () => {
    expect(points(at("B1"), { level: "C2" })).toBe(POINTS.B1);
    expect(languagePoints([cert("en-toeic", "en", { level: "C2" })])).toBe(0);
    expect(languagePoints([cert("en-toeic", "en", { result: 990 })])).toBe(0);
  });
});

describe("which languages a family covers", () => {
  const otherLanguage = (f: CertificateFamily) =>
    ["ja", "eu", "pt", "en", "de"].find((l) => !familyLanguages(f).includes(l))!;

  for (const f of CATALOGUE.certificates) {
    const sample = earningFields(f);
    const other = otherLanguage(f);

    if (f.appliesToOtherLanguages === true) {
      it(`${f.id} covers every language, e.g. ${other}`, () => {
        expect(languagePoints([cert(f.id, other, sample)])).toBeGreaterThan(0);
      });
    } else {
      it(`${f.id} covers ${familyLanguages(f).join(", ")} but not ${other}`, () => {
        for (const language of familyLanguages(f)) {
          expect(languagePoints([cert(f.id, language, sample)]), language).toBeGreaterThan(0);
        }
        expect(languagePoints([cert(f.id, other, sample)])).toBe(0);
      });
    }
  }

  it("worked examples", () => {
    expect(languagePoints([cert("any-certacles", "ja", { level: "C1" })])).toBe(0.6);
    expect(languagePoints([cert("any-unicert", "zh", { level: "B2" })])).toBe(0.45);
    expect(languagePoints([cert("any-cles", "eu", { level: "B1" })])).toBe(0.3);
    // the old EOI plan (RD 967/1988) is listed for de, es, fr, it: not English
    expect(languagePoints([cert("any-eoi-rd967-1988", "en", { level: "B2" })])).toBe(0);
    expect(languagePoints([cert("any-eoi-rd967-1988", "it", { level: "B2" })])).toBe(0.45);
    expect(languagePoints([cert("any-eoi-rd1629-2006", "pt", { level: "B2" })])).toBe(0);
    expect(languagePoints([cert("any-bulats", "it", { result: 80 })])).toBe(0);
    expect(languagePoints([cert("any-bulats", "es", { result: 80 })])).toBe(0.6);
    expect(languagePoints([cert("de-goethe", "en", { level: "C2" })])).toBe(0);
    expect(languagePoints([cert("en-ielts", "de", { result: 8.5 })])).toBe(0);
  });
});

describe("unknown, unverified and level-test certificates", () => {
  it("an unknown certificate earns nothing (and is not an error)", () => {
    expect(languagePoints([cert("xx-unknown-cert", "en", { level: "C2" })])).toBe(0);
    // names and aliases are not ids
    expect(languagePoints([cert("TOEFL", "en", { result: 110 })])).toBe(0);
    expect(languagePoints([cert("CertAcles", "en", { level: "C2" })])).toBe(0);
  });

  it("an unverified certificate earns nothing, whatever its family", () => {
    for (const f of CATALOGUE.certificates) {
      const language = coveredLanguage(f);
      const unverified = cert(f.id, language, { ...earningFields(f), verified: false });
      expect(languagePoints([unverified]), f.id).toBe(0);
      expect(languagePoints([{ ...unverified, verified: true }]), f.id).toBeGreaterThan(0);
    }
    expect(languagePoints([cert("level-test", "en", { level: "C2", verified: false })])).toBe(0);
  });

  it.each(["en", "de", "ja", "eu", "ar"])(
    "the level test accredits any language (%s) at its level",
    (language) => {
      for (const level of LEVELS) {
        expect(languagePoints([cert("level-test", language, { level })]), level).toBe(POINTS[level]);
      }
    },
  );

  it("the level test ignores a result", () => {
    expect(languagePoints([cert("level-test", "en", { level: "B1", result: 120 })])).toBe(0.3);
    expect(languagePoints([cert("level-test", "en", { result: 120 })])).toBe(0);
  });
});

describe("points from the call (SPEC 6, 12.1)", () => {
  it("counts the best verified level once, not the sum", () => {
    expect(
      languagePoints([
        cert("en-cambridge-general", "en", { level: "B2" }),
        cert("de-goethe", "de", { level: "C1" }),
        cert("fr-delf-dalf", "fr", { level: "C2", verified: false }),
        cert("level-test", "it", { level: "B1" }),
      ]),
    ).toBe(0.6);
  });

  it("uses the default points: B1 0.5, B2 1, C1 1.25, C2 1.5; A1 and A2 earn 0", () => {
    const call = makeCall();
    const expected: Record<CefrLevel, number> = { A1: 0, A2: 0, B1: 0.5, B2: 1, C1: 1.25, C2: 1.5 };
    for (const level of LEVELS) {
      expect(languagePoints([cert("level-test", "en", { level })], call), level).toBe(expected[level]);
    }
  });

  it("uses whatever points the call sets, and 0 for a level it does not list", () => {
    const call = makeCall({
      scoring: { languagePoints: { B2: 2, C2: 3.5 }, activityBonus: 0, languageScope: "best" },
    });
    expect(languagePoints([cert("level-test", "en", { level: "B2" })], call)).toBe(2);
    expect(languagePoints([cert("level-test", "en", { level: "C2" })], call)).toBe(3.5);
    expect(languagePoints([cert("level-test", "en", { level: "B1" })], call)).toBe(0);
  });

  it("adds the language points to the total", () => {
    const outcome = run(
      makeDataset({
        call: CALL,
        students: [makeStudent({ languageCertificates: [cert("en-ielts", "en", { result: 7 })] })],
      }),
    );
    expect(onlyResult(outcome).score).toEqual({
      weightedGrade: 3.5,
      language: 0.6,
      activities: 0,
      total: 4.1,
    });
  });
});

describe("languageScope destination: each destination counts its own languages (SPEC 12.1)", () => {
  const call = makeCall({
    scoring: { languagePoints: POINTS, activityBonus: 0.25, languageScope: "destination" },
  });
  const outcome = run(
    makeDataset({
      call,
      agreements: [
        makeAgreement({
          id: "AG-EN",
          languageRequirement: {
            requiredAtApplication: false,
            options: [{ language: "en", minLevel: "B2" }],
          },
        }),
        // a level below the option's minimum still counts for this destination's score
        makeAgreement({
          id: "AG-DE-FR",
          languageRequirement: {
            requiredAtApplication: false,
            options: [
              { language: "de", minLevel: "B1" },
              { language: "fr", minLevel: "B1" },
            ],
          },
        }),
        makeAgreement({ id: "AG-NONE" }),
        makeAgreement({
          id: "AG-IT",
          languageRequirement: {
            requiredAtApplication: false,
            options: [{ language: "it", minLevel: "B1" }],
          },
        }),
      ],
      students: [
        makeStudent({
          languageCertificates: [
            cert("en-cambridge-general", "en", { level: "C1" }),
            cert("de-goethe", "de", { level: "A2" }),
            cert("it-celi", "it", { level: "C2", verified: false }),
          ],
          activities: [{ kind: "international-event", verified: true }],
        }),
      ],
      applications: [makeApplication({ choices: ["AG-NONE", "AG-EN", "AG-DE-FR", "AG-IT"] })],
    }),
  );

  it("scores each choice with the best level among that destination's languages", () => {
    const r = onlyResult(outcome);
    // weighted grade 3.5, activity 0.25
    expect(r.choices.map((c) => [c.agreementId, c.total])).toEqual([
      ["AG-NONE", 3.75],
      ["AG-EN", 4.35],
      ["AG-DE-FR", 3.95],
      ["AG-IT", 3.75],
    ]);
  });

  it("publishes the score with the best level in any language", () => {
    expect(onlyResult(outcome).score).toEqual({
      weightedGrade: 3.5,
      language: 0.6,
      activities: 0.25,
      total: 4.35,
    });
  });
});
