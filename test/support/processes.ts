// Child processes on the real entry points: `node --import tsx FILE` (no npx in between, so the
// pid we hold is the process itself and a signal reaches it).
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";

export const repoRoot = path.resolve(import.meta.dirname, "../..");

export interface Finished {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function startNode(script: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", path.resolve(repoRoot, script), ...args], {
    cwd: repoRoot,
    env,
    stdio: ["pipe", "pipe", "pipe"],
  });
}

export function finished(child: ChildProcess): Promise<Finished> {
  let stdout = "";
  let stderr = "";
  child.stdout?.setEncoding("utf8").on("data", (d: string) => {
    stdout += d;
  });
  child.stderr?.setEncoding("utf8").on("data", (d: string) => {
    stderr += d;
  });
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (status, signal) => resolve({ status, signal, stdout, stderr }));
  });
}

/** Runs a script to its end, optionally feeding standard input. */
export function runNode(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  stdin?: string,
): Promise<Finished> {
  const child = startNode(script, args, env);
  const done = finished(child);
  child.stdin?.end(stdin ?? "");
  return done;
}
