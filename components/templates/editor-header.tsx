import Link from "next/link";
import type { ReactNode } from "react";
import { useDateFormatting } from "@/components/workspace/workspace-context";
import { formatDateTime, pluralize } from "@/lib/format";
import type { TemplateStatus } from "@/server/templates/language/template-schema";
import { StatusBadge } from "./template-status";
import type { TemplateDetail } from "./template-types";

type EditorHeaderProps = {
  libraryHref: string;
  title: string;
  status: TemplateStatus;
  saved: TemplateDetail | null;
  dirty: boolean;
  actions: ReactNode;
};

/** The page's h1 with where the template stands: status, version, last change, usage. */
export function EditorHeader({
  libraryHref,
  title,
  status,
  saved,
  dirty,
  actions,
}: EditorHeaderProps) {
  const formatting = useDateFormatting();
  const updater = saved?.updatedBy ? (saved.updatedBy.name ?? saved.updatedBy.email) : null;
  return (
    <header className="space-y-3">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href={libraryHref} className="rounded text-zinc-500 hover:text-zinc-800">
          ← Templates
        </Link>
      </nav>
      {/* Title, then the actions on their own row: the row never moves when more appear. */}
      <div className="space-y-3">
        <div className="min-w-0 space-y-1.5">
          <h1 className="text-2xl font-semibold tracking-tight break-words text-zinc-900">
            {title}
          </h1>
          <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-zinc-500">
            <StatusBadge status={status} />
            {saved ? (
              <>
                <span className="font-medium text-zinc-700">Version {saved.currentVersion}</span>
                <span>
                  Updated {formatDateTime(saved.updatedAt, formatting)}
                  {updater ? ` by ${updater}` : ""}
                </span>
                {saved.usageCount > 0 ? (
                  <span>Used {pluralize(saved.usageCount, "time")}</span>
                ) : null}
              </>
            ) : (
              <span>Not saved yet</span>
            )}
            {dirty ? (
              <span className="font-medium text-amber-700" role="status">
                Unsaved changes
              </span>
            ) : null}
          </div>
        </div>
        <div className="flex min-h-10 flex-wrap items-center gap-2" data-testid="editor-actions">
          {actions}
        </div>
      </div>
    </header>
  );
}
