"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useTRPC } from "@/components/providers/trpc-react-provider";
import { useTemplateChoices } from "@/components/templates/use-template-choices";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClassName } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { controlClasses } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { formatCount } from "@/lib/format";
import { formErrorMessage } from "@/lib/trpc-errors";
import type { GapView } from "./types";

/**
 * What an admin does with a gap: draft a template from the agents' replies in it, resolve it with
 * a template (its messages become that template's training examples), or dismiss it with a reason.
 */
export function GapActions({ gap, slug }: { gap: GapView; slug: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<"resolve" | "dismiss" | null>(null);
  const [templateId, setTemplateId] = useState("");
  const [reason, setReason] = useState("");
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.analysis.pathKey() });
  const draft = useMutation(
    trpc.analysis.gaps.createTemplateDraft.mutationOptions({ onSuccess: refresh }),
  );
  const resolve = useMutation(
    trpc.analysis.gaps.resolve.mutationOptions({
      onSuccess: async () => {
        setDialog(null);
        await refresh();
      },
    }),
  );
  const dismiss = useMutation(
    trpc.analysis.gaps.dismiss.mutationOptions({
      onSuccess: async () => {
        setDialog(null);
        await refresh();
      },
    }),
  );
  const templates = useTemplateChoices({ enabled: dialog === "resolve" });
  const choices = templates.items.filter((t) => t.status !== "archived");
  const chosen = templateId || (draft.data?.templateId ?? choices[0]?.id ?? "");
  const open = gap.status === "open";
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap gap-2">
        <Button
          variant="secondary"
          onClick={() => draft.mutate({ gapId: gap.id })}
          pending={draft.isPending}
          pendingLabel="Drafting…"
        >
          Create template draft
        </Button>
        {open ? (
          <>
            <Button onClick={() => setDialog("resolve")}>Resolve</Button>
            <Button variant="ghost" onClick={() => setDialog("dismiss")}>
              Dismiss
            </Button>
          </>
        ) : null}
      </div>
      {draft.data ? (
        <Alert tone="success" title={`Draft “${draft.data.name}” created`}>
          Built from{" "}
          {draft.data.basedOn === "replies"
            ? "the agents' most typical reply in this gap"
            : "the gap's key phrases (no agent replied to these messages)"}
          . Review it, activate it, then resolve this gap with it.{" "}
          <Link
            className={buttonClassName("secondary", "sm", "ml-1")}
            href={`/w/${slug}/templates/${draft.data.templateId}`}
          >
            Open the draft
          </Link>
        </Alert>
      ) : null}
      {draft.error ? <Alert tone="error">{formErrorMessage(draft.error)}</Alert> : null}
      {resolve.data ? (
        <Alert tone="success">
          Resolved: {resolve.data.examplesAdded} message
          {resolve.data.examplesAdded === 1 ? "" : "s"} added as training examples of the template.
          Train a new version for the model to learn them.
        </Alert>
      ) : null}
      <Dialog
        open={dialog === "resolve"}
        onClose={() => setDialog(null)}
        title="Resolve this gap"
        description={`Pick the template that answers these messages. ${gap.size === 1 ? "Its message becomes a training example" : `Its ${formatCount(gap.size)} messages become training examples`} of that template.`}
        footer={
          <>
            <Button variant="secondary" onClick={() => setDialog(null)}>
              Cancel
            </Button>
            <Button
              onClick={() => resolve.mutate({ gapId: gap.id, templateId: chosen })}
              pending={resolve.isPending}
              pendingLabel="Resolving…"
              disabled={!chosen}
            >
              Resolve with this template
            </Button>
          </>
        }
      >
        <label className="block space-y-1 text-sm">
          <span className="block text-zinc-600">Template</span>
          <Select value={chosen} onChange={(e) => setTemplateId(e.target.value)}>
            {templates.isPending ? <option value="">Loading…</option> : null}
            {choices.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
                {t.status === "draft" ? " (draft)" : ""}
              </option>
            ))}
          </Select>
        </label>
        {resolve.error ? <Alert tone="error">{formErrorMessage(resolve.error)}</Alert> : null}
      </Dialog>
      <Dialog
        open={dialog === "dismiss"}
        onClose={() => setDialog(null)}
        title="Dismiss this gap"
        description="Dismissed gaps leave the open list; say why, for whoever looks next."
        footer={
          <>
            <Button variant="secondary" onClick={() => setDialog(null)}>
              Cancel
            </Button>
            <Button
              variant="danger"
              onClick={() =>
                dismiss.mutate({ gapId: gap.id, ...(reason.trim() ? { reason } : {}) })
              }
              pending={dismiss.isPending}
              pendingLabel="Dismissing…"
            >
              Dismiss gap
            </Button>
          </>
        }
      >
        <label className="block space-y-1 text-sm">
          <span className="block text-zinc-600">Reason (optional)</span>
          <textarea
            className={controlClasses("min-h-20 py-2")}
            value={reason}
            maxLength={500}
            onChange={(e) => setReason(e.target.value)}
          />
        </label>
        {dismiss.error ? <Alert tone="error">{formErrorMessage(dismiss.error)}</Alert> : null}
      </Dialog>
    </div>
  );
}
