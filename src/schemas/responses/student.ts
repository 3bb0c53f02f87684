// What a client sees of a student's academic record (Secretaría's figures); documents
// (certificates, activities) are not part of it.
// Pure (zod and pure constants only): the web infers its types from it (docs/decisions/0006-web.md).
import { z } from "zod";

export const studentSchema = z
  .object({
    id: z.string(),
    name: z.string().nullable(),
    email: z.string().nullable(),
    centre: z.string(),
    degree: z.string().nullable(),
    cycle: z.enum(["grado", "master", "doctorado"]),
    yearOfStudy: z.int(),
    averageGrade: z.number(),
    creditsPassed: z.number(),
    degreeCredits: z.number(),
    firstYearCreditsPct: z.number(),
    nationality: z.string(),
    residencePermit: z.boolean(),
    enrolled: z.boolean(),
    hasDebts: z.boolean(),
    inOtherMobilityProgramme: z.boolean(),
    previousErasmusMonths: z.number(),
    gender: z.enum(["female", "male", "other", "undisclosed"]).nullable(),
    disability: z.boolean().nullable(),
    disadvantaged: z.boolean().nullable(),
  })
  .meta({ id: "StudentRecord" });
export type StudentView = z.infer<typeof studentSchema>;
