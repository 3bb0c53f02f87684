// Server-side sessions: the row is keyed by the SHA-256 of the cookie's token, never the token.

import type { CompiledQuery, InferResult, Kysely } from "kysely";
import type { DB } from "../schema.ts";
import { toUser, type User } from "./users.ts";

export interface StoredSession {
  tokenDigest: string;
  csrfDigest: string;
  createdAt: Date;
  lastSeenAt: Date;
  /** The absolute end (created + 12 h); the idle end is lastSeenAt + 2 h. */
  expiresAt: Date;
  user: User;
}

export async function insertSession(
  db: Kysely<DB>,
  session: { tokenDigest: string; csrfDigest: string; userId: string; createdAt: Date; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto("sessions")
    .values({
      token_digest: session.tokenDigest,
      csrf_digest: session.csrfDigest,
      user_id: session.userId,
      created_at: session.createdAt,
      last_seen_at: session.createdAt,
      expires_at: session.expiresAt,
    })
    .execute();
}

function findSessionQuery(db: Kysely<DB>, tokenDigest: string) {
  return db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .select([
      "sessions.token_digest",
      "sessions.csrf_digest",
      "sessions.created_at as session_created_at",
      "sessions.last_seen_at",
      "sessions.expires_at",
      "users.id",
      "users.email",
      "users.display_name",
      "users.role",
      "users.centre_code",
      "users.student_id",
      "users.active",
      "users.preferred_language",
      "users.created_at",
      "users.updated_at",
    ])
    .where("sessions.token_digest", "=", tokenDigest);
}

type SessionRow = InferResult<ReturnType<typeof findSessionQuery>>[number];

// Every signed-in request runs this query with only the digest changing: it is built and compiled
// once per database handle (Kysely's building is a measurable share of a short request's CPU).
const compiledFindSession = new WeakMap<Kysely<DB>, CompiledQuery<SessionRow>>();

/** The session with its user, by the digest of the cookie's token: one query. */
export async function findSession(db: Kysely<DB>, tokenDigest: string): Promise<StoredSession | undefined> {
  let compiled = compiledFindSession.get(db);
  if (compiled === undefined) {
    compiled = findSessionQuery(db, "").compile();
    if (compiled.parameters.length !== 1) throw new Error("findSession: expected one parameter");
    compiledFindSession.set(db, compiled);
  }
  const result = await db.executeQuery<SessionRow>({ ...compiled, parameters: [tokenDigest] });
  const row = result.rows[0];
  if (row === undefined) return undefined;
  return {
    tokenDigest: row.token_digest,
    csrfDigest: row.csrf_digest,
    createdAt: row.session_created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
    user: toUser(row),
  };
}

export async function touchSession(db: Kysely<DB>, tokenDigest: string, at: Date): Promise<void> {
  await db
    .updateTable("sessions")
    .set({ last_seen_at: at })
    .where("token_digest", "=", tokenDigest)
    .execute();
}

export async function deleteSession(db: Kysely<DB>, tokenDigest: string): Promise<boolean> {
  const result = await db.deleteFrom("sessions").where("token_digest", "=", tokenDigest).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** Ends every session of a user (deactivated, or signed out everywhere). */
export async function deleteUserSessions(db: Kysely<DB>, userId: string): Promise<number> {
  const result = await db.deleteFrom("sessions").where("user_id", "=", userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Removes a user's sessions that have ended (idle or absolute), so the table does not grow. */
export async function deleteEndedSessions(
  db: Kysely<DB>,
  userId: string,
  now: Date,
  idleSince: Date,
): Promise<void> {
  await db
    .deleteFrom("sessions")
    .where("user_id", "=", userId)
    .where((eb) => eb.or([eb("expires_at", "<=", now), eb("last_seen_at", "<=", idleSince)]))
    .execute();
}
