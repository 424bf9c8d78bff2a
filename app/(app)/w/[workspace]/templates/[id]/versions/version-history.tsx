"use client";

import Link from "next/link";
import { useState } from "react";
import { StatusBadge } from "@/components/templates/template-status";
import {
  type TemplateDetail,
  type TemplateVersionEntry,
  templatesPath,
} from "@/components/templates/template-types";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { useDateFormatting } from "@/components/workspace/workspace-context";
import { classNames } from "@/lib/class-names";
import { formatDateTime } from "@/lib/format";
import { VersionDetail } from "./version-detail";

type VersionHistoryProps = {
  slug: string;
  template: TemplateDetail;
  versions: TemplateVersionEntry[];
  canWrite: boolean;
};

/** Every saved version, newest first; the selected one is compared with the current one. */
export function VersionHistory({ slug, template, versions, canWrite }: VersionHistoryProps) {
  const formatting = useDateFormatting();
  const ordered = [...versions].sort((a, b) => b.version - a.version);
  const [selected, setSelected] = useState<number>(
    ordered.find((entry) => entry.version !== template.currentVersion)?.version ??
      template.currentVersion,
  );
  const editorHref = templatesPath(slug, template.id);

  return (
    <div className="space-y-6">
      <header className="space-y-3">
        <nav aria-label="Breadcrumb" className="flex flex-wrap gap-1 text-sm text-zinc-500">
          <Link href={templatesPath(slug)} className="rounded hover:text-zinc-800">
            Templates
          </Link>
          <span aria-hidden="true">/</span>
          <Link href={editorHref} className="rounded break-all hover:text-zinc-800">
            {template.name}
          </Link>
        </nav>
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold tracking-tight text-zinc-900">History</h1>
          <StatusBadge status={template.status} />
        </div>
        <p className="text-sm text-zinc-500">
          Every save is kept. Restoring an earlier one saves it again as a new version, so nothing
          is lost.
        </p>
      </header>

      <div className="grid gap-6 lg:grid-cols-[18rem_minmax(0,1fr)] lg:items-start">
        <Card aria-labelledby="versions-title">
          <CardHeader
            id="versions-title"
            title="Versions"
            description={`${ordered.length} saved`}
          />
          <ul className="max-h-[70vh] divide-y divide-zinc-100 overflow-y-auto">
            {ordered.map((entry) => {
              const isSelected = entry.version === selected;
              const author = entry.createdBy
                ? (entry.createdBy.name ?? entry.createdBy.email)
                : null;
              return (
                <li key={entry.version}>
                  <button
                    type="button"
                    aria-pressed={isSelected}
                    onClick={() => setSelected(entry.version)}
                    className={classNames(
                      "block w-full space-y-0.5 px-5 py-3 text-left text-sm transition-colors",
                      isSelected ? "bg-accent-50" : "hover:bg-zinc-50",
                    )}
                  >
                    <span className="flex items-center gap-2">
                      <span className="font-medium text-zinc-900">Version {entry.version}</span>
                      {entry.version === template.currentVersion ? (
                        <Badge tone="accent">Current</Badge>
                      ) : null}
                    </span>
                    <span className="block text-xs text-zinc-500">
                      {formatDateTime(entry.createdAt, formatting)}
                      {author ? ` · ${author}` : ""}
                    </span>
                    {entry.changeSummary ? (
                      <span className="block text-xs break-words text-zinc-600">
                        {entry.changeSummary}
                      </span>
                    ) : null}
                  </button>
                </li>
              );
            })}
          </ul>
        </Card>
        <VersionDetail slug={slug} template={template} version={selected} canWrite={canWrite} />
      </div>
    </div>
  );
}
