import fs from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import {
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  Kysely,
  PostgresAdapter,
  PostgresDialect,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryResult,
  RawNode,
  SelectQueryNode,
  type TransactionSettings,
} from "kysely";
import pg from "pg";
import { type Config, pgliteDir } from "../config.ts";
import { acquireDirLock } from "./dir-lock.ts";
import type { DB } from "./schema.ts";
import { typeParsers } from "./type-parsers.ts";

export type DatabaseKind = "pglite" | "postgresql";

/** The database handle every repository and use case receives (STYLE habit 7). */
export interface Database {
  readonly db: Kysely<DB>;
  readonly kind: DatabaseKind;
  /**
   * PGlite only: how many statements that may write have started on this database. This process is
   * the only one that can open a PGlite folder (dir-lock.ts), and every statement goes through
   * `db`, so while this number stands still no data has changed (docs/decisions/0014). Undefined on
   * PostgreSQL, where other processes may write.
   */
  readonly writeCount?: () => number;
  close(): Promise<void>;
}

export type DatabaseOptions =
  /** dataDir undefined: in memory (tests). */
  { kind: "pglite"; dataDir?: string } | { kind: "postgresql"; url: string; maxConnections?: number };

export function databaseOptionsFromConfig(config: Config): DatabaseOptions {
  return config.databaseUrl !== undefined
    ? { kind: "postgresql", url: config.databaseUrl }
    : { kind: "pglite", dataDir: pgliteDir(config) };
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.kind === "postgresql"
    ? openPostgres(options.url, options.maxConnections)
    : openPglite(options.dataDir);
}

async function openPglite(dataDir: string | undefined): Promise<Database> {
  let releaseLock = () => {};
  if (dataDir !== undefined) {
    fs.mkdirSync(dataDir, { recursive: true });
    releaseLock = acquireDirLock(dataDir);
  }
  try {
    // relaxedDurability false (the default, spelled out): a query's promise resolves only after
    // its writes reached the files, so an acknowledged commit survives a killed process.
    const pglite = await PGlite.create(dataDir, { parsers: typeParsers, relaxedDurability: false });
    const writes = { count: 0 };
    const db = new Kysely<DB>({ dialect: pgliteDialect(pglite, writes) });
    return {
      db,
      kind: "pglite",
      writeCount: () => writes.count,
      close: async () => {
        try {
          await db.destroy();
        } finally {
          releaseLock();
        }
      },
    };
  } catch (error) {
    releaseLock();
    throw error;
  }
}

async function openPostgres(url: string, maxConnections = 10): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: maxConnections,
    types: {
      getTypeParser: ((oid: number, format?: "text" | "binary") =>
        typeParsers[oid] ?? pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  try {
    // Fail at start, with the server's message, rather than on the first request.
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return { db, kind: "postgresql", close: () => db.destroy() };
}

// --- PGlite for Kysely ---------------------------------------------------------------------------
//
// PGlite is one backend in this process: one connection, lent to one query or transaction at a
// time. Its queries run inside WebAssembly and resolve through promises only, so a queue of waiting
// requests handed the connection from one promise to the next would never let the event loop poll
// its sockets: under load, new connections were not even read until the load stopped (a probe
// waited 6.7 s). Each query therefore first waits one turn of the event loop (setImmediate: after
// the poll phase), and so does each hand-over of the connection. A transaction keeps the
// connection from BEGIN to COMMIT/ROLLBACK, so yielding inside it lets other requests be read and
// parsed, never interleaves their queries with its own.

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Whether a statement only reads: a plain SELECT (no CTE, which may write), or raw SQL that is one. */
export function onlyReads(compiled: CompiledQuery): boolean {
  const node = compiled.query;
  if (SelectQueryNode.is(node)) return node.with === undefined;
  if (RawNode.is(node)) {
    const text = compiled.sql.trimStart().toLowerCase();
    return (
      /^(begin|commit|rollback|start transaction|savepoint|release)\b/.test(text) ||
      (text.startsWith("select") && !/\b(insert|update|delete|merge|nextval|setval)\b/.test(text))
    );
  }
  return false;
}

class PgliteConnection implements DatabaseConnection {
  constructor(
    private readonly pglite: PGlite,
    private readonly writes: { count: number },
  ) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    // Counted before it runs: a read that finds the old count may still see the change (harmless);
    // one that finds the new count runs after it (the connection is held until the commit).
    if (!onlyReads(compiled)) this.writes.count += 1;
    await nextTurn();
    const result = await this.pglite.query<R>(compiled.sql, compiled.parameters as unknown[]);
    return result.affectedRows === undefined
      ? { rows: result.rows }
      : { rows: result.rows, numAffectedRows: BigInt(result.affectedRows) };
  }

  // biome-ignore lint/correctness/useYield: streaming is not supported; Kysely's interface asks for it.
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error("PGlite: streaming queries are not supported");
  }
}

class PgliteDriver implements Driver {
  readonly #connection: PgliteConnection;
  #busy = false;
  readonly #waiting: ((connection: PgliteConnection) => void)[] = [];

  constructor(
    private readonly pglite: PGlite,
    writes: { count: number },
  ) {
    this.#connection = new PgliteConnection(pglite, writes);
  }

  async init(): Promise<void> {}

  acquireConnection(): Promise<DatabaseConnection> {
    if (!this.#busy) {
      this.#busy = true;
      return Promise.resolve(this.#connection);
    }
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  async releaseConnection(): Promise<void> {
    const next = this.#waiting.shift();
    if (next === undefined) this.#busy = false;
    // Still busy: handed straight to the next in line, one event-loop turn later.
    else setImmediate(next, this.#connection);
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const level = settings.isolationLevel;
    await connection.executeQuery(
      CompiledQuery.raw(level === undefined ? "begin" : `start transaction isolation level ${level}`),
    );
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("commit"));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("rollback"));
  }

  async destroy(): Promise<void> {
    await this.pglite.close();
  }
}

function pgliteDialect(pglite: PGlite, writes: { count: number }): Dialect {
  return {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new PgliteDriver(pglite, writes),
    createQueryCompiler: () => new PostgresQueryCompiler(),
    createIntrospector: (db) => new PostgresIntrospector(db),
  };
}
