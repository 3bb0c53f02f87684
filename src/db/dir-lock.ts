import fs from "node:fs";

/**
 * PGlite is one process's database: two processes on the same files would corrupt them. A lock
 * file beside the data directory (`<dir>.lock`, holding the pid) makes a second opener fail with a
 * clear message instead. A lock left by a killed process (its pid is gone) is taken over.
 */
export class DatabaseBusyError extends Error {
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(
      `the database in ${dir} is in use by process ${pid}; stop it first, or set DATABASE_URL to share a PostgreSQL server`,
    );
    this.name = "DatabaseBusyError";
  }
}

export function acquireDirLock(dir: string): () => void {
  const file = `${dir}.lock`;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: "wx" });
      return () => release(file);
    } catch (error) {
      if (!isErrno(error, "EEXIST")) throw error;
    }
    const holder = readPid(file);
    if (holder !== undefined && isAlive(holder)) throw new DatabaseBusyError(dir, holder);
    fs.rmSync(file, { force: true });
  }
  throw new Error(`could not take the lock ${file}`);
}

function release(file: string): void {
  if (readPid(file) === process.pid) fs.rmSync(file, { force: true });
}

function readPid(file: string): number | undefined {
  try {
    const pid = Number(fs.readFileSync(file, "utf8").trim());
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return isErrno(error, "EPERM");
  }
}

function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}
