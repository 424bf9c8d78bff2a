import Link from "next/link";
import { pct } from "@/components/analytics/format";
import { formatCount } from "@/lib/format";
import type { RouterOutputs } from "@/lib/router-types";
import { Stat, StatSection, statLinkClass } from "./stat-card";

type SupportStatsProps = {
  slug: string;
  counts: RouterOutputs["inbox"]["counts"];
  /** `analytics.overview` over the last 30 days. */
  month: RouterOutputs["analytics"]["overview"]["totals"];
  deployedVersion: number | null;
};

/**
 * How support is going, for everyone in the workspace: the inbox's open work, what agents did
 * with the suggestions and how conversations ended over the last 30 days, and the live model.
 * Each figure links to the page that explains it.
 */
export function SupportStats({ slug, counts, month, deployedVersion }: SupportStatsProps) {
  const base = `/w/${slug}`;
  return (
    <StatSection id="support-stats-title" title="Support">
      <Stat
        label="Open conversations"
        value={formatCount(counts.open)}
        detail={
          <Link href={`${base}/inbox`} className={statLinkClass}>
            {formatCount(counts.unassigned)} unassigned · {formatCount(counts.pending)} pending
          </Link>
        }
      />
      <Stat
        label="Acceptance rate (30 days)"
        value={pct(month.acceptanceRate)}
        detail={
          <Link href={`${base}/analytics`} className={statLinkClass}>
            {month.shown > 0
              ? `${formatCount(month.inserted)} of ${formatCount(month.shown)} suggestions used`
              : "No suggestion shown yet"}
          </Link>
        }
      />
      <Stat
        label="Resolution rate (30 days)"
        value={pct(month.resolutionRate)}
        detail={
          month.conversations > 0
            ? `Of ${formatCount(month.conversations)} ${month.conversations === 1 ? "conversation" : "conversations"} a template was used in`
            : "No template used in a conversation yet"
        }
      />
      <Stat
        label="Live model"
        value={deployedVersion === null ? "None" : `Version ${deployedVersion}`}
        detail={
          <Link href={`${base}/training`} className={statLinkClass}>
            {deployedVersion === null ? "Train and deploy one" : "Versions and accuracy"}
          </Link>
        }
      />
    </StatSection>
  );
}
