import type { Clock } from "../clock.ts";
import type { Database } from "../db/database.ts";

/** What the routes need from outside: injected, so tests pass a real database and a test clock. */
export interface AppDeps {
  database: Database;
  clock: Clock;
}
