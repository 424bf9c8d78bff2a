import type { ReactNode } from "react";
import { WorkspaceShell } from "@/components/workspace/workspace-shell";
import type { Role } from "@/lib/roles";
import { requireWorkspaceAccess } from "@/lib/server/require-workspace";
import { getMyWorkspaces } from "@/lib/server/workspace-access";

export const dynamic = "force-dynamic";

type WorkspaceLayoutProps = { children: ReactNode; params: Promise<{ workspace: string }> };

export default async function WorkspaceLayout({ children, params }: WorkspaceLayoutProps) {
  const { workspace: slug } = await params;
  const { user, workspace, role } = await requireWorkspaceAccess(slug);
  const memberships = await getMyWorkspaces();

  return (
    <WorkspaceShell
      workspace={{
        slug: workspace.slug,
        name: workspace.name,
        role,
        locale: workspace.locale,
        timezone: workspace.timezone,
      }}
      workspaces={memberships.map((m) => ({
        slug: m.workspace.slug,
        name: m.workspace.name,
        role: m.role as Role,
      }))}
      user={{ name: user.name, email: user.email }}
    >
      {children}
    </WorkspaceShell>
  );
}
