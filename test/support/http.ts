// The app on a real socket for API tests: `const { app, base } = await listen({ database, clock })`,
// then fetch(`${base}/api/...`) (or client(base, session) from ./auth.ts); `await app.close()` after.
import type { ChildProcess } from "node:child_process";
import type { AddressInfo } from "node:net";
import { type App, type AppDeps, type AppOptions, buildApp } from "../../src/http/app.ts";
import { type Finished, finished, startNode } from "./processes.ts";

export async function listen(deps: AppDeps, options: AppOptions = {}): Promise<{ app: App; base: string }> {
  const app = await buildApp(deps, options);
  await app.listen({ port: 0, host: "127.0.0.1" });
  return { app, base: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` };
}

export interface RunningServer {
  child: ChildProcess;
  done: Promise<Finished>;
  url: string;
  /** The JSON log lines so far (more arrive while it runs). */
  logs: { level: number; msg: string; [key: string]: unknown }[];
}

/** `npm start` as a real process on port 0; resolves once it logs the address it listens on. */
export function startServer(env: NodeJS.ProcessEnv): Promise<RunningServer> {
  const child = startNode("src/server.ts", [], { ...env, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "info" });
  const done = finished(child);
  const logs: RunningServer["logs"] = [];
  return new Promise((resolve, reject) => {
    let pending = "";
    child.stdout?.on("data", (chunk: string) => {
      pending += chunk;
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) {
        const entry = JSON.parse(line) as RunningServer["logs"][number];
        logs.push(entry);
        const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(entry.msg);
        if (match) resolve({ child, done, url: match[1]!, logs });
      }
    });
    done.then((result) => reject(new Error(`server exited early: ${result.stderr}`)), reject);
  });
}
