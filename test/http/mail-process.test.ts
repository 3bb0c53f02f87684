// The real server sends the outbox to SMTP_URL (a local smtp-server sink on 127.0.0.1, port 0): a
// message waiting at start goes out once; the server killed with SIGKILL and started again sends it
// no second time, and sends what was enqueued while it was down.
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "../../src/db/migrate.ts";
import { createProcessDatabase, type ProcessDatabase, testDatabaseKind } from "../support/database.ts";
import { type RunningServer, startServer } from "../support/http.ts";

const ADMIN = { ADMIN_EMAIL: "admin@test.upct.es", ADMIN_PASSWORD: "correct horse battery staple" };

async function until(check: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe(`the server's mail sender across a SIGKILL on ${testDatabaseKind}`, () => {
  let place: ProcessDatabase;
  let smtp: SMTPServer;
  let smtpUrl = "";
  const received: { to: string[]; raw: string }[] = [];
  let server: RunningServer | undefined;

  const enqueue = async (key: string, email: string) => {
    const database = await place.open();
    try {
      await migrate(database.db);
      await database.db
        .insertInto("outbox")
        .values({
          kind: "claim.resolved",
          payload: JSON.stringify({ decision: "rejected", reason: "late", centre: "ETSII" }),
          email,
          dedupe_key: key,
          created_at: new Date(),
        })
        .execute();
    } finally {
      await database.close();
    }
  };

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
    place = await createProcessDatabase();
  });
  afterAll(async () => {
    if (server !== undefined && server.child.exitCode === null) {
      server.child.kill("SIGKILL");
      await server.done;
    }
    await place?.dispose();
    await new Promise<void>((resolve) => smtp?.close(() => resolve()));
  });

  it("sends once, and after a SIGKILL and a restart sends nothing twice", async () => {
    await enqueue("claim.resolved:process-1", "one@test.upct.es");
    const env = { ...place.env, ...ADMIN, SMTP_URL: smtpUrl, MAIL_FROM: "RR.II. <rrii@test.upct.es>" };
    server = await startServer(env);
    await until(() => received.length === 1);
    expect(received[0]!.to).toEqual(["one@test.upct.es"]);
    server.child.kill("SIGKILL");
    await server.done;

    await enqueue("claim.resolved:process-2", "two@test.upct.es");
    server = await startServer(env);
    await until(() => received.length >= 2);
    // A few sender ticks later, still nothing sent twice.
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    expect(received.map((r) => r.to[0])).toEqual(["one@test.upct.es", "two@test.upct.es"]);
    server.child.kill("SIGTERM");
    expect((await server.done).status).toBe(0);
  });
});
