// `npm run --silent simulate -- FILE`: the scoring and award engine on a dataset file (or "-" for
// standard input). The outcome goes to standard output and nothing else does; invalid input
// exits with status 2, every error on standard error (SPEC 13).

import { runEngine } from "../domain/engine.ts";
import { outcomeJsonPieces } from "../domain/outcome-json.ts";
import { formatDatasetErrors, validateDatasetText } from "../schemas/validate-dataset.ts";
import { writePieces } from "./json-output.ts";
import { InputError, readInput } from "./read-input.ts";

const USAGE = "usage: simulate FILE   (FILE is a dataset JSON file, or - for standard input)";

async function main(args: string[]): Promise<number> {
  if (args.length !== 1 || args[0] === "--help" || args[0] === "-h") {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  let text: string;
  try {
    text = await readInput(args[0]!);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    process.stderr.write(`simulate: ${error.message}\n`);
    return 2;
  }
  const validation = validateDatasetText(text);
  text = ""; // a million applications are half a gigabyte of text: let it go before the engine runs
  if (!validation.ok) {
    const count = validation.errors.length;
    process.stderr.write(`simulate: the dataset is invalid (${count} error${count === 1 ? "" : "s"}):\n`);
    process.stderr.write(`${formatDatasetErrors(validation.errors)}\n`);
    return 2;
  }
  // Each result is built from the engine's flat state as it is written, then dropped: the outcome
  // of a million applications is never in memory as a whole (the same text as scoreAndAward's).
  await writePieces(process.stdout, outcomeJsonPieces(runEngine(validation.dataset)));
  process.stdout.write("\n");
  return 0;
}

// A reader that stops early (`| head`) is not an error of ours.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

main(process.argv.slice(2)).then(
  (status) => {
    process.exitCode = status;
  },
  (error: unknown) => {
    process.stderr.write(
      `simulate: internal error: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
