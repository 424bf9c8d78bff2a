import { eq } from "drizzle-orm";
import type { Database } from "@/db";
import { memberships, users, workspaces } from "@/db/schema";
import { withTenant } from "@/db/tenant";
import { SYSTEM_ACTOR } from "@/server/audit/actor";
import { recordAudit } from "@/server/audit/record";
import { hashPassword, verifyPassword } from "@/server/auth/password";

/** The demo workspace. Passwords are documented in the README and printed by `npm run demo`. */
export const DEMO = {
  workspace: {
    name: "Acme Store",
    slug: "acme",
    locale: "en-US",
    currency: "USD",
    timezone: "America/New_York",
  },
  owner: { email: "admin@acme.test", name: "Ada Admin", password: "parley-demo-admin" },
  agent: { email: "agent@acme.test", name: "Sam Agent", password: "parley-demo-agent" },
} as const;

export type SeedResult = { workspaceId: string; created: { workspace: boolean; users: number } };

/**
 * Idempotent: a second run finds everything in place and changes nothing (it restores the
 * demo passwords and roles if someone changed them, so the README stays true).
 */
export async function seedDemo(db: Database): Promise<SeedResult> {
  let createdUsers = 0;
  const ensureUser = async (person: { email: string; name: string; password: string }) => {
    const [existing] = await db.select().from(users).where(eq(users.email, person.email)).limit(1);
    if (existing) {
      const stillValid =
        existing.passwordHash && (await verifyPassword(person.password, existing.passwordHash));
      if (!stillValid) {
        await db
          .update(users)
          .set({ passwordHash: await hashPassword(person.password) })
          .where(eq(users.id, existing.id));
      }
      return existing.id;
    }
    createdUsers++;
    const [row] = await db
      .insert(users)
      .values({
        email: person.email,
        name: person.name,
        passwordHash: await hashPassword(person.password),
      })
      .returning({ id: users.id });
    if (!row) throw new Error(`could not create ${person.email}`);
    return row.id;
  };
  const ownerId = await ensureUser(DEMO.owner);
  const agentId = await ensureUser(DEMO.agent);

  // Looked up by slug as the table owner: the seed is an operator's tool, not a tenant request.
  const [found] = await db
    .select({ id: workspaces.id })
    .from(workspaces)
    .where(eq(workspaces.slug, DEMO.workspace.slug))
    .limit(1);
  const workspaceId = found?.id ?? crypto.randomUUID();
  await withTenant(db, workspaceId, async (tx) => {
    if (!found) {
      await tx.insert(workspaces).values({ id: workspaceId, ...DEMO.workspace });
      await recordAudit(tx, workspaceId, SYSTEM_ACTOR, {
        action: "workspace.create",
        entityType: "workspace",
        entityId: workspaceId,
        summary: { source: "seed" },
      });
    }
    for (const [userId, role] of [
      [ownerId, "owner"],
      [agentId, "agent"],
    ] as const) {
      await tx
        .insert(memberships)
        .values({ workspaceId, userId, role })
        .onConflictDoUpdate({
          target: [memberships.workspaceId, memberships.userId],
          set: { role },
        });
    }
  });
  return { workspaceId, created: { workspace: !found, users: createdUsers } };
}
