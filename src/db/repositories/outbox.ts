// The outbox (migration 004): messages enqueued inside the transaction of the change they announce.
// Sending them (SMTP, retries, marking sent) is the notifications' job; this only writes.
import type { Kysely } from "kysely";
import type { DB } from "../schema.ts";

export type MessageKind =
  | "application.validated"
  | "list.published"
  | "list.superseded"
  | "claim.filed"
  | "claim.received";

export interface Message {
  kind: MessageKind;
  callId: string;
  /** A student of the call; the sender finds their address (students.email, or their user). */
  studentId?: string;
  userId?: string;
  email?: string | null;
  /** What the template needs: codes and values, never text (the sender renders the language). */
  payload: Record<string, unknown>;
  /** The same key twice is one message (a retried use case enqueues nothing new). */
  dedupeKey: string;
}

export async function enqueueMessages(
  tx: Kysely<DB>,
  now: Date,
  messages: readonly Message[],
): Promise<void> {
  for (let start = 0; start < messages.length; start += 500) {
    const rows = messages.slice(start, start + 500).map((m) => ({
      kind: m.kind,
      call_id: m.callId,
      student_id: m.studentId ?? null,
      user_id: m.userId ?? null,
      email: m.email ?? null,
      payload: JSON.stringify(m.payload),
      dedupe_key: m.dedupeKey,
      created_at: now,
    }));
    if (rows.length > 0)
      await tx
        .insertInto("outbox")
        .values(rows)
        .onConflict((oc) => oc.column("dedupe_key").doNothing())
        .execute();
  }
}
