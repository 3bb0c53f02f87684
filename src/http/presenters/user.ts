// What a client sees of a person (STYLE habit 10): never the password hash, which the repository
// does not even read outside sign-in; the response schema would strip it anyway.
import type { User } from "../../db/repositories/users.ts";
import type { UserView } from "../../schemas/responses/user.ts";

export {
  type UserView,
  userSchema,
} from "../../schemas/responses/user.ts";

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
