import type { Metadata } from "next";
import { AdminsOnly } from "@/components/workspace/admins-only";
import { isAtLeast } from "@/lib/roles";
import { requireWorkspaceAccess } from "@/lib/server/require-workspace";
import { getServerCaller } from "@/server/api/server-caller";
import { InvitationsCard } from "./invitations-card";
import { InviteMemberForm } from "./invite-member-form";
import { MembersCard } from "./members-card";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Members & invitations" };

type MembersPageProps = { params: Promise<{ workspace: string }> };

export default async function MembersPage({ params }: MembersPageProps) {
  const { workspace: slug } = await params;
  const { user, role } = await requireWorkspaceAccess(slug, `/w/${slug}/settings/members`);
  if (!isAtLeast(role, "admin")) return <AdminsOnly what="Members and invitations" />;

  const caller = await getServerCaller(slug);
  const [members, invitations] = await Promise.all([
    caller.workspace.members.list(),
    caller.workspace.invitations.list(),
  ]);

  return (
    <>
      <InviteMemberForm viewerRole={role} />
      <MembersCard members={members} viewerRole={role} viewerId={user.id} />
      <InvitationsCard invitations={invitations} />
    </>
  );
}
