// One-time tokens that let the first administrator be created (src/use-cases/bootstrap-admin.ts).

import type { Kysely } from "kysely";
import type { DB } from "../schema.ts";

export async function insertSetupToken(
  db: Kysely<DB>,
  token: { tokenDigest: string; createdAt: Date; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto("setup_tokens")
    .values({
      token_digest: token.tokenDigest,
      created_at: token.createdAt,
      expires_at: token.expiresAt,
    })
    .execute();
}

/**
 * Marks the token used, if it exists, is unused and has not expired; true when it did. One UPDATE:
 * of two requests racing with the same token, exactly one gets true.
 */
export async function consumeSetupToken(db: Kysely<DB>, tokenDigest: string, now: Date): Promise<boolean> {
  const row = await db
    .updateTable("setup_tokens")
    .set({ used_at: now })
    .where("token_digest", "=", tokenDigest)
    .where("used_at", "is", null)
    .where("expires_at", ">", now)
    .returning("token_digest")
    .executeTakeFirst();
  return row !== undefined;
}
