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

function demoStart(): Date {
  const text = process.env.DEMO_NOW?.trim() || DEMO_NOW;
  const start = new Date(text);
  if (Number.isNaN(start.getTime())) {
    throw new ConfigError([
      { variable: "DEMO_NOW", message: "must be an instant, e.g. 2018-05-02T10:00+02:00" },
    ]);
  }
  return start;
}

function printAccounts(accounts: DemoAccount[], address: string, now: Date): void {
  const lines = [
    "",
    "Mobilitas demo — UPCT Erasmus+ 2018/2019, second call",
    `  server:   ${address}   (API: ${address}/api/openapi.json)`,
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
    prepare: async (database, log) => {
      const created = await seedDemo({ db: database.db, clock });
      if (created) {
        // Demo passwords only: kept beside the demo's data so they can be shown at every start.
        writeFileSync(accountsFile, `${JSON.stringify(created, null, 2)}\n`, { mode: 0o600 });
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
