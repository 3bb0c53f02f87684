// The outbox sent by SMTP (issue 4, second half), against a local SMTP sink (smtp-server on
// 127.0.0.1, port 0): messages enqueued by the use cases over real HTTP go out once each, in the
// recipient's language, with a Message-ID derived from the dedupe key; a sender stopped and started
// again sends nothing twice; a sender killed between the SMTP server's acceptance and the marking
// resends that message once its lease expires, with the same Message-ID; an unreachable server
// leaves the message pending with its error, and it goes out later.
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClock } from "../../src/clock.ts";
import type { App } from "../../src/http/app.ts";
import {
  LEASE_MS,
  type MailTransport,
  messageIdOf,
  sendPending,
  startMailSender,
} from "../../src/mail/sender.ts";
import { smtpTransport } from "../../src/mail/smtp.ts";
import { createTestDatabase, type TestDatabase, testDatabaseKind } from "../support/database.ts";
import { listen } from "../support/http.ts";
import { loadCentresAndDegrees } from "../support/office.ts";
import { eligibleStudents, loadCall, type Person, person } from "../support/workflow.ts";

const CALL = "mail";
const A = "ETSII";
const FROM = "Mobilitas <rrii@test.upct.es>";

interface Received {
  to: string[];
  raw: string;
}

function header(raw: string, name: string): string | undefined {
  const match = new RegExp(`^${name}:\\s*(.*(?:\\r?\\n[ \\t].*)*)`, "im").exec(raw);
  return match?.[1]?.replace(/\r?\n[ \t]+/g, " ").trim();
}

function decodedSubject(raw: string): string {
  const value = header(raw, "Subject") ?? "";
  return value.replace(/=\?utf-8\?([QB])\?([^?]*)\?=\s*/gi, (_m, enc: string, text: string) =>
    enc.toUpperCase() === "B"
      ? Buffer.from(text, "base64").toString("utf8")
      : Buffer.from(
          text
            .replace(/_/g, " ")
            .replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
          "latin1",
        ).toString("utf8"),
  );
}

describe(`the outbox sent by SMTP on ${testDatabaseKind}`, () => {
  let database: TestDatabase;
  let app: App;
  let base: string;
  let smtp: SMTPServer;
  let smtpUrl = "";
  const received: Received[] = [];
  const clock = new TestClock("2018-04-24T10:00:00+02:00");
  const [en, es] = eligibleStudents(A, 1);
  let english: Person;
  let spanish: Person;

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS", "AUTH"],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("end", () => {
          received.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString("utf8"),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
    smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
    database = await createTestDatabase();
    await loadCentresAndDegrees(database.db);
    ({ app, base } = await listen({ database, clock }));
    const office = await person(base, database, { role: "office" });
    await loadCall(office.api, CALL, [A]);
    english = await person(base, database, { role: "student", centre: A, studentId: en!.student.id });
    spanish = await person(base, database, { role: "student", centre: A, studentId: es!.student.id });
    await database.db
      .updateTable("users")
      .set({ preferred_language: "en" })
      .where("student_id", "=", en!.student.id)
      .execute();
    // Messages go to the account's address: the students' records carry none here.
    await database.db.updateTable("students").set({ email: null }).where("call_id", "=", CALL).execute();
    for (const [p, s] of [
      [english, en!],
      [spanish, es!],
    ] as const) {
      expect(
        (
          await p.api.put(`/api/calls/${CALL}/students/${s.student.id}/application`, {
            choices: s.eligible.slice(0, 1),
          })
        ).status,
      ).toBe(200);
    }
    clock.set("2018-05-07T12:00:00+02:00");
    for (const [p, s] of [
      [english, en!],
      [spanish, es!],
    ] as const) {
      await p.signIn();
      expect(
        (await p.api.post(`/api/calls/${CALL}/students/${s.student.id}/application/validation`)).status,
      ).toBe(201);
    }
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
    await new Promise<void>((resolve) => smtp?.close(() => resolve()));
  });

  const silentLog = { info: () => {}, error: () => {} };

  it("sends each validation receipt once, in the recipient's language, with the dedupe key's Message-ID", async () => {
    const pending = await database.db
      .selectFrom("outbox")
      .select(["dedupe_key", "student_id"])
      .where("sent_at", "is", null)
      .execute();
    expect(pending).toHaveLength(2);
    const sender = startMailSender({
      db: database.db,
      clock,
      transport: smtpTransport(smtpUrl),
      from: FROM,
      intervalMs: 60_000,
      log: silentLog,
    });
    await sender.stop();
    expect(received).toHaveLength(2);
    const toEnglish = received.find((r) => r.to.includes(english.credentials.email))!;
    const toSpanish = received.find((r) => r.to.includes(spanish.credentials.email))!;
    expect(decodedSubject(toEnglish.raw)).toMatch(/^Application validated — receipt MOB-/);
    expect(decodedSubject(toSpanish.raw)).toMatch(/^Solicitud validada — justificante MOB-/);
    const keyOf = (studentId: string) => pending.find((p) => p.student_id === studentId)!.dedupe_key;
    expect(header(toEnglish.raw, "Message-ID")).toBe(messageIdOf(keyOf(en!.student.id)));
    expect(header(toSpanish.raw, "Message-ID")).toBe(messageIdOf(keyOf(es!.student.id)));
    const sent = await database.db
      .selectFrom("outbox")
      .select(["sent_at", "attempts", "message_id"])
      .execute();
    for (const row of sent) expect(row).toMatchObject({ attempts: 1, sent_at: expect.any(Date) });

    // Stopped and started again (a restart): nothing is sent twice.
    const again = startMailSender({
      db: database.db,
      clock,
      transport: smtpTransport(smtpUrl),
      from: FROM,
      intervalMs: 60_000,
      log: silentLog,
    });
    await again.stop();
    expect(received).toHaveLength(2);
  });

  it("resends at worst once after a crash between the SMTP acceptance and the marking, with the same Message-ID", async () => {
    await database.db
      .insertInto("outbox")
      .values({
        kind: "claim.resolved",
        call_id: CALL,
        student_id: en!.student.id,
        payload: JSON.stringify({ decision: "accepted", reason: "ok", centre: A }),
        dedupe_key: "claim.resolved:crash-test",
        created_at: clock.now(),
      })
      .execute();
    const real = smtpTransport(smtpUrl);
    let accepted!: () => void;
    const wasAccepted = new Promise<void>((resolve) => {
      accepted = resolve;
    });
    // Hands the message to the SMTP server, then never returns: the process "dies" here.
    const dying: MailTransport = {
      async sendMail(mail) {
        await real.sendMail(mail);
        accepted();
        await new Promise(() => {});
      },
    };
    void sendPending({ db: database.db, clock, transport: dying, from: FROM });
    await wasAccepted;
    expect(received).toHaveLength(3);
    // A new sender right away leaves the leased message alone…
    expect(await sendPending({ db: database.db, clock, transport: real, from: FROM })).toEqual({
      sent: 0,
      failed: 0,
    });
    // …and once the lease has expired, sends it again, with the same Message-ID, and marks it.
    clock.set(new Date(clock.now().getTime() + LEASE_MS + 1000).toISOString());
    expect(await sendPending({ db: database.db, clock, transport: real, from: FROM })).toEqual({
      sent: 1,
      failed: 0,
    });
    expect(received).toHaveLength(4);
    expect(header(received[2]!.raw, "Message-ID")).toBe(header(received[3]!.raw, "Message-ID"));
    expect(decodedSubject(received[3]!.raw)).toBe("Claim accepted");
    expect(await sendPending({ db: database.db, clock, transport: real, from: FROM })).toEqual({
      sent: 0,
      failed: 0,
    });
  });

  it("keeps a message pending with its error while the server is unreachable, and sends it later", async () => {
    await database.db
      .insertInto("outbox")
      .values({
        kind: "offer.made",
        call_id: CALL,
        student_id: es!.student.id,
        payload: JSON.stringify({ agreementId: "X", round: 2, respondBy: "2018-05-29T08:00:00+02:00" }),
        dedupe_key: "offer.made:down-test",
        created_at: clock.now(),
      })
      .execute();
    const down = smtpTransport("smtp://127.0.0.1:1");
    expect(await sendPending({ db: database.db, clock, transport: down, from: FROM })).toEqual({
      sent: 0,
      failed: 1,
    });
    const row = await database.db
      .selectFrom("outbox")
      .selectAll()
      .where("dedupe_key", "=", "offer.made:down-test")
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ sent_at: null, attempts: 1 });
    expect(row.last_error).toMatch(/ECONNREFUSED|connect/i);
    clock.set(new Date(clock.now().getTime() + 60 * 60 * 1000).toISOString());
    expect(
      await sendPending({ db: database.db, clock, transport: smtpTransport(smtpUrl), from: FROM }),
    ).toEqual({ sent: 1, failed: 0 });
    expect(decodedSubject(received.at(-1)!.raw)).toBe("Plaza ofrecida (ronda 2): acepte o renuncie");
  });
});
