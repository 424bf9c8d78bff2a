import Link from "next/link";
import type { ReactNode } from "react";
import { type Role, roleDescriptions, roleLabels } from "@/lib/roles";

type OverviewStatsProps = {
  slug: string;
  role: Role;
  memberCount: number;
  /** Null when the viewer may not see it (agents). */
  openInvitationCount: number | null;
  activeKeyCount: number | null;
};

export function Stat({
  label,
  value,
  detail,
}: {
  label: string;
  value: ReactNode;
  detail: ReactNode;
}) {
  return (
    <div className="rounded-lg border border-zinc-200 bg-white px-4 py-4 shadow-xs">
      <dt className="text-sm text-zinc-500">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold tracking-tight text-zinc-900">{value}</dd>
      <dd className="mt-1 text-xs text-zinc-500">{detail}</dd>
    </div>
  );
}

export const statLinkClass = "font-medium text-accent-700 hover:underline";

export function OverviewStats({
  slug,
  role,
  memberCount,
  openInvitationCount,
  activeKeyCount,
}: OverviewStatsProps) {
  const settings = `/w/${slug}/settings`;
  return (
    <section aria-labelledby="workspace-stats-title" className="space-y-3">
      <h2 id="workspace-stats-title" className="text-sm font-semibold text-zinc-900">
        Workspace
      </h2>
      <dl className="grid grid-cols-2 gap-3 sm:gap-4 lg:grid-cols-4">
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
      </dl>
    </section>
  );
}
