// How long a session lives, and its CSRF token (docs/decisions/0003-security.md).

import { createHmac } from "node:crypto";

/** Signed out after 2 hours without a request. */
export const SESSION_IDLE_MS = 2 * 60 * 60 * 1000;
/** Signed out 12 hours after signing in, however active. */
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
/** last_seen_at is written at most once a minute, so reads do not all become writes. */
export const SESSION_TOUCH_MS = 60 * 1000;

export const SESSION_COOKIE = "mobilitas_session";
export const CSRF_HEADER = "x-csrf-token";

/**
 * The session's synchronizer token, derived from the session token so that it can be handed out
 * again (GET /api/auth/session) while the database keeps only its digest. Whoever can compute it
 * already holds the session cookie; a cross-site page holds neither.
 */
export function csrfTokenFor(sessionToken: string): string {
  return createHmac("sha256", sessionToken).update("mobilitas csrf token").digest("base64url");
}
