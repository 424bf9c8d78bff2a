import { scaledTexts } from "@/cli/bench-gaps";
import type { SourceMessage } from "@/server/analysis/service/sources";
import { bankingRows } from "@/test/banking";

/** A four-week period the messages below are spread over. */
export const ANALYSIS_PERIOD = {
  from: new Date(Date.UTC(2026, 10, 1)),
  to: new Date(Date.UTC(2026, 10, 29)),
};

/**
 * `n` customer messages for computeRun: BANKING77 test.csv texts cycled and perturbed as
 * `bench gaps --scale` makes them, evenly spread over ANALYSIS_PERIOD, no replies or outcomes.
 */
export function bankingMessages(n: number): SourceMessage[] {
  const texts = scaledTexts(
    bankingRows("test.csv").map((r) => r.text),
    n,
  );
  const { from, to } = ANALYSIS_PERIOD;
  const span = to.getTime() - from.getTime();
  return texts.map((text, i) => ({
    ref: `m${i}`,
    text,
    at: new Date(from.getTime() + Math.floor((span * i) / n)),
    agentTemplateId: null,
    reply: null,
    csat: null,
    resolved: null,
  }));
}
