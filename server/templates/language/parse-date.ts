/**
 * Reads the date inputs a template accepts, without `Date.parse`: its handling of
 * offset-less date-times depends on the process's time zone, which would make rendering
 * differ between the server, the worker and the browser.
 */
export type ParsedDate =
  /** `2024-03-05`: a calendar day, no time zone. */
  | { kind: "date"; utc: number }
  /** `2024-03-05T14:30` with no offset: a wall-clock time, shown as written. */
  | { kind: "wall"; utc: number }
  /** `2024-03-05T14:30Z` or `+01:00`: an instant, shown in the workspace's time zone. */
  | { kind: "instant"; utc: number };

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

export function parseIsoDate(input: string): ParsedDate | null {
  const m = ISO.exec(input.trim());
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const hasTime = m[4] !== undefined;
  const [hour, minute, second] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  const millis = Number((m[7] ?? "0").padEnd(3, "0").slice(0, 3));
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;

  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 to 1900–1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, millis);
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null; // 2024-02-30

  if (!hasTime) return { kind: "date", utc: date.getTime() };
  const zone = m[8];
  if (zone === undefined) return { kind: "wall", utc: date.getTime() };
  if (zone.toUpperCase() === "Z") return { kind: "instant", utc: date.getTime() };
  const sign = zone.startsWith("-") ? -1 : 1;
  const digits = zone.slice(1).replace(":", "");
  const offsetHours = Number(digits.slice(0, 2));
  const offsetMinutes = Number(digits.slice(2));
  if (offsetHours > 23 || offsetMinutes > 59) return null;
  return {
    kind: "instant",
    utc: date.getTime() - sign * (offsetHours * 60 + offsetMinutes) * 60_000,
  };
}
