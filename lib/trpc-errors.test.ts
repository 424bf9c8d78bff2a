import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import { localeOptions } from "./intl-options";
import { formErrorMessage } from "./trpc-errors";

describe("formErrorMessage", () => {
  it("words a network failure for people, never 'Failed to fetch'", () => {
    const wrapped = new TRPCClientError("Failed to fetch");
    expect(formErrorMessage(wrapped)).toBe(
      "Could not reach the server. Check your connection and try again.",
    );
    expect(formErrorMessage(new TypeError("Load failed"))).toBe(
      "Could not reach the server. Check your connection and try again.",
    );
    expect(formErrorMessage(new Error("Template not found"))).toBe("Template not found");
  });
});

describe("localeOptions", () => {
  it("is a list of named locales that Intl accepts", () => {
    const options = localeOptions();
    expect(options.length).toBeGreaterThan(50);
    expect(options).toContainEqual({ value: "de-CH", label: "Swiss High German — de-CH" });
    for (const o of options) expect(Intl.getCanonicalLocales(o.value)).toEqual([o.value]);
  });
});
