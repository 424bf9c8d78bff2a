"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTRPC } from "@/components/providers/trpc-react-provider";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/dialog";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeaderCell,
  TableRow,
} from "@/components/ui/table";
import { useDateFormatting } from "@/components/workspace/workspace-context";
import { formatDate, formatDateTime } from "@/lib/format";
import type { RouterOutputs } from "@/lib/router-types";
import { formErrorMessage } from "@/lib/trpc-errors";

type ApiKey = RouterOutputs["apiKeys"]["list"][number];

export function ApiKeysCard({ keys }: { keys: ApiKey[] }) {
  const active = keys.filter((key) => !key.revokedAt).length;
  return (
    <Card aria-labelledby="api-keys-title">
      <CardHeader
        id="api-keys-title"
        title="API keys"
        description={`${active} active, ${keys.length - active} revoked`}
      />
      {keys.length === 0 ? (
        <p className="px-5 py-8 text-center text-sm text-zinc-500">
          No API keys yet. Create one above to connect your help desk.
        </p>
      ) : (
        <Table>
          <TableHead>
            <TableRow>
              <TableHeaderCell>Name</TableHeaderCell>
              <TableHeaderCell>Key</TableHeaderCell>
              <TableHeaderCell>Scope</TableHeaderCell>
              <TableHeaderCell>Created</TableHeaderCell>
              <TableHeaderCell>Last used</TableHeaderCell>
              <TableHeaderCell>Status</TableHeaderCell>
              <TableHeaderCell>
                <span className="sr-only">Actions</span>
              </TableHeaderCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {keys.map((key) => (
              <ApiKeyRow key={key.id} apiKey={key} />
            ))}
          </TableBody>
        </Table>
      )}
    </Card>
  );
}

function ApiKeyRow({ apiKey }: { apiKey: ApiKey }) {
  const trpc = useTRPC();
  const router = useRouter();
  const formatting = useDateFormatting();
  const [confirming, setConfirming] = useState(false);
  const revoke = useMutation(
    trpc.apiKeys.revoke.mutationOptions({
      onSuccess: () => {
        setConfirming(false);
        router.refresh();
      },
    }),
  );
  const revoked = Boolean(apiKey.revokedAt);
  const creator = apiKey.createdBy;

  return (
    <TableRow className={revoked ? "text-zinc-400" : undefined}>
      <TableCell className="min-w-40">
        <p className="font-medium text-zinc-900">{apiKey.name}</p>
        {creator ? (
          <p className="text-xs text-zinc-500">by {creator.name ?? creator.email}</p>
        ) : null}
      </TableCell>
      <TableCell>
        <code className="font-mono text-xs whitespace-nowrap text-zinc-600">{apiKey.prefix}…</code>
      </TableCell>
      <TableCell>
        <Badge tone={apiKey.scope === "write" ? "warning" : "neutral"}>
          {apiKey.scope === "write" ? "Read and write" : "Read only"}
        </Badge>
      </TableCell>
      <TableCell className="whitespace-nowrap text-zinc-500">
        {formatDate(apiKey.createdAt, formatting)}
      </TableCell>
      <TableCell className="whitespace-nowrap text-zinc-500">
        {apiKey.lastUsedAt ? formatDateTime(apiKey.lastUsedAt, formatting) : "Never"}
      </TableCell>
      <TableCell>
        {revoked ? <Badge tone="danger">Revoked</Badge> : <Badge tone="success">Active</Badge>}
      </TableCell>
      <TableCell className="text-right">
        {revoked ? null : (
          <>
            <Button variant="secondary" size="sm" onClick={() => setConfirming(true)}>
              Revoke
            </Button>
            <ConfirmDialog
              open={confirming}
              onClose={() => {
                setConfirming(false);
                revoke.reset();
              }}
              onConfirm={() => revoke.mutate({ id: apiKey.id })}
              title={`Revoke “${apiKey.name}”?`}
              description="Requests using this key are refused from now on. This cannot be undone."
              confirmLabel="Revoke key"
              pending={revoke.isPending}
              pendingLabel="Revoking…"
              error={formErrorMessage(revoke.error)}
            />
          </>
        )}
      </TableCell>
    </TableRow>
  );
}
