import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { readRows } from "@/db/migrate";
import { templateFavourites } from "@/db/schema";
import { withTenant } from "@/db/tenant";
import { testDatabase } from "@/test/db";
import { addMember, catchError, createKey, signUpOwner } from "@/test/factories";
import { orderStatusDraft, refundPolicyDraft } from "@/test/template-drafts";

let db: Database;
beforeAll(async () => {
  db = await testDatabase();
});

describe("template favourites", () => {
  it("an agent stars templates for themself only, and lists just those", async () => {
    const { caller, workspace } = await signUpOwner(db, { workspaceName: "Favourites" });
    const order = await caller.templates.create(orderStatusDraft());
    await caller.templates.create(refundPolicyDraft());
    const agent = await addMember(db, workspace, "agent");
    const other = await addMember(db, workspace, "agent");

    expect(await agent.caller.templates.favourites.set({ id: order.id, favourite: true })).toEqual({
      id: order.id,
      favourite: true,
    });
    // Starring twice is harmless.
    await agent.caller.templates.favourites.set({ id: order.id, favourite: true });
    expect(await agent.caller.templates.favourites.list()).toEqual([order.id]);
    const mine = await agent.caller.templates.list({ favourites: true });
    expect(mine.items.map((t) => t.name)).toEqual(["Order status"]);
    expect(mine.total).toEqual({ count: 1, capped: false });

    expect(await other.caller.templates.favourites.list()).toEqual([]);
    expect((await other.caller.templates.list({ favourites: true })).items).toEqual([]);

    await agent.caller.templates.favourites.set({ id: order.id, favourite: false });
    expect(await agent.caller.templates.favourites.list()).toEqual([]);
  });

  it("keys have none, and another workspace's template cannot be starred", async () => {
    const a = await signUpOwner(db, { workspaceName: "Fav A" });
    const b = await signUpOwner(db, { workspaceName: "Fav B" });
    const secret = await a.caller.templates.create(orderStatusDraft());
    const stranger = await catchError(
      b.caller.templates.favourites.set({ id: secret.id, favourite: true }),
    );
    expect(stranger.code).toBe("NOT_FOUND");
    const { caller: key } = await createKey(db, a.caller, "write");
    const keyed = await catchError(
      key.templates.favourites.set({ id: secret.id, favourite: true }),
    );
    expect(keyed.code).toBe("BAD_REQUEST");
    expect(await key.templates.favourites.list()).toEqual([]);

    // Forced RLS: inside B's tenant, A's favourites do not exist, and none can be planted.
    await a.caller.templates.favourites.set({ id: secret.id, favourite: true });
    await withTenant(db, b.workspace.id, async (tx) => {
      const rows = readRows<{ n: number }>(
        await tx.execute(sql`select count(*)::int as n from template_favourites`),
      );
      expect(rows[0]?.n).toBe(0);
    });
    const plant = withTenant(db, b.workspace.id, (tx) =>
      tx.insert(templateFavourites).values({
        workspaceId: a.workspace.id,
        userId: b.user.id,
        templateId: secret.id,
      }),
    );
    await expect(plant).rejects.toThrow();
  });
});
