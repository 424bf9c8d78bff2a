import { describe, expect, it } from "vitest";
import type { TemplateTrigger } from "@/server/templates/language/trigger-schema";
import { createRegexBudget } from "@/server/templates/regex/regex-budget";
import { matchTriggers } from "@/server/templates/triggers/match-triggers";
import { normalizeForMatching } from "@/server/templates/triggers/normalize-text";
import type { Catalog } from "./catalog";
import { buildTextIndex } from "./text-match";
import { matchAllTriggers } from "./trigger-signals";

const t = (kind: TemplateTrigger["kind"], value: string): TemplateTrigger => ({
  kind,
  value,
  weight: 1,
  active: true,
});

function catalogOf(triggers: TemplateTrigger[]): Catalog {
  return {
    stamp: "s",
    templates: [{ id: "t1", name: "One", content: "", variables: [], triggers }],
    byId: new Map([["t1", 0]]),
    triggers,
    triggerOwner: Int32Array.from(triggers.map(() => 0)),
    normalizedValues: triggers.map((x) =>
      x.kind === "keyword" || x.kind === "phrase" ? normalizeForMatching(x.value) : null,
    ),
    text: buildTextIndex([{ name: "One", triggerText: "", content: "" }]),
    bytes: 0,
  };
}

describe("matchAllTriggers", () => {
  it("fires keyword, phrase and regex triggers exactly as matchTriggers does", async () => {
    const triggers = [
      t("keyword", "Refund"),
      t("keyword", "refunded"),
      t("keyword", "money back"),
      t("phrase", "where is my"),
      t("phrase", "señor"),
      t("regex", "order\\s*#?\\d{4,}"),
      t("regex", "^never$"),
    ];
    const messages = [
      "Refund? Where is my money back, senor! Order #12345",
      "I was refunded already",
      "nothing here",
    ];
    for (const message of messages) {
      const expected = matchTriggers(message, triggers, {
        runRegex: (pattern, flags, input) => ({
          ok: true,
          matched: new RegExp(pattern, flags).test(input),
        }),
      }).matched.map((i) => triggers[i]?.value);
      const got = await matchAllTriggers(
        catalogOf(triggers),
        message,
        createRegexBudget({ ms: 250 }),
        {
          sentiment: "neutral",
          topIntent: null,
        },
      );
      expect((got.byTemplate.get("t1") ?? []).map((f) => f.value).sort()).toEqual(
        [...expected].sort(),
      );
    }
  });

  it("fires sentiment and intent triggers from the decided labels", async () => {
    const triggers = [
      t("sentiment", "negative"),
      t("intent", "card_arrival"),
      t("intent", "refund"),
    ];
    const got = await matchAllTriggers(catalogOf(triggers), "x", createRegexBudget({ ms: 250 }), {
      sentiment: "negative",
      topIntent: new Set(["Card Arrival"]),
    });
    expect(got.byTemplate.get("t1")?.map((f) => f.value)).toEqual(["negative", "card_arrival"]);
  });

  it("lists a template's fired triggers in its own order, however they were found", async () => {
    const triggers = [
      t("phrase", "card"),
      t("keyword", "arrived"),
      t("keyword", "Card"),
      t("keyword", "not arrived"),
      t("keyword", "card"),
      t("phrase", "has not"),
      t("keyword", "missing"),
    ];
    const got = await matchAllTriggers(
      catalogOf(triggers),
      "My card has not arrived, card!",
      createRegexBudget({ ms: 250 }),
      { sentiment: "neutral", topIntent: null },
    );
    // The order matchTriggers (trigger order) gives, found by words and by substrings here.
    const expected = matchTriggers("My card has not arrived, card!", triggers, {
      runRegex: () => ({ ok: true, matched: false }), // no regex triggers here
    }).matched.map((i) => triggers[i]?.value);
    expect(expected).toHaveLength(6);
    expect(got.byTemplate.get("t1")?.map((f) => f.value)).toEqual(expected);
  });
});
