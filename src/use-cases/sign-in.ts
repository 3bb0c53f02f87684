import type { Kysely } from "kysely";
import { decoyHash, verifyPassword } from "../auth/passwords.ts";
import { sessionCache } from "../auth/session-cache.ts";
import { csrfTokenFor, SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from "../auth/sessions.ts";
import { newToken, tokenDigest } from "../auth/tokens.ts";
import type { Clock } from "../clock.ts";
import { recordAudit } from "../db/repositories/audit-log.ts";
import { deleteEndedSessions, deleteSession, insertSession } from "../db/repositories/sessions.ts";
import { actorOf, findCredentials, type User } from "../db/repositories/users.ts";
import type { DB } from "../db/schema.ts";
import { AppError } from "../errors.ts";

export interface SignInOptions {
  db: Kysely<DB>;
  clock: Clock;
  email: string;
  password: string;
  /** The session cookie sent along, if any: replaced, so a planted session id is never kept. */
  previousToken?: string | undefined;
}

export interface SignedIn {
  user: User;
  /** Goes into the HttpOnly cookie; only its digest is stored. */
  sessionToken: string;
  /** Goes to the client, which sends it back as X-CSRF-Token on every write. */
  csrfToken: string;
  expiresAt: Date;
}

/**
 * Opens a session. Unknown e-mail, wrong password, no password and deactivated account all get the
 * same UNAUTHENTICATED after one argon2id verification each, so they cannot be told apart.
 */
export async function signIn(options: SignInOptions): Promise<SignedIn> {
  const { db, clock } = options;
  const email = options.email.trim().toLowerCase();
  const found = await findCredentials(db, email);
  const passwordOk = await verifyPassword(found?.passwordHash ?? (await decoyHash()), options.password);
  if (found === undefined || found.passwordHash === null || !passwordOk || !found.user.active) {
    throw new AppError("UNAUTHENTICATED", "wrong e-mail or password");
  }
  const { user } = found;
  const sessionToken = newToken();
  const csrfToken = csrfTokenFor(sessionToken);
  const now = clock.now();
  const expiresAt = new Date(now.getTime() + SESSION_ABSOLUTE_MS);
  await db.transaction().execute(async (tx) => {
    if (options.previousToken) await deleteSession(tx, tokenDigest(options.previousToken));
    await deleteEndedSessions(tx, user.id, now, new Date(now.getTime() - SESSION_IDLE_MS));
    await insertSession(tx, {
      tokenDigest: tokenDigest(sessionToken),
      csrfDigest: tokenDigest(csrfToken),
      userId: user.id,
      createdAt: now,
      expiresAt,
    });
    await recordAudit(tx, now, {
      actor: actorOf(user),
      action: "session.created",
      entityType: "user",
      entityId: user.id,
      after: { expiresAt: expiresAt.toISOString() },
    });
  });
  if (options.previousToken) sessionCache.forget(tokenDigest(options.previousToken));
  return { user, sessionToken, csrfToken, expiresAt };
}
