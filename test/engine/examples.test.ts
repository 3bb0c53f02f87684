// The published examples (SPEC 14): each dataset in examples/ gives exactly its expected outcome.
// JSON numbers compare by value, so an expected 1.0 equals the engine's 1.
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Dataset } from "../../src/domain/dataset.ts";
import type { Outcome } from "../../src/domain/outcome.ts";
import { run } from "./factories.ts";

const EXAMPLES = new URL("../../examples/", import.meta.url);
const readJson = (name: string): unknown => JSON.parse(readFileSync(new URL(name, EXAMPLES), "utf8"));

const names = readdirSync(EXAMPLES)
  .filter((file) => file.endsWith(".dataset.json"))
  .map((file) => file.slice(0, -".dataset.json".length))
  .sort();

describe("examples", () => {
  it("are all there, each with its expected outcome", () => {
    expect(names).toEqual(["random-best", "random-destination", "ties", "walkthrough"]);
    for (const name of names) {
      expect(readdirSync(EXAMPLES)).toContain(`${name}.outcome.json`);
    }
  });

  it.each(names)("%s gives exactly its expected outcome", (name) => {
    const dataset = readJson(`${name}.dataset.json`) as Dataset;
    const expected = readJson(`${name}.outcome.json`) as Outcome;
    const actual: unknown = JSON.parse(JSON.stringify(run(dataset)));
    expect(actual).toStrictEqual(expected);
  });

  it.each(names)("%s is not changed by the engine", (name) => {
    const dataset = readJson(`${name}.dataset.json`) as Dataset;
    run(dataset);
    expect(dataset).toStrictEqual(readJson(`${name}.dataset.json`));
  });
});
