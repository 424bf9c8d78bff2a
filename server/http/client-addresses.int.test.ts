import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Database } from "@/db";
import { createContext } from "@/server/api/context";
import { createCaller } from "@/server/api/root";
import { resetEnvForTests } from "@/server/env";
import { testDatabase } from "@/test/db";
import { signUpOwner, uniqueEmail } from "@/test/factories";
import { CLIENT_IP_HEADER, markFrontServer } from "./client-address";

/**
 * What the application believes about the client, from request headers as they reach it:
 * forwarding headers a client wrote itself change neither audit addresses nor invitation links.
 */
let db: Database;
beforeAll(async () => {
  db = await testDatabase();
});

afterEach(() => {
  vi.unstubAllEnvs();
  resetEnvForTests();
});

async function ownerWith(headers: Record<string, string>) {
  const { user, workspace } = await signUpOwner(db);
  const ctx = await createContext({
    db,
    headers: new Headers({ host: "parley.test", "x-parley-workspace": workspace.slug, ...headers }),
    getSessionUser: async () => user,
  });
  return createCaller(ctx);
}

const forgedHost = { "x-forwarded-host": "evil.test", "x-forwarded-proto": "https" };

describe("invitation links", () => {
  it("follow the Host header, not a forged X-Forwarded-Host, without TRUST_PROXY", async () => {
    vi.stubEnv("APP_URL", "");
    vi.stubEnv("TRUST_PROXY", "");
    resetEnvForTests();
    const caller = await ownerWith(forgedHost);
    const { inviteUrl } = await caller.workspace.members.invite({
      email: uniqueEmail("invitee"),
      role: "agent",
    });
    expect(inviteUrl).toMatch(/^http:\/\/parley\.test\/invite\//);
  });

  it("follow X-Forwarded-Host when TRUST_PROXY is set (the front server vouched for it)", async () => {
    vi.stubEnv("APP_URL", "");
    vi.stubEnv("TRUST_PROXY", "1");
    resetEnvForTests();
    const caller = await ownerWith({
      "x-forwarded-host": "support.example.com",
      "x-forwarded-proto": "https",
    });
    const { inviteUrl } = await caller.workspace.members.invite({
      email: uniqueEmail("invitee"),
      role: "agent",
    });
    expect(inviteUrl).toMatch(/^https:\/\/support\.example\.com\/invite\//);
  });

  it("use APP_URL whenever it is set", async () => {
    vi.stubEnv("APP_URL", "https://support.example.com/");
    vi.stubEnv("TRUST_PROXY", "1");
    resetEnvForTests();
    const caller = await ownerWith(forgedHost);
    const { inviteUrl } = await caller.workspace.members.invite({
      email: uniqueEmail("invitee"),
      role: "agent",
    });
    expect(inviteUrl).toMatch(/^https:\/\/support\.example\.com\/invite\//);
  });
});

describe("the client address in the audit log", () => {
  it("never comes from X-Forwarded-For or X-Real-IP", async () => {
    markFrontServer();
    const caller = await ownerWith({ "x-forwarded-for": "6.6.6.6", "x-real-ip": "7.7.7.7" });
    await caller.workspace.update({ timezone: "Europe/Berlin" });
    const { items } = await caller.audit.list({ action: "workspace.update" });
    expect(items[0]?.ip).toBeNull();
  });

  it("is the address the front server stamped", async () => {
    markFrontServer();
    const caller = await ownerWith({
      [CLIENT_IP_HEADER]: "198.51.100.4",
      "x-forwarded-for": "6.6.6.6",
    });
    await caller.workspace.update({ timezone: "Europe/Berlin" });
    const { items } = await caller.audit.list({ action: "workspace.update" });
    expect(items[0]?.ip).toBe("198.51.100.4");
  });
});
