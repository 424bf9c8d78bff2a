import { afterEach, describe, expect, it, vi } from "vitest";
import { resetEnvForTests } from "@/server/env";
import { GET } from "./route";

describe("GET /api/health", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    resetEnvForTests();
  });

  it("answers 200 with the database reachable and no migration pending", async () => {
    const response = await GET();
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok", pendingMigrations: 0 });
  });

  it("answers 503 naming AUTH_SECRET when DATABASE_URL is set without it", async () => {
    vi.stubEnv("DATABASE_URL", "postgres://parley@127.0.0.1:5432/parley");
    vi.stubEnv("AUTH_SECRET", "");
    const response = await GET();
    expect(response.status).toBe(503);
    const body = (await response.json()) as { status: string; problems: string[] };
    expect(body.status).toBe("misconfigured");
    expect(body.problems).toEqual([expect.stringMatching(/^AUTH_SECRET is required/)]);
  });

  it("answers 503 naming a malformed variable", async () => {
    vi.stubEnv("TRUST_PROXY", "sometimes");
    const response = await GET();
    expect(response.status).toBe(503);
    const body = (await response.json()) as { problems: string[] };
    expect(body.problems[0]).toMatch(/TRUST_PROXY: "sometimes" is neither a hop count/);
  });
});
