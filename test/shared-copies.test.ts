// The project carries copies of shared/spec (schemas, Annex II, examples) so that it runs on its own.
// Where shared/ sits beside the checkout (CI, developers), the copies must be the same files.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..");
const spec = join(root, "../shared/spec");

const copies: [string, string][] = [
  ["schemas/dataset.schema.json", "dataset.schema.json"],
  ["schemas/outcome.schema.json", "outcome.schema.json"],
  ["src/domain/data/language-certificates.json", "language-certificates.json"],
];

describe.runIf(existsSync(spec))("copies of shared/spec", () => {
  it.each(copies)("%s is the same as shared/spec/%s", (ours, theirs) => {
    expect(readFileSync(join(root, ours), "utf8")).toBe(readFileSync(join(spec, theirs), "utf8"));
  });

  it("examples/ holds exactly shared/spec/examples", () => {
    const shared = readdirSync(join(spec, "examples")).sort();
    expect(readdirSync(join(root, "examples")).sort()).toEqual(shared);
    for (const file of shared) {
      expect(readFileSync(join(root, "examples", file), "utf8"), file).toBe(
        readFileSync(join(spec, "examples", file), "utf8"),
      );
    }
  });
});
