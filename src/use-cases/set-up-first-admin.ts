import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { hashPassword } from "../auth/passwords.ts";
import { tokenDigest } from "../auth/tokens.ts";
import type { Clock } from "../clock.ts";
import { recordAudit } from "../db/repositories/audit-log.ts";
import { consumeSetupToken } from "../db/repositories/setup-tokens.ts";
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

export interface SetUpFirstAdminOptions {
  db: Kysely<DB>;
  clock: Clock;
  /** The setup token the server printed at start (src/use-cases/bootstrap-admin.ts). */
  token: string;
  email: string;
  displayName: string;
  /** At least 12 characters (checked at the edge). */
  password: string;
}

const ADMIN_EXISTS = "an administrator exists: sign in, or ask them for an account";

/** Whether the first administrator is still to be created. */
export async function isSetupPending(db: Kysely<DB>): Promise<boolean> {
  return (await countActiveAdmins(db)) === 0;
}

/**
 * Creates the first administrator with a one-time setup token, consuming it. Refused once an
 * active administrator exists, and for an unknown, used or expired token.
 */
export async function setUpFirstAdmin(options: SetUpFirstAdminOptions): Promise<User> {
  const { db, clock } = options;
  // Checked before the (deliberately slow) hash, and again under the lock.
  if (!(await isSetupPending(db))) throw new AppError("CONFLICT", ADMIN_EXISTS);
  const passwordHash = await hashPassword(options.password);
  const email = options.email.trim().toLowerCase();
  const now = clock.now();
  return db.transaction().execute(async (tx) => {
    await lockAdmins(tx);
    if ((await countActiveAdmins(tx)) > 0) throw new AppError("CONFLICT", ADMIN_EXISTS);
    if (!(await consumeSetupToken(tx, tokenDigest(options.token), now))) {
      throw new AppError(
        "FORBIDDEN",
        "the setup token is unknown, used or expired; restart the server for a new one",
      );
    }
    if ((await findUserByEmail(tx, email)) !== undefined) {
      throw new AppError("CONFLICT", `a user with e-mail ${email} exists`);
    }
    const user = await insertUser(
      tx,
      {
        id: randomUUID(),
        email,
        displayName: options.displayName,
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
      after: { ...auditedUser(user), from: "setup token" },
    });
    return user;
  });
}
