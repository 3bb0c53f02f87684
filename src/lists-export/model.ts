// What every export of a published list shows (issue 5): the same pseudonymised rows as the public
// JSON view (masked id, initials, score components, status, destination), the words of its headers
// in Spanish, English or both, and the call's scoring rule and tie-break statement (SPEC 6, 12.4)
// as they applied to the list's centre. Plain data in, text out: the renderers (pdf.ts, csv.ts,
// xlsx.ts) only lay it out. docs/decisions/0012-list-exports-and-statistics.md.
import type { Call, CefrLevel } from "../domain/dataset.ts";
import type { PublicEntry } from "../domain/lists.ts";

/** One language, or both side by side ("Puntuación / Score"), the default of a formal document. */
export type ExportLanguage = "es" | "en" | "both";

export interface Words {
  es: string;
  en: string;
}

export const say = (lang: ExportLanguage, words: Words): string =>
  lang === "both" ? (words.es === words.en ? words.es : `${words.es} / ${words.en}`) : words[lang];

export interface ListExportData {
  listId: string;
  callId: string;
  academicYear: string;
  round: number | null;
  centre: { code: string; name: string; nameEn: string | null };
  kind: "provisional" | "definitive";
  publishedAt: string;
  /** Why it was republished, when it supersedes an earlier list. */
  reason: string | null;
  supersedesId: string | null;
  /** The publication that replaced this one, when there is one. */
  supersededBy: { id: string; publishedAt: string } | null;
  /** The scoring settings the list was scored with: the call's, with the centre's own on top. */
  scoring: Call["scoring"];
  entries: PublicEntry[];
}

export const UNIVERSITY: Words = {
  es: "Universidad Politécnica de Cartagena · Servicio de Relaciones Internacionales",
  en: "Technical University of Cartagena · International Relations Office",
};

export const KIND: Record<ListExportData["kind"], Words> = {
  provisional: { es: "Listado provisional", en: "Provisional list" },
  definitive: { es: "Listado definitivo", en: "Definitive list" },
};

const STATUS: Record<PublicEntry["status"], Words> = {
  awarded: { es: "Adjudicada", en: "Awarded" },
  substitute: { es: "Suplente", en: "Substitute" },
  excluded: { es: "Excluida", en: "Excluded" },
};

/** SPEC 12.4, as the lists publish it. */
export const TIE_BREAK: Words = {
  es:
    "Desempates: a igual puntuación total, mayor nota ponderada; después, mayor puntuación de idioma; " +
    "después, mayor proporción de créditos superados (mín(superados / créditos de la titulación, 1)); " +
    "después, validación más temprana; por último, identificador de solicitud.",
  en:
    "Ties: at equal total score, the higher weighted grade; then the higher language points; then the " +
    "higher share of credits passed (min(passed / degree credits, 1)); then the earlier validation; " +
    "finally, the application id.",
};

const number = (lang: "es" | "en", n: number) =>
  new Intl.NumberFormat(lang === "es" ? "es-ES" : "en-GB", { maximumFractionDigits: 4 }).format(n);

/** SPEC 6 and 13 with the list's own settings: the formula, each component, once each. */
export function scoringRule(scoring: Call["scoring"], lang: "es" | "en"): string[] {
  const levels = (Object.entries(scoring.languagePoints) as [CefrLevel, number][])
    .map(([level, points]) => `${level} ${number(lang, points)}`)
    .join(" · ");
  const bonus = number(lang, scoring.activityBonus);
  if (lang === "es")
    return [
      "Puntuación total = nota ponderada + idioma + actividades.",
      "Nota ponderada = nota media × mín(créditos superados / créditos de la titulación, 1), redondeada a 4 decimales.",
      `Idioma: ${levels} (MCER), ${
        scoring.languageScope === "best"
          ? "una sola vez, el mejor nivel acreditado en cualquier idioma"
          : "el nivel acreditado en el idioma del destino"
      }.`,
      `Actividades: ${bonus}, una sola vez, por un evento internacional o el Programa Mentor con evaluación positiva.`,
    ];
  return [
    "Total score = weighted grade + language + activities.",
    "Weighted grade = average grade × min(credits passed / degree credits, 1), rounded to 4 decimals.",
    `Language: ${levels} (CEFR), ${
      scoring.languageScope === "best"
        ? "once, the best level accredited in any language"
        : "the level accredited in the destination's language"
    }.`,
    `Activities: ${bonus}, once, for an international event or the Mentor Programme with a positive evaluation.`,
  ];
}

export type Cell = string | number | null;

export interface Column {
  key: string;
  header: Words;
  /** Numbers stay numbers in the spreadsheet. */
  numeric: boolean;
  value: (entry: PublicEntry, lang: ExportLanguage) => Cell;
  /** Relative width in the PDF table and characters in the spreadsheet. */
  width: number;
}

export const COLUMNS: Column[] = [
  { key: "rank", header: { es: "Orden", en: "Rank" }, numeric: true, width: 6, value: (e) => e.rank },
  {
    key: "maskedId",
    header: { es: "Documento", en: "ID" },
    numeric: false,
    width: 11,
    value: (e) => e.maskedId,
  },
  {
    key: "initials",
    header: { es: "Iniciales", en: "Initials" },
    numeric: false,
    width: 10,
    value: (e) => e.initials,
  },
  {
    key: "weightedGrade",
    header: { es: "Nota ponderada", en: "Weighted grade" },
    numeric: true,
    width: 10,
    value: (e) => e.score?.weightedGrade ?? null,
  },
  {
    key: "language",
    header: { es: "Idioma", en: "Language" },
    numeric: true,
    width: 8,
    value: (e) => e.score?.language ?? null,
  },
  {
    key: "activities",
    header: { es: "Actividades", en: "Activities" },
    numeric: true,
    width: 9,
    value: (e) => e.score?.activities ?? null,
  },
  {
    key: "total",
    header: { es: "Puntuación", en: "Score" },
    numeric: true,
    width: 9,
    value: (e) => e.score?.total ?? null,
  },
  {
    key: "status",
    header: { es: "Estado", en: "Status" },
    numeric: false,
    width: 17,
    value: (e, lang) => say(lang, STATUS[e.status]),
  },
  {
    key: "agreementId",
    header: { es: "Acuerdo", en: "Agreement" },
    numeric: false,
    width: 14,
    value: (e) => e.destination?.agreementId ?? null,
  },
  {
    key: "destination",
    header: { es: "Destino", en: "Destination" },
    numeric: false,
    width: 22,
    value: (e) => e.destination?.partnerName ?? null,
  },
  {
    key: "country",
    header: { es: "País", en: "Country" },
    numeric: false,
    width: 6,
    value: (e) => e.destination?.country ?? null,
  },
  {
    key: "substitutePositions",
    header: { es: "Suplente en", en: "Substitute for" },
    numeric: false,
    width: 18,
    value: (e) =>
      e.substitutePositions.length === 0
        ? null
        : e.substitutePositions.map((p) => `${p.agreementId} #${p.position}`).join("; "),
  },
  {
    key: "exclusions",
    header: { es: "Exclusión", en: "Exclusion" },
    numeric: false,
    width: 20,
    value: (e) => (e.exclusions.length === 0 ? null : e.exclusions.join("; ")),
  },
];

export const headers = (lang: ExportLanguage): string[] => COLUMNS.map((c) => say(lang, c.header));

export const rowOf = (entry: PublicEntry, lang: ExportLanguage): Cell[] =>
  COLUMNS.map((c) => c.value(entry, lang));

/** E.g. "R-327-18_ETSII_provisional_<listId>": letters, digits, "-" and "_" only. */
export function fileBaseName(data: ListExportData): string {
  return [data.callId, data.centre.code, data.kind, data.listId]
    .map((part) => part.replace(/[^A-Za-z0-9_-]+/g, "-"))
    .join("_");
}

/** An instant as the call's calendar reads it (Europe/Madrid): "11/05/2018 10:00 CEST". */
export function madridDateTime(iso: string): string {
  const parts = new Intl.DateTimeFormat("es-ES", {
    timeZone: "Europe/Madrid",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZoneName: "short",
  }).formatToParts(new Date(iso));
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("day")}/${get("month")}/${get("year")} ${get("hour")}:${get("minute")} ${get("timeZoneName")}`;
}

/** The lines a formal document opens with, in the language(s) asked for. */
export function headingLines(data: ListExportData, lang: ExportLanguage): string[] {
  const centreName =
    lang === "en" && data.centre.nameEn !== null
      ? data.centre.nameEn
      : lang === "both" && data.centre.nameEn !== null && data.centre.nameEn !== data.centre.name
        ? `${data.centre.name} / ${data.centre.nameEn}`
        : data.centre.name;
  return [
    `${say(lang, { es: "Convocatoria", en: "Call" })}: ${data.callId} (${data.academicYear}${
      data.round === null ? "" : `, ${say(lang, { es: "ronda", en: "round" })} ${data.round}`
    })`,
    `${say(lang, { es: "Centro", en: "Centre" })}: ${centreName} (${data.centre.code})`,
    `${say(lang, { es: "Publicado", en: "Published" })}: ${madridDateTime(data.publishedAt)} (${say(lang, {
      es: "hora de Madrid",
      en: "Madrid time",
    })})`,
  ];
}

/** The notice of a list that another publication replaced, or null. */
export function supersededLine(data: ListExportData, lang: ExportLanguage): string | null {
  if (data.supersededBy === null) return null;
  const when = madridDateTime(data.supersededBy.publishedAt);
  return say(lang, {
    es: `SUSTITUIDO: esta lista fue sustituida por la publicación ${data.supersededBy.id} del ${when}.`,
    en: `SUPERSEDED: this list was replaced by publication ${data.supersededBy.id} of ${when}.`,
  });
}

export const languagesOf = (lang: ExportLanguage): ("es" | "en")[] =>
  lang === "both" ? ["es", "en"] : [lang];
