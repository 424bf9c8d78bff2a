import { readFileSync } from "node:fs";
import path from "node:path";
import vader from "vader-sentiment";
import { describe, expect, it } from "vitest";
import { readLabelledCsv } from "@/server/training/service/labelled-csv";
import { BANKING77 } from "@/test/banking";
import { MAX_SENTIMENT_TEXT } from "./sentiment";
import { vaderCompound } from "./vader";

const packageCompound = (text: string) =>
  vader.SentimentIntensityAnalyzer.polarity_scores(text).compound;

/** Every rule the package applies, each at least once (hand-written: real messages rarely hit some). */
const RULE_CASES = [
  "This is GREAT but the delivery was terrible!!!",
  "I am NOT happy with this, it is really very bad",
  "not bad at all, kind of good actually",
  "It isn't the worst, but it's hardly great ???",
  "never so good, never this bad",
  "the least helpful answer; at least it was fast",
  "very least useful; least good",
  "You are the shit, the bomb, a bad ass. yeah right",
  "cut the mustard? kiss of death. hand to mouth",
  "sort of ok, kinda nice, just enough good",
  "Thanks :) :-( <3 </3 :D",
  "(happy) 'sad' \"angry\" ...love... !great!? good!!",
  "WOW!!!!! AMAZING SERVICE!!!!!! best ever",
  "ALL CAPS ANGRY MESSAGE ABOUT A REFUND",
  "extremely ANNOYED and somewhat disappointed",
  "I don't like it. I dont like it. I do not like it",
  "a",
  "",
  "    ",
  "1337 143 fu wtf lol :P",
  "Fine. Good. Great! Awesome?! Terrible?!? Horrible!?!?",
];

function messages(): string[] {
  const banking = ["test.csv", "train.csv"].flatMap((file) =>
    readLabelledCsv(readFileSync(path.join(BANKING77, file), "utf8"), "text", "category").map(
      (r) => r.text,
    ),
  );
  const bitextFile = path.resolve(
    "../shared/datasets/bitext-customer-support/bitext_cs_train_v_2023-08-18.csv",
  );
  const bitext = readLabelledCsv(readFileSync(bitextFile, "utf8"), "instruction", "intent")
    .map((r) => r.text)
    .filter((_, i) => i % 2 === 0);
  return [...RULE_CASES, ...banking, ...bitext];
}

describe("vaderCompound", () => {
  it("scores every message exactly as the vader-sentiment package", () => {
    const texts = messages();
    expect(texts.length).toBeGreaterThan(15_000);
    const differing = texts
      .map((text) => text.slice(0, MAX_SENTIMENT_TEXT))
      .filter((text) => vaderCompound(text) !== packageCompound(text))
      .map((text) => ({ text, ours: vaderCompound(text), package: packageCompound(text) }));
    expect(differing).toEqual([]);
    // The cases above do reach the rules: not everything scores zero.
    expect(RULE_CASES.filter((t) => vaderCompound(t) !== 0).length).toBeGreaterThan(15);
  });

  it("is several times faster than the package on real messages", () => {
    const texts = messages().slice(0, 3_000);
    const time = (fn: (t: string) => number) => {
      const started = performance.now();
      for (const text of texts) fn(text);
      return performance.now() - started;
    };
    time(vaderCompound); // load the lexicon, warm up
    time(packageCompound);
    const ours = Math.min(time(vaderCompound), time(vaderCompound));
    const theirs = Math.min(time(packageCompound), time(packageCompound));
    expect(ours * 2).toBeLessThan(theirs);
  });
});
