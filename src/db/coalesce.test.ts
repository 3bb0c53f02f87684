// The two coalescers' promises, on plain functions: a read is always answered by a run that began
// after it was asked; writes that arrive during a batch form the next one; a batch that fails as a
// whole gives each write its own answer. (On a real database: test/db/agreement-edits.test.ts.)
import { describe, expect, it } from "vitest";
import { FreshReads, GroupCommit, type Settled } from "./coalesce.ts";

/** A promise with its resolve and reject in hand. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("FreshReads", () => {
  it("shares a run among the reads asked before it began, never one begun before them", async () => {
    const reads = new FreshReads<number>();
    const runs: ReturnType<typeof deferred<number>>[] = [];
    const run = () => {
      const d = deferred<number>();
      runs.push(d);
      return d.promise;
    };
    const first = reads.read("k", run);
    expect(runs).toHaveLength(1);
    // Asked while run 1 is under way: these must wait for a run that begins after them.
    const second = reads.read("k", run);
    const third = reads.read("k", run);
    expect(runs).toHaveLength(1);
    runs[0]!.resolve(1);
    expect(await first).toBe(1);
    await tick();
    expect(runs).toHaveLength(2);
    // Asked while run 2 is under way.
    const fourth = reads.read("k", run);
    runs[1]!.resolve(2);
    expect(await second).toBe(2);
    expect(await third).toBe(2);
    await tick();
    expect(runs).toHaveLength(3);
    runs[2]!.resolve(3);
    expect(await fourth).toBe(3);
    await tick();
    expect(reads.pendingKeys).toBe(0);
  });

  it("keeps keys apart and gives a failed run's error to its readers only", async () => {
    const reads = new FreshReads<string>();
    const a = deferred<string>();
    const b = deferred<string>();
    const ra = reads.read("a", () => a.promise);
    const rb = reads.read("b", () => b.promise);
    const ra2 = reads.read("a", async () => "again");
    a.reject(new Error("no"));
    b.resolve("bee");
    await expect(ra).rejects.toThrow("no");
    expect(await rb).toBe("bee");
    expect(await ra2).toBe("again");
  });

  it("turns a run that throws at once into a rejected read", async () => {
    const reads = new FreshReads<number>();
    await expect(
      reads.read("k", () => {
        throw new Error("thrown");
      }),
    ).rejects.toThrow("thrown");
    expect(await reads.read("k", async () => 7)).toBe(7);
  });
});

describe("GroupCommit", () => {
  it("commits what arrives during a batch as the next batch, in arrival order, up to maxBatch", async () => {
    const batches: number[][] = [];
    const gates: ReturnType<typeof deferred<void>>[] = [];
    const group = new GroupCommit<number, number>({
      maxBatch: 3,
      batch: async (items) => {
        batches.push([...items]);
        const gate = deferred<void>();
        gates.push(gate);
        await gate.promise;
        return items.map((i): Settled<number> => ({ ok: true, value: i * 10 }));
      },
      one: async () => {
        throw new Error("no batch failed");
      },
    });
    const results = [1, 2, 3, 4, 5].map((i) => group.submit(i));
    // 1 found nothing running and went alone; 2–5 wait.
    expect(batches).toEqual([[1]]);
    gates[0]!.resolve();
    expect(await results[0]).toBe(10);
    await tick();
    expect(batches).toEqual([[1], [2, 3, 4]]);
    gates[1]!.resolve();
    await tick();
    expect(batches).toEqual([[1], [2, 3, 4], [5]]);
    gates[2]!.resolve();
    expect(await Promise.all(results)).toEqual([10, 20, 30, 40, 50]);
    expect(group.stats).toEqual({ batches: 3, items: 5, fallbacks: 0 });
  });

  it("gives each item its own error from a batch, and retries each alone when the batch fails whole", async () => {
    const alone: number[] = [];
    const gate = deferred<void>();
    let calls = 0;
    const group = new GroupCommit<number, number>({
      batch: async (items) => {
        calls += 1;
        if (calls === 1) {
          await gate.promise;
          return [{ ok: false, error: new Error(`item ${items[0]} refused`) }];
        }
        if (items.includes(13)) throw new Error("the database refused the batch");
        return items.map((i) => ({ ok: true, value: i }));
      },
      one: async (i) => {
        alone.push(i);
        if (i === 13) throw new Error("13 refused");
        return -i;
      },
    });
    const first = group.submit(1);
    const rest = [12, 13, 14].map((i) => group.submit(i));
    gate.resolve();
    await expect(first).rejects.toThrow("item 1 refused");
    await expect(rest[0]!).resolves.toBe(-12);
    await expect(rest[1]!).rejects.toThrow("13 refused");
    await expect(rest[2]!).resolves.toBe(-14);
    expect(alone).toEqual([12, 13, 14]);
    expect(group.stats.fallbacks).toBe(1);
  });

  it("fails a batch that answers for the wrong number of items, and falls back", async () => {
    const group = new GroupCommit<number, number>({
      batch: async () => [],
      one: async (i) => i + 1,
    });
    expect(await group.submit(1)).toBe(2);
    expect(group.stats.fallbacks).toBe(1);
  });
});
