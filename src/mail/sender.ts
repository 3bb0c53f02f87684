// Sends the outbox (migration 004) by SMTP. Each message is leased (next_attempt_at moved ahead in
// one UPDATE … RETURNING), sent, then marked sent in a transaction; a failure is recorded and retried
// later with back-off. A crash between the SMTP server's acceptance and the marking can at worst send
// the message again once the lease expires: its Message-ID is derived from the dedupe key, so mail
// clients drop the duplicate. docs/decisions/0008-claims-acceptance-notifications.md
import { createHash } from "node:crypto";
import { type Kysely, sql } from "kysely";
import type { Clock } from "../clock.ts";
import type { DB } from "../db/schema.ts";
import { type MailLanguage, renderMail } from "./templates.ts";

/** What is sent: a nodemailer transport fits (sendMail resolves once the SMTP server accepted). */
export interface MailTransport {
  sendMail(mail: {
    from: string;
    to: string;
    subject: string;
    text: string;
    messageId: string;
    headers?: Record<string, string>;
  }): Promise<unknown>;
}

/** How long a leased message is left to its sender before another may try it. */
export const LEASE_MS = 5 * 60 * 1000;

/** The Message-ID of a message: the same dedupe key, the same id. */
export function messageIdOf(dedupeKey: string): string {
  return `<${createHash("sha256").update(dedupeKey).digest("hex").slice(0, 40)}@mobilitas.outbox>`;
}

export interface SendReport {
  sent: number;
  failed: number;
}

interface Leased {
  id: number;
  kind: string;
  call_id: string | null;
  student_id: string | null;
  user_id: string | null;
  email: string | null;
  payload: unknown;
  dedupe_key: string;
  attempts: number;
}

async function lease(db: Kysely<DB>, now: Date): Promise<Leased | undefined> {
  const until = new Date(now.getTime() + LEASE_MS);
  const result = await sql<Leased>`
    UPDATE outbox SET next_attempt_at = ${until}
    WHERE id = (
      SELECT id FROM outbox
      WHERE sent_at IS NULL AND (next_attempt_at IS NULL OR next_attempt_at <= ${now})
      ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED
    )
    RETURNING id, kind, call_id, student_id, user_id, email, payload, dedupe_key, attempts`.execute(db);
  return result.rows[0];
}

/** Who gets it and in which language: the user's account first, then the address Secretaría gave. */
async function recipientOf(
  db: Kysely<DB>,
  m: Leased,
): Promise<{ to: string | null; language: MailLanguage }> {
  let user: { email: string; preferred_language: string } | undefined;
  if (m.user_id !== null)
    user = await db
      .selectFrom("users")
      .select(["email", "preferred_language"])
      .where("id", "=", m.user_id)
      .executeTakeFirst();
  else if (m.student_id !== null)
    user = await db
      .selectFrom("users")
      .select(["email", "preferred_language"])
      .where("student_id", "=", m.student_id)
      .where("role", "=", "student")
      .where("active", "=", true)
      .orderBy("created_at")
      .executeTakeFirst();
  const language: MailLanguage = user?.preferred_language === "en" ? "en" : "es";
  return { to: m.email ?? user?.email ?? null, language };
}

/** Sends what is due now, one message at a time, until none is left or `max` were tried. */
export async function sendPending(options: {
  db: Kysely<DB>;
  clock: Clock;
  transport: MailTransport;
  from: string;
  max?: number;
}): Promise<SendReport> {
  const { db, clock, transport, from } = options;
  const report: SendReport = { sent: 0, failed: 0 };
  for (let i = 0; i < (options.max ?? 200); i += 1) {
    const message = await lease(db, clock.now());
    if (message === undefined) break;
    const { to, language } = await recipientOf(db, message);
    const payload =
      typeof message.payload === "object" && message.payload !== null
        ? (message.payload as Record<string, unknown>)
        : {};
    const messageId = messageIdOf(message.dedupe_key);
    try {
      if (to === null) throw new Error("NO_ADDRESS: the recipient has no e-mail address");
      const mail = renderMail(message.kind, payload, language);
      await transport.sendMail({
        from,
        to,
        subject: mail.subject,
        text: mail.text,
        messageId,
        headers: { "X-Mobilitas-Kind": message.kind, "Content-Language": language },
      });
    } catch (error) {
      const now = clock.now();
      const attempts = message.attempts + 1;
      const backOff = Math.min(60_000 * 2 ** Math.min(attempts, 10), 6 * 60 * 60 * 1000);
      await db
        .updateTable("outbox")
        .set({
          attempts,
          last_error: (error instanceof Error ? error.message : String(error)).slice(0, 1000),
          next_attempt_at: new Date(now.getTime() + backOff),
        })
        .where("id", "=", message.id)
        .where("sent_at", "is", null)
        .execute();
      report.failed += 1;
      continue;
    }
    await db.transaction().execute(async (tx) => {
      await tx
        .updateTable("outbox")
        .set({
          sent_at: clock.now(),
          attempts: message.attempts + 1,
          last_error: null,
          message_id: messageId,
        })
        .where("id", "=", message.id)
        .where("sent_at", "is", null)
        .execute();
    });
    report.sent += 1;
  }
  return report;
}

/** Sends now and then every `intervalMs`, one pass at a time; `stop` waits for the pass in progress. */
export function startMailSender(options: {
  db: Kysely<DB>;
  clock: Clock;
  transport: MailTransport;
  from: string;
  intervalMs: number;
  log: { info(o: object, m: string): void; error(o: object, m: string): void };
}): { stop(): Promise<void> } {
  let stopped = false;
  const once = async () => {
    try {
      const report = await sendPending(options);
      if (report.sent + report.failed > 0) options.log.info({ ...report }, "outbox sent");
    } catch (error) {
      options.log.error({ err: error }, "outbox sender failed; it tries again at the next tick");
    }
  };
  let running = once();
  const timer = setInterval(() => {
    running = running.then(() => (stopped ? undefined : once()));
  }, options.intervalMs);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
