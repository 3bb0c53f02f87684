// `npm start` as a real process: settings from the environment, migrations at start, a clean stop
// on SIGTERM, a clear message (no stack trace) for bad settings or a data folder in use.
import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readMigrations } from "../../src/db/migrate.ts";
import { createProcessDatabase, type ProcessDatabase, testDatabaseKind } from "../support/database.ts";
import { type Finished, finished, startNode } from "../support/processes.ts";

const SERVER = "src/server.ts";

interface Running {
  child: ChildProcess;
  done: Promise<Finished>;
  url: string;
  logs: string[];
}

/** Starts the server on port 0 and waits for the address it logs. */
function startServer(env: NodeJS.ProcessEnv): Promise<Running> {
  const child = startNode(SERVER, [], { ...env, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "info" });
  const done = finished(child);
  const logs: string[] = [];
  return new Promise((resolve, reject) => {
    let pending = "";
    child.stdout?.on("data", (chunk: string) => {
      pending += chunk;
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) {
        logs.push(line);
        const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
        if (match) resolve({ child, done, url: match[1]!, logs });
      }
    });
    done.then((result) => reject(new Error(`server exited early: ${result.stderr}`)), reject);
  });
}

describe(`the server process on ${testDatabaseKind}`, () => {
  let place: ProcessDatabase;
  beforeAll(async () => {
    place = await createProcessDatabase();
  });
  afterAll(() => place?.dispose());

  it("migrates at start, serves health, stops cleanly on SIGTERM, and migrates nothing on restart", async () => {
    const first = await startServer(place.env);
    const health = await (await fetch(`${first.url}/api/health`)).json();
    expect(health).toMatchObject({
      status: "ok",
      database: testDatabaseKind,
      migration: readMigrations().length,
    });
    const ready = first.logs.map((l) => JSON.parse(l) as { msg: string; applied?: string[] });
    expect(ready.find((l) => l.msg === "database ready")?.applied).toEqual(
      readMigrations().map((m) => m.name),
    );
    first.child.kill("SIGTERM");
    expect((await first.done).status).toBe(0);

    const second = await startServer(place.env);
    const again = second.logs.map((l) => JSON.parse(l) as { msg: string; applied?: string[] });
    expect(again.find((l) => l.msg === "database ready")?.applied).toEqual([]);

    if (testDatabaseKind === "pglite") {
      // The embedded database belongs to one process: a second one is refused, clearly.
      const rival = await finished(startNode(SERVER, [], { ...place.env, PORT: "0" }));
      expect(rival.status).toBe(1);
      expect(rival.stderr).toMatch(/^mobilitas: cannot start: the database in .* is in use by process \d+/);
    }
    second.child.kill("SIGTERM");
    expect((await second.done).status).toBe(0);
  });

  it.each([
    ["PORT", "eighty", /PORT: must be a whole number between 0 and 65535/],
    ["PORT", "70000", /PORT: must be a whole number between 0 and 65535/],
    ["DATABASE_URL", "localhost:5432", /DATABASE_URL: must be a postgres:\/\/ or postgresql:\/\/ URL/],
    ["LOG_LEVEL", "loud", /LOG_LEVEL: /],
  ])("refuses %s=%s with a clear message", async (variable, value, message) => {
    const result = await finished(startNode(SERVER, [], { ...place.env, [variable]: value }));
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
