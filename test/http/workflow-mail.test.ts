// The e-mails the workflow was missing, through the outbox to a local SMTP sink, each in the
// recipient's language: a claim filed (the student's receipt; a notice to the centre's
// coordinators), a list superseded (only the students it changes), an acceptance deadline 48 hours
// ahead (once, however often the job runs), and an offer lapsed (silence became renunciation).
// docs/decisions/0013-workflow-completion.md
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClock } from "../../src/clock.ts";
import type { App } from "../../src/http/app.ts";
import { runAcceptanceJob } from "../../src/jobs/acceptance-job.ts";
import { sendPending } from "../../src/mail/sender.ts";
import { smtpTransport } from "../../src/mail/smtp.ts";
import { createTestDatabase, type TestDatabase, testDatabaseKind } from "../support/database.ts";
import { listen } from "../support/http.ts";
import { loadCentresAndDegrees } from "../support/office.ts";
import { CallPhases, contested } from "../support/workflow-phases.ts";

const CALL = "mails";
const A = "ETSII";
const FROM = "Mobilitas <rrii@test.upct.es>";

interface Received {
  to: string[];
  kind: string;
  language: string;
  subject: string;
  body: string;
}

const header = (raw: string, name: string) =>
  new RegExp(`^${name}:\\s*(.*(?:\\r?\\n[ \\t].*)*)`, "im")
    .exec(raw)?.[1]
    ?.replace(/\r?\n[ \t]+/g, " ")
    .trim() ?? "";
const decodeWords = (value: string) =>
  value.replace(/=\?utf-8\?([QB])\?([^?]*)\?=\s*/gi, (_m, enc: string, text: string) =>
    enc.toUpperCase() === "B"
      ? Buffer.from(text, "base64").toString("utf8")
      : Buffer.from(
          text
            .replace(/_/g, " ")
            .replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
          "latin1",
        ).toString("utf8"),
  );
/** The plain-text body, quoted-printable decoded. */
function bodyOf(raw: string): string {
  const body = raw
    .split(/\r?\n\r?\n/)
    .slice(1)
    .join("\n\n");
  if (!/quoted-printable/i.test(header(raw, "Content-Transfer-Encoding"))) return body;
  return Buffer.from(
    body
      .replace(/=\r?\n/g, "")
      .replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
    "latin1",
  ).toString("utf8");
}

describe(`the workflow's e-mails through the outbox on ${testDatabaseKind}`, () => {
  let database: TestDatabase;
  let app: App;
  let base: string;
  let smtp: SMTPServer;
  let smtpUrl = "";
  const received: Received[] = [];
  const clock = new TestClock("2018-04-24T10:00:00+02:00");
  const { agreementId, students } = contested(A, 2);
  let call: CallPhases;
  let first = "";
  let second = "";
  let provisionalRun = "";

  const send = async () =>
    sendPending({ db: database.db, clock, transport: smtpTransport(smtpUrl), from: FROM });
  const mailsOf = (kind: string) => received.filter((m) => m.kind === kind);
  const emailOf = (studentId: string) => call.student(studentId).credentials.email;

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS", "AUTH"],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("end", () => {
          const raw = Buffer.concat(chunks).toString("utf8");
          received.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            kind: header(raw, "X-Mobilitas-Kind"),
            language: header(raw, "Content-Language"),
            subject: decodeWords(header(raw, "Subject")),
            body: bodyOf(raw),
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
    call = await new CallPhases(base, database, clock, CALL, [A]).load();
    await call.apply(
      A,
      students.map((studentId) => ({ studentId, choices: [agreementId] })),
    );
    // Messages go to the accounts' addresses; one student and the coordinator read English.
    await database.db.updateTable("students").set({ email: null }).where("call_id", "=", CALL).execute();
    await call.at("2018-05-11T09:00:00+02:00");
    const { run } = await call.runAndPublish("provisional");
    provisionalRun = run.id;
    first = run.outcome.results.find((r) => r.status === "awarded")!.studentId;
    second = students.find((s) => s !== first)!;
    await database.db
      .updateTable("users")
      .set({ preferred_language: "en" })
      .where((eb) =>
        eb.or([eb("student_id", "=", first), eb("id", "=", call.coordinator().credentials.userId)]),
      )
      .execute();
    await send();
    received.length = 0;
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
    await new Promise<void>((resolve) => smtp?.close(() => resolve()));
  });

  it("sends the student a receipt of their claim and tells the centre's coordinators", async () => {
    await call.at("2018-05-12T10:00:00+02:00");
    const form = new FormData();
    form.append("text", "My grade average is wrong: it is 9.9");
    const who = call.student(second);
    const filed = await fetch(`${base}/api/calls/${CALL}/students/${second}/claims`, {
      method: "POST",
      headers: { cookie: who.session.cookie, "x-csrf-token": who.session.csrfToken },
      body: form,
    });
    expect(filed.status).toBe(201);
    const claimId = ((await filed.json()) as { id: string }).id;
    expect(await send()).toEqual({ sent: 2, failed: 0 });
    const [receipt] = mailsOf("claim.filed");
    expect(receipt).toMatchObject({
      to: [emailOf(second)],
      language: "es",
      subject: "Reclamación presentada — justificante",
    });
    expect(receipt!.body).toContain(claimId);
    expect(receipt!.body).toContain("12/05/2018, 10:00");
    const [staff] = mailsOf("claim.received");
    expect(staff).toMatchObject({
      to: [call.coordinator().credentials.email],
      language: "en",
      subject: `New claim at ${A}`,
    });
    expect(staff!.body).toContain(second);

    // Accepted with the grade corrected: the superseding list tells those whose place changed.
    const resolved = await call.coordinator().api.post(`/api/calls/${CALL}/claims/${claimId}/resolution`, {
      decision: "accepted",
      reason: "the record office confirmed the grade",
      corrections: { academicRecord: { averageGrade: 10, creditsPassed: 240, degreeCredits: 240 } },
    });
    expect(resolved.status).toBe(200);
    const { run } = await call.runAndPublish("provisional", A, "a grade corrected after a claim");
    expect(run.id).not.toBe(provisionalRun);
    expect(run.outcome.results.find((r) => r.studentId === second)).toMatchObject({ status: "awarded" });
    received.length = 0;
    await send();
    const superseded = mailsOf("list.superseded");
    expect(superseded.map((m) => m.to[0]).sort()).toEqual([emailOf(first), emailOf(second)].sort());
    expect(superseded.find((m) => m.to[0] === emailOf(first))).toMatchObject({
      language: "en",
      subject: `The provisional list of ${A} was corrected`,
    });
    expect(superseded.find((m) => m.to[0] === emailOf(first))!.body).toContain(
      "Your status was: awarded; it is now: substitute",
    );
    expect(superseded.find((m) => m.to[0] === emailOf(second))!.body).toContain(
      "Motivo: a grade corrected after a claim",
    );
  });

  it("reminds 48 hours before the acceptance deadline once, then tells of the lapse", async () => {
    await call.at("2018-05-23T09:00:00+02:00");
    await call.runAndPublish("definitive");
    // The job's next tick (a minute later) opens round 1.
    await call.at("2018-05-23T09:01:00+02:00");
    expect(await runAcceptanceJob({ db: database.db, clock })).toMatchObject({ offered: 1, reminded: 0 });
    // 46 hours before the deadline (25 May 23:59:59): the reminder is due; the job runs twice.
    await call.at("2018-05-24T02:00:00+02:00");
    await runAcceptanceJob({ db: database.db, clock });
    await runAcceptanceJob({ db: database.db, clock });
    received.length = 0;
    await send();
    const reminders = mailsOf("offer.reminder");
    expect(reminders).toHaveLength(1);
    expect(reminders[0]).toMatchObject({
      to: [emailOf(second)],
      language: "es",
      subject: "Recordatorio: el plazo de aceptación termina en 48 horas",
    });
    expect(reminders[0]!.body).toContain("25/05/2018, 23:59");
    expect(
      mailsOf("list.published")
        .map((m) => m.to[0])
        .sort(),
    ).toEqual([emailOf(first), emailOf(second)].sort());

    await call.at("2018-05-26T00:00:00+02:00");
    await runAcceptanceJob({ db: database.db, clock });
    await runAcceptanceJob({ db: database.db, clock });
    received.length = 0;
    await send();
    const lapsed = mailsOf("offer.lapsed");
    expect(lapsed).toHaveLength(1);
    expect(lapsed[0]).toMatchObject({
      to: [emailOf(second)],
      subject: "Plaza perdida: no contestó a tiempo",
    });
    // The place went to the next: offered in round 2, in English.
    expect(mailsOf("offer.made")).toEqual([
      expect.objectContaining({
        to: [emailOf(first)],
        language: "en",
        subject: "Place offered (round 2): accept or renounce",
      }),
    ]);
    // Everything went out once.
    received.length = 0;
    expect(await send()).toEqual({ sent: 0, failed: 0 });
  });
});
