"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useTRPC } from "@/components/providers/trpc-react-provider";
import { templatesPath } from "@/components/templates/template-types";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { useDateFormatting } from "@/components/workspace/workspace-context";
import { formatDate } from "@/lib/format";
import type { RouterOutputs } from "@/lib/router-types";
import { formErrorMessage } from "@/lib/trpc-errors";

type Trashed = RouterOutputs["templates"]["trash"]["list"];

/** Deleted templates with when each is purged; Restore puts one back where it was. */
export function TrashList({ slug, initial }: { slug: string; initial: Trashed }) {
  const trpc = useTRPC();
  const formatting = useDateFormatting();
  const trash = useQuery({ ...trpc.templates.trash.list.queryOptions(), initialData: initial });
  const restore = useMutation(trpc.templates.trash.restore.mutationOptions());
  const [restored, setRestored] = useState<{ id: string; name: string } | null>(null);
  const items = trash.data ?? [];

  async function onRestore(id: string, name: string) {
    setRestored(null);
    try {
      await restore.mutateAsync({ ids: [id] });
      setRestored({ id, name });
      await trash.refetch();
    } catch {
      // Shown below.
    }
  }

  const error = formErrorMessage(restore.error);
  return (
    <div className="space-y-6">
      <PageHeader
        title="Trash"
        description="Deleted templates stay here for 30 days, then they are deleted for good."
        actions={
          <Link href={`/w/${slug}/templates`} className="text-sm text-accent-700 underline">
            Back to templates
          </Link>
        }
      />
      {restored ? (
        <Alert tone="success">
          Restored{" "}
          <Link className="underline" href={templatesPath(slug, restored.id)}>
            {restored.name}
          </Link>
          .
        </Alert>
      ) : null}
      {error ? <Alert tone="error">{error}</Alert> : null}
      {items.length === 0 ? (
        <EmptyState title="The trash is empty" description="Deleted templates appear here." />
      ) : (
        <Card>
          <ul aria-label="Deleted templates" className="divide-y divide-zinc-100">
            {items.map((item) => (
              <li
                key={item.id}
                className="flex flex-wrap items-center justify-between gap-3 px-4 py-3 sm:px-5"
              >
                <div className="min-w-0 flex-1">
                  <p className="font-medium break-words text-zinc-900">{item.name}</p>
                  <p className="text-xs text-zinc-500">
                    Deleted {formatDate(item.deletedAt, formatting)}
                    {item.deletedBy ? ` by ${item.deletedBy.name ?? item.deletedBy.email}` : ""} ·
                    deleted for good after {formatDate(item.purgeAfter, formatting)}
                  </p>
                </div>
                <Button
                  size="sm"
                  variant="secondary"
                  aria-label={`Restore ${item.name}`}
                  onClick={() => void onRestore(item.id, item.name)}
                  pending={restore.isPending && restore.variables?.ids[0] === item.id}
                  pendingLabel="Restoring…"
                >
                  Restore
                </Button>
              </li>
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}
