import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

describe("npm run worker on the embedded database", () => {
  it("refuses with one clear line", () => {
    const result = spawnSync("npx", ["tsx", "cli/worker.ts"], {
      cwd: process.cwd(),
      env: { ...process.env, DATABASE_URL: "", PGLITE_DIR: "memory://", LOG_LEVEL: "silent" },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split("\n");
    expect(lines).toEqual([
      "npm run worker needs PostgreSQL (DATABASE_URL); with the embedded database the web process runs jobs itself.",
    ]);
  });
});
