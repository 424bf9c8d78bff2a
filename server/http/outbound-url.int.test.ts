import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Database } from "@/db";
import { createProviderRegistry } from "@/server/ai/registry";
import { resetEnvForTests } from "@/server/env";
import { type AiStub, startAiStub } from "@/test/ai-stub-server";
import { testDatabase } from "@/test/db";
import { callerFor, signUpOwner } from "@/test/factories";
import { orderStatusDraft } from "@/test/template-drafts";

/**
 * The SSRF guard through the API: an admin cannot point the workspace's AI server or the inbox
 * webhook at the server's own network (the reason is in the error), unless the operator allowed
 * the host in OUTBOUND_ALLOW_HOSTS; and a URL stored earlier is checked again at call time.
 */
let db: Database;
let stub: AiStub;
let owner: Awaited<ReturnType<typeof signUpOwner>>;

const allow = (hosts: string) => {
  vi.stubEnv("OUTBOUND_ALLOW_HOSTS", hosts);
  resetEnvForTests();
};

/** A server with no provider of its own: only the workspace's settings name one. */
const registry = (allowHosts: string | undefined) =>
  createProviderRegistry({
    OPENAI_API_KEY: undefined,
    ANTHROPIC_API_KEY: undefined,
    AI_BASE_URL: undefined,
    AI_API_KEY: undefined,
    AI_MODEL: undefined,
    AI_EMBEDDING_MODEL: undefined,
    OUTBOUND_ALLOW_HOSTS: allowHosts,
  });

const aiSettings = (baseUrl: string) => ({
  enabled: true,
  provider: "openai-compatible" as const,
  baseUrl,
  models: { optimize: "stub-model" },
  dailyCallLimit: null,
  dailyTokenLimit: null,
});

beforeAll(async () => {
  db = await testDatabase();
  stub = await startAiStub({ chunkSize: 50 });
  owner = await signUpOwner(db);
});
afterEach(() => {
  vi.unstubAllEnvs();
  resetEnvForTests();
});
afterAll(() => stub.close());

describe("admin-set outbound URLs", () => {
  it("are refused with the reason when they reach a private range", async () => {
    allow("");
    await expect(
      owner.caller.ai.settings.update(aiSettings("http://169.254.169.254/latest/v1")),
    ).rejects.toThrow(/link-local address \(169\.254\.0\.0\/16, cloud metadata\)/);
    await expect(
      owner.caller.inbox.settings.update({ outboundUrl: "http://2130706433:8080/replies" }),
    ).rejects.toThrow(/loopback address \(127\.0\.0\.0\/8\).*OUTBOUND_ALLOW_HOSTS/);
    await expect(
      owner.caller.inbox.settings.update({ outboundUrl: "http://[::ffff:10.0.0.1]/" }),
    ).rejects.toThrow(/private address \(10\.0\.0\.0\/8\) in IPv6 form/);
    // Nothing was saved.
    expect((await owner.caller.ai.settings.get()).provider).toBe("default");
    expect((await owner.caller.inbox.settings.get()).outboundUrl).toBeNull();
  });

  it("OUTBOUND_ALLOW_HOSTS lets the operator's own hosts through", async () => {
    allow("127.0.0.1");
    await owner.caller.ai.settings.update(aiSettings(`${stub.url}`));
    await owner.caller.inbox.settings.update({ outboundUrl: "http://127.0.0.1:9/replies" });
    expect((await owner.caller.inbox.settings.get()).outboundUrl).toBe(
      "http://127.0.0.1:9/replies",
    );
  });

  it("a stored AI server URL is checked again before each call", async () => {
    const template = await owner.caller.templates.create(orderStatusDraft());
    // The URL saved above (allowed then); this server's allow-list no longer names the host.
    const guarded = await callerFor(
      db,
      { user: owner.user, slug: owner.workspace.slug },
      { ai: registry(undefined) },
    );
    const before = stub.requests.length;
    await expect(guarded.templates.optimize({ templateId: template.id })).rejects.toThrow(
      /refused the request: the workspace's server URL points at a loopback address/,
    );
    expect(stub.requests.length).toBe(before);
    const calls = await owner.caller.ai.usage({});
    expect(calls.recent[0]).toMatchObject({ outcome: "refused" });
    // With the host allowed, the same stored URL works.
    const allowed = await callerFor(
      db,
      { user: owner.user, slug: owner.workspace.slug },
      { ai: registry("127.0.0.1") },
    );
    const result = await allowed.templates.optimize({ templateId: template.id });
    expect(result.source).toBe("ai");
    expect(stub.requests.length).toBe(before + 1);
  });
});
