"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTRPC } from "@/components/providers/trpc-react-provider";
import {
  fieldChanges,
  triggerChanges,
  variableChanges,
} from "@/components/templates/draft-changes";
import type { DraftLike } from "@/components/templates/editor-form";
import { FieldChangesView, ItemChangesView } from "@/components/templates/item-changes-view";
import { LineDiffView } from "@/components/templates/line-diff-view";
import { type TemplateDetail, templatesPath } from "@/components/templates/template-types";
import { Alert } from "@/components/ui/alert";
import { Button, Spinner } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/dialog";
import { formErrorMessage } from "@/lib/trpc-errors";

type VersionDetailProps = {
  slug: string;
  template: TemplateDetail;
  version: number;
  canWrite: boolean;
};

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="space-y-2">
      <h3 className="text-sm font-semibold text-zinc-900">{title}</h3>
      {children}
    </section>
  );
}

/** One version against the current one: fields, content line by line, variables, triggers. */
export function VersionDetail({ slug, template, version, canWrite }: VersionDetailProps) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const detail = useQuery(trpc.templates.versions.get.queryOptions({ id: template.id, version }));
  const restore = useMutation(
    trpc.templates.versions.restore.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.templates.pathKey() });
        router.push(`${templatesPath(slug, template.id)}?restored=${version}`);
      },
    }),
  );
  const isCurrent = version === template.currentVersion;
  const current: DraftLike = { ...template, category: template.category?.name ?? null };

  if (detail.isPending) {
    return (
      <Card>
        <p
          className="flex items-center justify-center gap-2 py-16 text-sm text-zinc-500"
          role="status"
        >
          <Spinner /> Loading v{version}…
        </p>
      </Card>
    );
  }
  if (detail.isError) {
    return <Alert tone="error">{formErrorMessage(detail.error)}</Alert>;
  }

  const old: DraftLike = detail.data.draft;
  const fields = fieldChanges(old, current);
  return (
    <Card aria-labelledby="version-detail-title">
      <CardHeader
        id="version-detail-title"
        title={
          isCurrent
            ? `v${version}, the current version`
            : `v${version} compared with now (v${template.currentVersion})`
        }
        description={
          isCurrent
            ? "Select an earlier version to see what changed since and to restore it."
            : "Red is what this version had, green is what the template has now."
        }
        actions={
          canWrite && !isCurrent ? (
            <Button variant="secondary" onClick={() => setConfirming(true)}>
              Restore this version
            </Button>
          ) : null
        }
      />
      {isCurrent ? null : (
        <CardBody className="space-y-6">
          {fields.length > 0 ? (
            <Section title="Details">
              <FieldChangesView changes={fields} />
            </Section>
          ) : null}
          <Section title="Content">
            <LineDiffView before={old.content} after={current.content} />
          </Section>
          <Section title="Variables">
            <ItemChangesView
              changes={variableChanges(old, current)}
              empty="No changes to variables."
            />
          </Section>
          <Section title="Triggers">
            <ItemChangesView
              changes={triggerChanges(old, current)}
              empty="No changes to triggers."
            />
          </Section>
        </CardBody>
      )}
      <ConfirmDialog
        open={confirming}
        onClose={() => {
          setConfirming(false);
          restore.reset();
        }}
        onConfirm={() => restore.mutate({ id: template.id, version })}
        title={`Restore v${version}?`}
        description={`Its name, content, variables and triggers become the template's current state, saved as a new version (v${template.currentVersion + 1}). The versions in between stay in the history.`}
        confirmLabel="Restore"
        pending={restore.isPending}
        pendingLabel="Restoring…"
        error={formErrorMessage(restore.error)}
      />
    </Card>
  );
}
