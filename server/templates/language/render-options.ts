import { z } from "zod";

export const OUTPUT_FORMATS = ["text", "html"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

const supportedCurrencies = new Set(Intl.supportedValuesOf("currency"));

function isLocale(value: string): boolean {
  try {
    return Intl.getCanonicalLocales(value).length === 1;
  } catch {
    return false;
  }
}

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** The workspace settings rendering depends on; reusable as a tRPC input. */
export const renderOptionsSchema = z.object({
  locale: z.string().refine(isLocale, "Use a locale such as en-US or de-DE."),
  currency: z
    .string()
    .refine((c) => supportedCurrencies.has(c), "Use an ISO 4217 currency code such as USD or EUR."),
  timeZone: z.string().refine(isTimeZone, "Use an IANA time zone such as Europe/Berlin or UTC."),
  format: z.enum(OUTPUT_FORMATS).default("text"),
});

export type RenderSettings = z.input<typeof renderOptionsSchema>;

export interface Formatters {
  locale: string;
  timeZone: string;
  number: Intl.NumberFormat;
  currency: Intl.NumberFormat;
  /** Calendar dates, formatted in UTC so a date never shifts by a day. */
  date: Intl.DateTimeFormat;
  /** Instants, in the workspace's time zone. */
  dateTime: Intl.DateTimeFormat;
  /** Wall-clock date-times with no offset, shown as written. */
  wallDateTime: Intl.DateTimeFormat;
}

// Intl constructors cost tens of microseconds; a workspace renders with the same settings
// over and over. Bounded so odd settings cannot grow the cache without limit.
const cache = new Map<string, Formatters>();
const CACHE_LIMIT = 64;

/**
 * Builds (or reuses) the formatters for a locale, currency and time zone. Throws a RangeError
 * naming the bad setting: these come from workspace settings, validated when saved.
 */
export function formattersFor(settings: RenderSettings): Formatters {
  const key = `${settings.locale}\u0000${settings.currency}\u0000${settings.timeZone}`;
  const cached = cache.get(key);
  if (cached) return cached;
  if (!isLocale(settings.locale)) throw new RangeError(`Unknown locale "${settings.locale}".`);
  if (!supportedCurrencies.has(settings.currency)) {
    throw new RangeError(`Unknown currency code "${settings.currency}".`);
  }
  if (!isTimeZone(settings.timeZone)) {
    throw new RangeError(`Unknown time zone "${settings.timeZone}".`);
  }
  const { locale, currency, timeZone } = settings;
  const formatters: Formatters = {
    locale,
    timeZone,
    number: new Intl.NumberFormat(locale, { maximumFractionDigits: 10 }),
    currency: new Intl.NumberFormat(locale, { style: "currency", currency }),
    date: new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }),
    dateTime: new Intl.DateTimeFormat(locale, { dateStyle: "long", timeStyle: "short", timeZone }),
    wallDateTime: new Intl.DateTimeFormat(locale, {
      dateStyle: "long",
      timeStyle: "short",
      timeZone: "UTC",
    }),
  };
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, formatters);
  return formatters;
}
