// Messages of the claims and acceptance workflow, enqueued in the outbox (migration 004) inside the
// transaction of the change they announce; the same dedupe key twice is one message.
import type { Kysely } from "kysely";
import type { DB } from "../schema.ts";

export type NoticeKind = "claim.resolved" | "offer.made" | "offer.reminder" | "offer.lapsed";

export interface Notice {
  kind: NoticeKind;
  callId: string;
  studentId: string;
  email: string | null;
  payload: Record<string, unknown>;
  dedupeKey: string;
}

export async function enqueueNotices(tx: Kysely<DB>, now: Date, notices: readonly Notice[]): Promise<void> {
  if (notices.length === 0) return;
  await tx
    .insertInto("outbox")
    .values(
      notices.map((n) => ({
        kind: n.kind,
        call_id: n.callId,
        student_id: n.studentId,
        user_id: null,
        email: n.email,
        payload: JSON.stringify(n.payload),
        dedupe_key: n.dedupeKey,
        created_at: now,
      })),
    )
    .onConflict((oc) => oc.column("dedupe_key").doNothing())
    .execute();
}
