"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useTRPC } from "@/components/providers/trpc-react-provider";
import type { TemplateCategory } from "@/components/templates/template-types";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { Select } from "@/components/ui/select";
import { pluralize } from "@/lib/format";
import { formErrorMessage } from "@/lib/trpc-errors";

type Pending = { kind: "remove" | "merge"; category: TemplateCategory; into?: TemplateCategory };

/** Rename, merge and delete template categories, saying what happens to their templates. */
export function CategoryManager({ slug, initial }: { slug: string; initial: TemplateCategory[] }) {
  const trpc = useTRPC();
  const categories = useQuery({
    ...trpc.templates.categories.list.queryOptions(),
    initialData: initial,
  });
  const rename = useMutation(trpc.templates.categories.rename.mutationOptions());
  const merge = useMutation(trpc.templates.categories.merge.mutationOptions());
  const remove = useMutation(trpc.templates.categories.remove.mutationOptions());
  const [names, setNames] = useState<Record<string, string>>({});
  const [targets, setTargets] = useState<Record<string, string>>({});
  const [pending, setPending] = useState<Pending | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const items = categories.data ?? [];

  async function run(action: () => Promise<unknown>, message: string) {
    setDone(null);
    try {
      await action();
      setDone(message);
      setPending(null);
      await categories.refetch();
    } catch {
      // Shown below.
    }
  }

  const error = formErrorMessage(rename.error ?? merge.error ?? remove.error);
  return (
    <div className="space-y-6">
      <PageHeader
        title="Template categories"
        description="Rename a category, merge it into another, or delete it."
        actions={
          <Link href={`/w/${slug}/templates`} className="text-sm text-accent-700 underline">
            Back to templates
          </Link>
        }
      />
      {done ? <Alert tone="success">{done}</Alert> : null}
      {error && !pending ? <Alert tone="error">{error}</Alert> : null}
      {items.length === 0 ? (
        <EmptyState
          title="No categories yet"
          description="Give a template a category in the editor."
        />
      ) : (
        <Card>
          <ul aria-label="Categories" className="divide-y divide-zinc-100">
            {items.map((category) => {
              const name = names[category.id] ?? category.name;
              const others = items.filter((c) => c.id !== category.id);
              const into = others.find((c) => c.id === targets[category.id]);
              return (
                <li
                  key={category.id}
                  className="flex flex-wrap items-center gap-2 px-4 py-3 sm:px-5"
                >
                  <Input
                    aria-label={`Name of ${category.name}`}
                    value={name}
                    onChange={(e) => setNames({ ...names, [category.id]: e.target.value })}
                    className="h-9 w-full sm:w-56"
                  />
                  <span className="text-sm text-zinc-500">
                    {pluralize(category.templateCount, "template")}
                  </span>
                  <Button
                    size="sm"
                    variant="secondary"
                    disabled={name.trim() === "" || name.trim() === category.name}
                    onClick={() =>
                      void run(
                        () => rename.mutateAsync({ id: category.id, name }),
                        `Renamed “${category.name}” to “${name.trim()}”.`,
                      )
                    }
                  >
                    Rename
                  </Button>
                  {others.length > 0 ? (
                    <span className="flex items-center gap-1">
                      <Select
                        aria-label={`Merge ${category.name} into`}
                        value={targets[category.id] ?? ""}
                        onChange={(e) => setTargets({ ...targets, [category.id]: e.target.value })}
                        className="h-8 w-44 text-sm"
                      >
                        <option value="">Merge into…</option>
                        {others.map((c) => (
                          <option key={c.id} value={c.id}>
                            {c.name}
                          </option>
                        ))}
                      </Select>
                      <Button
                        size="sm"
                        variant="secondary"
                        disabled={!into}
                        onClick={() => into && setPending({ kind: "merge", category, into })}
                      >
                        Merge
                      </Button>
                    </span>
                  ) : null}
                  <Button
                    size="sm"
                    variant="ghost"
                    onClick={() => setPending({ kind: "remove", category })}
                  >
                    Delete
                  </Button>
                </li>
              );
            })}
          </ul>
        </Card>
      )}
      <ConfirmDialog
        open={pending?.kind === "merge"}
        onClose={() => setPending(null)}
        onConfirm={() =>
          pending?.into &&
          void run(
            () => merge.mutateAsync({ id: pending.category.id, into: pending.into?.id ?? "" }),
            `Merged “${pending.category.name}” into “${pending.into.name}”.`,
          )
        }
        title={`Merge “${pending?.category.name ?? ""}” into “${pending?.into?.name ?? ""}”?`}
        description={`${pluralize(pending?.category.templateCount ?? 0, "template")} move to “${pending?.into?.name ?? ""}”, and “${pending?.category.name ?? ""}” is deleted.`}
        confirmLabel="Merge"
        pending={merge.isPending}
        error={pending?.kind === "merge" ? error : null}
      />
      <ConfirmDialog
        open={pending?.kind === "remove"}
        onClose={() => setPending(null)}
        onConfirm={() =>
          pending &&
          void run(
            () => remove.mutateAsync({ id: pending.category.id }),
            `Deleted “${pending.category.name}”.`,
          )
        }
        title={`Delete “${pending?.category.name ?? ""}”?`}
        description={`Its ${pluralize(pending?.category.templateCount ?? 0, "template")} stay, without a category.`}
        confirmLabel="Delete category"
        pending={remove.isPending}
        error={pending?.kind === "remove" ? error : null}
      />
    </div>
  );
}
