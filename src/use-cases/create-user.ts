import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { hashPassword } from "../auth/passwords.ts";
import { newPassphrase } from "../auth/tokens.ts";
import type { Clock } from "../clock.ts";
import { recordAudit } from "../db/repositories/audit-log.ts";
import { centreExists, findUserByEmail, insertUser, type User } from "../db/repositories/users.ts";
import type { DB } from "../db/schema.ts";
import { AppError } from "../errors.ts";
import { authorize } from "../policies/authorize.ts";
import type { Actor, Role } from "../policies/policies.ts";
import { settleRoleFields } from "../policies/role-fields.ts";
import { auditedUser, sqlState } from "./user-audit.ts";

export interface CreateUserOptions {
  db: Kysely<DB>;
  clock: Clock;
  actor: Actor;
  email: string;
  displayName: string;
  role: Role;
  centre?: string | null | undefined;
  studentId?: string | null | undefined;
  /** At least 12 characters (checked at the edge); without it a passphrase is generated. */
  password?: string | undefined;
}

export interface CreatedUser {
  user: User;
  /** The generated password, shown once to the administrator; absent when one was given. */
  initialPassword?: string;
}

/** An administrator adds a person with a role (and the centre or student record it needs). */
export async function createUser(options: CreateUserOptions): Promise<CreatedUser> {
  const { db, clock, actor } = options;
  authorize(actor, "user:manage");
  const email = options.email.trim().toLowerCase();
  const { fields, issues } = settleRoleFields({
    role: options.role,
    centre: options.centre ?? null,
    studentId: options.studentId ?? null,
  });
  if (issues.length > 0) throw new AppError("VALIDATION_FAILED", "the role needs more fields", issues);
  const initialPassword = options.password === undefined ? newPassphrase() : undefined;
  const passwordHash = await hashPassword(options.password ?? initialPassword!);
  const now = clock.now();
  try {
    const user = await db.transaction().execute(async (tx) => {
      if (fields.centre !== null && !(await centreExists(tx, fields.centre))) {
        throw new AppError("VALIDATION_FAILED", `no centre ${fields.centre}`, [
          { path: "body/centre", message: "is not a known centre" },
        ]);
      }
      if ((await findUserByEmail(tx, email)) !== undefined) {
        throw new AppError("CONFLICT", `a user with e-mail ${email} exists`);
      }
      const created = await insertUser(
        tx,
        { id: randomUUID(), email, displayName: options.displayName, ...fields, passwordHash },
        now,
      );
      await recordAudit(tx, now, {
        actor,
        action: "user.created",
        entityType: "user",
        entityId: created.id,
        centre: created.centre,
        before: null,
        after: auditedUser(created),
      });
      return created;
    });
    return initialPassword === undefined ? { user } : { user, initialPassword };
  } catch (error) {
    // Two administrators adding the same person at once, or a student id already taken.
    if (sqlState(error) === "23505") throw new AppError("CONFLICT", "the e-mail or student id is taken");
    throw error;
  }
}
