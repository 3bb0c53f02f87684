// Building blocks of the request and response schemas (STYLE habit 4): bounded, so that no value a
// client sends can reach the database as something it refuses (a NUL byte, a year 0, 1e308 places).

import { z } from "zod";
import { CEFR_LEVELS } from "../domain/dataset.ts";

// Control characters (PostgreSQL refuses NUL in text; the others have no business in a name).
// biome-ignore lint/suspicious/noControlCharactersInRegex: that is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Text a person typed: trimmed of nothing, at most `max` characters, no control characters. */
export const text = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => !CONTROL.test(s), { error: "must not contain control characters" });

/** A non-empty name. */
export const name = (max = 300) => text(max).refine((s) => s.trim() !== "", { error: "must not be empty" });

/** An identifier the university gives (a call, an agreement, a student): it appears in URLs. */
export const code = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[^\s/\\?#%]+(?: [^\s/\\?#%]+)*$/, { error: "must be a code without slashes, ?, # or %" })
  .refine((s) => !CONTROL.test(s), { error: "must not contain control characters" });

/** A path parameter: any text up to a length; an unknown one is a 404, not a 400. */
export const pathId = z.string().min(1).max(200);

export const country = z
  .string()
  .regex(/^[A-Z]{2}$/, { error: "must be an ISO 3166-1 alpha-2 code, e.g. DE" });
export const language = z.string().regex(/^[a-z]{2}$/, { error: "must be an ISO 639-1 code, e.g. de" });
export const cefr = z.enum(CEFR_LEVELS);
export const cycle = z.enum(["grado", "master", "doctorado"]);

const inSaneYears = (text: string) => {
  const year = Number(text.slice(0, 4));
  return year >= 2000 && year <= 2099;
};

/** An RFC 3339 instant with its offset, e.g. 2018-05-07T14:00:00+02:00, in years 2000–2099. */
export const instant = z.iso
  .datetime({ offset: true })
  .refine(inSaneYears, { error: "must be a year between 2000 and 2099" })
  .meta({ example: "2018-05-07T14:00:00+02:00" });

/** A calendar day, YYYY-MM-DD, in years 2000–2099. */
export const day = z.iso
  .date()
  .refine(inSaneYears, { error: "must be a year between 2000 and 2099" })
  .meta({ example: "2018-06-30" });

/** A decimal figure within bounds (and so finite). */
export const figure = (min: number, max: number) => z.number().min(min).max(max);

/** Months of a stay or of a cycle. */
export const months = figure(0, 48);

/** A page of a list: at most `limit` items from `offset`. */
export const limit = z.coerce.number().int().min(1).max(1000).default(1000);
export const offset = z.coerce.number().int().min(0).max(1_000_000).default(0);

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.int().describe("how many match, over every page") });

/** A CSV file: the body itself (Content-Type: text/csv) or JSON `{ "csv": "…" }`. */
export const csvImportBody = z.union([
  z.string().describe("the file, sent as text/csv"),
  z.strictObject({ csv: z.string().describe("the file's text") }),
]);
export type CsvImportBody = z.infer<typeof csvImportBody>;

export const importReportSchema = z
  .object({
    created: z.int(),
    updated: z.int(),
    unchanged: z.int(),
  })
  .meta({ id: "ImportReport" });
export type ImportReport = z.infer<typeof importReportSchema>;
