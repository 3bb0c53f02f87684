import type { User } from "../db/repositories/users.ts";

/** What the audit log keeps of a user: the fields people change, never a password or its hash. */
export function auditedUser(user: User) {
  return {
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    centre: user.centre,
    studentId: user.studentId,
    active: user.active,
  };
}

/** A unique or foreign-key violation from either driver, by its SQLSTATE. */
export function sqlState(error: unknown): string | undefined {
  return typeof error === "object" && error !== null && "code" in error && typeof error.code === "string"
    ? error.code
    : undefined;
}
