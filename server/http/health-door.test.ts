import type { IncomingMessage, ServerResponse } from "node:http";
import { afterEach, describe, expect, it, vi } from "vitest";
import { resetEnvForTests } from "../env";
import { createHealthDoor, HEALTH_FRESH_MS, HEALTH_STALE_MS } from "./health-door";

const request = (method: string, url: string) => ({ method, url }) as IncomingMessage;
const response = {} as ServerResponse;

describe("createHealthDoor", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    resetEnvForTests();
  });

  it("leaves everything to Next.js on the embedded database", () => {
    vi.stubEnv("DATABASE_URL", "");
    resetEnvForTests();
    const door = createHealthDoor();
    expect(door(request("GET", "/api/health"), response)).toBe(false);
  });

  it("with PostgreSQL takes only GET and HEAD of /api/health", () => {
    vi.stubEnv("DATABASE_URL", "postgres://parley@127.0.0.1:1/none");
    resetEnvForTests();
    const door = createHealthDoor();
    expect(door(request("POST", "/api/health"), response)).toBe(false);
    expect(door(request("GET", "/api/healthz"), response)).toBe(false);
    expect(door(request("GET", "/api/trpc/workspace.get"), response)).toBe(false);
  });
});

describe("createHealthDoor's answers under load", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    resetEnvForTests();
  });

  /** A probe's answer: status and body, once the door has written it. */
  function probe(door: ReturnType<typeof createHealthDoor>) {
    return new Promise<{ status: number; body: Record<string, unknown> }>((resolve) => {
      const res = {
        statusCode: 0,
        setHeader: () => undefined,
        end(text: string) {
          resolve({ status: this.statusCode, body: JSON.parse(text) as Record<string, unknown> });
        },
      };
      expect(door(request("GET", "/api/health"), res as unknown as ServerResponse)).toBe(true);
    });
  }

  it("checks the database at most once per HEALTH_FRESH_MS and waits once the report is stale", async () => {
    vi.stubEnv("DATABASE_URL", "postgres://parley@127.0.0.1:1/none");
    resetEnvForTests();
    let clock = 0;
    let checks = 0;
    let healthy = true;
    const door = createHealthDoor(
      async () => {
        checks++;
        return healthy
          ? { status: 200, body: { status: "ok", check: checks } }
          : { status: 503, body: { status: "database_unreachable", check: checks } };
      },
      () => clock,
    );

    expect(await probe(door)).toEqual({
      status: 200,
      body: { status: "ok", check: 1, checkedMsAgo: 0 },
    });
    clock = HEALTH_FRESH_MS;
    expect((await probe(door)).body).toMatchObject({ check: 1, checkedMsAgo: HEALTH_FRESH_MS });
    expect(checks).toBe(1);

    // Older than fresh: answered at once from the last report while one new check runs.
    healthy = false;
    clock = HEALTH_FRESH_MS + 1;
    expect((await probe(door)).status).toBe(200);
    expect(checks).toBe(2);
    expect(await probe(door)).toMatchObject({ status: 503, body: { check: 2 } });

    // Older than stale: the probe waits for a new check.
    healthy = true;
    clock += HEALTH_STALE_MS + 1;
    expect(await probe(door)).toMatchObject({ status: 200, body: { check: 3, checkedMsAgo: 0 } });
  });
});
