import { afterEach, describe, expect, it, vi } from "vitest";
import { resetEnvForTests } from "@/server/env";
import { testDatabaseHandle } from "@/test/db";
import { startTestWorker } from "@/test/jobs";
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

  it("reports the newest job-worker heartbeat", async () => {
    await testDatabaseHandle();
    const worker = await startTestWorker([]);
    try {
      const body = (await (await GET()).json()) as {
        worker: { lastHeartbeat: string; secondsAgo: number; alive: number } | null;
      };
      expect(body.worker).not.toBeNull();
      expect(body.worker?.secondsAgo).toBeLessThan(5);
      expect(body.worker?.alive).toBeGreaterThanOrEqual(1);
    } finally {
      await worker.stop({ timeoutMs: 1_000 });
    }
  });
});
