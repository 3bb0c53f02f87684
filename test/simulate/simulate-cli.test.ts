// `simulate` as a person runs it: a real process, real files, standard input and output.

import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "../..");
const examples = join(root, "examples");

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function simulate(args: string[], stdin?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", join(root, "src/cli/simulate.ts"), ...args], {
      cwd: root,
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(stdin ?? "");
  });
}

const walkthroughText = readFileSync(join(examples, "walkthrough.dataset.json"), "utf8");
const tmp = mkdtempSync(join(tmpdir(), "mobilitas-simulate-"));
function writeDataset(name: string, value: unknown): string {
  const file = join(tmp, name);
  writeFileSync(file, typeof value === "string" ? value : JSON.stringify(value));
  return file;
}

describe("simulate on the shared examples", () => {
  const names = readdirSync(examples)
    .filter((f) => f.endsWith(".dataset.json"))
    .map((f) => f.replace(".dataset.json", ""));

  it("finds the examples", () => {
    expect(names.length).toBeGreaterThanOrEqual(4);
  });

  for (const name of names) {
    it(`prints exactly the expected outcome of ${name}, and nothing on standard error`, async () => {
      const run = await simulate([join(examples, `${name}.dataset.json`)]);
      expect(run.stderr).toBe("");
      expect(run.status).toBe(0);
      const expected: unknown = JSON.parse(readFileSync(join(examples, `${name}.outcome.json`), "utf8"));
      expect(JSON.parse(run.stdout)).toStrictEqual(expected);
    });
  }

  it("runs as `npm run --silent simulate -- FILE`, printing only the outcome", async () => {
    const run = await new Promise<Run>((resolve, reject) => {
      const child = spawn(
        "npm",
        ["run", "--silent", "simulate", "--", join(examples, "walkthrough.dataset.json")],
        {
          cwd: root,
          stdio: ["ignore", "pipe", "pipe"],
        },
      );
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d: Buffer) => {
        stdout += d.toString();
      });
      child.stderr.on("data", (d: Buffer) => {
        stderr += d.toString();
      });
      child.on("error", reject);
      child.on("close", (status) => resolve({ status, stdout, stderr }));
    });
    expect(run.status).toBe(0);
    const expected: unknown = JSON.parse(readFileSync(join(examples, "walkthrough.outcome.json"), "utf8"));
    expect(JSON.parse(run.stdout)).toStrictEqual(expected);
  });

  it("reads standard input when the file is -", async () => {
    const run = await simulate(["-"], walkthroughText);
    expect(run.status).toBe(0);
    const outcome = JSON.parse(run.stdout) as { callId: string; results: unknown[] };
    expect(outcome.callId).toBe("upct-erasmus-2018-2019-r2");
    expect(outcome.results).toHaveLength(5);
  });
});

describe("simulate refuses bad input with status 2, nothing on standard output", () => {
  const base = JSON.parse(walkthroughText) as {
    call: Record<string, unknown>;
    agreements: Record<string, unknown>[];
    students: Record<string, unknown>[];
    applications: Record<string, unknown>[];
  };
  const variant = (change: (d: typeof base) => void) => {
    const copy = structuredClone(base);
    change(copy);
    return copy;
  };

  const cases: { name: string; input: () => string; stderr: (string | RegExp)[] }[] = [
    { name: "a missing file", input: () => join(tmp, "nope.json"), stderr: ["no such file"] },
    {
      name: "text that is not JSON",
      input: () => writeDataset("broken.json", '{"formatVersion": 1,'),
      stderr: ["not valid JSON"],
    },
    {
      name: "schema violations, every one named by its path",
      input: () =>
        writeDataset(
          "schema.json",
          variant((d) => {
            d.call.kind = "holiday";
            d.students[1]!.averageGrade = 11;
            delete d.students[2]!.cycle;
            d.applications[0]!.validatedAt = "2018-05-02 10:15";
            d.agreements[0]!.places = -1;
          }),
        ),
      stderr: [
        "/call/kind",
        "/students/1/averageGrade",
        /\/students\/2: missing required property "cycle"/,
        "/applications/0/validatedAt",
        "/agreements/0/places",
      ],
    },
    {
      name: "a date-time without its offset",
      input: () =>
        writeDataset(
          "offset.json",
          variant((d) => {
            d.call.applicationDeadline = "2018-05-07T14:00:00";
          }),
        ),
      stderr: ["/call/applicationDeadline"],
    },
    {
      name: "duplicate ids in each collection",
      input: () =>
        writeDataset(
          "duplicates.json",
          variant((d) => {
            d.agreements[1]!.id = d.agreements[0]!.id;
            d.students[2]!.id = "S1";
            d.applications[3]!.id = "A1";
          }),
        ),
      stderr: [
        '/agreements/1/id: duplicate agreement id "ETSII-DE-MUNCHEN"',
        '/students/2/id: duplicate student id "S1"',
        '/applications/3/id: duplicate application id "A1"',
      ],
    },
    {
      name: "two applications of one student, even an unknown one",
      input: () =>
        writeDataset(
          "two-applications.json",
          variant((d) => {
            d.applications[1]!.studentId = "NOBODY";
            d.applications[2]!.studentId = "NOBODY";
          }),
        ),
      stderr: ['/applications/2/studentId: student "NOBODY" already has an application'],
    },
  ];

  for (const c of cases) {
    it(`refuses ${c.name}`, async () => {
      const run = await simulate([c.input()]);
      expect(run.status).toBe(2);
      expect(run.stdout).toBe("");
      for (const expected of c.stderr) {
        if (typeof expected === "string") expect(run.stderr).toContain(expected);
        else expect(run.stderr).toMatch(expected);
      }
    });
  }

  it("refuses a call without arguments with its usage", async () => {
    const run = await simulate([]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("usage");
  });

  it("refuses invalid JSON on standard input", async () => {
    const run = await simulate(["-"], "[1, 2");
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("not valid JSON");
  });
});
