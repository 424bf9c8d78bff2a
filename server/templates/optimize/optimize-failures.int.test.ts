import { APICallError } from "ai";
import { MockLanguageModelV3 } from "ai/test";
import { beforeAll, describe, expect, it } from "vitest";
import { hangingModel, mockRegistry, NO_AI, streamingModel } from "@/test/ai";
import { catchError } from "@/test/factories";
import { callsOf, deps, good, optimizeDb, setup } from "@/test/optimize-kit";
import { optimizeTemplate } from "./optimize-template";

/**
 * Issue #12, Must show: provider failure, refusal, rate limit and timeout map to clear API errors,
 * every attempt is recorded, and the daily budget refuses further calls.
 */
beforeAll(async () => {
  await optimizeDb();
});

describe("templates.optimize when the provider fails or the budget is spent", () => {
  it("a failing provider is retried with backoff, then reported (BAD_GATEWAY), every attempt recorded", async () => {
    const model = new MockLanguageModelV3({
      doStream: async () => {
        throw new APICallError({
          message: "overloaded",
          url: "http://x",
          requestBodyValues: {},
          statusCode: 503,
          isRetryable: true,
        });
      },
    });
    const { workspace, template } = await setup(NO_AI);
    const started = performance.now();
    const error = await optimizeTemplate(
      deps(workspace.id, mockRegistry({ language: model }), { backoffMs: 20, timeoutMs: 5_000 }),
      { templateId: template.id },
    ).catch((e) => e);
    expect(error).toMatchObject({
      code: "BAD_GATEWAY",
      message: "The AI provider failed (HTTP 503) after 3 attempts. Try again later.",
    });
    expect(model.doStreamCalls).toHaveLength(3);
    expect(performance.now() - started).toBeGreaterThanOrEqual(20 + 40 - 5);
    expect((await callsOf(workspace.id)).map((c) => c.outcome)).toEqual([
      "failed",
      "failed",
      "failed",
    ]);
  });

  it("a refusal (HTTP 401) is not retried and says what to check", async () => {
    const model = new MockLanguageModelV3({
      doStream: async () => {
        throw new APICallError({
          message: "bad key",
          url: "http://x",
          requestBodyValues: {},
          statusCode: 401,
          isRetryable: false,
        });
      },
    });
    const { caller, workspace, template } = await setup(mockRegistry({ language: model }));
    const error = await catchError(caller.templates.optimize({ templateId: template.id }));
    expect(error).toMatchObject({
      code: "BAD_GATEWAY",
      message:
        "The AI provider refused the request: HTTP 401 (check the API key in Settings → AI).",
    });
    expect((await callsOf(workspace.id)).map((c) => c.outcome)).toEqual(["refused"]);
  });

  it("a rate limit longer than the backoff ends the call with the provider's retry time", async () => {
    const model = new MockLanguageModelV3({
      doStream: async () => {
        throw new APICallError({
          message: "slow down",
          url: "http://x",
          requestBodyValues: {},
          statusCode: 429,
          responseHeaders: { "retry-after": "120" },
          isRetryable: true,
        });
      },
    });
    const { caller, template } = await setup(mockRegistry({ language: model }));
    const error = await catchError(caller.templates.optimize({ templateId: template.id }));
    expect(error).toMatchObject({
      code: "TOO_MANY_REQUESTS",
      message: "The AI provider is rate-limiting requests; retry in 120 s.",
    });
  });

  it("a provider that does not answer in time is aborted and reported as timed out", async () => {
    const model = hangingModel();
    const { workspace, template } = await setup(NO_AI);
    const error = await optimizeTemplate(
      deps(workspace.id, mockRegistry({ language: model }), { backoffMs: 1, timeoutMs: 100 }),
      { templateId: template.id },
    ).catch((e) => e);
    expect(error).toMatchObject({
      code: "GATEWAY_TIMEOUT",
      message: "The AI provider did not answer within 1 s. Try again later.",
    });
    expect(model.doStreamCalls[0]?.abortSignal?.aborted).toBe(true);
    const [call] = await callsOf(workspace.id);
    expect(call).toMatchObject({ outcome: "timed_out", error: "timed out" });
    expect(call?.latencyMs).toBeGreaterThanOrEqual(90);
  });

  it("the daily budget refuses further calls with a clear error", async () => {
    const { caller, workspace, template } = await setup(
      mockRegistry({ language: streamingModel([good]) }),
    );
    await caller.ai.settings.update({
      enabled: true,
      provider: "default",
      baseUrl: null,
      models: {},
      dailyCallLimit: 1,
      dailyTokenLimit: null,
    });
    await caller.templates.optimize({ templateId: template.id });
    const error = await catchError(caller.templates.optimize({ templateId: template.id }));
    expect(error).toMatchObject({
      code: "TOO_MANY_REQUESTS",
      message:
        "This workspace's daily AI budget is spent (1 of 1 AI calls today). It resets at 00:00 UTC; an admin can raise it in Settings → AI.",
    });
    expect(await callsOf(workspace.id)).toHaveLength(1);
    const usage = await caller.ai.usage({});
    expect(usage.today).toEqual({ calls: 1, tokens: 160 });
    expect(usage.days).toEqual([
      expect.objectContaining({
        useCase: "optimize",
        calls: 1,
        failures: 0,
        inputTokens: 120,
        outputTokens: 40,
      }),
    ]);
  });

  it("a token budget counts input and output tokens", async () => {
    const { caller, template } = await setup(mockRegistry({ language: streamingModel([good]) }));
    await caller.ai.settings.update({
      enabled: true,
      provider: "default",
      baseUrl: null,
      models: {},
      dailyCallLimit: null,
      dailyTokenLimit: 150,
    });
    await caller.templates.optimize({ templateId: template.id });
    const error = await catchError(caller.templates.optimize({ templateId: template.id }));
    expect(error.message).toContain("(160 of 150 AI tokens today)");
  });
});
