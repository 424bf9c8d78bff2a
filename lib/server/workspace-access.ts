import "server-only";
import { cache } from "react";
import { getDatabase } from "@/db";
import { getCurrentUser } from "@/server/api/server-caller";
import { findAccessBySlug, listWorkspacesForUser } from "@/server/workspaces/access";

/**
 * The current user's access to a workspace, once per request: the layout checks it and the
 * pages below read the role from the same answer. Null when signed out or not a member.
 */
export const getWorkspaceAccess = cache(async (slug: string) => {
  const user = await getCurrentUser();
  if (!user) return null;
  const { db } = await getDatabase();
  return findAccessBySlug(db, user.id, slug);
});

/** Every workspace the current user belongs to, for the switcher and the home redirect. */
export const getMyWorkspaces = cache(async () => {
  const user = await getCurrentUser();
  if (!user) return [];
  const { db } = await getDatabase();
  return listWorkspacesForUser(db, user.id);
});
