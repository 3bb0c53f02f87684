import type { Clock } from "../clock.ts";
import type { Database } from "../db/database.ts";
import type { FileStore } from "../files/file-store.ts";

/** What the routes need from outside: injected, so tests pass a real database and a test clock. */
export interface AppDeps {
  database: Database;
  clock: Clock;
  /**
   * Where uploaded documents go (src/files/file-store.ts; the server: DATA_DIR/files). Without
   * one, a folder under the system's temporary directory is used (tests that upload nothing).
   */
  files?: FileStore;
}
