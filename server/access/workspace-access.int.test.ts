import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { AppError } from "@/server/errors";
import { testDatabase } from "@/test/db";
import { addMember, createKey, signUpOwner } from "@/test/factories";
import { resolveCaller } from "./caller";
import { runInWorkspace } from "./run-in-workspace";
import { resolveWorkspaceAccess, systemAccess } from "./workspace-access";

let db: Database;
beforeAll(async () => {
  db = await testDatabase();
});

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "ok";
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

function bearer(key: string) {
  return resolveCaller({
    db,
    headers: new Headers({ authorization: `Bearer ${key}` }),
    getSessionUser: async () => {
      throw new Error("a Bearer key must win over the session");
    },
  });
}

describe("the access check every entrance uses", () => {
  it("admits members by slug with their role; strangers and unknown slugs are the same NOT_FOUND", async () => {
    const { user, workspace } = await signUpOwner(db);
    const { user: agent } = await addMember(db, workspace, "agent");
    const stranger = await signUpOwner(db);
    const asUser = (u: typeof user, slug: string | null, intent: "read" | "write" = "read") =>
      resolveWorkspaceAccess(
        db,
        {
          actor: { type: "user", userId: u.id, email: u.email, name: u.name },
          rejectedApiKey: false,
        },
        { workspaceSlug: slug, intent, ip: "203.0.113.9" },
      );
    const owner = await asUser(user, workspace.slug, "write");
    expect(owner.workspace.id).toBe(workspace.id);
    expect(owner.actor).toMatchObject({ type: "user", role: "owner", ip: "203.0.113.9" });
    expect((await asUser(agent, workspace.slug)).actor.role).toBe("agent");
    expect(await codeOf(asUser(stranger.user, workspace.slug))).toBe("NOT_FOUND");
    expect(await codeOf(asUser(user, "no-such-workspace"))).toBe("NOT_FOUND");
    expect(await codeOf(asUser(user, null))).toBe("BAD_REQUEST");
    expect(
      await codeOf(
        resolveWorkspaceAccess(
          db,
          { actor: null, rejectedApiKey: false },
          {
            workspaceSlug: workspace.slug,
            intent: "read",
            ip: null,
          },
        ),
      ),
    ).toBe("UNAUTHORIZED");
  });

  it("keys act in their own workspace only; read keys cannot write; revoked keys are refused", async () => {
    const { workspace, caller } = await signUpOwner(db);
    const other = await signUpOwner(db);
    const read = await createKey(db, caller, "read");
    const write = await createKey(db, caller, "write");
    const request = (slug: string | null, intent: "read" | "write") => ({
      workspaceSlug: slug,
      intent,
      ip: null,
    });
    const readCaller = await bearer(read.key);
    expect((await resolveWorkspaceAccess(db, readCaller, request(null, "read"))).actor.role).toBe(
      "agent",
    );
    expect(await codeOf(resolveWorkspaceAccess(db, readCaller, request(null, "write")))).toBe(
      "FORBIDDEN",
    );
    const writeCaller = await bearer(write.key);
    expect(
      (await resolveWorkspaceAccess(db, writeCaller, request(workspace.slug, "write"))).actor.role,
    ).toBe("admin");
    expect(
      await codeOf(resolveWorkspaceAccess(db, writeCaller, request(other.workspace.slug, "read"))),
    ).toBe("FORBIDDEN");

    await caller.apiKeys.revoke({ id: read.id });
    const revoked = await bearer(read.key);
    expect(revoked).toEqual({ actor: null, rejectedApiKey: true, sessionId: null });
    expect(await codeOf(resolveWorkspaceAccess(db, revoked, request(null, "read")))).toBe(
      "UNAUTHORIZED",
    );
  });

  it("gives the worker and CLI a system scope that is audited as system", async () => {
    const { workspace, caller } = await signUpOwner(db);
    const access = await systemAccess(db, workspace.id);
    expect(access.actor).toEqual({ type: "system", role: "owner", ip: null });
    await runInWorkspace(db, access, (scope) =>
      scope.audit({ action: "system.check", entityType: "workspace" }),
    );
    const { items } = await caller.audit.list({ action: "system.check" });
    expect(items).toHaveLength(1);
    expect(items[0]?.actorType).toBe("system");
    expect(await codeOf(systemAccess(db, crypto.randomUUID()))).toBe("NOT_FOUND");
  });
});
