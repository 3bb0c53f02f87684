// The one place where driver values are normalised, so PGlite and `pg` return the same JS types
// (docs/decisions/0002-database.md): int8 → number (never a string), numeric → exact decimal
// string (never a float), date → 'YYYY-MM-DD' string. timestamptz stays a Date on both.

const OID = { int8: 20, date: 1082, numeric: 1700 } as const;

function parseInt8(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new RangeError(`int8 value ${text} does not fit a JavaScript number`);
  return n;
}

const keepText = (text: string): string => text;

/** Parsers by type oid, shared by both drivers. */
export const typeParsers: Readonly<Record<number, (text: string) => unknown>> = {
  [OID.int8]: parseInt8,
  [OID.numeric]: keepText,
  [OID.date]: keepText,
};
