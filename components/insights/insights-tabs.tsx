"use client";

import { useSearchParams } from "next/navigation";
import { SectionTabs } from "@/components/ui/section-tabs";

const TABS = [
  { label: "Overview", segment: "" },
  { label: "Knowledge gaps", segment: "gaps" },
  { label: "Topics", segment: "patterns" },
  { label: "Recommendations", segment: "recommendations" },
] as const;

/** The sections of the insights area, with the current one marked; a chosen run (?run=) stays. */
export function InsightsTabs({ slug }: { slug: string }) {
  const run = useSearchParams().get("run");
  return (
    <SectionTabs
      label="Insights sections"
      root={`/w/${slug}/insights`}
      tabs={TABS}
      query={run ? `?run=${encodeURIComponent(run)}` : ""}
    />
  );
}
