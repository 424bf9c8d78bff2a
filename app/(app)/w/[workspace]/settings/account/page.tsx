import type { Metadata } from "next";
import { requireWorkspaceAccess } from "@/lib/server/require-workspace";
import { getServerCaller } from "@/server/api/server-caller";
import { ChangePasswordForm } from "./change-password-form";
import { SessionsCard } from "./sessions-card";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Your account" };

type AccountPageProps = { params: Promise<{ workspace: string }> };

/** The signed-in person's own password and devices: for every role, and not per workspace. */
export default async function AccountPage({ params }: AccountPageProps) {
  const { workspace: slug } = await params;
  await requireWorkspaceAccess(slug, `/w/${slug}/settings/account`);
  const caller = await getServerCaller(slug);
  const sessions = await caller.account.sessions();
  return (
    <>
      <SessionsCard sessions={sessions} />
      <ChangePasswordForm />
    </>
  );
}
