import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { CenteredPage } from "@/components/layout/centered-page";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { type Role, roleLabels } from "@/lib/roles";
import { signInUrl } from "@/lib/safe-callback-url";
import { getCurrentUser, getServerCaller } from "@/server/api/server-caller";
import { AcceptInvitationForm, JoinWorkspaceButton, SwitchAccountButton } from "./invite-actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Invitation" };

type InvitePageProps = { params: Promise<{ token: string }> };

async function loadInvitation(token: string) {
  const caller = await getServerCaller();
  try {
    return await caller.auth.invitation({ token });
  } catch (error) {
    if (
      error instanceof TRPCError &&
      (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")
    ) {
      return null;
    }
    throw error;
  }
}

const closedStates = {
  expired: {
    title: "This invitation has expired",
    body: "Invitations are valid for a limited time. Ask a workspace admin to send you a new one.",
  },
  revoked: {
    title: "This invitation was withdrawn",
    body: "A workspace admin revoked it. Ask them for a new invitation if you still need access.",
  },
  accepted: {
    title: "This invitation has already been used",
    body: "If it was you, the workspace is in your list of workspaces once you are signed in.",
  },
} as const;

export default async function InvitePage({ params }: InvitePageProps) {
  const { token } = await params;
  const [invitation, user] = await Promise.all([loadInvitation(token), getCurrentUser()]);
  const invitePath = `/invite/${encodeURIComponent(token)}`;

  if (!invitation) {
    return (
      <CenteredPage title="Invitation not found">
        <p className="text-sm text-zinc-600">
          This link is not valid. Check that you copied the whole link, or ask a workspace admin to
          invite you again.
        </p>
        <ButtonLink href="/" variant="secondary" className="mt-6 w-full">
          Go to Parley
        </ButtonLink>
      </CenteredPage>
    );
  }

  const role = roleLabels[invitation.role as Role] ?? invitation.role;
  const description = (
    <>
      You have been invited to join{" "}
      <strong className="text-zinc-900">{invitation.workspaceName}</strong> as{" "}
      <strong className="text-zinc-900">{role}</strong>.
    </>
  );

  if (invitation.status !== "open") {
    const state = closedStates[invitation.status];
    return (
      <CenteredPage title={state.title} description={description}>
        <p className="text-sm text-zinc-600">{state.body}</p>
        <ButtonLink href={user ? "/" : "/sign-in"} variant="secondary" className="mt-6 w-full">
          {user ? "Go to my workspaces" : "Sign in"}
        </ButtonLink>
      </CenteredPage>
    );
  }

  const title = `Join ${invitation.workspaceName}`;
  const invitedEmail = invitation.email.toLowerCase();

  if (user) {
    if (user.email.toLowerCase() === invitedEmail) {
      return (
        <CenteredPage title={title} description={description}>
          <p className="mb-6 text-sm text-zinc-600">
            Signed in as <span className="font-medium text-zinc-900">{user.email}</span>.
          </p>
          <JoinWorkspaceButton token={token} />
        </CenteredPage>
      );
    }
    return (
      <CenteredPage title={title} description={description}>
        <Alert tone="warning" title="This invitation is for another email address">
          It was sent to <strong>{invitation.email}</strong>, but you are signed in as{" "}
          <strong>{user.email}</strong>. Sign out to continue with this invitation.
        </Alert>
        <SwitchAccountButton callbackUrl={invitePath} />
      </CenteredPage>
    );
  }

  if (invitation.hasAccount) {
    return (
      <CenteredPage title={title} description={description}>
        <p className="text-sm text-zinc-600">
          <span className="font-medium text-zinc-900">{invitation.email}</span> already has a Parley
          account. Sign in to accept the invitation.
        </p>
        <ButtonLink href={signInUrl(invitePath)} className="mt-6 w-full">
          Sign in to accept
        </ButtonLink>
      </CenteredPage>
    );
  }

  return (
    <CenteredPage
      title={title}
      description={description}
      footer={
        <>
          Already use Parley with another email?{" "}
          <Link
            href={signInUrl(invitePath)}
            className="font-medium text-accent-700 hover:underline"
          >
            Sign in
          </Link>
        </>
      }
    >
      <AcceptInvitationForm token={token} email={invitation.email} />
    </CenteredPage>
  );
}
