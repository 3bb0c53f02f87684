import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./passwords.ts";
import { newPassphrase, newToken, sameToken, tokenDigest } from "./tokens.ts";

describe("passwords", () => {
  it("stores an argon2id hash that verifies only the right password", async () => {
    const stored = await hashPassword("correct horse battery staple");
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(stored).not.toContain("correct horse");
    expect(await verifyPassword(stored, "correct horse battery staple")).toBe(true);
    expect(await verifyPassword(stored, "correct horse battery stapler")).toBe(false);
  });

  it("treats a malformed stored hash as a failed sign-in, not a crash", async () => {
    expect(await verifyPassword("not a hash", "anything")).toBe(false);
  });
});

describe("tokens", () => {
  it("are long, random and stored only as digests", () => {
    const a = newToken();
    const b = newToken();
    expect(a).not.toBe(b);
    expect(Buffer.from(a, "base64url")).toHaveLength(32);
    expect(tokenDigest(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(tokenDigest(a)).toBe(tokenDigest(a));
    expect(sameToken(a, a)).toBe(true);
    expect(sameToken(a, b)).toBe(false);
    expect(sameToken(a, a.slice(1))).toBe(false);
  });

  it("makes demo passphrases of 24 characters", () => {
    expect(newPassphrase()).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){4}$/);
  });
});
