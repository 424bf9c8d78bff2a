import { z } from "zod";
import { textProblem } from "./text";

/**
 * Pieces of opaque paging cursors. Cursors come back from clients, so a forged one must be a
 * BAD_REQUEST, never a value PostgreSQL refuses at cast time (a 500): timestamps are checked
 * to be real instants, integers to fit int4, text to be storable.
 */
const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.\d{1,6})?(?:Z|([+-])(\d{2})(?::?(\d{2}))?)?$/;

/** True for a timestamp PostgreSQL prints and accepts back: a real date and time of day. */
export function isRealTimestamp(value: string): boolean {
  const m = TIMESTAMP.exec(value);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as number[];
  const offsetHours = Number(m[8] ?? 0);
  const offsetMinutes = Number(m[9] ?? 0);
  if (year === undefined || month === undefined || day === undefined) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return (
    year >= 1 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth &&
    (hour ?? 99) < 24 &&
    (minute ?? 99) < 60 &&
    (second ?? 99) < 60 &&
    offsetHours <= 15 &&
    offsetMinutes < 60
  );
}

export const cursorTimestamp = z.string().max(40).refine(isRealTimestamp);
export const cursorInt4 = z.number().int().min(-2_147_483_648).max(2_147_483_647);
export const cursorText = (max: number) =>
  z
    .string()
    .max(max)
    .refine((value) => textProblem(value, { multiline: true }) === null);
