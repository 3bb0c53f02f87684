// Annex II of the call (SPEC 9, 13): a language certificate family as a client sees it, for the
// upload form of the student's documents page (ids, languages and CEFR levels as codes).
// Pure (zod and pure constants only): the web infers its types from it (docs/decisions/0006-web.md).
import { z } from "zod";
import { CEFR_LEVELS } from "../../domain/dataset.ts";

export const certificateFamilySchema = z
  .object({
    id: z.string().describe("the Annex II id a document upload names as `certificate`"),
    name: z.string().describe("the certificate's own name, as the annex writes it"),
    languages: z.array(z.string()).describe("ISO 639-1 codes the family accredits"),
    anyLanguage: z.boolean().describe("also any other language (the annex's 'Otros idiomas')"),
    grading: z
      .enum(["named-levels", "score-ranges", "components"])
      .describe("named-levels: send `level`; score-ranges: `result`; components: `results` (JSON)"),
    levels: z.array(z.enum(CEFR_LEVELS)).describe("the CEFR levels the family accredits"),
    components: z.array(z.string()).describe("the skills scored separately (components only)"),
  })
  .meta({ id: "CertificateFamily" });
export type CertificateFamilyView = z.infer<typeof certificateFamilySchema>;
