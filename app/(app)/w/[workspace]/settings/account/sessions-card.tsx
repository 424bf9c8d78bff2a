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
import { formatDateTime, pluralize } from "@/lib/format";
import type { RouterOutputs } from "@/lib/router-types";
import { signOutTo } from "@/lib/sign-out";
import { formErrorMessage } from "@/lib/trpc-errors";
import { describeUserAgent } from "@/lib/user-agent";

type Session = RouterOutputs["account"]["sessions"][number];

export function SessionsCard({ sessions }: { sessions: Session[] }) {
  const trpc = useTRPC();
  const [confirming, setConfirming] = useState(false);
  const everywhere = useMutation(
    trpc.account.signOutEverywhere.mutationOptions({
      // This browser's session has ended too: clear its cookie and go to sign-in.
      onSuccess: () => signOutTo("/sign-in"),
    }),
  );
  return (
    <Card aria-labelledby="sessions-title">
      <CardHeader
        id="sessions-title"
        title="Signed-in devices"
        description={`${pluralize(sessions.length, "device")} signed in to your account. Sign out any you do not recognise, then change your password.`}
        actions={
          <Button variant="secondary" size="sm" onClick={() => setConfirming(true)}>
            Sign out everywhere
          </Button>
        }
      />
      <ConfirmDialog
        open={confirming}
        onClose={() => {
          setConfirming(false);
          everywhere.reset();
        }}
        onConfirm={() => everywhere.mutate()}
        title="Sign out everywhere?"
        description="Every device signed in to your account, this one included, is signed out at once."
        confirmLabel="Sign out everywhere"
        pending={everywhere.isPending || everywhere.isSuccess}
        pendingLabel="Signing out…"
        error={formErrorMessage(everywhere.error)}
      />
      <Table>
        <TableHead>
          <TableRow>
            <TableHeaderCell>Device</TableHeaderCell>
            <TableHeaderCell>IP address</TableHeaderCell>
            <TableHeaderCell>Signed in</TableHeaderCell>
            <TableHeaderCell>Last active</TableHeaderCell>
            <TableHeaderCell>
              <span className="sr-only">Actions</span>
            </TableHeaderCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {sessions.map((session) => (
            <SessionRow key={session.id} session={session} />
          ))}
        </TableBody>
      </Table>
    </Card>
  );
}

function SessionRow({ session }: { session: Session }) {
  const trpc = useTRPC();
  const router = useRouter();
  const formatting = useDateFormatting();
  const [signingOut, setSigningOut] = useState(false);
  const revoke = useMutation(
    trpc.account.revokeSession.mutationOptions({ onSuccess: () => router.refresh() }),
  );
  const device = describeUserAgent(session.userAgent);

  function signOut() {
    if (session.current) {
      setSigningOut(true);
      void signOutTo("/sign-in");
    } else {
      revoke.mutate({ id: session.id });
    }
  }

  return (
    <TableRow>
      <TableCell className="min-w-48">
        <p className="flex flex-wrap items-center gap-2 font-medium text-zinc-900">
          <span title={session.userAgent ?? undefined}>{device}</span>
          {session.current ? <Badge tone="accent">This device</Badge> : null}
        </p>
        {revoke.error ? (
          <p className="text-xs text-red-700">{formErrorMessage(revoke.error)}</p>
        ) : null}
      </TableCell>
      <TableCell className="font-mono text-xs whitespace-nowrap text-zinc-600">
        {session.ip ?? "Unknown"}
      </TableCell>
      <TableCell className="whitespace-nowrap text-zinc-500">
        {formatDateTime(session.createdAt, formatting)}
      </TableCell>
      <TableCell className="whitespace-nowrap text-zinc-500">
        {formatDateTime(session.lastSeenAt, formatting)}
      </TableCell>
      <TableCell className="text-right">
        <Button
          variant="secondary"
          size="sm"
          aria-label={`Sign out ${device}${session.current ? " (this device)" : ""}`}
          pending={revoke.isPending || signingOut}
          pendingLabel="Signing out…"
          onClick={signOut}
        >
          Sign out
        </Button>
      </TableCell>
    </TableRow>
  );
}
