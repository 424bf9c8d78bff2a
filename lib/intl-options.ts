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

export const commonLocales = [
  "en-US",
  "en-GB",
  "de-DE",
  "es-ES",
  "fr-FR",
  "it-IT",
  "ja-JP",
  "nl-NL",
  "pt-BR",
  "sv-SE",
  "zh-CN",
];

/** Makes sure the current value is offered even if the runtime's list lacks it. */
export function withCurrent(options: SelectOption[], current: string): SelectOption[] {
  return options.some((option) => option.value === current)
    ? options
    : [{ value: current, label: current }, ...options];
}
