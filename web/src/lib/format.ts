// Dates in Madrid time whatever the browser's zone (SPEC 4: every time of the call is Europe/Madrid),
// numbers and money in the reader's language; country and language names from Intl.
export const MADRID = "Europe/Madrid";

/** "en", "en-GB", "en-US"… read in English; anything else in Spanish (the app's two languages). */
const locale = (language: string) => (language === "en" || language.startsWith("en-") ? "en-GB" : "es-ES");

export function formatDateTime(iso: string, language: string): string {
  return new Intl.DateTimeFormat(locale(language), {
    timeZone: MADRID,
    dateStyle: "full",
    timeStyle: "short",
  }).format(new Date(iso));
}

export function formatDate(iso: string, language: string): string {
  return new Intl.DateTimeFormat(locale(language), { timeZone: MADRID, dateStyle: "long" }).format(
    new Date(iso),
  );
}

export function formatShortDateTime(iso: string, language: string): string {
  return new Intl.DateTimeFormat(locale(language), {
    timeZone: MADRID,
    dateStyle: "short",
    timeStyle: "medium",
  }).format(new Date(iso));
}

export function formatNumber(value: number, language: string, digits = 4): string {
  return new Intl.NumberFormat(locale(language), { maximumFractionDigits: digits }).format(value);
}

export function formatEuros(value: number, language: string): string {
  return new Intl.NumberFormat(locale(language), {
    style: "currency",
    currency: "EUR",
    maximumFractionDigits: 2,
  }).format(value);
}

export function countryName(code: string, language: string): string {
  try {
    return new Intl.DisplayNames([locale(language)], { type: "region" }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function languageName(code: string, language: string): string {
  try {
    return new Intl.DisplayNames([locale(language)], { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** The Madrid wall-clock time of an instant, as a datetime-local input wants it (YYYY-MM-DDTHH:mm:ss). */
export function toMadridInput(iso: string | null): string {
  if (iso === null) return "";
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: MADRID,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "00";
  return `${get("year")}-${get("month")}-${get("day")}T${get("hour")}:${get("minute")}:${get("second")}`;
}

/** Minutes Madrid is ahead of UTC at an instant (60 in winter, 120 in summer). */
function madridOffsetMinutes(at: Date): number {
  const wall = toMadridInput(at.toISOString());
  return Math.round((Date.parse(`${wall}Z`) - Math.floor(at.getTime() / 1000) * 1000) / 60000);
}

/** A Madrid wall-clock time (from a datetime-local input) as an RFC 3339 instant with its offset. */
export function fromMadridInput(input: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(input)) return null;
  const value = input.length === 16 ? `${input}:00` : input;
  const asUtc = Date.parse(`${value}Z`);
  if (Number.isNaN(asUtc)) return null;
  // Two passes settle the offset around a change of time.
  let offset = madridOffsetMinutes(new Date(asUtc));
  offset = madridOffsetMinutes(new Date(asUtc - offset * 60000));
  const sign = offset >= 0 ? "+" : "-";
  const abs = Math.abs(offset);
  const hh = String(Math.floor(abs / 60)).padStart(2, "0");
  const mm = String(abs % 60).padStart(2, "0");
  return `${value}${sign}${hh}:${mm}`;
}
