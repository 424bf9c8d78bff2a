import { z } from "zod";
import { memberRole } from "@/db/schema";
import { safeName, safeSecret } from "@/server/validation/text";
import { isReservedSlug, SLUG_PATTERN } from "./slug";

/** Reserved and taken addresses get the same answer (server/workspaces/settings.ts). */
export const SLUG_NOT_AVAILABLE = "This address is not available";

/**
 * Input rules shared by the routers and the CLI. Kept here (not in the routers) so that every
 * way in validates the same way.
 */
export const personNameSchema = safeName({
  max: 100,
  label: "Your name",
  tooShort: "Enter your name",
});
export const emailSchema = z
  .string()
  .trim()
  .max(320)
  .pipe(z.email("Enter a valid email address"))
  .transform((v) => v.toLowerCase());
export const passwordSchema = safeSecret({
  max: 200,
  min: 8,
  label: "The password",
  tooLong: "Use at most 200 characters",
  tooShort: "Use at least 8 characters",
});
export const workspaceNameSchema = safeName({
  max: 80,
  label: "The workspace name",
  tooShort: "Enter a workspace name",
});
export const roleSchema = z.enum(memberRole.enumValues);

export const slugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(SLUG_PATTERN, "3–40 lower-case letters, digits or dashes; no dash at either end")
  .refine((s) => !isReservedSlug(s), SLUG_NOT_AVAILABLE);

export const localeSchema = z
  .string()
  .trim()
  .max(35)
  .transform((value, ctx) => {
    const canonical = canonicalLocale(value);
    if (!canonical) {
      ctx.addIssue({ code: "custom", message: "Not a valid language tag (e.g. en-US)" });
      return z.NEVER;
    }
    return canonical;
  });

export const currencySchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, "Use a 3-letter ISO 4217 code (e.g. USD)")
  .refine((c) => supportedCurrencies().has(c), "Unknown currency code");

export const timezoneSchema = z
  .string()
  .trim()
  .max(64)
  .refine(isTimeZone, "Unknown time zone (use an IANA name such as Europe/Paris)");

export const workspaceSettingsSchema = z.object({
  name: workspaceNameSchema.optional(),
  slug: slugSchema.optional(),
  locale: localeSchema.optional(),
  currency: currencySchema.optional(),
  timezone: timezoneSchema.optional(),
});
export type WorkspaceSettingsInput = z.infer<typeof workspaceSettingsSchema>;

function canonicalLocale(value: string): string | null {
  try {
    const [canonical] = Intl.getCanonicalLocales(value);
    return canonical ?? null;
  } catch {
    return null;
  }
}

let currencies: Set<string> | undefined;
function supportedCurrencies(): Set<string> {
  currencies ??= new Set(Intl.supportedValuesOf("currency"));
  return currencies;
}

/** Intl.supportedValuesOf("timeZone") omits "UTC" in V8, so ask the formatter instead. */
function isTimeZone(value: string): boolean {
  if (!value) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}
