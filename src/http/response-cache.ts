// Responses kept as the bytes that were sent, each under a key (who may see what: the actor's scope
// and the query) and a version read from the database on every request (e.g. the agreements'
// fingerprint). A request whose key and version match is answered with the same bytes, without the
// query, the presenter or the serializer; a version that moved is a miss, so nothing stale is ever
// sent. The version also makes a strong ETag: a client that has it gets 304 Not Modified.
// docs/decisions/0014-http-read-cache.md.
import { createHash } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";

interface Entry {
  version: string;
  etag: string;
  body: string;
}

export class ResponseCache {
  readonly #entries = new Map<string, Entry>();
  constructor(readonly capacity = 500) {}

  get size(): number {
    return this.#entries.size;
  }

  /** The body kept for `key` at `version`, or undefined; a hit becomes the most recently used. */
  get(key: string, version: string): Entry | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined || entry.version !== version) return undefined;
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry;
  }

  set(key: string, version: string, body: string): Entry {
    const entry = { version, body, etag: etagOf(key, version) };
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    // The least recently used go first (a Map iterates in insertion order).
    for (const oldest of this.#entries.keys()) {
      if (this.#entries.size <= this.capacity) break;
      this.#entries.delete(oldest);
    }
    return entry;
  }
}

export const etagOf = (key: string, version: string): string =>
  `"${createHash("sha256").update(key).update("\0").update(version).digest("base64url").slice(0, 27)}"`;

/**
 * Answers a JSON read through `cache`: 304 when the client already has this version, the kept bytes
 * when another read made them, else `make()` serialized by the route's own response schema (as an
 * uncached answer would be), kept and sent. The response may only vary by `key` and `version`.
 */
export async function sendCachedJson(
  cache: ResponseCache,
  request: FastifyRequest,
  reply: FastifyReply,
  { key, version }: { key: string; version: string },
  make: () => Promise<unknown>,
): Promise<FastifyReply> {
  let entry = cache.get(key, version);
  if (entry === undefined) {
    const body = reply.serialize(await make());
    entry = cache.set(
      key,
      version,
      typeof body === "string" ? body : Buffer.from(body as ArrayBuffer).toString("utf8"),
    );
  }
  // Private: the answer depends on who asks (their scope is part of the key).
  reply.header("etag", entry.etag).header("cache-control", "private, no-cache");
  const known = request.headers["if-none-match"];
  if (known?.split(",").some((tag) => tag.trim() === entry.etag)) {
    return reply.code(304).send();
  }
  return reply.type("application/json; charset=utf-8").send(entry.body);
}
