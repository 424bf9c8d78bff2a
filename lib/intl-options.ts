import type { SelectOption } from "@/components/ui/select";

/**
 * Choices for the workspace's regional settings, built from the runtime's Intl data. Built on
 * the server and passed down, so the browser renders exactly the same options.
 */
export function currencyOptions(): SelectOption[] {
  const names = new Intl.DisplayNames(["en"], { type: "currency" });
  return Intl.supportedValuesOf("currency").map((code) => ({
    value: code,
    label: `${code} — ${names.of(code) ?? code}`,
  }));
}

export function timeZoneOptions(): SelectOption[] {
  const zones = Intl.supportedValuesOf("timeZone");
  // V8 omits "UTC" from the list although every formatter accepts it.
  const all = zones.includes("UTC") ? zones : ["UTC", ...zones];
  return all.map((zone) => ({ value: zone, label: zone.replaceAll("_", " ") }));
}

/** Locales a support team writes in; each formats dates, numbers and money its own way. */
const LOCALES = [
  "ar-EG",
  "ar-SA",
  "bg-BG",
  "ca-ES",
  "cs-CZ",
  "da-DK",
  "de-AT",
  "de-CH",
  "de-DE",
  "el-GR",
  "en-AU",
  "en-CA",
  "en-GB",
  "en-IE",
  "en-IN",
  "en-NZ",
  "en-SG",
  "en-US",
  "en-ZA",
  "es-AR",
  "es-CO",
  "es-ES",
  "es-MX",
  "es-US",
  "et-EE",
  "fi-FI",
  "fr-BE",
  "fr-CA",
  "fr-CH",
  "fr-FR",
  "he-IL",
  "hi-IN",
  "hr-HR",
  "hu-HU",
  "id-ID",
  "it-CH",
  "it-IT",
  "ja-JP",
  "ko-KR",
  "lt-LT",
  "lv-LV",
  "ms-MY",
  "nb-NO",
  "nl-BE",
  "nl-NL",
  "pl-PL",
  "pt-BR",
  "pt-PT",
  "ro-RO",
  "ru-RU",
  "sk-SK",
  "sl-SI",
  "sr-RS",
  "sv-SE",
  "th-TH",
  "tr-TR",
  "uk-UA",
  "vi-VN",
  "zh-CN",
  "zh-HK",
  "zh-TW",
];

/** The locale list, named in English ("Swiss High German — de-CH"), by name. */
export function localeOptions(): SelectOption[] {
  const names = new Intl.DisplayNames(["en"], { type: "language" });
  return LOCALES.map((tag) => ({ value: tag, label: `${names.of(tag) ?? tag} — ${tag}` })).sort(
    (a, b) => a.label.localeCompare(b.label, "en"),
  );
}

/** Makes sure the current value is offered even if the runtime's list lacks it. */
export function withCurrent(options: SelectOption[], current: string): SelectOption[] {
  return options.some((option) => option.value === current)
    ? options
    : [{ value: current, label: current }, ...options];
}
