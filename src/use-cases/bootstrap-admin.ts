import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { hashPassword } from "../auth/passwords.ts";
import { newToken, tokenDigest } from "../auth/tokens.ts";
import type { Clock } from "../clock.ts";
import { recordAudit } from "../db/repositories/audit-log.ts";
import { insertSetupToken } from "../db/repositories/setup-tokens.ts";
import {
  countActiveAdmins,
  findUserByEmail,
  insertUser,
  lockAdmins,
  type User,
} from "../db/repositories/users.ts";
import type { DB } from "../db/schema.ts";
import { AppError } from "../errors.ts";
import { auditedUser } from "./user-audit.ts";

/** A setup token opens the way to the first administrator for this long. */
export const SETUP_TOKEN_TTL_MS = 60 * 60 * 1000;

export interface BootstrapAdminOptions {
  db: Kysely<DB>;
  clock: Clock;
  /** ADMIN_EMAIL and ADMIN_PASSWORD (src/config.ts), when both are set. */
  admin?: { email: string; password: string; displayName?: string } | undefined;
}

export type BootstrapResult =
  | { kind: "admin-exists" }
  | { kind: "admin-created"; user: User }
  /** Print it once: only its digest is stored. */
  | { kind: "setup-token"; token: string; expiresAt: Date };

/**
 * At start, when no active administrator exists: create the one named by the environment, or else
 * issue a one-time setup token (POST /api/setup) valid for an hour. Never a default password.
 */
export async function bootstrapAdmin(options: BootstrapAdminOptions): Promise<BootstrapResult> {
  const { db, clock, admin } = options;
  const passwordHash = admin === undefined ? undefined : await hashPassword(admin.password);
  const now = clock.now();
  return db.transaction().execute(async (tx): Promise<BootstrapResult> => {
    await lockAdmins(tx);
    if ((await countActiveAdmins(tx)) > 0) return { kind: "admin-exists" };
    if (admin === undefined || passwordHash === undefined) {
      const token = newToken();
      const expiresAt = new Date(now.getTime() + SETUP_TOKEN_TTL_MS);
      await insertSetupToken(tx, { tokenDigest: tokenDigest(token), createdAt: now, expiresAt });
      return { kind: "setup-token", token, expiresAt };
    }
    const email = admin.email.trim().toLowerCase();
    if ((await findUserByEmail(tx, email)) !== undefined) {
      // Never turn an existing account (perhaps a student's) into an administrator silently.
      throw new AppError(
        "CONFLICT",
        `ADMIN_EMAIL ${email} belongs to an existing user who is not an active administrator; ` +
          "choose another address, or unset ADMIN_EMAIL and ADMIN_PASSWORD to get a setup token",
      );
    }
    const user = await insertUser(
      tx,
      {
        id: randomUUID(),
        email,
        displayName: admin.displayName ?? "Administrator",
        role: "admin",
        centre: null,
        studentId: null,
        passwordHash,
      },
      now,
    );
    await recordAudit(tx, now, {
      actor: { kind: "setup" },
      action: "user.created",
      entityType: "user",
      entityId: user.id,
      before: null,
      after: { ...auditedUser(user), from: "environment" },
    });
    return { kind: "admin-created", user };
  });
}
