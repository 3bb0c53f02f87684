// Exact decimal arithmetic for scores, months and euros (SPEC 13: "exact decimal, not binary
// floating point"). A JSON number is read through its shortest decimal spelling, so 8.123 is
// exactly 8123/1000, and every figure is computed on integers (BigInt) before it is rounded.

/** An exact decimal: `units / 10^scale`. */
export interface Decimal {
  readonly units: bigint;
  readonly scale: number;
}

const POWERS: bigint[] = [1n];
function pow10(exponent: number): bigint {
  for (let i = POWERS.length; i <= exponent; i++) POWERS.push(POWERS[i - 1]! * 10n);
  return POWERS[exponent]!;
}

const NUMBER_SPELLING = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/i;

/** The exact decimal a JSON number was written as (its shortest round-trip spelling). */
export function decimal(value: number): Decimal {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  if (Number.isSafeInteger(value)) return { units: BigInt(value), scale: 0 };
  const text = String(value);
  if (!text.includes("e")) {
    const point = text.indexOf(".");
    if (point < 0) return { units: BigInt(text), scale: 0 };
    return { units: BigInt(text.slice(0, point) + text.slice(point + 1)), scale: text.length - point - 1 };
  }
  const match = NUMBER_SPELLING.exec(String(value));
  if (!match) throw new RangeError(`unexpected number spelling: ${value}`);
  const [, sign, whole, fraction = "", exponentText = "0"] = match;
  const exponent = Number(exponentText);
  let units = BigInt(`${whole}${fraction}`);
  let scale = fraction.length - exponent;
  if (scale < 0) {
    units *= pow10(-scale);
    scale = 0;
  }
  return { units: sign === "-" ? -units : units, scale };
}

function aligned(a: Decimal, b: Decimal): [bigint, bigint, number] {
  if (a.scale === b.scale) return [a.units, b.units, a.scale];
  if (a.scale > b.scale) return [a.units, b.units * pow10(a.scale - b.scale), a.scale];
  return [a.units * pow10(b.scale - a.scale), b.units, b.scale];
}

export function compareDecimal(a: Decimal, b: Decimal): number {
  const [x, y] = aligned(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function minDecimal(first: Decimal, ...rest: Decimal[]): Decimal {
  let least = first;
  for (const d of rest) if (compareDecimal(d, least) < 0) least = d;
  return least;
}

export function subtractDecimal(a: Decimal, b: Decimal): Decimal {
  const [x, y, scale] = aligned(a, b);
  return { units: x - y, scale };
}

export function multiplyDecimal(a: Decimal, b: Decimal): Decimal {
  return { units: a.units * b.units, scale: a.scale + b.scale };
}

/** The JavaScript number closest to the decimal: the one `JSON.parse` gives for its spelling. */
export function decimalToNumber(d: Decimal): number {
  return Number(decimalToString(d));
}

export function decimalToString(d: Decimal): string {
  const negative = d.units < 0n;
  const digits = (negative ? -d.units : d.units).toString().padStart(d.scale + 1, "0");
  const whole = digits.slice(0, digits.length - d.scale);
  const fraction = digits.slice(digits.length - d.scale).replace(/0+$/, "");
  return `${negative ? "-" : ""}${whole}${fraction ? `.${fraction}` : ""}`;
}

/** Scores are kept as whole ten-thousandths (SPEC 12.3: four decimals). */
export const SCORE_SCALE = 4;
const SCORE_FACTOR = pow10(SCORE_SCALE);

/** `numerator / denominator` in ten-thousandths, rounded half up (away from zero at .5). */
export function roundRatioHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator < 0n) return roundRatioHalfUp(-numerator, -denominator);
  const negative = numerator < 0n;
  const magnitude = negative ? -numerator : numerator;
  const rounded = (2n * magnitude * SCORE_FACTOR + denominator) / (2n * denominator);
  return negative ? -rounded : rounded;
}

/** A decimal rounded half up to four decimals, as ten-thousandths. */
export function toScoreUnits(d: Decimal): bigint {
  return roundRatioHalfUp(d.units, pow10(d.scale));
}

/** Ten-thousandths as a number: exact, since the closest double to n/10^4 is what JSON gives. */
export function scoreUnitsToNumber(units: bigint | number): number {
  return Number(units) / 10_000;
}

/**
 * The decimal a JSON number spells as a safe integer and a scale (8.123 → 8123, 3), or null when it
 * has an exponent or too many digits: the fast path of the hot loops, exact whenever it answers.
 */
export function smallDecimal(value: number): { units: number; scale: number } | null {
  if (Number.isSafeInteger(value)) return { units: value, scale: 0 };
  const text = String(value);
  if (text.length > 16 || text.includes("e")) return null;
  const point = text.indexOf(".");
  if (point < 0) return null;
  return { units: Number(text.slice(0, point) + text.slice(point + 1)), scale: text.length - point - 1 };
}

const NUMBER_POWERS = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000];

/** The safe integer `value × 10^scale`, or null when it is not one (more decimals, or too large). */
export function scaledInteger(value: number, scale: number): number | null {
  const d = smallDecimal(value);
  if (d === null || d.scale > scale || scale >= NUMBER_POWERS.length) return null;
  const scaled = d.units * NUMBER_POWERS[scale - d.scale]!;
  return Number.isSafeInteger(scaled) ? scaled : null;
}

export { pow10 };
