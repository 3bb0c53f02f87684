// Reads a command's input document: a file path, or "-" for standard input.

import { readFile } from "node:fs/promises";

export class InputError extends Error {}

export async function readInput(source: string): Promise<string> {
  try {
    if (source !== "-") return await readFile(source, "utf8");
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const where = source === "-" ? "standard input" : source;
    if (code === "ENOENT") throw new InputError(`${where}: no such file`);
    if (code === "EISDIR") throw new InputError(`${where}: is a directory, not a file`);
    if (code === "EACCES") throw new InputError(`${where}: permission denied`);
    if (error instanceof RangeError || code === "ERR_STRING_TOO_LONG") {
      throw new InputError(`${where}: too large to read as one JSON document`);
    }
    throw new InputError(`${where}: cannot be read (${(error as Error).message})`);
  }
}
