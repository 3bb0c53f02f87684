import type { Kysely } from "kysely";
import { sessionCache } from "../auth/session-cache.ts";
import type { Clock } from "../clock.ts";
import { recordAudit } from "../db/repositories/audit-log.ts";
import { deleteSession } from "../db/repositories/sessions.ts";
import type { DB } from "../db/schema.ts";
import type { ActiveSession } from "./resolve-session.ts";

export interface SignOutOptions {
  db: Kysely<DB>;
  clock: Clock;
  session: ActiveSession;
}

/** Ends the session: its row is deleted, so the cookie opens nothing even if kept. */
export async function signOut({ db, clock, session }: SignOutOptions): Promise<void> {
  const now = clock.now();
  await db.transaction().execute(async (tx) => {
    if (!(await deleteSession(tx, session.tokenDigest))) return;
    await recordAudit(tx, now, {
      actor: session.actor,
      action: "session.ended",
      entityType: "user",
      entityId: session.user.id,
    });
  });
  sessionCache.forget(session.tokenDigest);
}
