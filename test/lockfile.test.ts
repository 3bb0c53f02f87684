// `npm ci` on a fresh machine refuses a lock that lacks any optional dependency, even another
// platform's; the registry here does not serve those, so `npm install` leaves them out
// (scripts/lock-unavailable-optionals.mjs puts them back). This keeps the README's first command true.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

interface LockEntry {
  optionalDependencies?: Record<string, string>;
}

describe("package-lock.json", () => {
  it("records every optional dependency, so npm ci accepts it", () => {
    const lock = JSON.parse(readFileSync(new URL("../package-lock.json", import.meta.url), "utf8")) as {
      packages: Record<string, LockEntry>;
    };
    const missing: string[] = [];
    for (const [path, entry] of Object.entries(lock.packages)) {
      for (const name of Object.keys(entry.optionalDependencies ?? {})) {
        const nested = `${path}/node_modules/${name}`;
        if (!lock.packages[`node_modules/${name}`] && !lock.packages[nested])
          missing.push(`${path || "(root)"} → ${name}`);
      }
    }
    expect(missing, "run: node scripts/lock-unavailable-optionals.mjs").toEqual([]);
  });
});
