// Uploaded files, stored by the SHA-256 of their content under one folder (DATA_DIR/files), behind
// a small interface (STYLE habit 7): streamed in through a temporary file while the hash and the
// size are counted, streamed out from disk. Equal files are stored once.
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { type Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";

/** Bytes kept from the start of a file, enough for content sniffing (file-type reads ≤ 4100). */
export const HEAD_BYTES = 4100;
/** Bytes kept from the end of a file, where PDF, PNG and JPEG end with their own markers. */
export const TAIL_BYTES = 1024;

export class FileTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`the file is larger than ${maxBytes} bytes`);
    this.name = "FileTooLargeError";
  }
}

/** A file received into the store's temporary area: kept with `commit`, or thrown away. */
export interface StagedFile {
  sha256: string;
  size: number;
  /** The first bytes, to tell the type from the content. */
  head: Buffer;
  /** The last bytes (a file's end marker tells a whole file from a disguised one). */
  tail: Buffer;
  commit(): Promise<void>;
  discard(): Promise<void>;
}

export interface FileStore {
  /** Streams `source` in; rejects with FileTooLargeError beyond `maxBytes` (nothing kept). */
  stage(source: Readable, maxBytes: number): Promise<StagedFile>;
  /** A stream of a stored file, or undefined when there is none with that hash. */
  open(sha256: string): Promise<Readable | undefined>;
}

const SHA256 = /^[0-9a-f]{64}$/;

export function diskFileStore(root: string): FileStore {
  const tmp = path.join(root, "tmp");
  const finalPath = (sha256: string) => path.join(root, sha256.slice(0, 2), sha256);

  return {
    async stage(source, maxBytes) {
      await fs.promises.mkdir(tmp, { recursive: true });
      const tmpPath = path.join(tmp, `${randomBytes(12).toString("hex")}.part`);
      const hash = createHash("sha256");
      const head: Buffer[] = [];
      let headLength = 0;
      let tail = Buffer.alloc(0);
      let size = 0;
      const meter = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          size += chunk.length;
          if (size > maxBytes) {
            done(new FileTooLargeError(maxBytes));
            return;
          }
          hash.update(chunk);
          if (headLength < HEAD_BYTES) {
            const part = chunk.subarray(0, HEAD_BYTES - headLength);
            head.push(part);
            headLength += part.length;
          }
          tail =
            chunk.length >= TAIL_BYTES
              ? Buffer.from(chunk.subarray(chunk.length - TAIL_BYTES))
              : Buffer.concat([tail, chunk]).subarray(-TAIL_BYTES);
          done(null, chunk);
        },
      });
      try {
        await pipeline(source, meter, fs.createWriteStream(tmpPath, { flags: "wx" }));
      } catch (error) {
        await fs.promises.rm(tmpPath, { force: true });
        // Drain what is left so the request can still be answered.
        source.resume();
        throw error;
      }
      const sha256 = hash.digest("hex");
      return {
        sha256,
        size,
        head: Buffer.concat(head),
        tail,
        async commit() {
          const target = finalPath(sha256);
          await fs.promises.mkdir(path.dirname(target), { recursive: true });
          // Same content, same name: renaming over an existing copy changes nothing.
          await fs.promises.rename(tmpPath, target);
        },
        discard: () => fs.promises.rm(tmpPath, { force: true }),
      };
    },
    async open(sha256) {
      if (!SHA256.test(sha256)) return undefined;
      try {
        const handle = await fs.promises.open(finalPath(sha256), "r");
        return handle.createReadStream();
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
        throw error;
      }
    },
  };
}
