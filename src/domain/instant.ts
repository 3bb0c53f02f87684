// RFC 3339 instants compared as instants, whatever their offsets (SPEC 13), to any precision:
// 2018-05-07T14:00:00+02:00 and 2018-05-07T12:00:00Z are the same instant, and
// 12:00:00.0001Z is after 12:00:00Z even though milliseconds cannot tell them apart.

export interface Instant {
  /** Milliseconds since the epoch (whole part). */
  readonly epochMs: number;
  /** Digits of the fraction below the millisecond, trailing zeros removed. */
  readonly subMs: string;
}

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

export function parseInstant(text: string): Instant {
  const m = RFC3339.exec(text);
  if (!m) throw new RangeError(`not an RFC 3339 date-time: ${text}`);
  const [, y, mo, d, h, mi, s, fraction = "", zulu, sign, oh, om] = m;
  const fractionDigits = fraction.padEnd(3, "0");
  let epochMs =
    Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) +
    Number(fractionDigits.slice(0, 3));
  if (!zulu) {
    const offsetMinutes = Number(oh) * 60 + Number(om);
    epochMs -= (sign === "-" ? -1 : 1) * offsetMinutes * 60_000;
  }
  // Date.UTC maps years 0-99 to 1900-1999; RFC 3339 years are literal.
  if (Number(y) < 100) {
    const date = new Date(epochMs);
    date.setUTCFullYear(date.getUTCFullYear() - 1900);
    epochMs = date.getTime();
  }
  return { epochMs, subMs: fractionDigits.slice(3).replace(/0+$/, "") };
}

export function compareInstants(a: Instant, b: Instant): number {
  if (a.epochMs !== b.epochMs) return a.epochMs < b.epochMs ? -1 : 1;
  if (a.subMs === b.subMs) return 0;
  const width = Math.max(a.subMs.length, b.subMs.length);
  const x = a.subMs.padEnd(width, "0");
  const y = b.subMs.padEnd(width, "0");
  return x < y ? -1 : x > y ? 1 : 0;
}
