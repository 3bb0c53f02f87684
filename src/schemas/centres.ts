// Centres (Schools and Faculties) and their degrees, in Spanish and English (SPEC 1).

import { z } from "zod";
import { code, cycle, figure, name } from "./common.ts";

export const createCentreBody = z.strictObject({
  code,
  name: name(300).describe("in Spanish"),
  nameEn: name(300).nullable().optional().describe("in English"),
});
export type CreateCentreInput = z.infer<typeof createCentreBody>;

export const updateCentreBody = z.strictObject({
  name: name(300).optional(),
  nameEn: name(300).nullable().optional(),
});
export type UpdateCentreInput = z.infer<typeof updateCentreBody>;

export const createDegreeBody = z.strictObject({
  code,
  centre: code,
  name: name(300),
  nameEn: name(300).nullable().optional(),
  cycle,
  credits: figure(1, 1000).describe("ECTS credits of the whole degree"),
});
export type CreateDegreeInput = z.infer<typeof createDegreeBody>;

export const updateDegreeBody = createDegreeBody.omit({ code: true }).partial();
export type UpdateDegreeInput = z.infer<typeof updateDegreeBody>;
