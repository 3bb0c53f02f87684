// One measurement of the engine alone, in a fresh process (run by bench/engine.ts):
//   node --expose-gc --import tsx bench/engine-child.ts DATASET.json
// Reads and parses the dataset (not timed), collects garbage, then times scoreAndAward while a
// worker thread samples the process's resident set size, so the peak is the engine's own.
// Prints one JSON line (EngineMeasurement) on standard output.
// With `--streamed` after the file it times the engine as `simulate` runs it instead: runEngine, then
// each result built and dropped in turn (the outcome is never held whole).

import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { type PerformanceEntry, PerformanceObserver } from "node:perf_hooks";
import { getHeapStatistics } from "node:v8";
import { Worker } from "node:worker_threads";
import type { Dataset } from "../src/domain/dataset.ts";
import { runEngine, scoreAndAward } from "../src/domain/engine.ts";

export interface EngineMeasurement {
  applications: number;
  parseMs: number;
  engineMs: number;
  /**
   * CPU time (user + system, all threads: GC helpers included, the ~2 ms RSS sampler too) while
   * scoreAndAward ran. On a shared machine it moves much less than the wall time.
   */
  engineCpuMs: number;
  /** The machine's 1-minute load average when scoreAndAward ended. */
  loadAverage: number;
  /** Resident set size just before scoreAndAward, after a full collection. */
  rssBeforeBytes: number;
  /** Highest resident set size sampled (every ~2 ms) while scoreAndAward ran. */
  peakRssBytes: number;
  samples: number;
  /** V8 heap in use before, and after with the outcome still referenced, both after a full collection. */
  heapBeforeBytes: number;
  heapAfterBytes: number;
  /** Peak RSS of the whole process (getrusage), parse included. */
  maxRssBytes: number;
  /** V8's heap limit in this process (node's default unless --max-old-space-size). */
  heapLimitBytes: number;
  /** Time spent in garbage collection pauses while scoreAndAward ran (perf_hooks "gc" entries). */
  gcMs: number;
  gcCount: number;
  awarded: number;
  substitutes: number;
  excluded: number;
}

const SAMPLER = `
const { workerData, parentPort } = require("node:worker_threads");
const cells = new Int32Array(workerData);
parentPort.postMessage("ready");
for (;;) {
  const kib = Math.ceil(process.memoryUsage.rss() / 1024);
  if (kib > Atomics.load(cells, 1)) Atomics.store(cells, 1, kib);
  Atomics.add(cells, 2, 1);
  if (Atomics.wait(cells, 0, 0, 2) !== "timed-out") break;
}
`;

function collect(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error("run with --expose-gc");
  gc();
  gc();
}

/**
 * In a function of its own, so that no register of `main`'s frame keeps the file's text (half a
 * gigabyte at 1,000,000 applications) alive while the engine runs, as `simulate` drops it too.
 */
function load(file: string): Dataset {
  return JSON.parse(readFileSync(file, "utf8")) as Dataset;
}

/**
 * `--streamed`: the engine as `simulate` uses it: runEngine, then every result built in turn and
 * dropped (simulate writes each one out). Returns the statuses only.
 */
function buildAndDrop(dataset: Dataset): { results: { status: string }[] } {
  const run = runEngine(dataset);
  const statuses: { status: string }[] = [];
  const kinds = new Map<string, { status: string }>();
  for (let i = 0; i < run.count; i++) {
    const { status } = run.result(i);
    let kind = kinds.get(status);
    if (kind === undefined) {
      kind = { status };
      kinds.set(status, kind);
    }
    statuses.push(kind);
  }
  return { results: statuses };
}

async function main(file: string, streamed: boolean): Promise<void> {
  const t0 = performance.now();
  const dataset = load(file);
  const parseMs = performance.now() - t0;
  collect();

  // The sampler: cells [0] stop flag, [1] peak RSS in KiB, [2] samples taken.
  const cells = new Int32Array(new SharedArrayBuffer(3 * 4));
  const sampler = new Worker(SAMPLER, { eval: true, workerData: cells.buffer });
  await new Promise<void>((resolve) => sampler.once("message", () => resolve()));

  const rssBeforeBytes = process.memoryUsage.rss();
  const heapBeforeBytes = process.memoryUsage().heapUsed;
  Atomics.store(cells, 1, Math.ceil(rssBeforeBytes / 1024));
  Atomics.store(cells, 2, 0);

  const gcEntries: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => {
    gcEntries.push(...list.getEntries());
  });
  observer.observe({ entryTypes: ["gc"] });

  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  const outcome = streamed ? buildAndDrop(dataset) : scoreAndAward(dataset);
  const end = performance.now();
  const cpu = process.cpuUsage(cpuBefore);
  const engineMs = end - start;
  const loadAverage = loadavg()[0] ?? 0;

  Atomics.store(cells, 0, 1);
  Atomics.notify(cells, 0);
  await sampler.terminate();
  const peakRssBytes = Math.max(Atomics.load(cells, 1) * 1024, process.memoryUsage.rss());

  await new Promise<void>((resolve) => setTimeout(resolve, 50));
  gcEntries.push(...observer.takeRecords());
  observer.disconnect();
  const during = gcEntries.filter((e) => e.startTime >= start && e.startTime <= end);

  collect();
  const heapAfterBytes = process.memoryUsage().heapUsed;

  let awarded = 0;
  let substitutes = 0;
  let excluded = 0;
  for (const r of outcome.results) {
    if (r.status === "awarded") awarded++;
    else if (r.status === "substitute") substitutes++;
    else excluded++;
  }
  const measurement: EngineMeasurement = {
    // Read after the last collection: the dataset stays referenced, so the heap delta is the outcome's.
    applications: dataset.applications.length,
    parseMs,
    engineMs,
    engineCpuMs: (cpu.user + cpu.system) / 1000,
    loadAverage,
    rssBeforeBytes,
    peakRssBytes,
    samples: Atomics.load(cells, 2),
    heapBeforeBytes,
    heapAfterBytes,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    heapLimitBytes: getHeapStatistics().heap_size_limit,
    gcMs: during.reduce((sum, e) => sum + e.duration, 0),
    gcCount: during.length,
    awarded,
    substitutes,
    excluded,
  };
  process.stdout.write(`${JSON.stringify(measurement)}\n`);
}

const file = process.argv[2];
if (file === undefined) {
  process.stderr.write("usage: node --expose-gc --import tsx bench/engine-child.ts DATASET.json\n");
  process.exitCode = 2;
} else {
  await main(file, process.argv[3] === "--streamed");
}
