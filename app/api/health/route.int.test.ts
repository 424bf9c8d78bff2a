import { describe, expect, it } from "vitest";
import { testDatabaseHandle } from "@/test/db";
import { startTestWorker } from "@/test/jobs";
import { GET } from "./route";

describe("GET /api/health", () => {
  it("answers 200 with the database reachable and no migration pending", async () => {
    const response = await GET();
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok", pendingMigrations: 0 });
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
