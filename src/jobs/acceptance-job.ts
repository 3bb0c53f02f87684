// The scheduled job of acceptance (issue 4): silence past a deadline becomes renunciation, freed
// places open further rounds, reminders are enqueued. It keeps no state of its own: every run
// brings each call up to the injected clock's now from what is stored, so it is safe to run twice,
// and after a restart the first run catches up with everything missed while the server was down.
import type { Kysely } from "kysely";
import type { Clock } from "../clock.ts";
import { callsWithDefinitiveLists } from "../db/repositories/offers.ts";
import type { DB } from "../db/schema.ts";
import { type SyncReport, syncCall } from "../use-cases/acceptance.ts";

export async function runAcceptanceJob(options: { db: Kysely<DB>; clock: Clock }): Promise<SyncReport> {
  const total: SyncReport = { offered: 0, lapsed: 0, reminded: 0 };
  for (const callId of await callsWithDefinitiveLists(options.db)) {
    const report = await syncCall(options.db, options.clock, callId);
    total.offered += report.offered;
    total.lapsed += report.lapsed;
    total.reminded += report.reminded;
  }
  return total;
}

export interface JobLog {
  info(object: object, message: string): void;
  error(object: object, message: string): void;
}

/** Runs the job now and then every `intervalMs`, one run at a time; `stop` waits for a run in progress. */
export function startAcceptanceJob(options: {
  db: Kysely<DB>;
  clock: Clock;
  intervalMs: number;
  log: JobLog;
}): { stop(): Promise<void> } {
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const once = async () => {
    try {
      const report = await runAcceptanceJob(options);
      if (report.offered + report.lapsed > 0) options.log.info({ ...report }, "acceptance job");
    } catch (error) {
      options.log.error({ err: error }, "acceptance job failed; it runs again at the next tick");
    }
  };
  const tick = () => {
    running = running.then(() => (stopped ? undefined : once()));
  };
  // The first run, at start, catches up with whatever came due while the server was down.
  running = once();
  const timer = setInterval(tick, options.intervalMs);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
