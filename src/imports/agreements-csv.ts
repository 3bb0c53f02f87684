// The inter-institutional agreements of a call as the office keeps them in a spreadsheet: one row
// per agreement, with its partner, places, months, cycles and language requirements.

import { z } from "zod";
import type { Agreement, CefrLevel, Cycle } from "../domain/dataset.ts";
import {
  booleanCell,
  type CsvResult,
  decimalCell,
  integerCell,
  optionalTextCell,
  parseCsv,
  textCell,
} from "./csv.ts";

const CYCLES = ["grado", "master", "doctorado"] as const;
const LEVELS = ["A1", "A2", "B1", "B2", "C1", "C2"] as const;

/** "grado|master" (also with commas, spaces or "+"). */
const cyclesCell = z
  .string()
  .trim()
  .transform((s) => s.split(/[|,+\s]+/).filter(Boolean))
  .pipe(z.array(z.enum(CYCLES, { error: "UNKNOWN_VALUE" })).min(1, { error: "REQUIRED" }));

/** "de:B1|en:B2": the partner's working languages with their minimum levels. */
const languagesCell = z
  .string()
  .trim()
  .transform((s) => s.split(/[|,\s]+/).filter(Boolean))
  .pipe(
    z.array(
      z
        .string()
        .regex(/^[a-z]{2}:(A1|A2|B1|B2|C1|C2)$/i, { error: "UNKNOWN_VALUE" })
        .transform((option) => {
          const [language, level] = option.split(":");
          return { language: language!.toLowerCase(), minLevel: level!.toUpperCase() as CefrLevel };
        }),
    ),
  );

const AGREEMENT_COLUMNS = {
  id: textCell,
  centre: textCell,
  partnerName: textCell,
  partnerErasmusCode: optionalTextCell,
  partnerCountry: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, { error: "UNKNOWN_VALUE" }),
  places: integerCell.pipe(z.number().min(0, { error: "OUT_OF_RANGE" })),
  months: decimalCell.pipe(z.number().min(0, { error: "OUT_OF_RANGE" }).max(24, { error: "OUT_OF_RANGE" })),
  cycles: cyclesCell,
  subjectArea: optionalTextCell,
  languages: languagesCell,
  languageRequiredAtApplication: booleanCell,
  nominationDeadline: z
    .string()
    .trim()
    .transform((s) => (s === "" ? undefined : s))
    .pipe(z.iso.date({ error: "UNKNOWN_VALUE" }).optional()),
};

const OPTIONAL = [
  "partnerErasmusCode",
  "subjectArea",
  "languages",
  "languageRequiredAtApplication",
  "nominationDeadline",
] as const;

export const AGREEMENT_CSV_COLUMNS = Object.keys(AGREEMENT_COLUMNS);

export interface AgreementRecord {
  agreement: Agreement;
  /** The partner's nomination deadline (YYYY-MM-DD), after which a renunciation is penalised. */
  nominationDeadline?: string;
}

export function parseAgreementsCsv(text: string): CsvResult<AgreementRecord> {
  const parsed = parseCsv(text, AGREEMENT_COLUMNS, { idColumn: "id", optional: OPTIONAL });
  if (!parsed.ok) return parsed;
  return {
    ok: true,
    records: parsed.records.map((row) => {
      const agreement: Agreement = {
        id: row.id,
        centre: row.centre,
        partner: {
          ...(row.partnerErasmusCode === undefined ? {} : { erasmusCode: row.partnerErasmusCode }),
          name: row.partnerName,
          country: row.partnerCountry,
        },
        places: row.places,
        months: row.months,
        cycles: [...new Set(row.cycles)] as Cycle[],
        ...(row.subjectArea === undefined ? {} : { subjectArea: row.subjectArea }),
        ...(row.languages.length > 0
          ? {
              languageRequirement: {
                requiredAtApplication: row.languageRequiredAtApplication,
                options: row.languages,
              },
            }
          : {}),
      };
      return {
        agreement,
        ...(row.nominationDeadline === undefined ? {} : { nominationDeadline: row.nominationDeadline }),
      };
    }),
  };
}

export { LEVELS as AGREEMENT_LEVELS };
