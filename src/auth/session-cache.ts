// The sessions this server has looked up lately, so a signed-in request need not read its session
// row every time (docs/decisions/0014-http-read-cache.md). What keeps it exact:
// - Whatever ends or changes a session or its user in this server forgets it once its transaction
//   has committed (sign-out, sign-in replacing a session, a user deactivated or given another
//   role): the very next request reads the database again and is refused at once.
// - A lookup that was under way while something was forgotten does not keep what it read (it may
//   have read the row just before the change committed): every `forget` starts a new generation.
// - The session's own ends (idle, absolute) are checked on every request against the injected
//   clock, cached or not; `last_seen_at` is still written at most once a minute.
// - An entry lives at most `ttlMs` (monotonic time), which bounds what another process could change
//   behind this one's back (a second server on the same PostgreSQL, or a hand-made SQL change).
import type { StoredSession } from "../db/repositories/sessions.ts";

interface Entry {
  session: StoredSession;
  storedAt: number;
}

export class SessionCache {
  readonly #entries = new Map<string, Entry>();
  #generation = 0;

  constructor(
    readonly ttlMs = 2_000,
    readonly capacity = 10_000,
    private readonly monotonicNow: () => number = () => performance.now(),
  ) {}

  /** Read before a lookup; `keep` stores the lookup's result only if nothing was forgotten since. */
  get generation(): number {
    return this.#generation;
  }

  get(tokenDigest: string): StoredSession | undefined {
    const entry = this.#entries.get(tokenDigest);
    if (entry === undefined) return undefined;
    if (this.monotonicNow() - entry.storedAt >= this.ttlMs) {
      this.#entries.delete(tokenDigest);
      return undefined;
    }
    return entry.session;
  }

  keep(session: StoredSession, generation: number): void {
    if (generation !== this.#generation) return;
    if (this.#entries.size >= this.capacity) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    this.#entries.set(session.tokenDigest, { session, storedAt: this.monotonicNow() });
  }

  /** After `last_seen_at` was written: the entry carries the new instant (its age is unchanged). */
  touched(tokenDigest: string, lastSeenAt: Date): void {
    const entry = this.#entries.get(tokenDigest);
    if (entry !== undefined) entry.session = { ...entry.session, lastSeenAt };
  }

  /** One session ended: call after its transaction committed. */
  forget(tokenDigest: string): void {
    this.#generation += 1;
    this.#entries.delete(tokenDigest);
  }

  /** A user changed (deactivated, another role or centre): all their sessions are read again. */
  forgetUser(userId: string): void {
    this.#generation += 1;
    for (const [digest, entry] of this.#entries) {
      if (entry.session.user.id === userId) this.#entries.delete(digest);
    }
  }
}

/**
 * The server's one cache. Session digests are random 256-bit values, so sessions of different
 * databases (tests open several in one process) never share an entry.
 */
export const sessionCache = new SessionCache();
