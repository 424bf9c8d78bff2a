/** Roles as the UI shows them; the server is the authority on what each may do. */
export type Role = "owner" | "admin" | "agent";

const RANK: Record<Role, number> = { agent: 1, admin: 2, owner: 3 };

export function isAtLeast(role: Role, minimum: Role): boolean {
  return RANK[role] >= RANK[minimum];
}

export const roleLabels: Record<Role, string> = { owner: "Owner", admin: "Admin", agent: "Agent" };

export const roleDescriptions: Record<Role, string> = {
  owner: "Everything, including deleting the workspace",
  admin: "Settings, members, API keys, training and templates",
  agent: "The inbox and suggested replies",
};

/** The roles a viewer may hand out: only an owner can make someone an owner. */
export function assignableRoles(viewerRole: Role): Role[] {
  return isAtLeast(viewerRole, "owner") ? ["agent", "admin", "owner"] : ["agent", "admin"];
}
