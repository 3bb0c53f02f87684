// `npm run bench:http`: the HTTP server under load (issue 3, item 8).
//
// For each database kind (PGlite on a temporary DATA_DIR; PostgreSQL on a temporary database created
// on the server of --database-url or DATABASE_URL, dropped at the end) it starts, as real processes
// on loopback (`node --import tsx …`, like `npm run demo`):
// - the floor: bench/http-floor.ts, a bare Fastify route doing `select 1` on the same database kind,
//   opened by the same code as the server's; and, on the same server, a reference line (not the
//   floor, never used for the targets): `select 1` twice in sequence, the least a signed-in request
//   costs (its session lookup, then one query);
// - the demo (src/cli/demo.ts), started once per run on the same data (seeded by its first start),
//   with a signed-in coordinator of ETSII:
//   - read:  GET /api/calls/:callId/agreements — their centre's 22 agreements (session lookup,
//            policy, scoped list query and count, response schema);
//   - write: PATCH /api/calls/:callId/agreements/:agreementId {places} with cookie and X-CSRF-Token,
//            round-robin over those agreements, each request a real change (audited, before → after,
//            in the same transaction, under the call's lock).
// Each is driven by autocannon with 100 connections for a bounded time after a short warm-up, and
// prints requests/s, p50/p99 latency and the ratio to the floor of the same kind, then one verdict
// line per target: p99 under 100 ms, and at least half the floor's requests/s.
// The server processes log at warn level (LOG_LEVEL) unless told otherwise, into files of the
// temporary folder; the floor gets the same logger settings. It prints figures; it is not a test.
//
// Options:
//   --duration S          seconds measured per run (default 10)
//   --warmup S            seconds of warm-up before each measured run (default 2)
//   --connections N       concurrent connections (default 100)
//   --only pglite|postgresql   one database kind only
//   --database-url URL    PostgreSQL server on which to create (CREATEDB) and drop a temporary
//                         database (default: DATABASE_URL; neither: PostgreSQL is skipped)
//   --log-level LEVEL     the servers' LOG_LEVEL (default warn)
//   --cpu-prof DIR        profile the demo server (node --cpu-prof) into DIR and print where its
//                         CPU time goes (bench/http-profile.ts)
//   --keep                keep the temporary folder (logs, PGlite files)

import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { cpus, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import pg from "pg";
import type { DatabaseKind } from "../src/db/database.ts";
import type { DemoAccount } from "../src/demo/seed-demo.ts";
import { demoCall } from "../src/demo/university.ts";
import { formatSummary, readProfile, summarizeProfile } from "./http-profile.ts";

const ROOT = resolve(fileURLToPath(new URL("..", import.meta.url)));
const TARGET_P99_MS = 100;
const TARGET_FLOOR_SHARE = 0.5;
const CALL_ID = demoCall().id;
const CENTRE = "ETSII";

interface Options {
  duration: number;
  warmup: number;
  connections: number;
  kinds: DatabaseKind[];
  adminUrl: string | undefined;
  logLevel: string;
  cpuProf: string | undefined;
  keep: boolean;
}

function parseOptions(argv: string[]): Options {
  const options: Options = {
    duration: 10,
    warmup: 2,
    connections: 100,
    kinds: ["pglite", "postgresql"],
    adminUrl: process.env.DATABASE_URL || undefined,
    logLevel: "warn",
    cpuProf: undefined,
    keep: false,
  };
  const positive = (flag: string, value: string | undefined): number => {
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0) fail(`${flag} needs a positive number`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = argv[i + 1];
    if (flag === "--keep") {
      options.keep = true;
      continue;
    }
    i++;
    if (flag === "--duration") options.duration = positive(flag, value);
    else if (flag === "--warmup") options.warmup = value === "0" ? 0 : positive(flag, value);
    else if (flag === "--connections") options.connections = Math.round(positive(flag, value));
    else if (flag === "--only" && (value === "pglite" || value === "postgresql")) options.kinds = [value];
    else if (flag === "--database-url" && value) options.adminUrl = value;
    else if (flag === "--log-level" && value) options.logLevel = value;
    else if (flag === "--cpu-prof" && value) options.cpuProf = resolve(value);
    else fail(`unknown option or missing value: ${flag}`);
  }
  return options;
}

function fail(message: string): never {
  process.stderr.write(`bench:http: ${message}\n`);
  process.exit(2);
}

// --- processes on loopback --------------------------------------------------------------------

interface Running {
  child: ChildProcess;
  base: string;
  exited: Promise<number | null>;
  logFile: string;
}

const running = new Set<ChildProcess>();

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** `node [flags] --import tsx SCRIPT` on a free port; resolves once `readyPath` answers 200. */
async function start(
  script: string,
  env: NodeJS.ProcessEnv,
  logFile: string,
  readyPath: string,
  nodeFlags: string[] = [],
): Promise<Running> {
  const port = await freePort();
  const log = openSync(logFile, "a");
  const child = spawn(process.execPath, [...nodeFlags, "--import", "tsx", join(ROOT, script)], {
    cwd: ROOT,
    env: { ...env, PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", log, log],
  });
  closeSync(log);
  running.add(child);
  const exited = new Promise<number | null>((done) =>
    child.once("exit", (code) => {
      running.delete(child);
      done(code);
    }),
  );
  let gone = false;
  void exited.then(() => {
    gone = true;
  });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (gone) throw new Error(`${script} exited before answering:\n${tail(logFile)}`);
    try {
      const response = await fetch(`${base}${readyPath}`);
      await response.arrayBuffer();
      if (response.ok) return { child, base, exited, logFile };
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  child.kill("SIGKILL");
  throw new Error(`${script} did not answer within 3 minutes:\n${tail(logFile)}`);
}

async function stop(process_: Running): Promise<void> {
  process_.child.kill("SIGTERM");
  const timer = setTimeout(() => process_.child.kill("SIGKILL"), 30_000);
  const code = await process_.exited;
  clearTimeout(timer);
  if (code !== 0) process.stderr.write(`warning: exit status ${code}:\n${tail(process_.logFile)}\n`);
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
const tail = (file: string) => readFileSync(file, "utf8").split("\n").slice(-30).join("\n");

// --- where the data lives ---------------------------------------------------------------------

interface Place {
  kind: DatabaseKind;
  dir: string;
  /** Environment for the floor and the demo. */
  env(name: "floor" | "demo"): NodeJS.ProcessEnv;
  dispose(): Promise<void>;
}

async function createPlace(kind: DatabaseKind, root: string, options: Options): Promise<Place> {
  const dir = join(root, kind);
  mkdirSync(dir, { recursive: true });
  const { DATABASE_URL: _unused, ...inherited } = process.env;
  const base = { ...inherited, LOG_LEVEL: options.logLevel };
  if (kind === "pglite") {
    return {
      kind,
      dir,
      env: (name) => ({ ...base, DATA_DIR: join(dir, name) }),
      dispose: async () => {},
    };
  }
  const admin = options.adminUrl!;
  const name = `mobilitas_bench_${randomBytes(5).toString("hex")}`;
  await withAdmin(admin, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    kind,
    dir,
    env: (name_) => ({ ...base, DATA_DIR: join(dir, name_), DATABASE_URL: url.toString() }),
    dispose: async () => {
      await withAdmin(admin, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

async function withAdmin<T>(admin: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

// --- load -------------------------------------------------------------------------------------

interface Measurement {
  kind: DatabaseKind;
  path: "floor" | "two-queries" | "read" | "write";
  label: string;
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  other: number;
  errors: number;
  note?: string;
}

type Load = Pick<autocannon.Options, "method" | "headers" | "body" | "requests">;

/** A warm-up run (not reported), then the measured one. */
async function measure(
  url: string,
  load: Load,
  options: Options,
): Promise<{ warmup: autocannon.Result | undefined; result: autocannon.Result }> {
  const common = { url, connections: options.connections, ...load };
  const warmup = options.warmup > 0 ? await autocannon({ ...common, duration: options.warmup }) : undefined;
  return { warmup, result: await autocannon({ ...common, duration: options.duration }) };
}

function toMeasurement(
  kind: DatabaseKind,
  path: Measurement["path"],
  label: string,
  result: autocannon.Result,
): Measurement {
  return {
    kind,
    path,
    label,
    rps: result["2xx"] / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok: result["2xx"],
    other: result.non2xx,
    errors: result.errors,
  };
}

async function benchFloor(place: Place, options: Options): Promise<Measurement[]> {
  const env = place.env("floor");
  const server = await start("bench/http-floor.ts", env, join(place.dir, "floor.log"), "/floor");
  try {
    const floor = await measure(`${server.base}/floor`, {}, options);
    const two = await measure(`${server.base}/floor/two-queries`, {}, options);
    return [
      toMeasurement(place.kind, "floor", "floor: bare Fastify, select 1", floor.result),
      toMeasurement(
        place.kind,
        "two-queries",
        "reference: bare Fastify, select 1 twice in sequence",
        two.result,
      ),
    ];
  } finally {
    await stop(server);
  }
}

interface Session {
  cookie: string;
  csrfToken: string;
}

async function signIn(base: string, account: DemoAccount): Promise<Session> {
  const response = await fetch(`${base}/api/auth/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: account.email, password: account.password }),
  });
  const body = (await response.json()) as { csrfToken?: string };
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .find((c) => c.startsWith("mobilitas_session="));
  if (!response.ok || cookie === undefined || body.csrfToken === undefined) {
    throw new Error(`sign-in of ${account.email}: ${response.status} ${JSON.stringify(body)}`);
  }
  return { cookie, csrfToken: body.csrfToken };
}

async function getJson<T>(base: string, path: string, session: Session): Promise<T> {
  const response = await fetch(`${base}${path}`, { headers: { cookie: session.cookie } });
  if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** The id of the newest audit record about agreements (0 when none). */
async function newestAgreementAudit(base: string, office: Session): Promise<number> {
  const page = await getJson<{ items: { id: number }[] }>(
    base,
    `/api/audit?callId=${CALL_ID}&entityType=agreement&limit=1`,
    office,
  );
  return page.items[0]?.id ?? 0;
}

interface Demo {
  base: string;
  account(role: DemoAccount["role"], centre?: string): DemoAccount;
}

/**
 * Runs `work` against the demo on this place's data (seeded by its first start), then stops it;
 * with --cpu-prof, prints where that server's CPU time went.
 */
async function withDemo<T>(
  place: Place,
  options: Options,
  run: "read" | "write",
  work: (demo: Demo) => Promise<T>,
): Promise<T> {
  const env = place.env("demo");
  const profileDir = options.cpuProf === undefined ? undefined : join(options.cpuProf, place.kind, run);
  const flags = profileDir === undefined ? [] : ["--cpu-prof", `--cpu-prof-dir=${profileDir}`];
  const server = await start("src/cli/demo.ts", env, join(place.dir, "demo.log"), "/api/health", flags);
  let result: T;
  try {
    const accounts = JSON.parse(
      readFileSync(join(env.DATA_DIR!, "demo-accounts.json"), "utf8"),
    ) as DemoAccount[];
    result = await work({
      base: server.base,
      account: (role, centre) => {
        const found = accounts.find((a) => a.role === role && (centre === undefined || a.centre === centre));
        if (found === undefined) throw new Error(`the demo has no ${role} account`);
        return found;
      },
    });
  } finally {
    await stop(server);
  }
  if (profileDir !== undefined) {
    // The main thread's profile (thread id 0); tsx's loader thread writes one of its own.
    const file = readdirSync(profileDir).find((f) => /\.\d+\.0\.\d+\.cpuprofile$/.test(f));
    if (file !== undefined) {
      const window = options.warmup + options.duration;
      const summary = summarizeProfile(readProfile(join(profileDir, file)), { lastMs: window * 1000 });
      process.stdout.write(
        `\nCPU profile of the demo server on ${place.kind}, ${run} run (the last ${window} s: warm-up and ` +
          `measured run): ${join(profileDir, file)}\n${formatSummary(summary)}\n`,
      );
    }
  }
  return result;
}

const LIST_PATH = `/api/calls/${CALL_ID}/agreements`;

async function agreementIds(base: string, coordinator: Session): Promise<string[]> {
  const list = await getJson<{ items: { id: string }[] }>(base, LIST_PATH, coordinator);
  if (list.items.length === 0) throw new Error(`the coordinator of ${CENTRE} sees no agreements`);
  return list.items.map((a) => a.id);
}

async function benchRead(place: Place, options: Options): Promise<Measurement> {
  return withDemo(place, options, "read", async (demo) => {
    const coordinator = await signIn(demo.base, demo.account("coordinator", CENTRE));
    const ids = await agreementIds(demo.base, coordinator);
    const { result } = await measure(
      `${demo.base}${LIST_PATH}`,
      { headers: { cookie: coordinator.cookie } },
      options,
    );
    return toMeasurement(place.kind, "read", `read: GET agreements (${ids.length} of ${CENTRE})`, result);
  });
}

async function benchWrite(place: Place, options: Options): Promise<Measurement> {
  return withDemo(place, options, "write", async (demo) => {
    const coordinator = await signIn(demo.base, demo.account("coordinator", CENTRE));
    const office = await signIn(demo.base, demo.account("office"));
    const ids = await agreementIds(demo.base, coordinator);
    // Request n edits agreement n mod k and sets its places to 1 + ⌊n / k⌋ mod 500: consecutive
    // edits of one agreement always change it, so every acknowledged write is audited.
    let n = 0;
    const headers = {
      cookie: coordinator.cookie,
      "x-csrf-token": coordinator.csrfToken,
      "content-type": "application/json",
    };
    const write: Load = {
      requests: [
        {
          method: "PATCH",
          setupRequest: (request) => {
            const i = n++;
            return {
              ...request,
              path: `${LIST_PATH}/${encodeURIComponent(ids[i % ids.length]!)}`,
              headers,
              body: JSON.stringify({ places: 1 + (Math.floor(i / ids.length) % 500) }),
            };
          },
        },
      ],
    };
    const auditBefore = await newestAgreementAudit(demo.base, office);
    const { warmup, result } = await measure(demo.base, write, options);
    const audited = (await newestAgreementAudit(demo.base, office)) - auditBefore;
    const acknowledged = result["2xx"] + (warmup?.["2xx"] ?? 0);
    const measurement = toMeasurement(
      place.kind,
      "write",
      `write: PATCH agreement places (${ids.length}, round-robin)`,
      result,
    );
    // Warm-up writes are audited too. A write still in flight when a run ends, or one that timed
    // out on the client, may be committed and audited without being counted: acknowledged ≤ audited.
    measurement.note =
      `${acknowledged} writes acknowledged (warm-up included), ${audited} audit records added` +
      (acknowledged <= audited ? "" : " — INCONSISTENT: an acknowledged write has no audit record");
    return measurement;
  });
}

// --- report -----------------------------------------------------------------------------------

function report(measurements: Measurement[], options: Options, loadBefore: number): void {
  const floorOf = (kind: DatabaseKind) => measurements.find((m) => m.kind === kind && m.path === "floor");
  const twoOf = (kind: DatabaseKind) => measurements.find((m) => m.kind === kind && m.path === "two-queries");
  const rows = [
    ["database", "run", "req/s", "p50 ms", "p99 ms", "× floor", "× 2-query ref", "2xx", "non-2xx", "errors"],
    ...measurements.map((m) => {
      const floor = floorOf(m.kind);
      const two = twoOf(m.kind);
      return [
        m.kind,
        m.label,
        m.rps.toFixed(0),
        m.p50.toFixed(1),
        m.p99.toFixed(1),
        floor === undefined ? "–" : (m.rps / floor.rps).toFixed(2),
        two === undefined || m.path === "floor" ? "–" : (m.rps / two.rps).toFixed(2),
        String(m.ok),
        String(m.other),
        String(m.errors),
      ];
    }),
  ];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const line = (r: string[]) =>
    r.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("  ");
  process.stdout.write(
    `\nHTTP benchmark: ${options.connections} connections, ${options.duration} s per run after ` +
      `${options.warmup} s of warm-up, loopback, ${cpus().length} CPUs (${cpus()[0]?.model ?? "?"}), ` +
      `node ${process.version}, LOG_LEVEL=${options.logLevel}; load average ${loadBefore.toFixed(1)} before, ` +
      `${loadavg()[0]!.toFixed(1)} after (other processes on this machine skew the figures)` +
      `\n\n${rows.map(line).join("\n")}\n\n`,
  );
  for (const m of measurements) if (m.note) process.stdout.write(`${m.kind} ${m.path}: ${m.note}\n`);
  process.stdout.write("\n");
  for (const m of measurements.filter((x) => x.path === "read" || x.path === "write")) {
    const floor = floorOf(m.kind);
    const clean = m.other === 0 && m.errors === 0;
    const p99ok = m.p99 < TARGET_P99_MS && clean;
    process.stdout.write(
      `${p99ok ? "PASS" : "FAIL"}  ${m.kind} ${m.path}: p99 ${m.p99.toFixed(1)} ms ` +
        `(target < ${TARGET_P99_MS} ms)${clean ? "" : `; ${m.other} non-2xx, ${m.errors} errors`}\n`,
    );
    if (floor !== undefined) {
      const share = m.rps / floor.rps;
      process.stdout.write(
        `${share >= TARGET_FLOOR_SHARE && clean ? "PASS" : "FAIL"}  ${m.kind} ${m.path}: ` +
          `${m.rps.toFixed(0)} req/s = ${share.toFixed(2)} × the floor's ${floor.rps.toFixed(0)} ` +
          `(target ≥ ${TARGET_FLOOR_SHARE})\n`,
      );
    }
  }
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (options.kinds.includes("postgresql") && options.adminUrl === undefined) {
    if (options.kinds.length === 1) fail("PostgreSQL needs --database-url or DATABASE_URL");
    process.stderr.write("PostgreSQL skipped: give --database-url or set DATABASE_URL\n");
    options.kinds = options.kinds.filter((k) => k !== "postgresql");
  }
  const loadBefore = loadavg()[0]!;
  const root = mkdtempSync(join(tmpdir(), "mobilitas-bench-http-"));
  const places: Place[] = [];
  const cleanUp = async () => {
    for (const child of running) child.kill("SIGKILL");
    for (const place of places.splice(0)) await place.dispose().catch(() => {});
    if (!options.keep) rmSync(root, { recursive: true, force: true });
  };
  process.once("SIGINT", () => {
    void cleanUp().finally(() => process.exit(130));
  });
  const measurements: Measurement[] = [];
  try {
    for (const kind of options.kinds) {
      const place = await createPlace(kind, root, options);
      places.push(place);
      process.stderr.write(`${kind}: floor…\n`);
      measurements.push(...(await benchFloor(place, options)));
      process.stderr.write(`${kind}: demo, read…\n`);
      measurements.push(await benchRead(place, options));
      process.stderr.write(`${kind}: demo, write…\n`);
      measurements.push(await benchWrite(place, options));
    }
    report(measurements, options, loadBefore);
    if (options.keep) process.stdout.write(`\nkept ${root}\n`);
  } finally {
    await cleanUp();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench:http: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
