// Durability: a process killed with SIGKILL during a burst of writes loses no acknowledged write,
// and a write it did not acknowledge is either whole or absent (docs/decisions/0002-database.md).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportDataset } from "../../src/use-cases/export-dataset.ts";
import { createProcessDatabase, type ProcessDatabase, testDatabaseKind } from "../support/database.ts";
import { datasetPath, readDataset } from "../support/examples.ts";
import { finished, startNode } from "../support/processes.ts";
import { burstDataset } from "./fixtures/burst-dataset.ts";

const ACKS_BEFORE_KILL = 40;

/** Starts a writer, kills it with SIGKILL once it acknowledged enough writes, returns the acks. */
async function burstAndKill(place: ProcessDatabase, firstIndex: number): Promise<string[]> {
  const child = startNode(
    "test/db/fixtures/write-burst.ts",
    [datasetPath("walkthrough"), String(firstIndex)],
    place.env,
  );
  const done = finished(child);
  const acked: string[] = [];
  let pending = "";
  child.stdout?.on("data", (chunk: string) => {
    pending += chunk;
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) {
      if (line.startsWith("ack ")) acked.push(line.slice(4));
      // Acks that arrive before the signal lands count too.
      if (acked.length === ACKS_BEFORE_KILL) child.kill("SIGKILL");
    }
  });
  const result = await done;
  expect(result.stderr).toBe("");
  expect(result.signal).toBe("SIGKILL");
  return acked;
}

describe(`a writer killed with SIGKILL on ${testDatabaseKind}`, () => {
  let place: ProcessDatabase;
  beforeAll(async () => {
    place = await createProcessDatabase();
  });
  afterAll(() => place?.dispose());

  it("loses no acknowledged write, and leaves no half-written one, twice in a row", async () => {
    const base = readDataset("walkthrough");
    // The second round restarts on the files the first one crashed on.
    const acked = [...(await burstAndKill(place, 0)), ...(await burstAndKill(place, 10_000))];
    expect(acked.length).toBeGreaterThanOrEqual(2 * ACKS_BEFORE_KILL);

    const database = await place.open();
    try {
      const stored = await database.db
        .selectFrom("calls")
        .select("id")
        .where("id", "like", "burst-%")
        .execute();
      const storedIds = new Set(stored.map((r) => r.id));
      for (const id of acked) expect(storedIds.has(id), `acknowledged ${id} is stored`).toBe(true);
      // Anything beyond the acks (committed, not yet acknowledged) is whole.
      for (const id of storedIds) {
        const i = Number(id.slice("burst-".length));
        expect(await exportDataset({ db: database.db, callId: id })).toStrictEqual(burstDataset(base, i));
      }
      console.info(`crash on ${database.kind}: ${acked.length} acknowledged, ${storedIds.size} stored`);
    } finally {
      await database.close();
    }
  });
});
