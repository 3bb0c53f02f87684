// `npm run bench [-- --max N]`: how the scoring and award engine and `simulate` scale.
//
// For calls of 1,000, 10,000, 100,000 and 1,000,000 applications (bench/generate-dataset.ts,
// seeded, written to a temporary folder and deleted at the end) it prints:
// - engine: scoreAndAward alone, after the dataset is parsed, in a fresh process
//   (bench/engine-child.ts), with the peak growth of the resident set size while it runs;
// - engine streamed: the engine as simulate runs it (runEngine, each result built and dropped);
// - simulate: wall time of `node --import tsx src/cli/simulate.ts FILE > /dev/null`, everything
//   included (start-up, tsx, read, Ajv validation, engine, output);
// - I/O floor: node's start-up plus what a plain node script needs to read and JSON.parse the same
//   file and to serialise the very outcome simulate produced to /dev/null (bench/io-floor.ts);
// - growth between consecutive sizes against n log n;
// - CPU time (user + system) beside each wall time, and the machine's load average: on a shared
//   machine the wall time moves with the other processes, the CPU time much less.
// Targets: at 100,000 applications simulate within 3 × the I/O floor; growth no worse than n log n.
// It prints figures; it is not a test.
//
// Options (also as environment variables):
//   --max N          largest size to run (BENCH_MAX), e.g. --max 100000
//   --sizes a,b,c    exact sizes instead of the default ladder (BENCH_SIZES)
//   --repeat R       runs per measurement, the median is shown (BENCH_REPEAT; default 3: one run at
//                    1,000,000 varied from 4.8 to 6.7 s on an idle machine)
//   --heap MiB       --max-old-space-size for every child process (BENCH_HEAP; default: node's own)
//   --seed S         generator seed (BENCH_SEED)
//   --scope best|destination   the call's languageScope (BENCH_SCOPE; default best)
//   --keep           keep the temporary folder (BENCH_KEEP=1)

import { constants } from "node:buffer";
import { spawnSync } from "node:child_process";
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { getHeapStatistics } from "node:v8";
import ts from "typescript";
import type { LanguageScope } from "../src/domain/dataset.ts";
import type { EngineMeasurement } from "./engine-child.ts";
import { DEFAULT_SEED, writeDataset } from "./generate-dataset.ts";
import type { FloorMeasurement } from "./io-floor.ts";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
/**
 * The node flags `npm run simulate` runs with (package.json), so the bench measures simulate and the
 * engine as a user runs them (e.g. a larger young generation, which halves GC at 1,000,000).
 */
const SIMULATE_NODE_FLAGS: string[] = (() => {
  const script = (
    JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }
  ).scripts.simulate;
  const tokens = script?.trim().split(/\s+/) ?? [];
  if (tokens[0] !== "node") return [];
  const flags: string[] = [];
  for (let i = 1; i < tokens.length && tokens[i]!.startsWith("--"); i++) {
    if (tokens[i] === "--import") i++;
    else flags.push(tokens[i]!);
  }
  return flags;
})();
const DEFAULT_SIZES = [1_000, 10_000, 100_000, 1_000_000];
const TARGET_SIZE = 100_000;
const TARGET_RATIO = 3;
const MAX_STRING = constants.MAX_STRING_LENGTH;
/** Node's own heap limit here (children get the same unless --heap is given). */
const DEFAULT_HEAP_MIB = Math.round(getHeapStatistics().heap_size_limit / 2 ** 20);
/** The heap a child gets after running out of node's default one. */
const FALLBACK_HEAP_MIB = Math.min(16_384, Math.floor((totalmem() / 2 ** 20) * 0.75));

interface Options {
  sizes: number[];
  repeat: number | null;
  heapMiB: number | null;
  seed: number;
  scope: LanguageScope;
  keep: boolean;
}

class UsageError extends Error {}

const USAGE =
  "usage: npm run bench -- [--max N] [--sizes a,b] [--repeat R] [--heap MiB] [--seed S] [--scope best|destination] [--keep]";

function parseOptions(argv: readonly string[]): Options {
  const env = process.env;
  let max = env.BENCH_MAX === undefined ? Number.POSITIVE_INFINITY : Number(env.BENCH_MAX);
  let sizes = env.BENCH_SIZES === undefined ? DEFAULT_SIZES : env.BENCH_SIZES.split(",").map(Number);
  let repeat = env.BENCH_REPEAT === undefined ? null : Number(env.BENCH_REPEAT);
  let heapMiB = env.BENCH_HEAP === undefined ? null : Number(env.BENCH_HEAP);
  let seed = env.BENCH_SEED === undefined ? DEFAULT_SEED : Number(env.BENCH_SEED);
  let scope = env.BENCH_SCOPE ?? "best";
  let keep = env.BENCH_KEEP === "1";
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = argv[i + 1] ?? "";
    const [flag, inline] = arg?.includes("=") ? arg.split("=", 2) : [arg, undefined];
    const take = (): string => {
      if (inline !== undefined) return inline;
      i++;
      return value;
    };
    if (flag === "--max") max = Number(take().replaceAll("_", ""));
    else if (flag === "--sizes") sizes = take().split(",").map(Number);
    else if (flag === "--repeat") repeat = Number(take());
    else if (flag === "--heap") heapMiB = Number(take());
    else if (flag === "--seed") seed = Number(take());
    else if (flag === "--scope") scope = take();
    else if (flag === "--keep") keep = true;
    else if (flag === "--help" || flag === "-h") {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else throw new UsageError(`unknown argument: ${arg}`);
  }
  if (scope !== "best" && scope !== "destination")
    throw new UsageError(`--scope best|destination, not ${scope}`);
  sizes = sizes.filter((n) => Number.isInteger(n) && n > 0 && n <= max).sort((a, b) => a - b);
  if (sizes.length === 0) throw new UsageError("no size to run (check --max / --sizes)");
  if (repeat !== null && !(Number.isInteger(repeat) && repeat >= 1))
    throw new UsageError("--repeat: a positive integer");
  if (heapMiB !== null && !(heapMiB > 0)) throw new UsageError("--heap: MiB, a positive number");
  return { sizes, repeat, heapMiB, seed, scope, keep };
}

// ---------------------------------------------------------------------------------------------
// Running children.

interface Run {
  ms: number;
  /** User + system CPU time of the child (only when run under /usr/bin/time). */
  cpuMs?: number;
  status: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
}

function run(args: readonly string[], stdout: "pipe" | "ignore" | number): Run {
  const start = performance.now();
  const r = spawnSync(process.execPath, args, {
    cwd: ROOT,
    stdio: ["ignore", stdout, "pipe"],
    encoding: "utf8",
    maxBuffer: 64 << 20,
  });
  const ms = performance.now() - start;
  if (r.error !== undefined) throw r.error;
  return { ms, status: r.status, signal: r.signal, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
}

class ChildFailed extends Error {}

const isOutOfMemory = (r: Run): boolean =>
  /heap out of memory|Invalid string length|ERR_STRING_TOO_LONG|too large to read/.test(r.stderr);

function failure(what: string, r: Run): ChildFailed {
  const tail = r.stderr.trim().split("\n").slice(-6).join("\n    ");
  const how = r.signal === null ? `exit status ${r.status}` : `signal ${r.signal}`;
  return new ChildFailed(`${what} failed after ${fmtMs(r.ms)} ms (${how})\n    ${tail}`);
}

/** The heap flag of one kind of child process; raised once when node's default runs out. */
interface Heap {
  args: string[];
}

/**
 * Runs a child; if it runs out of memory with node's default heap (no --heap given), says so in
 * `notes` and runs it again, and from then on, with FALLBACK_HEAP_MIB.
 */
function runChild(
  ctx: Context,
  what: string,
  heap: Heap,
  notes: string[],
  launch: (heapArgs: readonly string[]) => Run,
): Run {
  const r = launch(heap.args);
  if (r.status === 0) return r;
  if (!isOutOfMemory(r) || ctx.options.heapMiB !== null || heap.args.length > 0) throw failure(what, r);
  heap.args = [`--max-old-space-size=${FALLBACK_HEAP_MIB}`];
  notes.push(
    `${what}: out of memory with node's default heap (${fmtInt(DEFAULT_HEAP_MIB)} MiB) after ${fmtMs(r.ms)} ms; ` +
      `measured again with --max-old-space-size=${FALLBACK_HEAP_MIB} (figures marked *)`,
  );
  const again = launch(heap.args);
  if (again.status !== 0) throw failure(what, again);
  return again;
}

function lastJsonLine<T>(r: Run): T {
  const line = r.stdout.trim().split("\n").at(-1) ?? "";
  return JSON.parse(line) as T;
}

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] ?? Number.NaN) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

/** The run whose `key` is the median (for odd counts), so its other figures belong together. */
function medianRun<T>(runs: readonly T[], key: (t: T) => number): T {
  const sorted = [...runs].sort((a, b) => key(a) - key(b));
  const pick = sorted[(sorted.length - 1) >> 1];
  if (pick === undefined) throw new Error("no runs");
  return pick;
}

// ---------------------------------------------------------------------------------------------
// One size.

interface SizeResult {
  n: number;
  fileBytes: number;
  generateMs: number;
  runs: number;
  skipped?: string;
  engine?: EngineMeasurement;
  engineError?: string;
  /** The engine as simulate runs it: results built one at a time and dropped (engine-child --streamed). */
  streamed?: EngineMeasurement;
  simulateMs?: number;
  simulateCpuMs?: number;
  simulatePeakRssBytes?: number | null;
  simulateError?: string;
  outcomeBytes?: number;
  floor?: FloorMeasurement;
  floorMs?: number;
  floorCpuMs?: number;
  floorError?: string;
  /** 1-minute load average after the engine, simulate and floor measurements. */
  load: { engine?: number; simulate?: number; floor?: number };
  /** Which measurements needed a bigger heap than node's default. */
  raised: { engine: boolean; simulate: boolean; floor: boolean };
  notes: string[];
}

interface Context {
  options: Options;
  dir: string;
  floorScript: string;
  startupMs: number;
  startupCpuMs: number | undefined;
  timeBinary: string | null;
}

function measureSize(ctx: Context, n: number): SizeResult {
  const { options, dir } = ctx;
  const runs = options.repeat ?? 3;
  const file = join(dir, `call-${n}.json`);
  const outcomeFile = join(dir, `outcome-${n}.json`);
  note(`${fmtInt(n)} applications: generating…`);
  const g0 = performance.now();
  const fileBytes = writeDataset(file, { applications: n, seed: options.seed, languageScope: options.scope });
  const notes: string[] = [];
  const result: SizeResult = {
    n,
    fileBytes,
    generateMs: performance.now() - g0,
    runs,
    raised: { engine: false, simulate: false, floor: false },
    notes,
    load: {},
  };
  const given = options.heapMiB === null ? [] : [`--max-old-space-size=${options.heapMiB}`];
  const heaps = { engine: { args: [...given] }, simulate: { args: [...given] }, floor: { args: [...given] } };
  try {
    if (fileBytes >= MAX_STRING) {
      result.skipped =
        `the dataset is ${fmtMiB(fileBytes)} MiB, longer than V8's longest string ` +
        `(${fmtMiB(MAX_STRING)} MiB): neither simulate nor any JSON.parse of the whole file can read it`;
      return result;
    }

    note(`${fmtInt(n)} applications: engine alone ×${runs}…`);
    try {
      const engineRuns: EngineMeasurement[] = [];
      for (let k = 0; k < runs; k++) {
        const r = runChild(ctx, "engine", heaps.engine, notes, (heap) =>
          run(
            [
              "--expose-gc",
              ...SIMULATE_NODE_FLAGS,
              ...heap,
              "--import",
              "tsx",
              join("bench", "engine-child.ts"),
              file,
            ],
            "pipe",
          ),
        );
        engineRuns.push(lastJsonLine<EngineMeasurement>(r));
      }
      result.engine = medianRun(engineRuns, (m) => m.engineMs);
      result.load.engine = loadavg()[0];
      const streamedRuns: EngineMeasurement[] = [];
      for (let k = 0; k < runs; k++) {
        const r = runChild(ctx, "engine (streamed)", heaps.engine, notes, (heap) =>
          run(
            [
              "--expose-gc",
              ...SIMULATE_NODE_FLAGS,
              ...heap,
              "--import",
              "tsx",
              join("bench", "engine-child.ts"),
              file,
              "--streamed",
            ],
            "pipe",
          ),
        );
        streamedRuns.push(lastJsonLine<EngineMeasurement>(r));
      }
      result.streamed = medianRun(streamedRuns, (m) => m.engineMs);
    } catch (error) {
      if (!(error instanceof ChildFailed)) throw error;
      result.engineError = error.message;
    }

    note(`${fmtInt(n)} applications: simulate ×${runs + 1}…`);
    const simulateArgs = (heap: readonly string[]): string[] => [
      ...SIMULATE_NODE_FLAGS,
      ...heap,
      "--import",
      "tsx",
      join("src", "cli", "simulate.ts"),
      file,
    ];
    try {
      // First run: keep the outcome for the floor (and read simulate's peak memory if we can).
      runChild(ctx, "simulate", heaps.simulate, notes, (heap) => {
        const out = openSync(outcomeFile, "w");
        try {
          if (ctx.timeBinary === null) return run(simulateArgs(heap), out);
          const r = runTimed(ctx.timeBinary, simulateArgs(heap), out);
          result.simulatePeakRssBytes = r.peakRssBytes ?? null;
          return r;
        } finally {
          closeSync(out);
        }
      });
      result.outcomeBytes = statSync(outcomeFile).size;
      // Timed runs, output to /dev/null ("ignore" is /dev/null for the child).
      const timed: Run[] = [];
      for (let k = 0; k < runs; k++) {
        timed.push(
          runChild(ctx, "simulate", heaps.simulate, notes, (heap) =>
            ctx.timeBinary === null
              ? run(simulateArgs(heap), "ignore")
              : runTimed(ctx.timeBinary, simulateArgs(heap), "ignore"),
          ),
        );
      }
      result.simulateMs = median(timed.map((r) => r.ms));
      const cpu = timed.flatMap((r) => (r.cpuMs === undefined ? [] : [r.cpuMs]));
      if (cpu.length > 0) result.simulateCpuMs = median(cpu);
      result.load.simulate = loadavg()[0];
    } catch (error) {
      if (!(error instanceof ChildFailed)) throw error;
      result.simulateError = error.message;
      return result;
    }

    note(`${fmtInt(n)} applications: I/O floor ×${runs}…`);
    try {
      const floors: FloorMeasurement[] = [];
      for (let k = 0; k < runs; k++) {
        const r = runChild(ctx, "I/O floor", heaps.floor, notes, (heap) =>
          run([...heap, ctx.floorScript, file, outcomeFile], "pipe"),
        );
        floors.push(lastJsonLine<FloorMeasurement>(r));
      }
      result.floor = medianRun(floors, (f) => f.totalMs);
      result.floorMs = ctx.startupMs + result.floor.totalMs;
      if (ctx.startupCpuMs !== undefined) result.floorCpuMs = ctx.startupCpuMs + result.floor.cpuMs;
      result.load.floor = loadavg()[0];
    } catch (error) {
      if (!(error instanceof ChildFailed)) throw error;
      result.floorError = error.message;
    }
    return result;
  } finally {
    if (options.heapMiB === null) {
      result.raised = {
        engine: heaps.engine.args.length > 0,
        simulate: heaps.simulate.args.length > 0,
        floor: heaps.floor.args.length > 0,
      };
    }
    rmSync(file, { force: true });
    rmSync(outcomeFile, { force: true });
  }
}

/** Runs node under /usr/bin/time to learn the peak RSS ("%M", KiB) and CPU time ("%U", "%S") of the whole command. */
function runTimed(
  timeBinary: string,
  args: readonly string[],
  stdout: "pipe" | "ignore" | number,
): Run & { peakRssBytes?: number } {
  const start = performance.now();
  const marker = "BENCH_TIME=";
  const r = spawnSync(timeBinary, ["-f", `${marker}%M %U %S`, process.execPath, ...args], {
    cwd: ROOT,
    stdio: ["ignore", stdout, "pipe"],
    encoding: "utf8",
    maxBuffer: 64 << 20,
  });
  const ms = performance.now() - start;
  if (r.error !== undefined) throw r.error;
  const lines = (r.stderr ?? "").split("\n");
  const line = lines.findLast((l) => l.startsWith(marker));
  const stderr = lines.filter((l) => !l.startsWith(marker) && !l.startsWith("Command exited")).join("\n");
  const result: Run & { peakRssBytes?: number } = {
    ms,
    status: r.status,
    signal: r.signal,
    stdout: r.stdout ?? "",
    stderr,
  };
  if (line !== undefined) {
    const [kib, user, system] = line.slice(marker.length).split(" ").map(Number);
    if (kib !== undefined && Number.isFinite(kib)) result.peakRssBytes = kib * 1024;
    if (user !== undefined && system !== undefined && Number.isFinite(user + system))
      result.cpuMs = (user + system) * 1000;
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Printing.

const fmtInt = (n: number): string => n.toLocaleString("en-US");
const fmtMs = (ms: number | undefined): string =>
  ms === undefined ? "—" : ms >= 100 ? fmtInt(Math.round(ms)) : ms.toFixed(1);
const fmtMiB = (bytes: number | undefined | null): string =>
  bytes === undefined || bytes === null ? "—" : (bytes / 2 ** 20).toFixed(bytes < 10 * 2 ** 20 ? 1 : 0);
const fmtRatio = (r: number | undefined): string =>
  r === undefined || !Number.isFinite(r) ? "—" : `${r.toFixed(2)}×`;

function note(text: string): void {
  process.stderr.write(`  … ${text}\n`);
}

function table(head: readonly string[], rows: readonly (readonly string[])[], rightFrom = 1): string {
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? "").length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, c) => (c < rightFrom ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0)))
      .join("  ")
      .trimEnd();
  return [line(head), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

const nLogN = (n: number): number => n * Math.log2(n);

function ratio(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined || b === undefined || b === 0 ? undefined : a / b;
}

function report(ctx: Context, results: readonly SizeResult[]): void {
  const out: string[] = [];
  const print = (s = ""): void => {
    out.push(s);
  };
  print();
  print("Results (times are medians; MiB = 2^20 bytes)");
  print(
    table(
      [
        "applications",
        "dataset MiB",
        "engine ms",
        "engine peak ΔRSS MiB",
        "simulate ms",
        "simulate peak RSS MiB",
        "I/O floor ms",
        "simulate / floor",
      ],
      results.map((r) => [
        fmtInt(r.n),
        fmtMiB(r.fileBytes),
        r.engine === undefined
          ? r.skipped === undefined
            ? "failed"
            : "skipped"
          : fmtMs(r.engine.engineMs) + (r.raised.engine ? "*" : ""),
        r.engine === undefined
          ? "—"
          : fmtMiB(r.engine.peakRssBytes - r.engine.rssBeforeBytes) + (r.raised.engine ? "*" : ""),
        r.simulateMs === undefined
          ? r.skipped === undefined
            ? "failed"
            : "skipped"
          : fmtMs(r.simulateMs) + (r.raised.simulate ? "*" : ""),
        fmtMiB(r.simulatePeakRssBytes),
        r.floorMs === undefined ? "—" : fmtMs(r.floorMs) + (r.raised.floor ? "*" : ""),
        fmtRatio(ratio(r.simulateMs, r.floorMs)),
      ]),
    ),
  );
  print();
  print(
    "CPU time (user + system, every thread; medians of the same runs) and the machine's 1-minute load average",
  );
  const fmtLoad = (x: number | undefined): string => (x === undefined ? "—" : x.toFixed(2));
  print(
    table(
      [
        "applications",
        "engine CPU ms",
        "simulate CPU ms",
        "I/O floor CPU ms",
        "simulate / floor (CPU)",
        "load: engine",
        "simulate",
        "floor",
      ],
      results.map((r) => [
        fmtInt(r.n),
        fmtMs(r.engine?.engineCpuMs),
        fmtMs(r.simulateCpuMs),
        fmtMs(r.floorCpuMs),
        fmtRatio(ratio(r.simulateCpuMs, r.floorCpuMs)),
        fmtLoad(r.engine?.loadAverage),
        fmtLoad(r.load.simulate),
        fmtLoad(r.load.floor),
      ]),
    ),
  );
  print(
    `  ${cpus().length} cores: a load average above ${cpus().length} means other processes were waiting for a core, and wall times grew with it.`,
  );
  print();
  print("The engine as simulate runs it: each result built, then dropped (the outcome is never held whole)");
  print(
    table(
      ["applications", "streamed ms", "CPU ms", "GC pauses ms", "peak ΔRSS MiB", "load"],
      results.map((r) => {
        const m = r.streamed;
        return [
          fmtInt(r.n),
          fmtMs(m?.engineMs),
          fmtMs(m?.engineCpuMs),
          m === undefined ? "—" : `${fmtMs(m.gcMs)} (${m.gcCount})`,
          m === undefined ? "—" : fmtMiB(m.peakRssBytes - m.rssBeforeBytes),
          fmtLoad(m?.loadAverage),
        ];
      }),
    ),
  );
  print();
  print("Details");
  print(
    table(
      [
        "applications",
        "runs",
        "generate ms",
        "engine: parse ms",
        "GC pauses ms",
        "RSS before MiB",
        "peak RSS MiB",
        "outcome heap MiB",
        "outcome MiB",
        "floor: read",
        "parse",
        "stringify+write",
        "awarded / substitute / excluded",
      ],
      results.map((r) => {
        const e = r.engine;
        const f = r.floor;
        return [
          fmtInt(r.n),
          String(r.runs),
          fmtMs(r.generateMs),
          fmtMs(e?.parseMs),
          e === undefined ? "—" : `${fmtMs(e.gcMs)} (${e.gcCount})`,
          fmtMiB(e?.rssBeforeBytes),
          fmtMiB(e?.peakRssBytes),
          e === undefined ? "—" : fmtMiB(e.heapAfterBytes - e.heapBeforeBytes),
          fmtMiB(r.outcomeBytes),
          fmtMs(f?.readMs),
          fmtMs(f?.parseMs),
          f === undefined ? "—" : `${fmtMs(f.writeMs)}${f.method === "pieces" ? " (in pieces)" : ""}`,
          e === undefined ? "—" : `${fmtInt(e.awarded)} / ${fmtInt(e.substitutes)} / ${fmtInt(e.excluded)}`,
        ];
      }),
    ),
  );
  print(
    `  engine peak ΔRSS = highest resident set size sampled every ~2 ms during scoreAndAward minus the RSS just before it (after a full GC);`,
  );
  print(
    `  outcome heap = V8 heap in use after scoreAndAward minus before (both after a full GC, dataset and outcome referenced).`,
  );
  print(
    "  GC pauses = main-thread garbage collection pauses during scoreAndAward (their count), from perf_hooks.",
  );
  print(
    `  I/O floor = node start-up (${fmtMs(ctx.startupMs)} ms, plain node, no tsx) + read + JSON.parse of the dataset + JSON.stringify of simulate's own outcome + write to /dev/null.`,
  );
  if (ctx.timeBinary === null) print("  simulate peak RSS: /usr/bin/time not found, not measured.");

  const growthRows: string[][] = [];
  const engineSteps: { label: string; ratio: number; bound: number }[] = [];
  const engineCpuSteps: { label: string; ratio: number; bound: number }[] = [];
  const streamedSteps: { label: string; ratio: number; cpu: number | undefined; bound: number }[] = [];
  const simulateSteps: { label: string; ratio: number; bound: number }[] = [];
  for (let k = 1; k < results.length; k++) {
    const a = results[k - 1];
    const b = results[k];
    if (a === undefined || b === undefined) continue;
    const label = `${fmtInt(a.n)} → ${fmtInt(b.n)}`;
    const bound = nLogN(b.n) / nLogN(a.n);
    const eng = ratio(b.engine?.engineMs, a.engine?.engineMs);
    const sim = ratio(b.simulateMs, a.simulateMs);
    const flo = ratio(b.floorMs, a.floorMs);
    if (eng !== undefined) engineSteps.push({ label, ratio: eng, bound });
    const engCpu = ratio(b.engine?.engineCpuMs, a.engine?.engineCpuMs);
    if (engCpu !== undefined) engineCpuSteps.push({ label, ratio: engCpu, bound });
    const str = ratio(b.streamed?.engineMs, a.streamed?.engineMs);
    if (str !== undefined)
      streamedSteps.push({
        label,
        ratio: str,
        cpu: ratio(b.streamed?.engineCpuMs, a.streamed?.engineCpuMs),
        bound,
      });
    if (sim !== undefined) simulateSteps.push({ label, ratio: sim, bound });
    const exponent = (r: number | undefined): string =>
      r === undefined ? "—" : (Math.log(r) / Math.log(b.n / a.n)).toFixed(2);
    growthRows.push([
      label,
      `${(b.n / a.n).toFixed(0)}×`,
      fmtRatio(bound),
      fmtRatio(eng),
      exponent(eng),
      fmtRatio(sim),
      fmtRatio(flo),
      fmtRatio(engCpu),
      fmtRatio(ratio(b.simulateCpuMs, a.simulateCpuMs)),
      fmtRatio(ratio(b.floorCpuMs, a.floorCpuMs)),
    ]);
  }
  if (growthRows.length > 0) {
    print();
    print("Growth between consecutive sizes (time ratio; n log n is the bound; exponent k in time ∝ n^k)");
    print(
      table(
        [
          "step",
          "n ratio",
          "n log n ratio",
          "engine ratio",
          "engine k",
          "simulate ratio",
          "floor ratio",
          "engine CPU",
          "simulate CPU",
          "floor CPU",
        ],
        growthRows,
      ),
    );
  }

  for (const r of results) {
    const e = r.engine;
    if (e !== undefined && e.peakRssBytes >= 0.85 * e.heapLimitBytes) {
      print();
      print(
        `Note (${fmtInt(r.n)} applications): the engine's peak RSS (${fmtMiB(e.peakRssBytes)} MiB) is close to V8's heap limit ` +
          `(${fmtMiB(e.heapLimitBytes)} MiB): its time includes collecting near the limit (GC pauses ${fmtMs(e.gcMs)} ms); ` +
          `--heap ${FALLBACK_HEAP_MIB} separates the two.`,
      );
    }
    for (const message of r.notes) {
      print();
      print(`Note (${fmtInt(r.n)} applications): ${message}`);
    }
  }
  for (const r of results) {
    for (const [what, message] of [
      ["skipped", r.skipped],
      ["engine", r.engineError],
      ["simulate", r.simulateError],
      ["I/O floor", r.floorError],
    ] as const) {
      if (message !== undefined) {
        print();
        print(`Note (${fmtInt(r.n)} applications, ${what}): ${message}`);
      }
    }
  }

  print();
  const target = results.find((r) => r.n === TARGET_SIZE);
  const targetRatio = ratio(target?.simulateMs, target?.floorMs);
  if (target === undefined) {
    print(
      `VERDICT simulate ≤ ${TARGET_RATIO}× I/O floor at ${fmtInt(TARGET_SIZE)}: not measured (size not run)`,
    );
  } else if (targetRatio === undefined) {
    print(
      `VERDICT simulate ≤ ${TARGET_RATIO}× I/O floor at ${fmtInt(TARGET_SIZE)}: NOT MET (no figures: see notes)`,
    );
  } else {
    print(
      `VERDICT simulate ≤ ${TARGET_RATIO}× I/O floor at ${fmtInt(TARGET_SIZE)}: ${targetRatio <= TARGET_RATIO ? "MET" : "NOT MET"}` +
        ` — simulate ${fmtMs(target.simulateMs)} ms, floor ${fmtMs(target.floorMs)} ms, ratio ${fmtRatio(targetRatio)}`,
    );
  }
  const failedSizes = results.filter((r) => r.engine === undefined).map((r) => fmtInt(r.n));
  if (engineSteps.length === 0) {
    print("VERDICT growth no worse than n log n: not measured (fewer than two sizes with engine figures)");
  } else {
    const worse = engineSteps.filter((s) => s.ratio > s.bound);
    const steps = engineSteps
      .map((s) => `${s.label}: ×${s.ratio.toFixed(2)} vs ×${s.bound.toFixed(2)}`)
      .join("; ");
    const sim = simulateSteps.filter((s) => s.ratio > s.bound).map((s) => s.label);
    print(
      `VERDICT growth no worse than n log n (engine): ${worse.length === 0 ? "MET" : "NOT MET"} — ${steps}` +
        (failedSizes.length > 0 ? ` (no engine figures at ${failedSizes.join(", ")})` : "") +
        (simulateSteps.length > 0
          ? `; simulate ${sim.length === 0 ? "also within n log n at every step" : `above n log n at ${sim.join(", ")}`}`
          : ""),
    );
  }
  if (engineCpuSteps.length > 0) {
    const worse = engineCpuSteps.filter((s) => s.ratio > s.bound);
    print(
      `VERDICT growth no worse than n log n (engine CPU time): ${worse.length === 0 ? "MET" : "NOT MET"} — ` +
        engineCpuSteps.map((s) => `${s.label}: ×${s.ratio.toFixed(2)} vs ×${s.bound.toFixed(2)}`).join("; "),
    );
  }
  if (streamedSteps.length > 0) {
    const worse = streamedSteps.filter((s) => s.ratio > s.bound);
    print(
      `VERDICT growth no worse than n log n (engine streamed, as simulate runs it): ${worse.length === 0 ? "MET" : "NOT MET"} — ` +
        streamedSteps
          .map(
            (s) =>
              `${s.label}: ×${s.ratio.toFixed(2)} (CPU ×${s.cpu === undefined ? "—" : s.cpu.toFixed(2)}) vs ×${s.bound.toFixed(2)}`,
          )
          .join("; "),
    );
  }
  process.stdout.write(`${out.join("\n")}\n`);
}

// ---------------------------------------------------------------------------------------------

function prepareFloorScript(dir: string): string {
  const source = readFileSync(join(ROOT, "bench", "io-floor.ts"), "utf8");
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    fileName: "io-floor.ts",
  });
  const path = join(dir, "io-floor.mjs");
  writeFileSync(path, outputText);
  return path;
}

function main(): void {
  let options: Options;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`bench: ${error.message}\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  for (const needed of [join("src", "domain", "engine.ts"), join("src", "cli", "simulate.ts")]) {
    if (!existsSync(join(ROOT, needed))) {
      process.stderr.write(`bench: ${needed} does not exist yet: nothing to measure\n`);
      process.exitCode = 1;
      return;
    }
  }
  mkdirSync(tmpdir(), { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), "mobilitas-bench-"));
  const cleanUp = (): void => {
    if (!options.keep) rmSync(dir, { recursive: true, force: true });
  };
  process.once("SIGINT", () => {
    cleanUp();
    process.exit(130);
  });
  try {
    const floorScript = prepareFloorScript(dir);
    const timeBinary = existsSync("/usr/bin/time") ? "/usr/bin/time" : null;
    const startups: Run[] = [];
    for (let k = 0; k < 5; k++) {
      const args = [floorScript, "--startup"];
      startups.push(timeBinary === null ? run(args, "ignore") : runTimed(timeBinary, args, "ignore"));
    }
    const startupCpu = startups.flatMap((r) => (r.cpuMs === undefined ? [] : [r.cpuMs]));
    const ctx: Context = {
      options,
      dir,
      floorScript,
      startupMs: median(startups.map((r) => r.ms)),
      startupCpuMs: startupCpu.length > 0 ? median(startupCpu) : undefined,
      timeBinary,
    };

    const cpu = cpus()[0]?.model ?? "unknown CPU";
    process.stdout.write(
      `Mobilitas engine benchmark — node ${process.version}, ${cpus().length} × ${cpu}, ${fmtMiB(totalmem())} MiB RAM\n` +
        `sizes ${options.sizes.map(fmtInt).join(", ")}; seed ${options.seed}; languageScope ${options.scope}; ` +
        `heap ${options.heapMiB === null ? "node's default" : `--max-old-space-size=${options.heapMiB}`}; temp ${dir}\n`,
    );
    const results: SizeResult[] = [];
    for (const n of options.sizes) results.push(measureSize(ctx, n));
    report(ctx, results);
  } finally {
    cleanUp();
    if (options.keep) process.stdout.write(`kept ${dir}\n`);
  }
}

main();
