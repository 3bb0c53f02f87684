// Where a server's CPU time goes, from a V8 CPU profile (`node --cpu-prof`): self time by area
// (a package of node_modules, a folder of src/, node's internals, the garbage collector, idle)
// and the functions that cost the most. bench/http.ts uses it for --cpu-prof; on its own:
//   npx tsx bench/http-profile.ts FILE.cpuprofile [--top N] [--last SECONDS]

import { readFileSync } from "node:fs";
import { resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  /** Sampled wall time of the profile, ms. */
  totalMs: number;
  /** Time not spent idle, ms. */
  busyMs: number;
  areas: { area: string; ms: number }[];
  functions: { name: string; area: string; ms: number }[];
  /** Time with the function on the stack (callees included), for functions of src/ only. */
  inclusive: { name: string; area: string; ms: number }[];
}

const ROOT = resolve(fileURLToPath(new URL("..", import.meta.url)));

/** Which part of the program a frame belongs to. */
function areaOf(frame: ProfileNode["callFrame"]): string {
  const { url, functionName } = frame;
  if (url === "") return functionName.startsWith("(") ? functionName : "(native)";
  if (url.startsWith("node:")) return "node internals";
  const path = url.startsWith("file://") ? fileURLToPath(url) : url;
  const modules = path.lastIndexOf(`node_modules${sep}`);
  if (modules >= 0) {
    const [first, second] = path.slice(modules + "node_modules".length + 1).split(sep);
    return first?.startsWith("@") ? `${first}/${second}` : (first ?? path);
  }
  if (path.startsWith(ROOT + sep)) {
    const parts = path.slice(ROOT.length + 1).split(sep);
    return parts.length > 2 ? `${parts[0]}/${parts[1]}` : parts.join("/");
  }
  return path;
}

function nameOf(frame: ProfileNode["callFrame"]): string {
  const file = frame.url.split("/").at(-1) ?? "";
  const where = file === "" ? "" : ` ${file}:${frame.lineNumber + 1}`;
  return `${frame.functionName || "(anonymous)"}${where}`;
}

/**
 * Self and inclusive time of a profile; with `lastMs`, only the samples of its last `lastMs`
 * milliseconds (the load, without the start-up before it).
 */
export function summarizeProfile(
  profile: CpuProfile,
  options: { top?: number; lastMs?: number } = {},
): ProfileSummary {
  const top = options.top ?? 15;
  const from = options.lastMs === undefined ? -Infinity : profile.endTime - options.lastMs * 1000;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<number, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (at >= from) self.set(id, (self.get(id) ?? 0) + delta);
  });
  const areas = new Map<string, number>();
  const functions = new Map<string, { area: string; us: number }>();
  let totalUs = 0;
  for (const [id, us] of self) {
    const node = byId.get(id);
    if (node === undefined) continue;
    totalUs += us;
    const area = areaOf(node.callFrame);
    areas.set(area, (areas.get(area) ?? 0) + us);
    const name = nameOf(node.callFrame);
    const entry = functions.get(name) ?? { area, us: 0 };
    entry.us += us;
    functions.set(name, entry);
  }
  // Inclusive time of our own functions: each sample counts once per function on its stack.
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const inclusive = new Map<string, { area: string; us: number }>();
  for (const [id, us] of self) {
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)?.callFrame;
      if (frame === undefined) continue;
      const area = areaOf(frame);
      if (!area.startsWith("src/") || frame.functionName === "") continue;
      const name = nameOf(frame);
      if (seen.has(name)) continue;
      seen.add(name);
      const entry = inclusive.get(name) ?? { area, us: 0 };
      entry.us += us;
      inclusive.set(name, entry);
    }
  }
  const idleUs = areas.get("(idle)") ?? 0;
  return {
    totalMs: totalUs / 1000,
    busyMs: (totalUs - idleUs) / 1000,
    areas: [...areas]
      .map(([area, us]) => ({ area, ms: us / 1000 }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, top),
    functions: [...functions]
      .map(([name, { area, us }]) => ({ name, area, ms: us / 1000 }))
      .filter((f) => f.area !== "(idle)")
      .sort((a, b) => b.ms - a.ms)
      .slice(0, top),
    inclusive: [...inclusive]
      .map(([name, { area, us }]) => ({ name, area, ms: us / 1000 }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, top),
  };
}

export function readProfile(file: string): CpuProfile {
  return JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
}

export function formatSummary(summary: ProfileSummary): string {
  const pct = (ms: number) => `${((100 * ms) / summary.busyMs).toFixed(1).padStart(5)} %`;
  const lines = [
    `  sampled ${(summary.totalMs / 1000).toFixed(1)} s, busy ${(summary.busyMs / 1000).toFixed(1)} s ` +
      "(shares below are of the busy time)",
    "  self time by area:",
    ...summary.areas.filter((a) => a.area !== "(idle)").map((a) => `    ${pct(a.ms)}  ${a.area}`),
    "  functions with the most self time:",
    ...summary.functions.map((f) => `    ${pct(f.ms)}  ${f.name}  [${f.area}]`),
    "  our functions with the most time on the stack (callees included; async functions: their synchronous parts):",
    ...summary.inclusive.map((f) => `    ${pct(f.ms)}  ${f.name}  [${f.area}]`),
  ];
  return lines.join("\n");
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [file, ...flags] = process.argv.slice(2);
  if (file === undefined) {
    process.stderr.write("usage: tsx bench/http-profile.ts FILE.cpuprofile [--top N] [--last SECONDS]\n");
    process.exit(2);
  }
  const flag = (name: string) => {
    const i = flags.indexOf(name);
    return i >= 0 && flags[i + 1] !== undefined ? Number(flags[i + 1]) : undefined;
  };
  const last = flag("--last");
  const summary = summarizeProfile(readProfile(file), {
    top: flag("--top") ?? 15,
    ...(last === undefined ? {} : { lastMs: last * 1000 }),
  });
  process.stdout.write(`${formatSummary(summary)}\n`);
}
