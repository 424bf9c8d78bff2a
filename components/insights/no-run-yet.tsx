import Link from "next/link";
import { buttonClassName } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { InsightsIcon } from "@/components/workspace/nav-icons";

/** What a results page says before any analysis has finished. */
export function NoRunYet({ slug }: { slug: string }) {
  return (
    <EmptyState
      icon={<InsightsIcon />}
      title="No analysis yet"
      description="Results appear here once an analysis has run. Admins start one from the Insights overview with “Run analysis”."
      action={
        <Link className={buttonClassName("secondary", "sm")} href={`/w/${slug}/insights`}>
          Go to Run analysis
        </Link>
      }
    />
  );
}
