// What a client sees of an agreement: the dataset's Agreement and the nomination deadline.
// Pure (zod and pure constants only): the web infers its types from it (docs/decisions/0006-web.md).
import { z } from "zod";
import { CEFR_LEVELS } from "../../domain/dataset.ts";

const cycle = z.enum(["grado", "master", "doctorado"]);

export const agreementSchema = z
  .object({
    id: z.string(),
    centre: z.string(),
    partner: z.object({ name: z.string(), country: z.string(), erasmusCode: z.string().optional() }),
    places: z.int(),
    months: z.number(),
    cycles: z.array(cycle),
    subjectArea: z.string().optional(),
    languageRequirement: z
      .object({
        requiredAtApplication: z.boolean(),
        options: z.array(z.object({ language: z.string(), minLevel: z.enum(CEFR_LEVELS) })),
      })
      .optional(),
    nominationDeadline: z.iso.date().nullable(),
  })
  .meta({ id: "Agreement" });
export type AgreementView = z.infer<typeof agreementSchema>;
