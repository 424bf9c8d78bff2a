"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTRPC } from "@/components/providers/trpc-react-provider";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Select } from "@/components/ui/select";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeaderCell,
  TableRow,
} from "@/components/ui/table";
import { useDateFormatting } from "@/components/workspace/workspace-context";
import { formatDate, pluralize } from "@/lib/format";
import { assignableRoles, isAtLeast, type Role, roleLabels } from "@/lib/roles";
import type { RouterOutputs } from "@/lib/router-types";
import { formErrorMessage } from "@/lib/trpc-errors";

type Member = RouterOutputs["workspace"]["members"]["list"][number];

type MembersCardProps = { members: Member[]; viewerRole: Role; viewerId: string };

export function MembersCard({ members, viewerRole, viewerId }: MembersCardProps) {
  return (
    <Card aria-labelledby="members-title">
      <CardHeader
        id="members-title"
        title="Members"
        description={pluralize(members.length, "member")}
      />
      <Table>
        <TableHead>
          <TableRow>
            <TableHeaderCell>Member</TableHeaderCell>
            <TableHeaderCell>Role</TableHeaderCell>
            <TableHeaderCell>Joined</TableHeaderCell>
            <TableHeaderCell>
              <span className="sr-only">Actions</span>
            </TableHeaderCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {members.map((member) => (
            <MemberRow
              key={member.userId}
              member={member}
              viewerRole={viewerRole}
              isViewer={member.userId === viewerId}
            />
          ))}
        </TableBody>
      </Table>
    </Card>
  );
}

type MemberRowProps = { member: Member; viewerRole: Role; isViewer: boolean };

function MemberRow({ member, viewerRole, isViewer }: MemberRowProps) {
  const trpc = useTRPC();
  const router = useRouter();
  const formatting = useDateFormatting();
  const [confirming, setConfirming] = useState(false);
  const memberRole = member.role as Role;
  const changeRole = useMutation(
    trpc.workspace.members.changeRole.mutationOptions({ onSuccess: () => router.refresh() }),
  );
  const remove = useMutation(
    trpc.workspace.members.remove.mutationOptions({
      onSuccess: () => {
        setConfirming(false);
        router.refresh();
      },
    }),
  );

  // Admins manage agents and admins; only owners touch owners. Nobody edits themselves here.
  const canManage = !isViewer && (memberRole !== "owner" || isAtLeast(viewerRole, "owner"));
  const who = member.name ?? member.email;
  const roleError = formErrorMessage(changeRole.error);

  return (
    <TableRow>
      <TableCell className="min-w-56">
        <div className="flex min-w-0 items-center gap-2">
          <div className="min-w-0">
            <p className="truncate font-medium text-zinc-900">{member.name ?? "—"}</p>
            <p className="truncate text-xs text-zinc-500">{member.email}</p>
          </div>
          {isViewer ? <Badge tone="accent">You</Badge> : null}
        </div>
      </TableCell>
      <TableCell>
        {canManage ? (
          <div className="space-y-1">
            <Select
              aria-label={`Role of ${member.email}`}
              className="h-8 w-32 text-sm"
              value={
                changeRole.variables && !changeRole.isError ? changeRole.variables.role : memberRole
              }
              disabled={changeRole.isPending}
              onChange={(event) =>
                changeRole.mutate({ userId: member.userId, role: event.target.value as Role })
              }
              options={assignableRoles(viewerRole).map((role) => ({
                value: role,
                label: roleLabels[role],
              }))}
            />
            {roleError ? <p className="text-xs text-red-600">{roleError}</p> : null}
          </div>
        ) : (
          <Badge tone={memberRole === "owner" ? "accent" : "neutral"}>
            {roleLabels[memberRole]}
          </Badge>
        )}
      </TableCell>
      <TableCell className="whitespace-nowrap text-zinc-500">
        {formatDate(member.joinedAt, formatting)}
      </TableCell>
      <TableCell className="text-right">
        {canManage ? (
          <>
            <Button
              variant="ghost"
              size="sm"
              className="text-red-700 hover:bg-red-50"
              onClick={() => setConfirming(true)}
            >
              Remove
            </Button>
            <ConfirmDialog
              open={confirming}
              onClose={() => {
                setConfirming(false);
                remove.reset();
              }}
              onConfirm={() => remove.mutate({ userId: member.userId })}
              title={`Remove ${who}?`}
              description={`${member.email} will lose access to this workspace at once. You can invite them again later.`}
              confirmLabel="Remove member"
              pending={remove.isPending}
              pendingLabel="Removing…"
              error={formErrorMessage(remove.error)}
            />
          </>
        ) : null}
      </TableCell>
    </TableRow>
  );
}
