// The demo university: the Schools of the UPCT with their degrees, ~100 agreements with plausible
// partners in the programme countries (and Switzerland, to show it refused), ~400 students and the
// 2018/2019 second call with its real calendar and settings (R-327/18). Deterministic: the same
// seed gives the same university, so the demo and its tests agree.

import type { CallCalendar } from "../domain/call-settings.ts";
import type {
  Agreement,
  Application,
  Call,
  CefrLevel,
  Cycle,
  Dataset,
  FundingGroup,
  Student,
} from "../domain/dataset.ts";

export interface DemoCentre {
  code: string;
  nameEs: string;
  nameEn: string;
}

export interface DemoDegree {
  code: string;
  centre: string;
  cycle: Cycle;
  credits: number;
  nameEs: string;
  nameEn: string;
}

export interface DemoUniversity {
  centres: DemoCentre[];
  degrees: DemoDegree[];
  /** Degree code per student id. */
  studentDegrees: Record<string, string>;
  /** The call's calendar (SPEC 4), Europe/Madrid instants. */
  calendar: CallCalendar;
  dataset: Dataset;
}

export const DEMO_NOW = "2018-05-02T10:00:00+02:00";

export const DEMO_CENTRES: DemoCentre[] = [
  { code: "ETSII", nameEs: "E.T.S. de Ingeniería Industrial", nameEn: "School of Industrial Engineering" },
  {
    code: "ETSIT",
    nameEs: "E.T.S. de Ingeniería de Telecomunicación",
    nameEn: "School of Telecommunication Engineering",
  },
  {
    code: "ETSAE",
    nameEs: "E.T.S. de Arquitectura y Edificación",
    nameEn: "School of Architecture and Building Engineering",
  },
  {
    code: "ETSINO",
    nameEs: "E.T.S. de Ingeniería Naval y Oceánica",
    nameEn: "School of Naval and Ocean Engineering",
  },
  { code: "FCE", nameEs: "Facultad de Ciencias de la Empresa", nameEn: "Faculty of Business" },
  { code: "ETSIA", nameEs: "E.T.S. de Ingeniería Agronómica", nameEn: "School of Agricultural Engineering" },
  {
    code: "ETSICCPIM",
    nameEs: "E.T.S. de Ingeniería de Caminos, Canales y Puertos y de Ingeniería de Minas",
    nameEn: "School of Civil and Mining Engineering",
  },
];

const d = (
  code: string,
  centre: string,
  cycle: Cycle,
  credits: number,
  nameEs: string,
  nameEn: string,
): DemoDegree => ({
  code,
  centre,
  cycle,
  credits,
  nameEs,
  nameEn,
});

export const DEMO_DEGREES: DemoDegree[] = [
  d(
    "GITI",
    "ETSII",
    "grado",
    240,
    "Grado en Ingeniería en Tecnologías Industriales",
    "BEng Industrial Technologies",
  ),
  d("GIM", "ETSII", "grado", 240, "Grado en Ingeniería Mecánica", "BEng Mechanical Engineering"),
  d("GIE", "ETSII", "grado", 240, "Grado en Ingeniería Eléctrica", "BEng Electrical Engineering"),
  d(
    "GIEIA",
    "ETSII",
    "grado",
    240,
    "Grado en Ingeniería Electrónica Industrial y Automática",
    "BEng Industrial Electronics and Automation",
  ),
  d(
    "GIQI",
    "ETSII",
    "grado",
    240,
    "Grado en Ingeniería Química Industrial",
    "BEng Industrial Chemical Engineering",
  ),
  d("MII", "ETSII", "master", 120, "Máster en Ingeniería Industrial", "MEng Industrial Engineering"),
  d(
    "GIST",
    "ETSIT",
    "grado",
    240,
    "Grado en Ingeniería en Sistemas de Telecomunicación",
    "BEng Telecommunication Systems",
  ),
  d("GIT", "ETSIT", "grado", 240, "Grado en Ingeniería Telemática", "BEng Telematics"),
  d(
    "MIT",
    "ETSIT",
    "master",
    120,
    "Máster en Ingeniería de Telecomunicación",
    "MEng Telecommunication Engineering",
  ),
  d("GFA", "ETSAE", "grado", 300, "Grado en Fundamentos de Arquitectura", "BSc Fundamentals of Architecture"),
  d("GIED", "ETSAE", "grado", 240, "Grado en Ingeniería de Edificación", "BEng Building Engineering"),
  d("MARQ", "ETSAE", "master", 60, "Máster en Arquitectura", "Master in Architecture"),
  d(
    "GANISM",
    "ETSINO",
    "grado",
    240,
    "Grado en Arquitectura Naval e Ingeniería de Sistemas Marinos",
    "BEng Naval Architecture and Marine Systems",
  ),
  d(
    "MINO",
    "ETSINO",
    "master",
    90,
    "Máster en Ingeniería Naval y Oceánica",
    "MEng Naval and Ocean Engineering",
  ),
  d(
    "GADE",
    "FCE",
    "grado",
    240,
    "Grado en Administración y Dirección de Empresas",
    "BA Business Administration",
  ),
  d("GTUR", "FCE", "grado", 240, "Grado en Turismo", "BA Tourism"),
  d(
    "MBA",
    "FCE",
    "master",
    60,
    "Máster en Administración y Dirección de Empresas (MBA)",
    "Master of Business Administration",
  ),
  d(
    "GIAB",
    "ETSIA",
    "grado",
    240,
    "Grado en Ingeniería Agroalimentaria y de Sistemas Biológicos",
    "BEng Agri-Food and Biological Systems",
  ),
  d("MIA", "ETSIA", "master", 120, "Máster en Ingeniería Agronómica", "MEng Agricultural Engineering"),
  d("GIC", "ETSICCPIM", "grado", 240, "Grado en Ingeniería Civil", "BEng Civil Engineering"),
  d(
    "GIRME",
    "ETSICCPIM",
    "grado",
    240,
    "Grado en Ingeniería de Recursos Minerales y Energía",
    "BEng Mineral Resources and Energy",
  ),
  d(
    "MICCP",
    "ETSICCPIM",
    "master",
    120,
    "Máster en Ingeniería de Caminos, Canales y Puertos",
    "MEng Civil Engineering",
  ),
  d(
    "DOCT",
    "ETSII",
    "doctorado",
    180,
    "Programa de Doctorado en Tecnologías Industriales",
    "PhD in Industrial Technologies",
  ),
];

interface Partner {
  code: string;
  name: string;
  country: string;
  language: string;
}

const p = (code: string, name: string, country: string, language: string): Partner => ({
  code,
  name,
  country,
  language,
});

/** Plausible partners: names and Erasmus codes of real institutions in the programme countries. */
const PARTNERS: Partner[] = [
  p("D MUNCHEN02", "Technische Universität München", "DE", "de"),
  p("D BERLIN02", "Technische Universität Berlin", "DE", "de"),
  p("D AACHEN01", "RWTH Aachen University", "DE", "de"),
  p("D STUTTGA01", "Universität Stuttgart", "DE", "de"),
  p("D HAMBURG03", "Technische Universität Hamburg", "DE", "de"),
  p("A WIEN02", "Technische Universität Wien", "AT", "de"),
  p("A GRAZ02", "Technische Universität Graz", "AT", "de"),
  p("F PARIS062", "Arts et Métiers ParisTech", "FR", "fr"),
  p("F LYON12", "INSA Lyon", "FR", "fr"),
  p("F TOULOUS16", "INSA Toulouse", "FR", "fr"),
  p("F GRENOBL22", "Grenoble INP", "FR", "fr"),
  p("F NANTES07", "École Centrale de Nantes", "FR", "fr"),
  p("I TORINO02", "Politecnico di Torino", "IT", "it"),
  p("I MILANO02", "Politecnico di Milano", "IT", "it"),
  p("I BOLOGNA01", "Università di Bologna", "IT", "it"),
  p("I NAPOLI01", "Università degli Studi di Napoli Federico II", "IT", "it"),
  p("I GENOVA01", "Università degli Studi di Genova", "IT", "it"),
  p("P PORTO02", "Universidade do Porto", "PT", "pt"),
  p("P LISBOA109", "Universidade de Lisboa", "PT", "pt"),
  p("B LEUVEN01", "KU Leuven", "BE", "en"),
  p("B GENT01", "Universiteit Gent", "BE", "en"),
  p("NL DELFT01", "Technische Universiteit Delft", "NL", "en"),
  p("NL EINDHOV17", "Technische Universiteit Eindhoven", "NL", "en"),
  p("G ATHINE02", "National Technical University of Athens", "GR", "en"),
  p("CY NICOSIA01", "University of Cyprus", "CY", "en"),
  p("MT MALTA01", "University of Malta", "MT", "en"),
  p("UK GLASGOW02", "University of Strathclyde", "GB", "en"),
  p("UK LONDON029", "University College London", "GB", "en"),
  p("UK NEWCAST01", "Newcastle University", "GB", "en"),
  p("IRL DUBLIN01", "Trinity College Dublin", "IE", "en"),
  p("DK LYNGBY01", "Danmarks Tekniske Universitet", "DK", "en"),
  p("SF ESPOO12", "Aalto University", "FI", "en"),
  p("SF TAMPERE17", "Tampere University", "FI", "en"),
  p("S STOCKHO04", "KTH Royal Institute of Technology", "SE", "en"),
  p("S LUND01", "Lunds universitet", "SE", "en"),
  p("N TRONDHE01", "Norwegian University of Science and Technology", "NO", "en"),
  p("IS REYKJAV05", "Reykjavík University", "IS", "en"),
  p("LUX LUX-VIL01", "Université du Luxembourg", "LU", "fr"),
  p("PL WARSZAW02", "Politechnika Warszawska", "PL", "en"),
  p("PL KRAKOW02", "AGH University of Science and Technology", "PL", "en"),
  p("PL GDANSK02", "Politechnika Gdańska", "PL", "en"),
  p("CZ PRAHA10", "České vysoké učení technické v Praze", "CZ", "en"),
  p("CZ BRNO01", "Vysoké učení technické v Brně", "CZ", "en"),
  p("SK BRATISL01", "Slovenská technická univerzita v Bratislave", "SK", "en"),
  p("HU BUDAPES02", "Budapest University of Technology and Economics", "HU", "en"),
  p("SI LJUBLJA01", "Univerza v Ljubljani", "SI", "en"),
  p("HR ZAGREB01", "Sveučilište u Zagrebu", "HR", "en"),
  p("RO BUCURES11", "Universitatea Politehnica din București", "RO", "en"),
  p("BG SOFIA16", "Technical University of Sofia", "BG", "en"),
  p("LT KAUNAS02", "Kauno technologijos universitetas", "LT", "en"),
  p("LV RIGA02", "Rīgas Tehniskā universitāte", "LV", "en"),
  p("EE TALLINN04", "Tallinna Tehnikaülikool", "EE", "en"),
  p("TR ISTANBU04", "İstanbul Teknik Üniversitesi", "TR", "en"),
  p("TR ANKARA04", "Orta Doğu Teknik Üniversitesi", "TR", "en"),
  p("MK SKOPJE01", "Ss. Cyril and Methodius University in Skopje", "MK", "en"),
  p("CH ZURICH01", "ETH Zürich", "CH", "de"),
  p("CH LAUSANN02", "École Polytechnique Fédérale de Lausanne", "CH", "fr"),
];

/** SPEC 5: the 28 EU states plus Iceland, Liechtenstein, Norway, FYR Macedonia and Turkey (2018/2019). */
export const PROGRAMME_COUNTRIES_2018_2019: readonly string[] = [
  ...["AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT"],
  ...["LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "GB", "IS", "LI", "NO", "MK", "TR"],
];

/** SPEC 8: the grant groups of 2018/2019 (Switzerland takes no part). */
export const FUNDING_GROUPS_2018_2019: readonly FundingGroup[] = [
  { group: 1, monthlyEur: 300, countries: ["DK", "FI", "IE", "IS", "LI", "LU", "NO", "GB", "SE"] },
  {
    group: 2,
    monthlyEur: 250,
    countries: ["DE", "AT", "BE", "CY", "ES", "FR", "GR", "IT", "MT", "NL", "PT"],
  },
  {
    group: 3,
    monthlyEur: 200,
    countries: ["MK", "BG", "HR", "SK", "SI", "EE", "HU", "LV", "LT", "PL", "CZ", "RO", "TR"],
  },
];

/** R-327/18: the second Erasmus+ call for 2018/2019, study mobility. */
export function demoCall(): Call {
  return {
    id: "upct-erasmus-2018-2019-r2",
    academicYear: "2018/2019",
    kind: "study",
    applicationDeadline: "2018-05-07T14:00:00+02:00",
    maxChoices: 10,
    scoring: {
      languagePoints: { B1: 0.5, B2: 1, C1: 1.25, C2: 1.5 },
      activityBonus: 0.25,
      languageScope: "best",
    },
    eligibility: {
      minYearOfStudy: 2,
      minFirstYearCreditsPct: 60,
      maxMonthsPerCycle: 12,
      programmeCountries: [...PROGRAMME_COUNTRIES_2018_2019],
    },
    duration: { minMonths: 3, maxMonths: 12 },
    funding: {
      maxFundedMonths: 7,
      groups: FUNDING_GROUPS_2018_2019.map((g) => ({ ...g, countries: [...g.countries] })),
    },
  };
}

export const DEMO_CALENDAR: CallCalendar = {
  applicationOpensAt: "2018-04-23T00:00:00+02:00",
  applicationDeadline: "2018-05-07T14:00:00+02:00",
  documentsDeadline: "2018-05-07T14:00:00+02:00",
  levelTestAt: "2018-05-04T09:30:00+02:00",
  provisionalListAt: "2018-05-11T09:00:00+02:00",
  claimsOpenAt: "2018-05-12T00:00:00+02:00",
  claimsCloseAt: "2018-05-22T23:59:59+02:00",
  definitiveListAt: "2018-05-23T09:00:00+02:00",
  acceptanceDeadline: "2018-05-25T23:59:59+02:00",
};

/** A small deterministic PRNG (mulberry32), so the demo is the same on every machine. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const GIVEN_NAMES = [
  "Lucía",
  "Hugo",
  "María",
  "Martín",
  "Paula",
  "Daniel",
  "Sofía",
  "Pablo",
  "Alba",
  "Alejandro",
  "Carmen",
  "Javier",
  "Elena",
  "Diego",
  "Marta",
  "Adrián",
  "Laura",
  "Álvaro",
  "Irene",
  "Sergio",
  "Nerea",
  "Raúl",
  "Claudia",
  "Iván",
  "Andrea",
  "Jorge",
  "Sara",
  "Manuel",
  "Noelia",
  "Antonio",
];
const SURNAMES = [
  "García",
  "Martínez",
  "López",
  "Sánchez",
  "Pérez",
  "Gómez",
  "Fernández",
  "Ruiz",
  "Hernández",
  "Jiménez",
  "Navarro",
  "Moreno",
  "Muñoz",
  "Romero",
  "Alonso",
  "Soler",
  "Meroño",
  "Conesa",
  "Madrid",
  "Zapata",
  "Ros",
  "Vidal",
];

export function buildDemoUniversity(seed = 2018): DemoUniversity {
  const rnd = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
  const call = demoCall();

  // ~100 agreements: every centre with partners in its field; Switzerland included to show it refused.
  const agreements: Agreement[] = [];
  const perCentre: Record<string, number> = {
    ETSII: 22,
    ETSIT: 16,
    ETSAE: 14,
    ETSINO: 10,
    FCE: 16,
    ETSIA: 10,
    ETSICCPIM: 12,
  };
  for (const centre of DEMO_CENTRES) {
    const offset = Math.floor(rnd() * PARTNERS.length);
    for (let i = 0; i < perCentre[centre.code]!; i++) {
      const partner = PARTNERS[(offset + i * 7) % PARTNERS.length]!;
      const strict = rnd() < 0.2;
      const level: CefrLevel = rnd() < 0.6 ? "B1" : "B2";
      const options =
        partner.language === "en"
          ? [{ language: "en", minLevel: level }]
          : [
              { language: partner.language, minLevel: level },
              { language: "en", minLevel: "B2" as CefrLevel },
            ];
      agreements.push({
        id: `${centre.code}-${partner.code.replace(/\s+/g, "-")}`,
        centre: centre.code,
        partner: { erasmusCode: partner.code, name: partner.name, country: partner.country },
        places: 1 + Math.floor(rnd() * 3),
        months: rnd() < 0.45 ? 5 : 9,
        cycles: rnd() < 0.7 ? ["grado", "master"] : ["grado"],
        subjectArea: centre.code === "FCE" ? "0413" : centre.code === "ETSAE" ? "0731" : "0710",
        languageRequirement: { requiredAtApplication: strict, options },
      });
    }
  }

  const students: Student[] = [];
  const studentDegrees: Record<string, string> = {};
  for (let i = 1; i <= 400; i++) {
    const degree = pick(DEMO_DEGREES.filter((x) => x.cycle !== "doctorado" || rnd() < 0.05));
    const id = `S${String(i).padStart(4, "0")}`;
    const grado = degree.cycle === "grado";
    const yearOfStudy = grado ? 1 + Math.floor(rnd() * 4) : 1 + Math.floor(rnd() * 2);
    const creditsPassed = Math.min(degree.credits, Math.round((yearOfStudy - 1 + rnd()) * 60 * 10) / 10);
    const certificates: Student["languageCertificates"] = [];
    const roll = rnd();
    if (roll < 0.3)
      certificates.push({
        certificate: "en-cambridge-general",
        language: "en",
        level: pick(["B1", "B2", "C1"] as const),
        verified: rnd() < 0.85,
      });
    else if (roll < 0.5)
      certificates.push({
        certificate: "en-ielts",
        language: "en",
        result: pick([5, 5.5, 6, 6.5, 7, 7.5]),
        verified: rnd() < 0.85,
      });
    else if (roll < 0.6)
      certificates.push({
        certificate: "level-test",
        language: pick(["en", "de", "fr", "it"]),
        level: pick(["B1", "B2"] as const),
        verified: true,
      });
    if (rnd() < 0.12)
      certificates.push({
        certificate: "de-goethe",
        language: "de",
        level: pick(["B1", "B2"] as const),
        verified: rnd() < 0.8,
      });
    if (rnd() < 0.1)
      certificates.push({
        certificate: "fr-delf-dalf",
        language: "fr",
        level: pick(["B1", "B2"] as const),
        verified: rnd() < 0.8,
      });
    const activities: Student["activities"] = [];
    if (rnd() < 0.15) activities.push({ kind: "international-event", verified: rnd() < 0.9 });
    if (rnd() < 0.08)
      activities.push({ kind: "mentor-programme", positiveEvaluation: rnd() < 0.8, verified: true });
    const foreign = rnd() < 0.08;
    students.push({
      id,
      name: `${pick(GIVEN_NAMES)} ${pick(SURNAMES)} ${pick(SURNAMES)}`,
      centre: degree.centre,
      cycle: degree.cycle,
      yearOfStudy,
      averageGrade: Math.round((5 + rnd() * 4.6) * 1000) / 1000,
      creditsPassed,
      degreeCredits: degree.credits,
      firstYearCreditsPct: grado ? Math.min(100, Math.round((40 + rnd() * 70) * 10) / 10) : 100,
      nationality: foreign ? pick(["IT", "FR", "MA", "CO", "EC", "RO"]) : "ES",
      residencePermit: foreign && rnd() < 0.6,
      enrolled: rnd() < 0.98,
      hasDebts: rnd() < 0.03,
      inOtherMobilityProgramme: rnd() < 0.03,
      previousErasmusMonths: rnd() < 0.1 ? pick([5, 9, 10]) : 0,
      gender: pick(["female", "male", "female", "male", "undisclosed"] as const),
      disability: rnd() < 0.04,
      disadvantaged: rnd() < 0.1,
      languageCertificates: certificates,
      activities,
    });
    studentDegrees[id] = degree.code;
  }

  // The demo student (S0001, the account estudiante@) can apply: a newcomer trying the portal should
  // meet the rules at their destinations, not an exclusion for first-year credits the random record
  // happened to give (46.1 % against 60 %).
  const demoStudent = students[0]!;
  demoStudent.firstYearCreditsPct = 88.5;

  // By the demo's "now" (2 May 2018, call open) about 60 % have applied: most validated, some drafts.
  const applications: Application[] = [];
  const opens = Date.parse(DEMO_CALENDAR.applicationOpensAt!);
  const now = Date.parse(DEMO_NOW);
  for (const student of students) {
    if (student.id === "S0001" || rnd() > 0.6) continue; // S0001, the demo student, has not applied yet.
    const own = agreements.filter((a) => a.centre === student.centre);
    const count = Math.min(own.length, 1 + Math.floor(rnd() * 5));
    const choices: string[] = [];
    while (choices.length < count) {
      const a = pick(own).id;
      if (!choices.includes(a)) choices.push(a);
    }
    const validated = rnd() < 0.75;
    const at = new Date(opens + Math.floor(rnd() * (now - opens)));
    applications.push({
      id: `APP-${student.id}`,
      studentId: student.id,
      validatedAt: validated ? madridOffsetInstant(at) : null,
      choices,
    });
  }

  return {
    centres: DEMO_CENTRES,
    degrees: DEMO_DEGREES,
    studentDegrees,
    calendar: DEMO_CALENDAR,
    dataset: { formatVersion: 1, call, agreements, students, applications },
  };
}

/** An instant written with Madrid's summer offset (the whole demo call is in CEST). */
function madridOffsetInstant(instant: Date): string {
  const local = new Date(instant.getTime() + 2 * 3600_000);
  return `${local.toISOString().slice(0, 19)}+02:00`;
}
