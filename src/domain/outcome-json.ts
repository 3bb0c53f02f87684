// The outcome's JSON text in pieces, straight from an engine run: the same text as
// `JSON.stringify(scoreAndAward(dataset))`, but each result is built, written and dropped in turn,
// so a million applications' outcome is never in memory as a whole (nor as one string, which V8
// could not hold).

import type { EngineRun } from "./engine.ts";

/** The outcome's JSON text, piece by piece (one result or one agreement at a time). */
export function* outcomeJsonPieces(run: EngineRun): Generator<string> {
  // Keys in the order `scoreAndAward` builds the outcome with (no inputSha256: SPEC 13 example files have none).
  yield `{"formatVersion":1,"callId":${JSON.stringify(run.callId)},"results":[`;
  for (let i = 0; i < run.count; i++) yield (i === 0 ? "" : ",") + JSON.stringify(run.result(i));
  yield '],"agreements":[';
  const { agreements } = run;
  for (let i = 0; i < agreements.length; i++) yield (i === 0 ? "" : ",") + JSON.stringify(agreements[i]);
  yield "]}";
}
