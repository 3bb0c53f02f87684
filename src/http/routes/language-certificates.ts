// Annex II of the call (SPEC 9, 13): the certificate families a student may hand in, for the upload
// form of the student's documents page. Public and read-only, like the call it belongs to: ids,
// languages and CEFR levels as codes (the names are the certificates' own, not translated).
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import catalogue from "../../domain/data/language-certificates.json" with { type: "json" };
import { CEFR_LEVELS, type CefrLevel } from "../../domain/dataset.ts";
import { certificateFamily } from "../../domain/language-certificates.ts";
import { errorResponses } from "../errors.ts";

interface CatalogueEntry {
  id: string;
  language: string;
  languages?: string[];
  appliesToOtherLanguages?: boolean;
  name: string;
  kind: "named-levels" | "score-ranges";
  components?: string[];
  levels: Record<string, unknown>;
}

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

const isCefr = (level: string): level is CefrLevel => (CEFR_LEVELS as readonly string[]).includes(level);

/** Every family of the catalogue the domain knows, in the annex's order. */
export function presentCertificateFamilies(): CertificateFamilyView[] {
  return (catalogue.certificates as CatalogueEntry[])
    .filter((entry) => certificateFamily(entry.id) !== undefined)
    .map((entry) => ({
      id: entry.id,
      name: entry.name,
      languages: entry.language === "*" ? (entry.languages ?? []) : [entry.language],
      anyLanguage: entry.appliesToOtherLanguages === true,
      grading: entry.components ? "components" : entry.kind,
      levels: CEFR_LEVELS.filter((level) => isCefr(level) && level in entry.levels),
      components: entry.components ?? [],
    }));
}

export const languageCertificateRoutes: FastifyPluginAsyncZod = async (app) => {
  const families = presentCertificateFamilies();
  app.get(
    "/language-certificates",
    {
      // Part of the call's published rules: public as the call is.
      config: { policy: "call:read" },
      schema: {
        summary: "Annex II: the language certificate families accepted, their languages and levels",
        tags: ["documents"],
        querystring: z.strictObject({}),
        response: { 200: z.object({ items: z.array(certificateFamilySchema) }), ...errorResponses },
      },
    },
    async (_request, reply) => {
      reply.header("cache-control", "public, max-age=3600");
      return { items: families };
    },
  );
};
