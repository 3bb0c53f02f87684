import type { Kysely } from "kysely";
import { sessionCache } from "../auth/session-cache.ts";
import { SESSION_IDLE_MS, SESSION_TOUCH_MS } from "../auth/sessions.ts";
import { tokenDigest } from "../auth/tokens.ts";
import type { Clock } from "../clock.ts";
import { deleteSession, findSession, touchSession } from "../db/repositories/sessions.ts";
import { actorOf, type User } from "../db/repositories/users.ts";
import type { DB } from "../db/schema.ts";
import type { UserActor } from "../policies/authorize.ts";

export interface ResolveSessionOptions {
  db: Kysely<DB>;
  clock: Clock;
  /** The session cookie's value, as the browser sent it. */
  token: string;
}

export interface ActiveSession {
  tokenDigest: string;
  csrfDigest: string;
  user: User;
  actor: UserActor;
  expiresAt: Date;
}

// newToken(): 32 random bytes, base64url. Anything else is not worth a query.
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/**
 * The live session behind a cookie, or undefined: unknown, idle for 2 h, older than 12 h, or its
 * user deactivated (such a session is deleted). Refreshes last_seen_at at most once a minute.
 * Looked up through the session cache (src/auth/session-cache.ts); the checks run every time.
 */
export async function resolveSession(options: ResolveSessionOptions): Promise<ActiveSession | undefined> {
  const { db, clock, token } = options;
  if (!TOKEN_SHAPE.test(token)) return undefined;
  const digest = tokenDigest(token);
  let stored = sessionCache.get(digest);
  if (stored === undefined) {
    const generation = sessionCache.generation;
    stored = await findSession(db, digest);
    if (stored === undefined) return undefined;
    sessionCache.keep(stored, generation);
  }
  const now = clock.now().getTime();
  const lastSeen = stored.lastSeenAt.getTime();
  if (!stored.user.active || stored.expiresAt.getTime() <= now || lastSeen + SESSION_IDLE_MS <= now) {
    await deleteSession(db, digest);
    sessionCache.forget(digest);
    return undefined;
  }
  if (now - lastSeen >= SESSION_TOUCH_MS) {
    await touchSession(db, digest, new Date(now));
    sessionCache.touched(digest, new Date(now));
  }
  return {
    tokenDigest: digest,
    csrfDigest: stored.csrfDigest,
    user: stored.user,
    actor: actorOf(stored.user),
    expiresAt: stored.expiresAt,
  };
}
