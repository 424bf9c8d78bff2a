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
import { formatDate } from "@/lib/format";
import { type Role, roleLabels } from "@/lib/roles";
import type { RouterOutputs } from "@/lib/router-types";
import { formErrorMessage } from "@/lib/trpc-errors";

type Invitation = RouterOutputs["workspace"]["invitations"]["list"][number];

export function InvitationsCard({ invitations }: { invitations: Invitation[] }) {
  return (
    <Card aria-labelledby="invitations-title">
      <CardHeader
        id="invitations-title"
        title="Open invitations"
        description="Sent and not yet accepted. Revoking one makes its link stop working."
      />
      {invitations.length === 0 ? (
        <p className="px-5 py-8 text-center text-sm text-zinc-500">No open invitations.</p>
      ) : (
        <Table>
          <TableHead>
            <TableRow>
              <TableHeaderCell>Email</TableHeaderCell>
              <TableHeaderCell>Role</TableHeaderCell>
              <TableHeaderCell>Invited by</TableHeaderCell>
              <TableHeaderCell>Expires</TableHeaderCell>
              <TableHeaderCell>E-mail</TableHeaderCell>
              <TableHeaderCell>
                <span className="sr-only">Actions</span>
              </TableHeaderCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {invitations.map((invitation) => (
              <InvitationRow key={invitation.id} invitation={invitation} />
            ))}
          </TableBody>
        </Table>
      )}
    </Card>
  );
}

function InvitationRow({ invitation }: { invitation: Invitation }) {
  const trpc = useTRPC();
  const router = useRouter();
  const formatting = useDateFormatting();
  const [confirming, setConfirming] = useState(false);
  const revoke = useMutation(
    trpc.workspace.invitations.revoke.mutationOptions({
      onSuccess: () => {
        setConfirming(false);
        router.refresh();
      },
    }),
  );
  const inviter = invitation.invitedBy;

  return (
    <TableRow>
      <TableCell className="font-medium text-zinc-900">{invitation.email}</TableCell>
      <TableCell>
        <Badge>{roleLabels[invitation.role as Role]}</Badge>
      </TableCell>
      <TableCell className="text-zinc-500">
        {inviter ? (inviter.name ?? inviter.email) : "—"}
      </TableCell>
      <TableCell className="whitespace-nowrap text-zinc-500">
        {formatDate(invitation.expiresAt, formatting)}
      </TableCell>
      <TableCell className="text-zinc-500">
        <EmailStatus status={invitation.emailStatus} error={invitation.emailError} />
      </TableCell>
      <TableCell className="text-right">
        <Button variant="secondary" size="sm" onClick={() => setConfirming(true)}>
          Revoke
        </Button>
        <ConfirmDialog
          open={confirming}
          onClose={() => {
            setConfirming(false);
            revoke.reset();
          }}
          onConfirm={() => revoke.mutate({ id: invitation.id })}
          title="Revoke this invitation?"
          description={`The link sent to ${invitation.email} will stop working. You can invite them again later.`}
          confirmLabel="Revoke invitation"
          pending={revoke.isPending}
          pendingLabel="Revoking…"
          error={formErrorMessage(revoke.error)}
        />
      </TableCell>
    </TableRow>
  );
}

/** The invitation e-mail job's outcome, as the invitation row records it. */
function EmailStatus({ status, error }: { status: string | null; error: string | null }) {
  if (status === "sent") return <span>Delivered</span>;
  if (status === "queued") return <span>Sending…</span>;
  if (status === "retrying" || status === "failed") {
    return (
      <span className="text-amber-700" title={error ?? undefined} data-testid="email-not-delivered">
        E-mail not delivered — the link still works
        {status === "retrying" ? " (retrying)" : ""}
      </span>
    );
  }
  return <span>Link only</span>;
}
