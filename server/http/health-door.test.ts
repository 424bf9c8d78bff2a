import type { IncomingMessage, ServerResponse } from "node:http";
import { afterEach, describe, expect, it, vi } from "vitest";
import { resetEnvForTests } from "../env";
import { createHealthDoor } from "./health-door";

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
