import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The real entry point, started as `npm start` starts it, with a broken configuration: it must
 * exit at once with one line naming the variable, before Next.js even loads.
 */
const root = path.resolve(import.meta.dirname, "..");

function start(env: Record<string, string>) {
  const started = Date.now();
  const result = spawnSync(process.execPath, ["server.mjs", "-p", "0"], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      NODE_ENV: "production",
      ...env,
    },
    encoding: "utf8",
    timeout: 30_000,
  });
  return { ...result, ms: Date.now() - started };
}

describe("server.mjs on a broken configuration", () => {
  it("refuses to start without AUTH_SECRET when DATABASE_URL is set", () => {
    const result = start({ DATABASE_URL: "postgres://parley@127.0.0.1:5432/parley" });
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split("\n")).toEqual([
      "Parley cannot start: AUTH_SECRET is required when DATABASE_URL is set (generate one: openssl rand -base64 32)",
    ]);
    expect(result.stdout).not.toContain("listening");
  });

  it("names a malformed TRUST_PROXY", () => {
    const result = start({ TRUST_PROXY: "everyone", PGLITE_DIR: "memory://" });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /^Parley cannot start: Invalid environment: TRUST_PROXY: "everyone" is neither a hop count/,
    );
  });
});
