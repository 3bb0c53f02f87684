import type { Kysely } from "kysely";
import { sessionCache } from "../auth/session-cache.ts";
import type { Clock } from "../clock.ts";
import { recordAudit } from "../db/repositories/audit-log.ts";
import { deleteUserSessions } from "../db/repositories/sessions.ts";
import {
  centreExists,
  countActiveAdmins,
  findUserById,
  lockAdmins,
  type User,
  updateUser as updateUserRow,
} from "../db/repositories/users.ts";
import type { DB } from "../db/schema.ts";
import { AppError } from "../errors.ts";
import { authorize } from "../policies/authorize.ts";
import type { Actor, Role } from "../policies/policies.ts";
import { settleRoleFields } from "../policies/role-fields.ts";
import { auditedUser, sqlState } from "./user-audit.ts";

export interface UpdateUserOptions {
  db: Kysely<DB>;
  clock: Clock;
  actor: Actor;
  id: string;
  changes: {
    displayName?: string | undefined;
    role?: Role | undefined;
    centre?: string | null | undefined;
    studentId?: string | null | undefined;
    active?: boolean | undefined;
  };
}

/**
 * An administrator changes a person's role, centre, name or whether they may sign in.
 * Deactivating ends their sessions at once; the last active administrator stays one.
 */
export async function updateUser(options: UpdateUserOptions): Promise<User> {
  const { db, clock, actor, id, changes } = options;
  authorize(actor, "user:manage");
  const now = clock.now();
  try {
    const updated = await db.transaction().execute(async (tx) => {
      await lockAdmins(tx);
      const before = await findUserById(tx, id);
      if (before === undefined) throw new AppError("NOT_FOUND", `no user ${id}`);
      const { fields, issues } = settleRoleFields({
        role: changes.role ?? before.role,
        centre: changes.centre === undefined ? before.centre : changes.centre,
        studentId: changes.studentId === undefined ? before.studentId : changes.studentId,
      });
      if (issues.length > 0) throw new AppError("VALIDATION_FAILED", "the role needs more fields", issues);
      if (
        fields.centre !== null &&
        fields.centre !== before.centre &&
        !(await centreExists(tx, fields.centre))
      ) {
        throw new AppError("VALIDATION_FAILED", `no centre ${fields.centre}`, [
          { path: "body/centre", message: "is not a known centre" },
        ]);
      }
      const active = changes.active ?? before.active;
      const stopsBeingAdmin =
        before.role === "admin" && before.active && (fields.role !== "admin" || !active);
      if (stopsBeingAdmin && (await countActiveAdmins(tx)) <= 1) {
        throw new AppError(
          "CONFLICT",
          "the last active administrator cannot be deactivated or given another role",
        );
      }
      const after = await updateUserRow(
        tx,
        id,
        {
          ...fields,
          active,
          ...(changes.displayName !== undefined ? { displayName: changes.displayName } : {}),
        },
        now,
      );
      if (after === undefined) throw new AppError("NOT_FOUND", `no user ${id}`);
      if (before.active && !after.active) await deleteUserSessions(tx, id);
      await recordAudit(tx, now, {
        actor,
        action: "user.updated",
        entityType: "user",
        entityId: id,
        centre: after.centre ?? before.centre,
        before: auditedUser(before),
        after: auditedUser(after),
      });
      return after;
    });
    // Their sessions carry the user as it was: every one is read again from now on.
    sessionCache.forgetUser(id);
    return updated;
  } catch (error) {
    if (sqlState(error) === "23505") throw new AppError("CONFLICT", "the student id is taken");
    throw error;
  }
}
