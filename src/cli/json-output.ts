// Writes large JSON documents in pieces: an outcome of a million applications is larger than
// the biggest string V8 can hold, so its arrays are serialised one element at a time.

import type { Writable } from "node:stream";

const CHUNK_BYTES = 1 << 20;

/**
 * The JSON text of `value` as a sequence of pieces; arrays under the top-level keys named in
 * `streamed` are written element by element. Same text as `JSON.stringify(value)`.
 */
export function* jsonPieces(value: Record<string, unknown>, streamed: readonly string[]): Generator<string> {
  let first = true;
  yield "{";
  for (const [key, field] of Object.entries(value)) {
    if (field === undefined) continue;
    yield `${first ? "" : ","}${JSON.stringify(key)}:`;
    first = false;
    if (streamed.includes(key) && Array.isArray(field)) {
      yield "[";
      for (let i = 0; i < field.length; i++) yield (i === 0 ? "" : ",") + JSON.stringify(field[i]);
      yield "]";
    } else yield JSON.stringify(field);
  }
  yield "}";
}

/** Writes the pieces in chunks of about 1 MiB, waiting whenever the stream asks to. */
export async function writePieces(out: Writable, pieces: Iterable<string>): Promise<void> {
  let buffer: string[] = [];
  let size = 0;
  const flush = async () => {
    if (buffer.length === 0) return;
    const text = buffer.join("");
    buffer = [];
    size = 0;
    if (!out.write(text)) await new Promise<void>((resolve) => out.once("drain", resolve));
  };
  for (const piece of pieces) {
    buffer.push(piece);
    size += piece.length;
    if (size >= CHUNK_BYTES) await flush();
  }
  await flush();
}
