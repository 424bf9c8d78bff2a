import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { createParleyClient } from "@/sdk/parley-client";
import { createContext } from "@/server/api/context";
import { appRouter } from "@/server/api/root";
import { optimizeStreamResponse } from "@/server/templates/optimize/optimize-stream";
import { type AiStub, STUB_OPENING, startAiStub } from "@/test/ai-stub-server";
import { testDatabase } from "@/test/db";
import { createKey, signUpOwner } from "@/test/factories";
import { orderStatusDraft } from "@/test/template-drafts";
import { openAiSession } from "./ai-session";
import { aiEmbed } from "./embed";
import { createProviderRegistry } from "./registry";

/**
 * Issue #12, Must show: with AI_BASE_URL pointing at an OpenAI-compatible server (a stub on
 * 127.0.0.1), templates.optimize works through the typed client with an API key, and the
 * editor's streamed route delivers the rewrite in pieces. The real provider package talks HTTP.
 */
let db: Database;
let stub: AiStub;
let registry: ReturnType<typeof createProviderRegistry>;

const env = (url: string) => ({
  AI_BASE_URL: url,
  AI_API_KEY: "stub-key-123",
  AI_MODEL: "stub-model",
  AI_EMBEDDING_MODEL: "stub-embed",
  OPENAI_API_KEY: undefined,
  ANTHROPIC_API_KEY: undefined,
});

beforeAll(async () => {
  db = await testDatabase();
  stub = await startAiStub({ chunkSize: 10 });
  registry = createProviderRegistry(env(stub.url));
});
afterAll(() => stub.close());

/** Rate-limit tokens left after each HTTP call, as the API told the client. */
const remaining: number[] = [];

/** The typed client, its HTTP requests answered in-process by the real tRPC fetch handler. */
function clientFor(apiKey: string) {
  return createParleyClient({
    url: "http://parley.test",
    apiKey,
    fetch: async (input, init) => {
      const req = new Request(input as string, init as RequestInit);
      const response = await fetchRequestHandler({
        endpoint: "/api/trpc",
        req,
        router: appRouter,
        allowMethodOverride: true,
        createContext: ({ resHeaders }) =>
          createContext({
            db,
            headers: req.headers,
            getSessionUser: async () => null,
            resHeaders,
            ai: registry,
          }),
      });
      remaining.push(Number(response.headers.get("x-ratelimit-remaining")));
      return response;
    },
  });
}

describe("an OpenAI-compatible server from the environment", () => {
  it("templates.optimize through the typed client with a write key", async () => {
    const owner = await signUpOwner(db);
    const template = await owner.caller.templates.create(orderStatusDraft());
    const { key } = await createKey(db, owner.caller, "write");
    const client = clientFor(key);
    const result = await client.templates.optimize.mutate({
      templateId: template.id,
      goal: "warmer",
    });
    expect(result).toMatchObject({
      source: "ai",
      model: "openai-compatible:stub-model",
      notice: null,
    });
    expect(result.optimizedTemplate).toBe(
      `${STUB_OPENING} ${template.content}\n\nWe are happy to help.`,
    );
    expect(result.improvementAreas).toEqual([
      { area: "Tone", change: "Warmer opening and a closing line." },
    ]);
    const call = stub.requests.at(-1);
    expect(call?.path).toBe("/v1/chat/completions");
    expect(call?.authorization).toBe("Bearer stub-key-123");
    expect(call?.body).toMatchObject({ model: "stub-model", stream: true });
    // The key's call was recorded against the workspace with the stub's token counts.
    const usage = await owner.caller.ai.usage({});
    expect(usage.days).toEqual([
      expect.objectContaining({ useCase: "optimize", calls: 1, inputTokens: 180 }),
    ]);
    const accepted = await client.templates.optimizations.accept.mutate({
      id: result.optimizationId,
    });
    expect(accepted.currentVersion).toBe(2);
    // An AI call costs an API key ten rate-limit tokens (meta.cost; the bucket's arithmetic is
    // tested in server/access/rate-limit.int.test.ts), and the client saw the key's quota headers.
    const meta = (
      appRouter._def.procedures as unknown as Record<string, { _def: { meta?: unknown } }>
    )["templates.optimize"]?._def.meta;
    expect(meta).toEqual({ cost: 10 });
    expect(remaining.every((n) => Number.isFinite(n) && n > 0)).toBe(true);
    // A read key may not spend the workspace's AI budget.
    const { key: readKey } = await createKey(db, owner.caller, "read");
    await expect(
      clientFor(readKey).templates.optimize.mutate({ templateId: template.id }),
    ).rejects.toThrow();
  });

  it("the editor's route streams the rewrite as NDJSON deltas, then the proposal", async () => {
    const owner = await signUpOwner(db);
    const template = await owner.caller.templates.create(orderStatusDraft());
    const { key } = await createKey(db, owner.caller, "write");
    const request = new Request(`http://parley.test/api/templates/${template.id}/optimize`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({ goal: "shorter" }),
    });
    const response = await optimizeStreamResponse({
      db,
      request,
      templateId: template.id,
      getSessionUser: async () => null,
      ip: null,
      ai: registry,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/x-ndjson");
    const events = (await response.text())
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    const deltas = events.filter((e) => e.type === "delta");
    expect(deltas.length).toBeGreaterThan(3);
    const done = events.at(-1);
    expect(done.type).toBe("done");
    expect(deltas.map((d) => d.text).join("")).toBe(done.result.optimizedTemplate);
  });

  it("the route refuses another workspace's template and bad callers before streaming", async () => {
    const a = await signUpOwner(db);
    const b = await signUpOwner(db);
    const template = await a.caller.templates.create(orderStatusDraft());
    const { key } = await createKey(db, b.caller, "write");
    const call = (headers: Record<string, string>) =>
      optimizeStreamResponse({
        db,
        request: new Request(`http://parley.test/api/templates/${template.id}/optimize`, {
          method: "POST",
          headers,
          body: "{}",
        }),
        templateId: template.id,
        getSessionUser: async () => null,
        ip: null,
        ai: registry,
      });
    const other = await call({ authorization: `Bearer ${key}` });
    expect(other.status).toBe(404);
    expect((await call({})).status).toBe(401);
    const { key: readKey } = await createKey(db, a.caller, "read");
    expect((await call({ authorization: `Bearer ${readKey}` })).status).toBe(403);
  });

  it("a placeholder-dropping server: one retry, then an error event and nothing kept", async () => {
    const owner = await signUpOwner(db);
    const template = await owner.caller.templates.create(orderStatusDraft());
    stub.setBehaviour("drop-placeholders");
    try {
      const { key } = await createKey(db, owner.caller, "write");
      const error = await clientFor(key)
        .templates.optimize.mutate({ templateId: template.id })
        .catch((e: Error) => e);
      expect((error as Error).message).toMatch(
        /changed the template's placeholders twice \(it dropped \{customer\.first_name\}, \{order_id\}/,
      );
    } finally {
      stub.setBehaviour("rewrite");
    }
    expect(await owner.caller.templates.optimizations.list({ templateId: template.id })).toEqual(
      [],
    );
  });

  it("embeddings come from AI_EMBEDDING_MODEL (aiEmbed, for suggestions)", async () => {
    const owner = await signUpOwner(db);
    const { withTenant } = await import("@/db/tenant");
    const session = await openAiSession({
      registry,
      workspaceId: owner.workspace.id,
      inTenant: (fn) => withTenant(db, owner.workspace.id, fn),
    });
    const vectors = await aiEmbed(session, ["refund please", "where is my order"]);
    expect(vectors).toEqual([
      [0.13, 0.5, -0.25],
      [0.17, 0.5, -0.25],
    ]);
    expect(stub.requests.at(-1)).toMatchObject({
      path: "/v1/embeddings",
      body: { model: "stub-embed" },
    });
    const usage = await owner.caller.ai.usage({});
    expect(usage.days).toEqual([
      expect.objectContaining({ useCase: "embed", calls: 1, inputTokens: 8, outputTokens: 0 }),
    ]);
  });
});
