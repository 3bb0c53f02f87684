// The I/O floor of `simulate`: what any program must do with the same input and output, and no
// more. bench/engine.ts transpiles this file to plain JavaScript and runs it with plain `node`
// (no tsx, no Ajv, no engine):
//   node io-floor.mjs DATASET.json OUTCOME.json    prints one JSON line (FloorMeasurement)
//   node io-floor.mjs --startup                     exits at once (to time node's start-up)
// It loads the outcome `simulate` wrote (not timed), then times: read the dataset file, JSON.parse
// it, serialise the outcome to JSON and write it to /dev/null. Only node: modules may be imported
// here: the transpiled file runs on its own from a temporary folder.

import { constants } from "node:buffer";
import { closeSync, openSync, readFileSync, writeSync } from "node:fs";

export interface FloorMeasurement {
  readMs: number;
  parseMs: number;
  /** JSON.stringify of the outcome and the write to /dev/null. */
  writeMs: number;
  totalMs: number;
  /** CPU time (user + system, all threads) of the timed part: less disturbed by a busy machine. */
  cpuMs: number;
  outputBytes: number;
  /** "whole": one JSON.stringify; "pieces": element by element (the outcome exceeds V8's longest string). */
  method: "whole" | "pieces";
}

const MAX_STRING = constants.MAX_STRING_LENGTH;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

function isSpace(b: number | undefined): boolean {
  return b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
}

function skipSpace(buf: Buffer, at: number): number {
  let i = at;
  while (i < buf.length && isSpace(buf[i])) i++;
  return i;
}

/** Index just after the JSON value that starts at `at`. */
function valueEnd(buf: Buffer, at: number): number {
  const first = buf[at];
  if (first === QUOTE) {
    let i = at + 1;
    while (i < buf.length) {
      const b = buf[i];
      if (b === BACKSLASH) i += 2;
      else if (b === QUOTE) return i + 1;
      else i++;
    }
    throw new Error("unterminated string");
  }
  if (first === 0x7b || first === 0x5b) {
    let depth = 0;
    let inString = false;
    for (let i = at; i < buf.length; i++) {
      const b = buf[i];
      if (inString) {
        if (b === BACKSLASH) i++;
        else if (b === QUOTE) inString = false;
      } else if (b === QUOTE) inString = true;
      else if (b === 0x7b || b === 0x5b) depth++;
      else if (b === 0x7d || b === 0x5d) {
        depth--;
        if (depth === 0) return i + 1;
      }
    }
    throw new Error("unterminated object or array");
  }
  let i = at;
  while (i < buf.length && buf[i] !== 0x2c && buf[i] !== 0x7d && buf[i] !== 0x5d && !isSpace(buf[i])) i++;
  return i;
}

function parseSlice(buf: Buffer, from: number, to: number): Json {
  return JSON.parse(buf.toString("utf8", from, to)) as Json;
}

/**
 * Parses a JSON document, also one longer than V8's longest string when it is an object whose
 * long parts are arrays directly under it (an outcome): those are parsed element by element.
 */
function parseLarge(buf: Buffer): Json {
  if (buf.length < MAX_STRING) return parseSlice(buf, 0, buf.length);
  let i = skipSpace(buf, 0);
  if (buf[i] !== 0x7b) throw new Error("expected an object");
  const out: { [key: string]: Json } = {};
  i = skipSpace(buf, i + 1);
  while (buf[i] !== 0x7d) {
    const keyEnd = valueEnd(buf, i);
    const key = parseSlice(buf, i, keyEnd) as string;
    i = skipSpace(buf, keyEnd);
    if (buf[i] !== 0x3a) throw new Error("expected ':'");
    i = skipSpace(buf, i + 1);
    if (buf[i] === 0x5b) {
      const items: Json[] = [];
      i = skipSpace(buf, i + 1);
      while (buf[i] !== 0x5d) {
        const end = valueEnd(buf, i);
        items.push(parseSlice(buf, i, end));
        i = skipSpace(buf, end);
        if (buf[i] === 0x2c) i = skipSpace(buf, i + 1);
      }
      out[key] = items;
      i++;
    } else {
      const end = valueEnd(buf, i);
      out[key] = parseSlice(buf, i, end);
      i = end;
    }
    i = skipSpace(buf, i);
    if (buf[i] === 0x2c) i = skipSpace(buf, i + 1);
  }
  return out;
}

function writeAll(fd: number, text: string): number {
  const buf = Buffer.from(text, "utf8");
  let off = 0;
  while (off < buf.length) off += writeSync(fd, buf, off);
  return buf.length;
}

/** Element by element, in about 1 MiB writes: needed when the text exceeds V8's longest string. */
function writePieces(fd: number, value: { [key: string]: Json }): number {
  let bytes = 0;
  let chunk = "{";
  const put = (s: string): void => {
    chunk += s;
    if (chunk.length >= 1 << 20) {
      bytes += writeAll(fd, chunk);
      chunk = "";
    }
  };
  let first = true;
  for (const [key, field] of Object.entries(value)) {
    put(`${first ? "" : ","}${JSON.stringify(key)}:`);
    first = false;
    if (Array.isArray(field)) {
      put("[");
      field.forEach((item, k) => {
        put((k === 0 ? "" : ",") + JSON.stringify(item));
      });
      put("]");
    } else put(JSON.stringify(field));
  }
  put("}\n");
  return bytes + writeAll(fd, chunk);
}

function main(args: string[]): void {
  if (args[0] === "--startup") return;
  const [datasetFile, outcomeFile] = args;
  if (datasetFile === undefined || outcomeFile === undefined) {
    process.stderr.write("usage: node io-floor.mjs DATASET.json OUTCOME.json | --startup\n");
    process.exitCode = 2;
    return;
  }
  const outcomeBuffer = readFileSync(outcomeFile);
  const method = outcomeBuffer.length < MAX_STRING ? "whole" : "pieces";
  const outcome = parseLarge(outcomeBuffer);
  if (outcome === null || typeof outcome !== "object" || Array.isArray(outcome)) {
    throw new Error("the outcome is not a JSON object");
  }

  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const text = readFileSync(datasetFile, "utf8");
  const t1 = performance.now();
  const dataset = JSON.parse(text) as Json;
  const t2 = performance.now();
  const fd = openSync("/dev/null", "w");
  const outputBytes =
    method === "whole" ? writeAll(fd, `${JSON.stringify(outcome)}\n`) : writePieces(fd, outcome);
  closeSync(fd);
  const t3 = performance.now();
  const cpu = process.cpuUsage(c0);

  if (dataset === null) throw new Error("empty dataset"); // keeps the parsed dataset alive until here
  const measurement: FloorMeasurement = {
    readMs: t1 - t0,
    parseMs: t2 - t1,
    writeMs: t3 - t2,
    totalMs: t3 - t0,
    cpuMs: (cpu.user + cpu.system) / 1000,
    outputBytes,
    method,
  };
  process.stdout.write(`${JSON.stringify(measurement)}\n`);
}

main(process.argv.slice(2));
