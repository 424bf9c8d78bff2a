import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { createContext } from "@/server/api/context";
import { appRouter } from "@/server/api/root";
import { resetEnvForTests } from "@/server/env";
import { testDatabase } from "@/test/db";
import { createKey, signUpOwner } from "@/test/factories";
import { consumeApiQuota } from "./rate-limit";

let db: Database;
beforeAll(async () => {
  db = await testDatabase();
});
afterEach(() => {
  delete process.env.API_RATE_LIMIT_PER_MINUTE;
  delete process.env.API_WORKSPACE_RATE_LIMIT_PER_MINUTE;
  resetEnvForTests();
});

function limits(perKey: number, perWorkspace: number) {
  process.env.API_RATE_LIMIT_PER_MINUTE = String(perKey);
  process.env.API_WORKSPACE_RATE_LIMIT_PER_MINUTE = String(perWorkspace);
  resetEnvForTests();
}

/** An HTTP call through tRPC's fetch adapter, as app/api/trpc/[trpc]/route.ts makes it. */
function call(key: string, path = "workspace.get") {
  const req = new Request(`http://parley.test/api/trpc/${path}`, {
    headers: { authorization: `Bearer ${key}` },
  });
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: ({ resHeaders }) =>
      createContext({ db, headers: req.headers, getSessionUser: async () => null, resHeaders }),
  });
}

describe("API key rate limits", () => {
  it("answers 429 with Retry-After after a key's quota; another key is unaffected", async () => {
    limits(5, 1000);
    const { caller } = await signUpOwner(db);
    const first = await createKey(db, caller, "read");
    const second = await createKey(db, caller, "read");
    for (let i = 0; i < 5; i++) {
      const ok = await call(first.key);
      expect(ok.status).toBe(200);
      expect(ok.headers.get("x-ratelimit-limit")).toBe("5");
      expect(ok.headers.get("x-ratelimit-remaining")).toBe(String(4 - i));
    }
    const limited = await call(first.key);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers.get("retry-after"))).toBeLessThanOrEqual(13); // 1 token = 12 s
    expect(limited.headers.get("x-ratelimit-remaining")).toBe("0");
    const body = (await limited.json()) as { error: { json: { data: { code: string } } } };
    expect(body.error.json.data.code).toBe("TOO_MANY_REQUESTS");

    const other = await call(second.key);
    expect(other.status).toBe(200);
  });

  it("also limits all keys of a workspace together", async () => {
    limits(100, 6);
    const { caller } = await signUpOwner(db);
    const a = await createKey(db, caller, "read");
    const b = await createKey(db, caller, "read");
    for (let i = 0; i < 3; i++) expect((await call(a.key)).status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await call(b.key)).status).toBe(200);
    expect((await call(b.key)).status).toBe(429);
    // Another workspace has its own bucket.
    const elsewhere = await signUpOwner(db);
    const c = await createKey(db, elsewhere.caller, "read");
    expect((await call(c.key)).status).toBe(200);
  });

  it("charges a procedure's declared cost, and a refused call costs nothing", async () => {
    limits(10, 1000);
    const { workspace, caller } = await signUpOwner(db);
    const key = await createKey(db, caller, "read");
    const request = { workspaceId: workspace.id, keyId: key.id };
    expect((await consumeApiQuota(db, { ...request, cost: 6 })).allowed).toBe(true);
    const refused = await consumeApiQuota(db, { ...request, cost: 6 });
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(11);
    const small = await consumeApiQuota(db, { ...request, cost: 3 });
    expect(small.allowed).toBe(true);
    expect(small.remaining).toBe(1); // 10 − 6 − 3: the refused 6 took nothing
  });
});
