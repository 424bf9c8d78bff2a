import "server-only";
import { notFound, redirect } from "next/navigation";
import type { Role } from "@/lib/roles";
import { signInUrl } from "@/lib/safe-callback-url";
import { getCurrentUser } from "@/server/api/server-caller";
import { getWorkspaceAccess } from "./workspace-access";

/**
 * The signed-in user's access to the workspace in the URL, or the way out: sign in (coming back
 * to `returnTo`) or a 404 for a workspace that does not exist or is not theirs (the same answer
 * for both, so slugs cannot be probed). Cached per request, so the layout and the page share it.
 */
export async function requireWorkspaceAccess(slug: string, returnTo = `/w/${slug}`) {
  const user = await getCurrentUser();
  if (!user) redirect(signInUrl(returnTo));
  const access = await getWorkspaceAccess(slug);
  if (!access) notFound();
  return { user, workspace: access.workspace, role: access.role as Role };
}
