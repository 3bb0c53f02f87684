// `npm run demo`: the whole system on the embedded database with the demo university (UPCT, the
// 2018/2019 second call). Its own data folder (./data/demo unless DATA_DIR is given); the demo is
// loaded on first start; one account per role, with the passwords printed at every start.
// DEMO_NOW (default 2 May 2018 10:00, Madrid) sets the demo's clock, which then runs on from there,
// so a newcomer lands in an open call.

import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { clockStartingAt } from "../clock.ts";
import { ConfigError, loadConfig } from "../config.ts";
import { type DemoAccount, seedDemo } from "../demo/seed-demo.ts";
import { DEMO_NOW } from "../demo/university.ts";
import { exitOnStartError, serve } from "../serve.ts";

/** DEMO_NOW: an RFC 3339 instant with its offset (seconds optional), a real date (no 30 February). */
function demoStart(): Date {
  const text = process.env.DEMO_NOW?.trim() || DEMO_NOW;
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/i.exec(
    text,
  );
  const start = new Date(text);
  const [, y, mo, d, h, mi, sec = "0"] = match ?? [];
  const real =
    match !== null &&
    !Number.isNaN(start.getTime()) &&
    Number(mo) >= 1 &&
    Number(mo) <= 12 &&
    new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d))).getUTCDate() === Number(d) &&
    Number(h) <= 23 &&
    Number(mi) <= 59 &&
    Number(sec) <= 59;
  if (!real) {
    throw new ConfigError([
      {
        variable: "DEMO_NOW",
        message: "must be a real instant with its offset, e.g. 2018-05-02T10:00+02:00",
      },
    ]);
  }
  return start;
}

function printAccounts(accounts: DemoAccount[], address: string, now: Date): void {
  const lines = [
    "",
    "Mobilitas demo — UPCT Erasmus+ 2018/2019, second call",
    `  server:   ${address}   (open it in a browser; the API is described at ${address}/api/openapi.json)`,
    `  clock:    ${now.toISOString()} (DEMO_NOW; it runs on from there)`,
    "  accounts (role · e-mail · password):",
    ...accounts.map(
      (a) =>
        `    ${a.role.padEnd(17)} ${a.email.padEnd(28)} ${a.password}` +
        (a.centre ? `  centre ${a.centre}` : "") +
        (a.studentId ? `  student ${a.studentId}` : ""),
    ),
    "",
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
}

async function main(): Promise<void> {
  const env = { ...process.env };
  if (!env.DATA_DIR) env.DATA_DIR = "./data/demo";
  const config = loadConfig(env);
  const clock = clockStartingAt(demoStart());
  mkdirSync(config.dataDir, { recursive: true });
  const accountsFile = join(config.dataDir, "demo-accounts.json");
  await serve({
    config,
    clock,
    prepare: async (database, log, files) => {
      const created = await seedDemo({ db: database.db, clock, files });
      if (created) {
        // Demo passwords only: kept beside the demo's data so they can be shown at every start
        // (merged with those of an interrupted earlier start, whose accounts were not made again).
        const earlier = existsSync(accountsFile)
          ? (JSON.parse(readFileSync(accountsFile, "utf8")) as DemoAccount[])
          : [];
        const accounts = [...earlier.filter((a) => !created.some((c) => c.email === a.email)), ...created];
        writeFileSync(accountsFile, `${JSON.stringify(accounts, null, 2)}\n`, { mode: 0o600 });
        chmodSync(accountsFile, 0o600);
        log.info({ accounts: created.length }, "demo university loaded");
      }
    },
    ready: (_log, address) => {
      const accounts = existsSync(accountsFile)
        ? (JSON.parse(readFileSync(accountsFile, "utf8")) as DemoAccount[])
        : [];
      printAccounts(accounts, address, clock.now());
    },
  });
}

main().catch(exitOnStartError("mobilitas demo"));
