/**
 * The A/B tests' primary metrics, in the order the create form offers them, with the words
 * people read: one list for the API's schema, the form and every page that names a metric.
 */
export const AB_TEST_METRICS = [
  { value: "resolution_rate", label: "Resolution rate" },
  { value: "acceptance", label: "Acceptance" },
  { value: "csat", label: "CSAT (mean)" },
] as const;

export type AbTestMetric = (typeof AB_TEST_METRICS)[number]["value"];

export const AB_TEST_METRIC_VALUES = AB_TEST_METRICS.map((m) => m.value) as [
  AbTestMetric,
  ...AbTestMetric[],
];

export function abTestMetricLabel(metric: string): string {
  return AB_TEST_METRICS.find((m) => m.value === metric)?.label ?? metric;
}
