// Annex II of the call (SPEC 9, 13): the certificate families a student may hand in, for the upload
// form of the student's documents page. Public and read-only, like the call it belongs to: ids,
// languages and CEFR levels as codes (the names are the certificates' own, not translated).
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import catalogue from "../../domain/data/language-certificates.json" with { type: "json" };
import { CEFR_LEVELS, type CefrLevel } from "../../domain/dataset.ts";
import { certificateFamily } from "../../domain/language-certificates.ts";
import { type CertificateFamilyView, certificateFamilySchema } from "../../schemas/responses/certificates.ts";
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
