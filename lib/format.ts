/**
 * Dates are formatted in the workspace's locale and time zone, explicitly, so the server render
 * and the browser render print the same text.
 */
export type DateFormatting = { locale: string; timeZone: string };

function safeFormatter(options: Intl.DateTimeFormatOptions, { locale, timeZone }: DateFormatting) {
  try {
    return new Intl.DateTimeFormat(locale, { ...options, timeZone });
  } catch {
    return new Intl.DateTimeFormat("en-US", { ...options, timeZone: "UTC" });
  }
}

export function formatDateTime(value: Date | string, formatting: DateFormatting): string {
  return safeFormatter({ dateStyle: "medium", timeStyle: "short" }, formatting).format(
    new Date(value),
  );
}

/** "15:04:05": a log line's time of day in the workspace's zone. */
export function formatClockTime(value: Date | string, formatting: DateFormatting): string {
  return safeFormatter(
    { hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" },
    formatting,
  ).format(new Date(value));
}

export function formatDate(value: Date | string, formatting: DateFormatting): string {
  return safeFormatter({ dateStyle: "medium" }, formatting).format(new Date(value));
}

const COUNT = new Intl.NumberFormat("en-US");

/** "4,514": a count beside English words, grouped as English groups digits. */
export function formatCount(count: number): string {
  return COUNT.format(count);
}

/** "1 template", "4,448 examples". */
export function pluralize(count: number, singular: string, plural = `${singular}s`): string {
  return `${formatCount(count)} ${count === 1 ? singular : plural}`;
}
