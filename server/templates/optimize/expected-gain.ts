import type { TemplateDetail } from "../store/read-template";

/**
 * The expected performance gain of a rewrite and what it rests on. Parley records how often a
 * template is used but not yet how its conversations end, so there is no outcome data to
 * estimate a gain from: it says so instead of inventing a number. When outcome events exist
 * (analytics, A/B tests), this is where the estimate from them belongs.
 */
export type ExpectedGain = {
  /** Estimated relative improvement in resolution rate, percent; null when there is no basis. */
  percent: null;
  basis: string;
  usageCount: number;
};

export function expectedGain(
  template: Pick<TemplateDetail, "usageCount" | "lastUsedAt">,
): ExpectedGain {
  if (template.usageCount === 0) {
    return {
      percent: null,
      basis: "no usage data yet: this template has never been used, so no gain can be estimated",
      usageCount: 0,
    };
  }
  return {
    percent: null,
    basis: `used ${template.usageCount} time${template.usageCount === 1 ? "" : "s"}, but no outcome data yet (how those conversations ended), so no gain is estimated; an A/B test would measure it`,
    usageCount: template.usageCount,
  };
}
