import Link from "next/link";
import { type Role, roleDescriptions, roleLabels } from "@/lib/roles";
import { Stat, StatSection, statLinkClass } from "./stat-card";

type OverviewStatsProps = {
  slug: string;
  role: Role;
  memberCount: number;
  /** Null when the viewer may not see it (agents). */
  openInvitationCount: number | null;
  activeKeyCount: number | null;
};

export function OverviewStats({
  slug,
  role,
  memberCount,
  openInvitationCount,
  activeKeyCount,
}: OverviewStatsProps) {
  const settings = `/w/${slug}/settings`;
  return (
    <StatSection id="workspace-stats-title" title="Workspace">
      <Stat label="Your role" value={roleLabels[role]} detail={roleDescriptions[role]} />
      <Stat
        label="Members"
        value={memberCount}
        detail={
          openInvitationCount === null ? (
            "People in this workspace"
          ) : (
            <Link href={`${settings}/members`} className={statLinkClass}>
              Manage members
            </Link>
          )
        }
      />
      {openInvitationCount !== null ? (
        <Stat
          label="Open invitations"
          value={openInvitationCount}
          detail="Sent, not yet accepted"
        />
      ) : null}
      {activeKeyCount !== null ? (
        <Stat
          label="Active API keys"
          value={activeKeyCount}
          detail={
            <Link href={`${settings}/api-keys`} className={statLinkClass}>
              Manage API keys
            </Link>
          }
        />
      ) : null}
    </StatSection>
  );
}
