import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { aiSettings } from "@/db/schema";
import { mockRegistry, NO_AI, streamingModel } from "@/test/ai";
import { addMember, catchError } from "@/test/factories";
import { callsOf, deps, good, ORIGINAL, optimizeDb, setup } from "@/test/optimize-kit";
import { getTemplate } from "../store/read-template";

/**
 * Issue #12, Must show: with no provider (or AI switched off) optimisation works and says it is
 * rule-based; Settings → AI keeps keys encrypted and is for admins only.
 */
let db: Database;
beforeAll(async () => {
  db = await optimizeDb();
});

describe("templates.optimize without a provider", () => {
  it("runs the local optimiser, says plainly it is not AI-written, and calls nothing", async () => {
    const { caller, workspace, template } = await setup(NO_AI);
    const result = await caller.templates.optimize({ templateId: template.id });
    expect(result).toMatchObject({
      source: "local",
      model: null,
      notice: expect.stringContaining("No AI provider is configured"),
    });
    expect(result.notice).toContain("not AI-written");
    expect(result.optimizedTemplate).toBe(`${ORIGINAL}\n\nBest regards`);
    expect(result.findings.map((f) => f.rule)).toContain("closing");
    expect(await callsOf(workspace.id)).toEqual([]);
    const accepted = await caller.templates.optimizations.accept({ id: result.optimizationId });
    const [v2] = await caller.templates.versions.list({ id: template.id });
    expect(v2?.changeSummary).toBe("accepted local optimiser (rule-based, not AI)");
    expect(accepted.content).toBe(result.optimizedTemplate);
  });

  it("the off switch stops provider calls even when one is configured", async () => {
    const model = streamingModel([good]);
    const { caller, template } = await setup(mockRegistry({ language: model }));
    await caller.ai.settings.update({
      enabled: false,
      provider: "default",
      baseUrl: null,
      models: {},
      dailyCallLimit: null,
      dailyTokenLimit: null,
    });
    const result = await caller.templates.optimize({ templateId: template.id });
    expect(result).toMatchObject({
      source: "local",
      notice: expect.stringContaining("AI is switched off"),
    });
    expect(model.doStreamCalls).toHaveLength(0);
  });

  it("discard keeps the proposal in the history as discarded and changes nothing", async () => {
    const { caller, template } = await setup(NO_AI);
    const result = await caller.templates.optimize({ templateId: template.id, goal: "shorter" });
    await caller.templates.optimizations.discard({ id: result.optimizationId });
    const [row] = await caller.templates.optimizations.list({ templateId: template.id });
    expect(row).toMatchObject({ status: "discarded", goal: "shorter", acceptedVersion: null });
    expect((await caller.templates.get({ id: template.id })).currentVersion).toBe(1);
  });
});

describe("Settings → AI", () => {
  it("stores a workspace key encrypted, never returns it, and keeps it out of the audit log", async () => {
    const { caller, workspace } = await setup(NO_AI);
    const key = "sk-test-0123456789abcdef";
    const view = await caller.ai.settings.update({
      enabled: true,
      provider: "openai",
      baseUrl: null,
      models: { optimize: "gpt-4.1" },
      apiKey: key,
      dailyCallLimit: 50,
      dailyTokenLimit: null,
    });
    expect(view).toMatchObject({
      provider: "openai",
      apiKeyHint: "…cdef",
      apiKeyUnreadable: false,
      models: { optimize: "gpt-4.1" },
      dailyCallLimit: 50,
    });
    expect(JSON.stringify(view)).not.toContain(key);
    const [row] = await db
      .select()
      .from(aiSettings)
      .where(eq(aiSettings.workspaceId, workspace.id));
    expect(row?.apiKeyCiphertext).toMatch(/^v1\./);
    expect(row?.apiKeyCiphertext).not.toContain(key);
    const audit = await caller.audit.list({});
    expect(JSON.stringify(audit)).not.toContain(key);
    // Saving again without a key keeps it; null removes it.
    expect(
      (
        await caller.ai.settings.update({
          enabled: true,
          provider: "openai",
          baseUrl: null,
          models: {},
          dailyCallLimit: null,
          dailyTokenLimit: null,
        })
      ).apiKeyHint,
    ).toBe("…cdef");
    expect(
      (
        await caller.ai.settings.update({
          enabled: true,
          provider: "openai",
          baseUrl: null,
          models: {},
          apiKey: null,
          dailyCallLimit: null,
          dailyTokenLimit: null,
        })
      ).apiKeyHint,
    ).toBeNull();
  });

  it("is for admins: an agent is refused settings, usage and optimisation", async () => {
    const { workspace, template } = await setup(NO_AI);
    const { caller: agent } = await addMember(db, workspace, "agent");
    expect((await catchError(agent.ai.settings.get())).code).toBe("FORBIDDEN");
    expect((await catchError(agent.ai.usage({}))).code).toBe("FORBIDDEN");
    expect((await catchError(agent.templates.optimize({ templateId: template.id }))).code).toBe(
      "FORBIDDEN",
    );
    // Agents may read where a wording came from.
    expect(await agent.templates.optimizations.list({ templateId: template.id })).toEqual([]);
  });
});

describe("template scope helper", () => {
  it("reads the template the tests optimise", async () => {
    const { workspace, template } = await setup(NO_AI);
    const read = await deps(workspace.id, NO_AI).inTenant((scope) =>
      getTemplate(scope, template.id),
    );
    expect(read.content).toBe(ORIGINAL);
  });
});
