"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTRPC } from "@/components/providers/trpc-react-provider";
import type { TemplateCategory } from "@/components/templates/template-types";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { pluralize } from "@/lib/format";
import { formErrorMessage } from "@/lib/trpc-errors";

type BulkBarProps = {
  ids: string[];
  categories: TemplateCategory[];
  onDone: () => void;
};

type Confirming = "archive" | "trash" | null;

const NO_CATEGORY = "__none__";

/**
 * Actions on the templates ticked in the library: archive and delete (each confirmed, since
 * both hide work), move to a category, add a tag. All or nothing on the server.
 */
export function BulkBar({ ids, categories, onDone }: BulkBarProps) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const bulk = useMutation(trpc.templates.bulk.mutationOptions());
  const [confirming, setConfirming] = useState<Confirming>(null);
  const [category, setCategory] = useState("");
  const [tag, setTag] = useState("");
  const [done, setDone] = useState<string | null>(null);
  const count = pluralize(ids.length, "template");

  async function run(
    input: Omit<Parameters<typeof bulk.mutateAsync>[0], "ids">,
    summarize: (changed: number) => string,
  ) {
    setDone(null);
    try {
      const { changed } = await bulk.mutateAsync({ ids, ...input });
      setConfirming(null);
      setDone(summarize(changed));
      setTag("");
      await queryClient.invalidateQueries({ queryKey: trpc.templates.pathKey() });
      router.refresh();
      onDone();
    } catch {
      // Shown below (and in the confirmation dialog).
    }
  }

  const error = formErrorMessage(bulk.error);
  const shownError = error && confirming === null ? error : null;
  const shownDone = done && ids.length === 0 ? done : null;
  // With nothing ticked and nothing to report there is no bar: no empty grey band between the
  // count and the list, and no empty "Selected templates" landmark for screen readers to list.
  const empty = ids.length === 0 && !shownError && !shownDone;
  return (
    <>
      {empty ? null : (
        <section
          aria-label="Selected templates"
          className="space-y-2 border-b border-zinc-200 bg-zinc-50 px-4 py-3 sm:px-5"
        >
          {ids.length > 0 ? (
            <div className="flex flex-wrap items-center gap-2">
              <span className="text-sm font-medium text-zinc-900">{count} selected</span>
              <Button size="sm" variant="secondary" onClick={() => setConfirming("archive")}>
                Archive
              </Button>
              <Button size="sm" variant="secondary" onClick={() => setConfirming("trash")}>
                Delete
              </Button>
              <span className="flex items-center gap-1">
                <Select
                  aria-label="Category to move to"
                  value={category}
                  onChange={(event) => setCategory(event.target.value)}
                  className="h-8 w-44 text-sm"
                >
                  <option value="">Move to category…</option>
                  <option value={NO_CATEGORY}>No category</option>
                  {categories.map((c) => (
                    <option key={c.id} value={c.name}>
                      {c.name}
                    </option>
                  ))}
                </Select>
                <Button
                  size="sm"
                  variant="secondary"
                  disabled={category === ""}
                  onClick={() =>
                    void run(
                      { action: "move", category: category === NO_CATEGORY ? null : category },
                      (n) => `${pluralize(n, "template")} moved.`,
                    )
                  }
                >
                  Move
                </Button>
              </span>
              <span className="flex items-center gap-1">
                <Input
                  aria-label="Tag to add"
                  placeholder="Add tag…"
                  value={tag}
                  onChange={(event) => setTag(event.target.value)}
                  className="h-8 w-36 text-sm"
                />
                <Button
                  size="sm"
                  variant="secondary"
                  disabled={tag.trim() === ""}
                  onClick={() =>
                    void run(
                      { action: "tag", tag },
                      (n) => `Tag added to ${pluralize(n, "template")}.`,
                    )
                  }
                >
                  Add tag
                </Button>
              </span>
              <Button size="sm" variant="ghost" onClick={onDone}>
                Clear selection
              </Button>
            </div>
          ) : null}
          {shownError ? <Alert tone="error">{shownError}</Alert> : null}
          {shownDone ? <Alert tone="success">{shownDone}</Alert> : null}
        </section>
      )}
      <ConfirmDialog
        open={confirming === "archive"}
        onClose={() => setConfirming(null)}
        onConfirm={() =>
          void run({ action: "archive" }, (n) => `${pluralize(n, "template")} archived.`)
        }
        title={`Archive ${count}?`}
        description="Archived templates are no longer suggested to agents and leave the list; find them under the Archived status and restore them at any time."
        confirmLabel="Archive"
        pending={bulk.isPending}
        pendingLabel="Archiving…"
        error={error}
      />
      <ConfirmDialog
        open={confirming === "trash"}
        onClose={() => setConfirming(null)}
        onConfirm={() =>
          void run(
            { action: "trash" },
            (n) =>
              `${pluralize(n, "template")} moved to the trash. Restore them from the trash within 30 days.`,
          )
        }
        title={`Delete ${count}?`}
        description="They move to the trash: restore them there within 30 days, after which they are deleted for good."
        confirmLabel="Move to trash"
        pending={bulk.isPending}
        pendingLabel="Deleting…"
        error={error}
      />
    </>
  );
}
