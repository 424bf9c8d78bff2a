import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { conversations, memberships, templates, users } from "@/db/schema";
import { withTenant } from "@/db/tenant";
import { checkCredentials } from "@/server/auth/credentials";
import { testDatabase } from "@/test/db";
import { DEMO, seedDemo } from "./seed";

describe("demo seed", () => {
  it("is idempotent: a second run finds the same workspace and creates nothing", async () => {
    const db = await testDatabase();
    const first = await seedDemo(db);
    const second = await seedDemo(db);
    expect(second.workspaceId).toBe(first.workspaceId);
    expect(second.created).toEqual({ workspace: false, users: 0, templates: 0, messages: 0 });
    const inbox = await withTenant(db, first.workspaceId, (tx) =>
      tx
        .select({ status: conversations.status, customer: conversations.customer })
        .from(conversations)
        .where(eq(conversations.source, "demo")),
    );
    expect(inbox.length).toBe(8);
    expect(inbox.every((c) => c.status === "open" && c.customer.orderNumbers?.length)).toBe(true);
    const demoTemplates = await withTenant(db, first.workspaceId, (tx) =>
      tx.select({ name: templates.name, status: templates.status }).from(templates),
    );
    expect(demoTemplates.length).toBeGreaterThanOrEqual(29);
    expect(demoTemplates.map((t) => t.name)).toContain("Order Status Inquiry");

    const members = await withTenant(db, first.workspaceId, (tx) =>
      tx
        .select({ role: memberships.role, email: users.email })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId)),
    );
    expect(members.sort((a, b) => a.email.localeCompare(b.email))).toEqual([
      { role: "owner", email: DEMO.owner.email },
      { role: "agent", email: DEMO.agent.email },
    ]);
    // The first seed also trains the demo model (server/training/seed.ts): a few seconds more.
  }, 90_000);

  it("leaves the documented demo passwords working", async () => {
    const db = await testDatabase();
    await seedDemo(db);
    const result = await checkCredentials(db, {
      email: DEMO.owner.email,
      password: DEMO.owner.password,
      ip: null,
    });
    expect(result.ok).toBe(true);
  });
});
