// `npm run demo` as a real process on a temp DATA_DIR (or a fresh PostgreSQL database when
// DATABASE_URL is set): it prints the accounts at every start, the second one too; it answers
// /api/health on the demo's clock (DEMO_NOW, running on from there); a bad DEMO_NOW stops it with a
// clear message and status 1.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROLES } from "../../src/policies/policies.ts";
import { type DemoServer, startDemo } from "../http/fixtures/demo-server.ts";
import { signIn } from "../support/auth.ts";
import { createProcessDatabase, type ProcessDatabase, testDatabaseKind } from "../support/database.ts";
import { type Finished, finished, repoRoot } from "../support/processes.ts";

const FIRST_NOW = "2018-05-02T10:00+02:00";
const SECOND_NOW = "2018-05-15T12:30:00+02:00";

/** `npm run --silent demo`, exactly as a newcomer types it; for runs that end by themselves. */
function npmRunDemo(env: NodeJS.ProcessEnv): Promise<Finished> {
  const child = spawn("npm", ["run", "--silent", "demo"], {
    cwd: repoRoot,
    env: { ...env, PORT: "0", HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return finished(child);
}

interface Health {
  status: string;
  database: string;
  migration: number;
  time: string;
}

async function health(demo: DemoServer): Promise<Health> {
  const response = await fetch(`${demo.url}/api/health`);
  expect(response.status).toBe(200);
  return (await response.json()) as Health;
}

describe(`npm run demo on ${testDatabaseKind}`, () => {
  let place: ProcessDatabase;
  let demo: DemoServer | undefined;
  beforeAll(async () => {
    place = await createProcessDatabase();
  });
  afterAll(async () => {
    if (demo !== undefined && demo.child.exitCode === null && demo.child.signalCode === null)
      await demo.stop();
    await place?.dispose();
  });

  it("loads the demo once, prints the accounts at every start, and runs its clock from DEMO_NOW", async () => {
    const before = Date.now();
    demo = await startDemo(place.env, { DEMO_NOW: FIRST_NOW });
    const first = demo.accounts;
    expect(new Set(first.map((a) => a.role))).toEqual(new Set(ROLES));
    for (const a of first) expect(a.password).toMatch(/^\S{12,}$/);
    expect(demo.account("coordinator", "ETSII").email).toBe("coord.etsii@demo.upct.es");
    expect(demo.account("student").studentId).toMatch(/^S\d{4}$/);
    expect(demo.stdout()).toContain(`${demo.url}/api/openapi.json`);

    // The clock stands at DEMO_NOW when the server starts and runs on from there.
    const now = Date.parse(FIRST_NOW);
    expect(demo.clock.getTime()).toBeGreaterThanOrEqual(now);
    const h = await health(demo);
    expect(h).toMatchObject({ status: "ok", database: testDatabaseKind });
    expect(h.migration).toBeGreaterThanOrEqual(3);
    const time = Date.parse(h.time);
    expect(time).toBeGreaterThanOrEqual(now);
    expect(time).toBeLessThanOrEqual(now + (Date.now() - before));

    // The printed passwords sign in (the office reads the demo's audit log).
    const office = await signIn(demo.url, demo.account("office"));
    expect(office.user.role).toBe("office");
    const calls = await fetch(`${demo.url}/api/calls`, { headers: { cookie: office.cookie } });
    expect(JSON.stringify(await calls.json())).toContain("upct-erasmus-2018-2019-r2");

    // Kept beside the demo's data, readable by its owner only.
    const file = path.join(place.dataDir, "demo-accounts.json");
    expect(fs.statSync(file).mode & 0o077).toBe(0);
    expect((await demo.stop()).status).toBe(0);

    // A second start on the same data: nothing loaded again, the same accounts printed again,
    // and the clock where this start's DEMO_NOW puts it.
    const secondBefore = Date.now();
    demo = await startDemo(place.env, { DEMO_NOW: SECOND_NOW });
    expect(demo.accounts).toEqual(first);
    const again = Date.parse((await health(demo)).time);
    expect(again).toBeGreaterThanOrEqual(Date.parse(SECOND_NOW));
    expect(again).toBeLessThanOrEqual(Date.parse(SECOND_NOW) + (Date.now() - secondBefore));
    const signedIn = await signIn(demo.url, demo.account("coordinator", "ETSIT"));
    expect(signedIn.user).toMatchObject({ role: "coordinator", centre: "ETSIT" });
    // The first start's session ended with its clock (13 days later now); the demo's ~100
    // agreements were loaded once.
    const stale = await fetch(`${demo.url}/api/auth/session`, { headers: { cookie: office.cookie } });
    expect(((await stale.json()) as { user: unknown }).user).toBeNull();
    const officeAgain = await signIn(demo.url, demo.account("office"));
    const agreements = await fetch(`${demo.url}/api/calls/upct-erasmus-2018-2019-r2/agreements`, {
      headers: { cookie: officeAgain.cookie },
    });
    expect(agreements.status).toBe(200);
    const total = ((await agreements.json()) as { total: number }).total;
    expect(total).toBeGreaterThanOrEqual(90);
    expect(total).toBeLessThanOrEqual(110);
    const stopped = await demo.stop();
    expect(stopped.status).toBe(0);
    expect(stopped.stderr).toBe("");
  });

  it("refuses a DEMO_NOW that is not an instant: a clear message, status 1, nothing started", async () => {
    const dataDir = path.join(place.dataDir, "bad-now");
    const result = await npmRunDemo({ ...place.env, DATA_DIR: dataDir, DEMO_NOW: "next tuesday" });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      "DEMO_NOW: must be a real instant with its offset, e.g. 2018-05-02T10:00+02:00",
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).not.toContain("accounts");
    expect(fs.existsSync(dataDir)).toBe(false);
  });

  it("refuses an impossible date (30 February) and an instant without its offset", async () => {
    for (const DEMO_NOW of ["2018-02-30T10:00+01:00", "2018-05-02T10:00"]) {
      const dataDir = path.join(place.dataDir, "impossible-now");
      const result = await npmRunDemo({ ...place.env, DATA_DIR: dataDir, DEMO_NOW });
      expect(result.status, DEMO_NOW).toBe(1);
      expect(result.stderr).toContain("DEMO_NOW: must be a real instant with its offset");
      expect(fs.existsSync(dataDir)).toBe(false);
    }
  });
});
