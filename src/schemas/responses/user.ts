// What a client sees of a person (STYLE habit 10): never the password hash, which the repository
// does not even read outside sign-in; the response schema would strip it anyway.
// Pure (zod and pure constants only): the web infers its types from it (docs/decisions/0006-web.md).
import { z } from "zod";
import { ROLES } from "../../policies/policies.ts";

export const userSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    displayName: z.string(),
    role: z.enum(ROLES),
    centre: z.string().nullable(),
    studentId: z.string().nullable(),
    active: z.boolean(),
    preferredLanguage: z.enum(["es", "en"]),
    createdAt: z.iso.datetime({ offset: true }),
    updatedAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: "User" });
export type UserView = z.infer<typeof userSchema>;
