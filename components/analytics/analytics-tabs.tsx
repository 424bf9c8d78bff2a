"use client";

import { SectionTabs } from "@/components/ui/section-tabs";

const TABS = [
  { label: "Overview", segment: "" },
  { label: "A/B tests", segment: "ab-tests" },
] as const;

/** Analytics' sections: the dashboard and every template A/B test of the workspace. */
export function AnalyticsTabs({ slug }: { slug: string }) {
  return <SectionTabs label="Analytics sections" root={`/w/${slug}/analytics`} tabs={TABS} />;
}
