// Centres and degrees as a client sees them: names in Spanish and English.
// Pure (zod and pure constants only): the web infers its types from it (docs/decisions/0006-web.md).
import { z } from "zod";

export const centreSchema = z
  .object({ code: z.string(), name: z.string(), nameEn: z.string().nullable() })
  .meta({ id: "Centre" });

export const degreeSchema = z
  .object({
    code: z.string(),
    centre: z.string(),
    name: z.string(),
    nameEn: z.string().nullable(),
    cycle: z.enum(["grado", "master", "doctorado"]),
    credits: z.number(),
  })
  .meta({ id: "Degree" });
