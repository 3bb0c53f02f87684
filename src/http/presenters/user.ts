// What a client sees of a person (STYLE habit 10): never the password hash, which the repository
// does not even read outside sign-in; the response schema would strip it anyway.
import { z } from "zod";
import type { User } from "../../db/repositories/users.ts";
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

export function presentUser(user: User): UserView {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    centre: user.centre,
    studentId: user.studentId,
    active: user.active,
    preferredLanguage: user.preferredLanguage,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}
