// Centres and degrees as a client sees them: names in Spanish and English.
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
