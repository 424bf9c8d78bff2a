import Link from "next/link";
import { describeAuditEntry } from "@/components/audit/describe-audit-entry";
import { Card, CardHeader } from "@/components/ui/card";
import { type DateFormatting, formatDateTime } from "@/lib/format";
import type { RouterOutputs } from "@/lib/router-types";

type ActivityEntry = RouterOutputs["audit"]["list"]["items"][number];

type RecentActivityProps = { slug: string; entries: ActivityEntry[]; formatting: DateFormatting };

export function RecentActivity({ slug, entries, formatting }: RecentActivityProps) {
  return (
    <Card aria-labelledby="recent-activity-title">
      <CardHeader
        id="recent-activity-title"
        title="Recent activity"
        description="The latest changes in this workspace"
        actions={
          <Link
            href={`/w/${slug}/settings/audit`}
            className="text-sm font-medium text-accent-700 hover:underline"
          >
            Audit log
          </Link>
        }
      />
      {entries.length === 0 ? (
        <p className="px-5 py-8 text-center text-sm text-zinc-500">No activity recorded yet.</p>
      ) : (
        <ul className="divide-y divide-zinc-100">
          {entries.map((entry) => (
            <li
              key={entry.id}
              className="flex flex-col gap-0.5 px-5 py-3 sm:flex-row sm:items-baseline sm:gap-4"
            >
              <div className="min-w-0 flex-1">
                <p className="text-sm text-zinc-900">{describeAuditEntry(entry)}</p>
                <p className="truncate text-xs text-zinc-500">
                  {entry.actorLabel ?? (entry.actorType === "system" ? "System" : "Unknown")}
                </p>
              </div>
              <time
                dateTime={new Date(entry.createdAt).toISOString()}
                className="shrink-0 text-xs text-zinc-500"
              >
                {formatDateTime(entry.createdAt, formatting)}
              </time>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
