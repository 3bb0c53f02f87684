// Deterministic synthetic calls for the engine benchmark (and for anyone who needs a big dataset).
//
// One student per application, 10 choices each, about one agreement per 15 applications, seven
// centres of different sizes, and a realistic spread of the data SPEC 5, 6 and 13 care about:
// grades with 3 decimals, credits with 1 decimal, drafts, late validations, ineligible students,
// Annex II certificates (named-level, score-range such as en-ielts, TOEIC components, level-test),
// activities, agreements with language requirements, a few partners in Switzerland.
//
// Every record is drawn from its own PRNG stream, seeded from (seed, record kind, index), so a
// record does not depend on the order in which records are produced: the in-memory and the
// streaming writers give the same data, and the file for n applications is the same every time.
// Ids are short base-62 numbers to keep the 1,000,000-application file under V8's maximum string
// length (JSON.parse needs the whole file as one string).
//
// Alone:  npx tsx bench/generate-dataset.ts --applications 10000 [--seed 1] [--scope best|destination] [--out FILE|-]

import { closeSync, openSync, writeSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { FUNDING_GROUPS_2018_2019, PROGRAMME_COUNTRIES_2018_2019 } from "../src/demo/university.ts";
import type {
  Activity,
  Agreement,
  Application,
  Call,
  CefrLevel,
  Cycle,
  Dataset,
  LanguageCertificate,
  LanguageScope,
  Student,
} from "../src/domain/dataset.ts";

export interface GeneratorOptions {
  /** Number of applications, and of students (one each). */
  applications: number;
  /** PRNG seed; the same seed and size always give the same dataset. Default 20180507. */
  seed?: number;
  /** The call's languageScope (SPEC 12.1). Default "best". */
  languageScope?: LanguageScope;
}

export interface DatasetGenerator {
  readonly call: Call;
  readonly agreements: readonly Agreement[];
  readonly count: number;
  student(index: number): Student;
  application(index: number): Application;
}

export const DEFAULT_SEED = 20180507;
export const APPLICATIONS_PER_AGREEMENT = 15;
export const CHOICES_PER_APPLICATION = 10;

// ---------------------------------------------------------------------------------------------
// PRNG: mulberry32 streams seeded by a 32-bit mix of (seed, stream kind, index).

export type Random = () => number;

export function mulberry32(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mix32(h: number, v: number): number {
  let x = (h ^ Math.imul(v >>> 0, 0x9e3779b1)) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b) >>> 0;
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35) >>> 0;
  return (x ^ (x >>> 16)) >>> 0;
}

const STREAM = { agreement: 1, student: 2, application: 3, centre: 4, setup: 5, cycle: 6 } as const;

function streamFor(seed: number, kind: number, index: number): Random {
  return mulberry32(mix32(mix32(mix32(0x5eed, seed), kind), index));
}

function intBetween(rnd: Random, min: number, max: number): number {
  return min + Math.floor(rnd() * (max - min + 1));
}

function chance(rnd: Random, p: number): boolean {
  return rnd() < p;
}

/** Picks from [value, weight] pairs. */
function weighted<T>(rnd: Random, table: readonly (readonly [T, number])[]): T {
  let total = 0;
  for (const [, w] of table) total += w;
  let x = rnd() * total;
  for (const [value, w] of table) {
    x -= w;
    if (x < 0) return value;
  }
  const last = table[table.length - 1];
  if (last === undefined) throw new Error("weighted: empty table");
  return last[0];
}

function normal(rnd: Random, mean: number, sd: number): number {
  // Box–Muller; 1 - rnd() keeps the logarithm finite.
  const u = 1 - rnd();
  const v = rnd();
  return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** A number with at most `decimals` decimals (prints exactly so in JSON). */
function decimal(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

/**
 * Short ids in base 62, digits then upper then lower case: the order of code units, so ids that
 * differ only in case also check that ids are compared as JavaScript strings, not in locale order.
 */
const ID_DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
function shortId(n: number): string {
  let s = "";
  let x = n;
  do {
    s = ID_DIGITS[x % 62] + s;
    x = Math.floor(x / 62);
  } while (x > 0);
  return s;
}

// ---------------------------------------------------------------------------------------------
// The call: R-327/18, second call 2018/2019 (SPEC 4, 8).

const PROGRAMME_COUNTRIES = [...PROGRAMME_COUNTRIES_2018_2019];

const DEADLINE_UTC_S = Date.UTC(2018, 4, 7, 12, 0, 0) / 1000; // 2018-05-07T14:00:00+02:00
const OPENING_UTC_S = Date.UTC(2018, 3, 23, 7, 0, 0) / 1000; // 2018-04-23T09:00:00+02:00

function makeCall(languageScope: LanguageScope): Call {
  return {
    id: "upct-erasmus-2018-2019-r2",
    academicYear: "2018/2019",
    kind: "study",
    applicationDeadline: "2018-05-07T14:00:00+02:00",
    maxChoices: CHOICES_PER_APPLICATION,
    scoring: { languagePoints: { B1: 0.5, B2: 1, C1: 1.25, C2: 1.5 }, activityBonus: 0.25, languageScope },
    eligibility: {
      minYearOfStudy: 2,
      minFirstYearCreditsPct: 60,
      maxMonthsPerCycle: 12,
      programmeCountries: PROGRAMME_COUNTRIES,
    },
    duration: { minMonths: 3, maxMonths: 12 },
    funding: {
      maxFundedMonths: 7,
      groups: FUNDING_GROUPS_2018_2019.map((g) => ({ ...g, countries: [...g.countries] })),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Centres (UPCT's Schools/Faculties) with their share of students and agreements.

interface CentreProfile {
  code: string;
  weight: number;
  gradoCredits: number;
}

const CENTRES: readonly CentreProfile[] = [
  { code: "ETSII", weight: 26, gradoCredits: 240 },
  { code: "ETSIT", weight: 13, gradoCredits: 240 },
  { code: "ETSAE", weight: 12, gradoCredits: 300 },
  { code: "ETSINO", weight: 7, gradoCredits: 240 },
  { code: "ETSIA", weight: 10, gradoCredits: 240 },
  { code: "EICM", weight: 11, gradoCredits: 240 },
  { code: "FCE", weight: 21, gradoCredits: 240 },
];

const CENTRE_TABLE: readonly (readonly [number, number])[] = CENTRES.map((c, i) => [i, c.weight] as const);

/** Partner countries (CH takes no part in 2018/2019) and the language each destination teaches in. */
const PARTNER_COUNTRIES: readonly (readonly [readonly [string, string], number])[] = [
  [["DE", "de"], 12],
  [["IT", "it"], 12],
  [["FR", "fr"], 10],
  [["GB", "en"], 7],
  [["PL", "pl"], 8],
  [["PT", "pt"], 6],
  [["NL", "nl"], 4],
  [["BE", "fr"], 4],
  [["SE", "sv"], 4],
  [["CZ", "cs"], 4],
  [["AT", "de"], 3],
  [["FI", "fi"], 3],
  [["GR", "el"], 3],
  [["TR", "tr"], 3],
  [["IE", "en"], 2],
  [["DK", "da"], 2],
  [["NO", "no"], 2],
  [["RO", "ro"], 2],
  [["HU", "hu"], 2],
  [["LT", "lt"], 2],
  [["SI", "sl"], 1],
  [["SK", "sk"], 1],
  [["HR", "hr"], 1],
  [["BG", "bg"], 1],
  [["LV", "lv"], 1],
  [["EE", "et"], 1],
  [["MT", "en"], 0.5],
  [["CY", "el"], 0.5],
  [["MK", "mk"], 0.5],
  [["IS", "is"], 0.3],
  [["LU", "fr"], 0.2],
  [["CH", "de"], 1],
];

function makeAgreement(seed: number, index: number, centre: string): Agreement {
  const rnd = streamFor(seed, STREAM.agreement, index);
  const [country, language] = weighted(rnd, PARTNER_COUNTRIES);
  const agreement: Agreement = {
    id: shortId(index),
    centre,
    partner: { name: `U${shortId(index)}`, country },
    places: weighted(rnd, [
      [0, 1],
      [1, 25],
      [2, 30],
      [3, 20],
      [4, 10],
      [5, 6],
      [6, 4],
      [8, 4],
    ]),
    months: weighted(rnd, [
      [2, 1],
      [4, 5],
      [5, 35],
      [6, 10],
      [9, 20],
      [10, 28],
      [12, 1],
    ]),
    cycles: weighted<Cycle[]>(rnd, [
      [["grado"], 40],
      [["grado", "master"], 45],
      [["master"], 5],
      [["grado", "master", "doctorado"], 10],
    ]),
  };
  if (chance(rnd, 0.45)) {
    const options =
      language === "en"
        ? [
            {
              language: "en",
              minLevel: weighted<CefrLevel>(rnd, [
                ["B1", 1],
                ["B2", 3],
              ]),
            },
          ]
        : [
            {
              language,
              minLevel: weighted<CefrLevel>(rnd, [
                ["A2", 1],
                ["B1", 3],
                ["B2", 1],
              ]),
            },
            {
              language: "en",
              minLevel: weighted<CefrLevel>(rnd, [
                ["B1", 1],
                ["B2", 3],
              ]),
            },
          ];
    agreement.languageRequirement = { requiredAtApplication: chance(rnd, 0.3), options };
  }
  return agreement;
}

// ---------------------------------------------------------------------------------------------
// Students.

type CertificateMaker = (rnd: Random) => LanguageCertificate;

const named =
  (
    certificate: string,
    language: string,
    levels: readonly (readonly [CefrLevel, number])[],
  ): CertificateMaker =>
  (rnd) => ({ certificate, language, level: weighted(rnd, levels), verified: chance(rnd, 0.9) });

const COMMON_LEVELS: readonly (readonly [CefrLevel, number])[] = [
  ["A2", 1],
  ["B1", 4],
  ["B2", 5],
  ["C1", 2],
  ["C2", 0.5],
];

const OTHER_LANGUAGES: readonly (readonly [string, number])[] = [
  ["en", 5],
  ["fr", 2],
  ["de", 2],
  ["it", 2],
  ["pt", 1],
  ["pl", 0.5],
  ["sv", 0.3],
  ["zh", 0.3],
];

/** Annex II families in their rough frequency, and the university's level test. */
const CERTIFICATES: readonly (readonly [CertificateMaker, number])[] = [
  [named("en-cambridge-general", "en", COMMON_LEVELS), 25],
  [
    // score-range: the engine derives the level from result (SPEC 13); a half-band scale.
    (rnd) => ({
      certificate: "en-ielts",
      language: "en",
      result: intBetween(rnd, 7, 18) / 2,
      verified: chance(rnd, 0.9),
    }),
    14,
  ],
  [
    (rnd) => ({
      certificate: "en-toefl-ibt",
      language: "en",
      result: intBetween(rnd, 35, 118),
      verified: chance(rnd, 0.9),
    }),
    6,
  ],
  [
    // components: the lowest skill decides; a missing skill earns nothing.
    (rnd) => {
      const results: Record<string, number> = {
        listening: 5 * intBetween(rnd, 40, 99),
        reading: 5 * intBetween(rnd, 40, 99),
      };
      const speaking = 10 * intBetween(rnd, 9, 20);
      if (chance(rnd, 0.9)) results.speaking = speaking;
      results.writing = 10 * intBetween(rnd, 8, 20);
      return { certificate: "en-toeic", language: "en", results, verified: chance(rnd, 0.9) };
    },
    4,
  ],
  [named("en-trinity-ise", "en", COMMON_LEVELS), 3],
  [named("fr-delf-dalf", "fr", COMMON_LEVELS), 8],
  [
    (rnd) => ({
      certificate: "fr-tcf",
      language: "fr",
      result: intBetween(rnd, 150, 650),
      verified: chance(rnd, 0.9),
    }),
    2,
  ],
  [named("de-goethe", "de", COMMON_LEVELS), 7],
  [named("de-testdaf", "de", COMMON_LEVELS), 1], // A2 and C2 are not awarded by TestDaF: earn nothing
  [named("it-celi", "it", COMMON_LEVELS), 5],
  [named("pt-caple", "pt", COMMON_LEVELS), 1],
  [
    (rnd) => ({
      certificate: "any-certacles",
      language: weighted(rnd, OTHER_LANGUAGES),
      level: weighted(rnd, COMMON_LEVELS),
      verified: chance(rnd, 0.9),
    }),
    5,
  ],
  [
    (rnd) => ({
      certificate: "any-bulats",
      language: weighted(rnd, [
        ["en", 3],
        ["fr", 1],
        ["de", 1],
        ["es", 0.2],
      ]),
      result: intBetween(rnd, 20, 99),
      verified: chance(rnd, 0.9),
    }),
    2,
  ],
  [
    (rnd) => ({
      certificate: "level-test",
      language: weighted(rnd, OTHER_LANGUAGES),
      level: weighted(rnd, COMMON_LEVELS),
      verified: chance(rnd, 0.95),
    }),
    12,
  ],
  [named("xx-not-in-annex", "en", COMMON_LEVELS), 0.5],
  [
    // a level on a score-range certificate is ignored (SPEC 13): this one has no result at all
    (rnd) => ({ certificate: "en-ielts", language: "en", level: "B2", verified: chance(rnd, 0.9) }),
    0.3,
  ],
];

const NATIONALITIES: readonly (readonly [string, number])[] = [
  ["ES", 880],
  ["IT", 20],
  ["FR", 12],
  ["DE", 8],
  ["PT", 8],
  ["RO", 10],
  ["PL", 6],
  ["BG", 6],
  ["MA", 15],
  ["EC", 8],
  ["CO", 8],
  ["CN", 6],
  ["UA", 4],
  ["RU", 3],
  ["CH", 1],
];
const PROGRAMME = new Set(PROGRAMME_COUNTRIES);

function centreIndexOf(seed: number, index: number): number {
  return weighted(streamFor(seed, STREAM.centre, index), CENTRE_TABLE);
}

/** Centre and cycle have their own streams: applications need them without making the student. */
function cycleOf(seed: number, index: number): Cycle {
  return weighted<Cycle>(streamFor(seed, STREAM.cycle, index), [
    ["grado", 78],
    ["master", 19],
    ["doctorado", 3],
  ]);
}

function makeStudent(seed: number, index: number): Student {
  const rnd = streamFor(seed, STREAM.student, index);
  const centre = CENTRES[centreIndexOf(seed, index)] ?? CENTRES[0]!;
  const cycle = cycleOf(seed, index);
  let yearOfStudy: number;
  let degreeCredits: number;
  let creditsPassed: number;
  if (cycle === "grado") {
    const lastYear = centre.gradoCredits / 60;
    yearOfStudy = weighted(rnd, [
      [1, 4],
      [2, 26],
      [3, 36],
      [4, 30],
      [5, lastYear >= 5 ? 6 : 0],
    ]);
    degreeCredits = centre.gradoCredits;
    // Credits passed so far: the years behind, at a pass rate, plus part of this year.
    creditsPassed = (yearOfStudy - 1) * 60 * Math.min(1, normal(rnd, 0.88, 0.1)) + rnd() * 30;
  } else if (cycle === "master") {
    yearOfStudy = weighted(rnd, [
      [1, 70],
      [2, 30],
    ]);
    degreeCredits = weighted(rnd, [
      [60, 3],
      [90, 3],
      [120, 4],
    ]);
    creditsPassed = rnd() * degreeCredits * 0.9;
  } else {
    yearOfStudy = intBetween(rnd, 1, 3);
    degreeCredits = 60;
    creditsPassed = rnd() * 60;
  }
  // A few records carry more credits than the degree (transfers): the share is capped at 1.
  if (chance(rnd, 0.01)) creditsPassed = degreeCredits + rnd() * 18;
  const nationality = weighted(rnd, NATIONALITIES);
  const certificateCount = weighted(rnd, [
    [0, 55],
    [1, 35],
    [2, 8],
    [3, 2],
  ]);
  const languageCertificates: LanguageCertificate[] = [];
  for (let k = 0; k < certificateCount; k++) languageCertificates.push(weighted(rnd, CERTIFICATES)(rnd));
  const activities: Activity[] = [];
  if (chance(rnd, 0.15)) activities.push({ kind: "international-event", verified: chance(rnd, 0.9) });
  if (chance(rnd, 0.08)) {
    activities.push({
      kind: "mentor-programme",
      positiveEvaluation: chance(rnd, 0.8),
      verified: chance(rnd, 0.9),
    });
  }
  return {
    id: shortId(index),
    centre: centre.code,
    cycle,
    yearOfStudy,
    averageGrade: decimal(Math.min(10, Math.max(5, normal(rnd, 7.1, 0.95))), 3),
    creditsPassed: decimal(Math.max(0, creditsPassed), 1),
    degreeCredits,
    firstYearCreditsPct: chance(rnd, 0.7) ? 100 : decimal(50 + rnd() * 50, 1),
    nationality,
    residencePermit: !PROGRAMME.has(nationality) && chance(rnd, 0.7),
    enrolled: chance(rnd, 0.99),
    hasDebts: chance(rnd, 0.015),
    inOtherMobilityProgramme: chance(rnd, 0.01),
    previousErasmusMonths: weighted(rnd, [
      [0, 85],
      [5, 6],
      [6, 4],
      [9, 2],
      [10, 1],
      [12, 2],
    ]),
    languageCertificates,
    activities,
  };
}

// ---------------------------------------------------------------------------------------------
// Applications.

/**
 * An RFC 3339 instant, mostly in UTC ("Z", 5 bytes shorter), sometimes in Madrid time (UTC+2,
 * CEST, throughout the window), so instants must be compared as instants, not as strings.
 */
function instant(utcSeconds: number, madrid: boolean): string {
  if (!madrid) return `${new Date(utcSeconds * 1000).toISOString().slice(0, 19)}Z`;
  return `${new Date((utcSeconds + 7200) * 1000).toISOString().slice(0, 19)}+02:00`;
}

/** The agreements of one centre with a skewed popularity (a few destinations everyone wants). */
interface CentrePool {
  ids: readonly number[];
  cumulative: Float64Array;
}

function makePools(agreementCentres: readonly number[]): CentrePool[] {
  const pools: CentrePool[] = [];
  for (let c = 0; c < CENTRES.length; c++) {
    const ids: number[] = [];
    for (let i = 0; i < agreementCentres.length; i++) if (agreementCentres[i] === c) ids.push(i);
    const cumulative = new Float64Array(ids.length);
    let sum = 0;
    for (let k = 0; k < ids.length; k++) {
      // Zipf-like by position; positions are interleaved with countries, so popular ones vary.
      sum += 1 / (k + 1) ** 0.8;
      cumulative[k] = sum;
    }
    pools.push({ ids, cumulative });
  }
  return pools;
}

function sample(pool: CentrePool, rnd: Random): number {
  const { cumulative, ids } = pool;
  const x = rnd() * (cumulative[cumulative.length - 1] ?? 0);
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((cumulative[mid] ?? 0) <= x) lo = mid + 1;
    else hi = mid;
  }
  return ids[lo] ?? 0;
}

function makeApplication(
  seed: number,
  index: number,
  agreements: readonly Agreement[],
  pools: readonly CentrePool[],
): Application {
  const rnd = streamFor(seed, STREAM.application, index);
  const pool = pools[centreIndexOf(seed, index)] ?? pools[0]!;
  const cycle = cycleOf(seed, index);
  const validatedAt = weighted<"draft" | "late" | "on-time">(rnd, [
    ["draft", 5],
    ["late", 2],
    ["on-time", 93],
  ]);
  const madrid = chance(rnd, 0.1);
  let when: string | null = null;
  if (validatedAt === "late") when = instant(DEADLINE_UTC_S + 1 + Math.floor(rnd() * 3 * 86400), madrid);
  else if (validatedAt === "on-time") {
    // Most students validate in the last days; whole seconds, so equal instants happen.
    const u = rnd();
    when = instant(DEADLINE_UTC_S - Math.floor(u * u * (DEADLINE_UTC_S - OPENING_UTC_S)), madrid);
  }
  const chosen = new Set<number>();
  const choices: string[] = [];
  const uniqueAvailable = Math.min(pool.ids.length, CHOICES_PER_APPLICATION);
  while (choices.length < CHOICES_PER_APPLICATION) {
    const roll = rnd();
    if (roll < 0.003) {
      choices.push(`-${shortId(index)}`); // UNKNOWN_AGREEMENT ("-" is not a base-62 digit)
      continue;
    }
    if (roll < 0.006 && choices.length > 0) {
      choices.push(choices[intBetween(rnd, 0, choices.length - 1)] ?? ""); // DUPLICATE
      continue;
    }
    let pick: number;
    if (roll < 0.021 || chosen.size >= uniqueAvailable) {
      pick = intBetween(rnd, 0, agreements.length - 1); // another centre's agreement: WRONG_CENTRE
    } else {
      pick = sample(pool, rnd);
      // Students mostly pick destinations open to their cycle.
      for (let tries = 0; tries < 3 && !agreements[pick]?.cycles.includes(cycle); tries++)
        pick = sample(pool, rnd);
    }
    if (chosen.has(pick)) continue;
    chosen.add(pick);
    choices.push(shortId(pick));
  }
  // A few applications name a student the office does not know (UNKNOWN_STUDENT).
  const studentId = chance(rnd, 0.001) ? `-${shortId(index)}` : shortId(index);
  return { id: shortId(index), studentId, validatedAt: when, choices };
}

// ---------------------------------------------------------------------------------------------

export function createGenerator(options: GeneratorOptions): DatasetGenerator {
  const count = options.applications;
  if (!Number.isInteger(count) || count < 1)
    throw new Error(`applications must be a positive integer: ${count}`);
  const seed = options.seed ?? DEFAULT_SEED;
  const call = makeCall(options.languageScope ?? "best");
  // Agreements per centre follow the centres' shares, at least a full list of choices each.
  const agreementCount = Math.ceil(count / APPLICATIONS_PER_AGREEMENT);
  const totalWeight = CENTRES.reduce((s, c) => s + c.weight, 0);
  const perCentre = CENTRES.map((c) =>
    Math.max(CHOICES_PER_APPLICATION + 2, Math.round((agreementCount * c.weight) / totalWeight)),
  );
  // Interleave centres so agreement ids do not reveal the centre.
  const setup = streamFor(seed, STREAM.setup, 0);
  const agreementCentres: number[] = [];
  perCentre.forEach((n, c) => {
    for (let k = 0; k < n; k++) agreementCentres.push(c);
  });
  for (let i = agreementCentres.length - 1; i > 0; i--) {
    const j = intBetween(setup, 0, i);
    const t = agreementCentres[i] ?? 0;
    agreementCentres[i] = agreementCentres[j] ?? 0;
    agreementCentres[j] = t;
  }
  const agreements = agreementCentres.map((c, i) => makeAgreement(seed, i, CENTRES[c]?.code ?? ""));
  const pools = makePools(agreementCentres);
  return {
    call,
    agreements,
    count,
    student: (index) => makeStudent(seed, index),
    application: (index) => makeApplication(seed, index, agreements, pools),
  };
}

/** The whole dataset in memory (fine up to a few hundred thousand applications). */
export function generateDataset(options: GeneratorOptions): Dataset {
  const g = createGenerator(options);
  const students: Student[] = [];
  const applications: Application[] = [];
  for (let i = 0; i < g.count; i++) students.push(g.student(i));
  for (let i = 0; i < g.count; i++) applications.push(g.application(i));
  return { formatVersion: 1, call: g.call, agreements: [...g.agreements], students, applications };
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/** writeSync until done; a pipe in non-blocking mode (standard output) may answer EAGAIN: wait and retry. */
function writeAllSync(fd: number, buf: Buffer): void {
  let off = 0;
  while (off < buf.length) {
    try {
      off += writeSync(fd, buf, off);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EAGAIN") throw error;
      Atomics.wait(pause, 0, 0, 1);
    }
  }
}

/**
 * Writes the dataset as compact JSON, record by record, so no string ever holds the whole file.
 * The bytes are exactly `JSON.stringify(generateDataset(options))`. `target` is a path, or a file
 * descriptor (1 for standard output). Returns the number of bytes written.
 */
export function writeDataset(target: string | number, options: GeneratorOptions): number {
  const g = createGenerator(options);
  const fd = typeof target === "number" ? target : openSync(target, "w");
  let bytes = 0;
  let chunk = "";
  const put = (s: string): void => {
    chunk += s;
    if (chunk.length >= 1 << 20) flush();
  };
  const flush = (): void => {
    const buf = Buffer.from(chunk, "utf8");
    writeAllSync(fd, buf);
    bytes += buf.length;
    chunk = "";
  };
  try {
    put(`{"formatVersion":1,"call":${JSON.stringify(g.call)},"agreements":[`);
    g.agreements.forEach((a, i) => {
      put((i === 0 ? "" : ",") + JSON.stringify(a));
    });
    put(`],"students":[`);
    for (let i = 0; i < g.count; i++) put((i === 0 ? "" : ",") + JSON.stringify(g.student(i)));
    put(`],"applications":[`);
    for (let i = 0; i < g.count; i++) put((i === 0 ? "" : ",") + JSON.stringify(g.application(i)));
    put("]}");
    flush();
  } finally {
    if (typeof target !== "number") closeSync(fd);
  }
  return bytes;
}

// ---------------------------------------------------------------------------------------------
// Command line.

function main(argv: readonly string[]): void {
  let applications = 1000;
  let seed = DEFAULT_SEED;
  let languageScope: LanguageScope = "best";
  let out = "-";
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = argv[i + 1];
    if (arg === "--applications" || arg === "-n") applications = Number(value);
    else if (arg === "--seed") seed = Number(value);
    else if (arg === "--scope") {
      if (value !== "best" && value !== "destination")
        throw new Error(`--scope best|destination, not ${value}`);
      languageScope = value;
    } else if (arg === "--out" || arg === "-o") out = value ?? "-";
    else if (arg === "--help" || arg === "-h") {
      process.stdout.write(
        "usage: tsx bench/generate-dataset.ts [--applications N] [--seed S] [--scope best|destination] [--out FILE|-]\n",
      );
      return;
    } else throw new Error(`unknown argument: ${arg}`);
    i++;
  }
  const bytes = writeDataset(out === "-" ? 1 : out, { applications, seed, languageScope });
  if (out !== "-") process.stderr.write(`${out}: ${applications} applications, ${bytes} bytes\n`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2));
}
