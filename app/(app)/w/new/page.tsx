import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { CenteredPage } from "@/components/layout/centered-page";
import { SignOutButton } from "@/components/workspace/sign-out-button";
import { signInUrl } from "@/lib/safe-callback-url";
import { getMyWorkspaces } from "@/lib/server/workspace-access";
import { getCurrentUser } from "@/server/api/server-caller";
import { NewWorkspaceForm } from "./new-workspace-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "New workspace" };

export default async function NewWorkspacePage() {
  const user = await getCurrentUser();
  if (!user) redirect(signInUrl("/w/new"));
  const workspaces = await getMyWorkspaces();
  const first = workspaces[0];

  return (
    <CenteredPage
      title="Create a workspace"
      description={
        first
          ? "A separate space with its own members, data and settings."
          : "You are not a member of any workspace yet. Create one, or ask a teammate to invite you."
      }
      footer={
        first ? (
          <Link
            href={`/w/${encodeURIComponent(first.workspace.slug)}`}
            className="font-medium text-accent-700 hover:underline"
          >
            Back to {first.workspace.name}
          </Link>
        ) : (
          <span className="inline-flex flex-wrap items-center justify-center gap-x-2">
            Signed in as {user.email}
            <SignOutButton />
          </span>
        )
      }
    >
      <NewWorkspaceForm />
    </CenteredPage>
  );
}
