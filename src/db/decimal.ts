// The boundary between `numeric` columns (exact decimal strings) and the JS numbers of a Dataset.
// Both directions are exact for any number that came from JSON: String(n) is the shortest text
// that reads back as the same double, PostgreSQL stores that text exactly, and Number() reads it
// back (docs/decisions/0002-database.md).

export function toDecimal(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  return String(value);
}

export function fromDecimal(text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value)) throw new RangeError(`numeric value ${text} is not a finite number`);
  return value;
}

export const toNullableDecimal = (value: number | undefined): string | null =>
  value === undefined ? null : toDecimal(value);
