// The npm registry reachable here serves only the Linux builds of packages such as @biomejs/cli-*.
// `npm install` then leaves the other platforms' optional packages out of package-lock.json, and
// `npm ci` refuses that lock as out of sync (npm/cli#9846). This adds the missing entries, with the
// os/cpu/libc each package declares by its name, so `npm ci` skips them as for any other platform.
// Run after `npm install` changes the lock: `node scripts/lock-unavailable-optionals.mjs`.
import { readFileSync, writeFileSync } from "node:fs";

const file = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(file, "utf8"));
const platformOf = (name) => {
  const m =
    /-(android|darwin|linux|win32|freebsd|openbsd|sunos|aix)-(arm64|x64|ia32|arm|ppc64|s390x|riscv64|loong64)(-(musl|gnu|msvc|gnueabihf))?$/.exec(
      name,
    );
  if (!m) return null;
  const platform = { os: [m[1]], cpu: [m[2]] };
  if (m[4] === "musl") platform.libc = ["musl"];
  return platform;
};
let added = 0;
for (const [path, entry] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    if (lock.packages[key] || path.includes(`node_modules/${name}`)) continue;
    const platform = platformOf(name);
    if (!platform) continue;
    lock.packages[key] = { version, dev: entry.dev, optional: true, ...platform };
    if (lock.packages[key].dev === undefined) delete lock.packages[key].dev;
    added++;
  }
}
const sorted = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a < b ? -1 : 1)),
);
lock.packages = sorted;
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: ${added} unavailable optional platform package(s) recorded`);
