"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { type FormEvent, useState } from "react";
import { useTRPC } from "@/components/providers/trpc-react-provider";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardFooter, CardHeader } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { useCurrentWorkspace, useDateFormatting } from "@/components/workspace/workspace-context";
import { formatDateTime } from "@/lib/format";
import type { RouterOutputs } from "@/lib/router-types";
import { fieldErrorsOf, formErrorMessage } from "@/lib/trpc-errors";

type Settings = RouterOutputs["inbox"]["settings"]["get"];
type Job = RouterOutputs["jobs"]["list"]["items"][number];

const STATE_TONE: Record<string, "success" | "warning" | "danger" | "neutral"> = {
  completed: "success",
  failed: "danger",
  retrying: "warning",
};

export function InboxSettingsForm(props: {
  initial: Settings;
  webhookUrl: string;
  workspaceId: string;
  deliveries: Job[];
}) {
  const trpc = useTRPC();
  const formatting = useDateFormatting();
  const { slug } = useCurrentWorkspace();
  const [settings, setSettings] = useState(props.initial);
  const [outbound, setOutbound] = useState(props.initial.outboundUrl ?? "");
  const [secret, setSecret] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const update = useMutation(trpc.inbox.settings.update.mutationOptions());
  const rotate = useMutation(trpc.inbox.settings.rotateSecret.mutationOptions());

  const save = (outboundUrl: string | null) => {
    setSaved(false);
    update.mutate(
      { outboundUrl },
      {
        onSuccess: (next) => {
          setSettings(next);
          setOutbound(next.outboundUrl ?? "");
          setSaved(true);
        },
      },
    );
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save(outbound.trim() === "" ? null : outbound.trim());
  };
  const onRotate = () =>
    rotate.mutate(undefined, {
      onSuccess: ({ secret: value }) => {
        setSecret(value);
        setSettings((s) => ({ ...s, hasSecret: true, secretRotatedAt: new Date() }));
      },
    });

  return (
    <div className="space-y-6">
      <Card aria-labelledby="inbound-title">
        <CardHeader
          id="inbound-title"
          title="Inbound webhook"
          description={
            <>
              Help desks that cannot use the typed client POST the same batches as{" "}
              <code className="font-mono text-xs">inbox.ingest</code> here, signed with HMAC-SHA256
              over <code className="font-mono text-xs">&lt;timestamp&gt;.&lt;raw body&gt;</code>.
            </>
          }
        />
        <CardBody className="space-y-3 text-sm">
          <UrlLine label="Webhook URL" value={props.webhookUrl} />
          <UrlLine label="X-Parley-Workspace-Id" value={props.workspaceId} />
          <p className="text-zinc-600">
            Headers: <code>X-Parley-Timestamp</code> (unix seconds) and{" "}
            <code>X-Parley-Signature: sha256=&lt;hex&gt;</code>.
          </p>
          <p data-testid="secret-status">
            {settings.hasSecret
              ? `Signing secret set${settings.secretRotatedAt ? `, last rotated ${formatDateTime(settings.secretRotatedAt, formatting)}` : ""}.`
              : "No signing secret yet: the webhook refuses every request until you create one."}
          </p>
          {secret && (
            <Alert tone="warning" title="Copy the new secret now: it is not shown again">
              <div className="mt-2 flex flex-wrap items-center gap-2">
                <code className="break-all rounded bg-white px-2 py-1" data-testid="new-secret">
                  {secret}
                </code>
                <CopyButton value={secret} label="Copy secret" />
              </div>
              <p className="mt-1">The previous secret stopped working.</p>
            </Alert>
          )}
          {rotate.error && <Alert tone="error">{formErrorMessage(rotate.error)}</Alert>}
        </CardBody>
        <CardFooter>
          <Button type="button" variant="secondary" onClick={onRotate} disabled={rotate.isPending}>
            {settings.hasSecret ? "Rotate secret" : "Create secret"}
          </Button>
        </CardFooter>
      </Card>

      <Card aria-labelledby="outbound-title">
        <form onSubmit={onSubmit} noValidate>
          <CardHeader
            id="outbound-title"
            title="Outbound webhook"
            description="Replies sent from the inbox are POSTed here, signed the same way, and retried as a background job."
          />
          <CardBody className="space-y-3">
            <FormField
              label="Outbound URL"
              hint="Leave empty to keep replies in Parley only."
              error={fieldErrorsOf(update.error)?.outboundUrl}
            >
              {(control) => (
                <Input
                  {...control}
                  type="url"
                  value={outbound}
                  onChange={(e) => setOutbound(e.target.value)}
                  placeholder="https://helpdesk.example.com/parley/replies"
                />
              )}
            </FormField>
            {update.error && !fieldErrorsOf(update.error)?.outboundUrl && (
              <Alert tone="error">{formErrorMessage(update.error)}</Alert>
            )}
            {saved && <p className="text-sm text-green-700">Saved.</p>}
          </CardBody>
          <CardFooter className="gap-2">
            <Button type="submit" disabled={update.isPending}>
              Save
            </Button>
            {settings.outboundUrl && (
              <Button
                type="button"
                variant="ghost"
                onClick={() => save(null)}
                disabled={update.isPending}
              >
                Clear
              </Button>
            )}
          </CardFooter>
        </form>
      </Card>

      <Card aria-labelledby="deliveries-title">
        <CardHeader
          id="deliveries-title"
          title="Recent deliveries"
          description="The last ten outbound reply jobs."
          actions={
            <Link
              href={`/w/${slug}/settings/jobs?type=inbox-outbound-reply`}
              className="text-sm font-medium text-accent-700"
            >
              All deliveries
            </Link>
          }
        />
        <CardBody>
          {props.deliveries.length === 0 ? (
            <p className="text-sm text-zinc-500">
              No reply has been delivered through the webhook yet.
            </p>
          ) : (
            <ul className="space-y-1 text-sm" aria-label="Recent deliveries">
              {props.deliveries.map((job) => (
                <li key={job.id} className="flex flex-wrap items-center gap-2">
                  <Badge tone={STATE_TONE[job.state] ?? "neutral"}>{job.state}</Badge>
                  <span>{formatDateTime(job.createdAt, formatting)}</span>
                  <span className="text-zinc-500">
                    {job.attempts} attempt{job.attempts === 1 ? "" : "s"}
                  </span>
                  {job.error && <span className="text-red-600">{job.error}</span>}
                </li>
              ))}
            </ul>
          )}
        </CardBody>
      </Card>
    </div>
  );
}

function UrlLine({ label, value }: { label: string; value: string }) {
  return (
    <div className="flex flex-wrap items-center gap-2">
      <span className="w-44 text-zinc-500">{label}</span>
      <code className="break-all rounded bg-zinc-100 px-2 py-1">{value}</code>
      <CopyButton value={value} label={`Copy ${label}`} />
    </div>
  );
}
