// `cli import / award / export` as real processes on the server's database settings: a temp
// DATA_DIR (PGlite files), or a fresh PostgreSQL database when DATABASE_URL is set.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAudit } from "../../src/db/repositories/audit-log.ts";
import { summarizeDataset } from "../../src/use-cases/import-dataset.ts";
import { createProcessDatabase, type ProcessDatabase, testDatabaseKind } from "../support/database.ts";
import { datasetPath, exampleNames, readDataset, readOutcome } from "../support/examples.ts";
import { runNode } from "../support/processes.ts";

const CLI = "src/cli/mobilitas.ts";

describe(`cli on ${testDatabaseKind}`, () => {
  let place: ProcessDatabase;
  const cli = (args: string[], stdin?: string) => runNode(CLI, args, place.env, stdin);
  const lastLine = (text: string) => text.trimEnd().split("\n").at(-1);

  beforeAll(async () => {
    place = await createProcessDatabase();
  });
  afterAll(() => place?.dispose());

  // The examples share one call id: each import replaces the previous example's content.
  it.each(exampleNames)("%s: import, award and export", async (name) => {
    const dataset = readDataset(name);
    const started = performance.now();
    const imported = await cli(["import", "--replace", datasetPath(name)]);
    const importMs = performance.now() - started;
    expect(imported.stderr).toBe("");
    expect(imported.status).toBe(0);
    expect(imported.stdout).toMatch(/^(created|replaced): /);
    expect(lastLine(imported.stdout)).toBe(dataset.call.id);

    const award = await cli(["award", dataset.call.id]);
    expect(award.stderr).toBe("");
    expect(award.status).toBe(0);
    const expected = readOutcome(name);
    if (expected !== undefined) expect(JSON.parse(award.stdout)).toEqual(expected);

    const exported = await cli(["export", dataset.call.id]);
    expect(exported.status).toBe(0);
    expect(JSON.parse(exported.stdout)).toStrictEqual(dataset);
    console.info(`cli import ${name}: ${importMs.toFixed(0)} ms, process included`);
  });

  it("imports the same file twice without change, and awards exactly as simulate prints", async () => {
    const name = "walkthrough";
    const callId = readDataset(name).call.id;
    expect((await cli(["import", "--replace", datasetPath(name)])).status).toBe(0);
    const again = await cli(["import", datasetPath(name)]);
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/^unchanged: /);
    expect(lastLine(again.stdout)).toBe(callId);

    const [award, simulate] = await Promise.all([
      cli(["award", callId]),
      runNode("src/cli/simulate.ts", [datasetPath(name)], place.env),
    ]);
    expect(simulate.status).toBe(0);
    expect(award.stdout === simulate.stdout).toBe(true);
  });

  it("refuses an invalid dataset: status 2, nothing on stdout, every error with its path", async () => {
    const dataset = readDataset("walkthrough") as unknown as {
      call: Record<string, unknown>;
      students: Record<string, unknown>[];
    };
    dataset.call.id = "never-stored";
    dataset.call.kind = "holiday";
    dataset.students[2]!.averageGrade = 11;
    dataset.students[3]!.id = dataset.students[0]!.id;
    const result = await cli(["import", "-"], JSON.stringify(dataset));
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("/call/kind");
    expect(result.stderr).toContain("/students/2/averageGrade");
    expect(result.stderr).toContain("/students/3/id");
  });

  it("refuses a file that is not JSON, or not there", async () => {
    const notJson = path.join(place.dataDir, "broken.json");
    fs.writeFileSync(notJson, "{ not json");
    for (const file of [notJson, path.join(place.dataDir, "missing.json")]) {
      const result = await cli(["import", file]);
      expect(result.status).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr).toMatch(/^mobilitas: /);
    }
  });

  it("says clearly that a call is unknown, with status 2", async () => {
    const result = await cli(["export", "no-such-call"]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe("mobilitas: there is no call no-such-call\n");
  });

  it("refuses different content for a stored call unless --replace is given", async () => {
    const dataset = readDataset("walkthrough");
    dataset.call.id = "cli-replace";
    const file = path.join(place.dataDir, "replace.json");
    fs.writeFileSync(file, JSON.stringify(dataset));
    expect((await cli(["import", file])).status).toBe(0);

    dataset.students[0]!.averageGrade = 5;
    fs.writeFileSync(file, JSON.stringify(dataset));
    const refused = await cli(["import", file]);
    expect(refused.status).toBe(2);
    expect(refused.stdout).toBe("");
    expect(refused.stderr).toMatch(/already stored with different content/);

    const replaced = await cli(["import", "--replace", file]);
    expect(replaced.status).toBe(0);
    expect(replaced.stdout).toMatch(/^replaced: /);
  });

  it("audits what it imports as the command line: imported, then replaced; unchanged records nothing", async () => {
    const dataset = readDataset("ties");
    dataset.call.id = "cli-audit";
    const file = path.join(place.dataDir, "audit.json");
    fs.writeFileSync(file, JSON.stringify(dataset));
    expect((await cli(["import", file])).status).toBe(0);
    expect((await cli(["import", file])).stdout).toMatch(/^unchanged: /);
    const changed = structuredClone(dataset);
    changed.applications.pop();
    fs.writeFileSync(file, JSON.stringify(changed, null, 2));
    expect((await cli(["import", "--replace", file])).status).toBe(0);

    const database = await place.open();
    try {
      const records = await listAudit(database.db, { callId: "cli-audit", limit: 10 });
      expect(records).toMatchObject([
        {
          actor: { userId: null, role: null, label: "cli" },
          action: "call.replaced",
          entityType: "call",
          entityId: "cli-audit",
          before: summarizeDataset(dataset),
          after: summarizeDataset(changed),
        },
        {
          actor: { label: "cli" },
          action: "call.imported",
          before: null,
          after: summarizeDataset(dataset),
        },
      ]);
    } finally {
      await database.close();
    }
  });

  it("prints its usage with status 2 when the command is wrong", async () => {
    for (const args of [["frobnicate"], ["import", "a", "b"]]) {
      const result = await cli(args);
      expect(result.status).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr).toMatch(/^usage: mobilitas/);
    }
  });

  it("reports bad settings without a stack trace", async () => {
    const result = await runNode(CLI, ["export", "x"], { ...place.env, DATABASE_URL: "mysql://nope" });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/DATABASE_URL: must be a postgres/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
