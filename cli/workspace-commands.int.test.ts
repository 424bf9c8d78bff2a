import { describe, expect, it } from "vitest";
import { createContext } from "@/server/api/context";
import { createCaller } from "@/server/api/root";
import { testDatabase } from "@/test/db";
import { createApiKeyCommand, createWorkspaceCommand } from "./workspace-commands";

const unique = () => crypto.randomUUID().slice(0, 8);

describe("CLI workspace:create and apikey:create", () => {
  it("creates a workspace with a new owner, then a key that works over the API", async () => {
    const db = await testDatabase();
    const email = `ops-${unique()}@cli.test`;
    const created = await createWorkspaceCommand({
      name: "Globex Support",
      ownerEmail: email,
      password: "correct horse",
    });
    expect(created.owner).toMatchObject({ email, created: true });
    expect(created.workspace.slug).toMatch(/^globex-support/);

    const again = await createWorkspaceCommand({
      name: "Globex Two",
      ownerEmail: email.toUpperCase(),
    });
    expect(again.owner).toMatchObject({ id: created.owner.id, created: false });

    const key = await createApiKeyCommand({
      workspaceSlug: created.workspace.slug,
      name: "helpdesk",
      scope: "write",
    });
    expect(key.key).toMatch(/^pk_/);
    const ctx = await createContext({
      db,
      headers: new Headers({ authorization: `Bearer ${key.key}` }),
      getSessionUser: async () => null,
    });
    const caller = createCaller(ctx);
    expect((await caller.workspace.get()).slug).toBe(created.workspace.slug);
    // Audited as the operator, not as some user.
    const ownerCtx = await createContext({
      db,
      headers: new Headers({ "x-parley-workspace": created.workspace.slug }),
      getSessionUser: async () => ({ id: created.owner.id, email, name: null }),
    });
    const { items } = await createCaller(ownerCtx).audit.list({ action: "api_key.create" });
    expect(items[0]).toMatchObject({ actorType: "system", entityId: key.id });
  });

  it("explains bad input and writes nothing", async () => {
    await expect(
      createWorkspaceCommand({ name: "X", ownerEmail: "not-an-email", password: "longenough" }),
    ).rejects.toThrow("--owner-email: Enter a valid email address");
    await expect(
      createWorkspaceCommand({ name: "X", ownerEmail: `n-${unique()}@cli.test`, password: "abc" }),
    ).rejects.toThrow("--password: Use at least 8 characters");
    await expect(
      createApiKeyCommand({ workspaceSlug: `missing-${unique()}`, name: "k", scope: "read" }),
    ).rejects.toThrow(/no workspace with slug/);
    await expect(
      createApiKeyCommand({ workspaceSlug: "acme", name: "k", scope: "admin" }),
    ).rejects.toThrow(/--scope/);
  });
});
