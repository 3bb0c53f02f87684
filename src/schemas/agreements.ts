// An agreement of a call as the office edits it: the dataset's Agreement (dataset.schema.json) and
// the partner's nomination deadline. The CSV form is src/imports/agreements-csv.ts.

import { z } from "zod";
import {
  cefr,
  code,
  country,
  cycle,
  day,
  figure,
  language,
  limit,
  name,
  offset,
  pathId,
  text,
} from "./common.ts";

/** Places of one agreement: a handful in practice; bounded so no number overflows a column. */
export const MAX_PLACES = 999;

const partner = z.strictObject({
  name: name(300),
  country,
  erasmusCode: name(50).optional().describe("e.g. D MUNCHEN02"),
});

const languageRequirement = z
  .strictObject({
    requiredAtApplication: z
      .boolean()
      .describe("true: without a verified certificate meeting one option the student may not choose it"),
    options: z
      .array(z.strictObject({ language, minLevel: cefr }))
      .min(1)
      .max(10),
  })
  .describe("the partner's working languages and minimum levels");

const cycles = z
  .array(cycle)
  .min(1)
  .max(3)
  .refine((list) => new Set(list).size === list.length, { error: "must not repeat a cycle" });

const fields = {
  centre: code,
  partner,
  places: z.int().min(0).max(MAX_PLACES),
  months: figure(0, 24).describe("months of the stay the agreement fixes"),
  cycles,
  subjectArea: name(20).describe("ISCED-F code"),
  languageRequirement,
  nominationDeadline: day.describe("the partner's nomination deadline"),
};

export const createAgreementBody = z.strictObject({
  id: code,
  centre: fields.centre,
  partner: fields.partner,
  places: fields.places,
  months: fields.months,
  cycles: fields.cycles,
  subjectArea: fields.subjectArea.optional(),
  languageRequirement: fields.languageRequirement.optional(),
  nominationDeadline: fields.nominationDeadline.nullable().optional(),
});
export type CreateAgreementInput = z.infer<typeof createAgreementBody>;

/** Each field replaces the stored one; null clears an optional one. */
export const updateAgreementBody = z.strictObject({
  centre: fields.centre.optional(),
  partner: fields.partner.optional(),
  places: fields.places.optional(),
  months: fields.months.optional(),
  cycles: fields.cycles.optional(),
  subjectArea: fields.subjectArea.nullable().optional(),
  languageRequirement: fields.languageRequirement.nullable().optional(),
  nominationDeadline: fields.nominationDeadline.nullable().optional(),
});
export type UpdateAgreementInput = z.infer<typeof updateAgreementBody>;

export const agreementListQuery = z.strictObject({
  centre: pathId.optional().describe("only this centre's (within what you may see)"),
  country: country.optional(),
  cycle: cycle.optional(),
  q: text(100).optional().describe("part of the id, the partner's name or its Erasmus code"),
  limit,
  offset,
});
export type AgreementListQuery = z.infer<typeof agreementListQuery>;
