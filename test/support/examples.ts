import fs from "node:fs";
import path from "node:path";
import type { Dataset } from "../../src/domain/dataset.ts";
import type { Outcome } from "../../src/domain/outcome.ts";
import { repoRoot } from "./processes.ts";

export const examplesDir = path.join(repoRoot, "examples");

/** The example names (walkthrough, ties, …) that have a dataset file. */
export const exampleNames: string[] = fs
  .readdirSync(examplesDir)
  .filter((f) => f.endsWith(".dataset.json"))
  .map((f) => f.slice(0, -".dataset.json".length))
  .sort();

export const datasetPath = (name: string): string => path.join(examplesDir, `${name}.dataset.json`);
export const outcomePath = (name: string): string => path.join(examplesDir, `${name}.outcome.json`);

export const readDataset = (name: string): Dataset =>
  JSON.parse(fs.readFileSync(datasetPath(name), "utf8")) as Dataset;

/** The expected outcome, or undefined when the example has none. */
export function readOutcome(name: string): Outcome | undefined {
  const file = outcomePath(name);
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as Outcome) : undefined;
}
