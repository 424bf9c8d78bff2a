import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { npmStartNodeArgs } from "./npm-start-args";

describe("npmStartNodeArgs", () => {
  it("gives back the node flags of this project's start script", () => {
    const start = JSON.parse(readFileSync("package.json", "utf8")).scripts.start;
    expect(["node", ...npmStartNodeArgs(), "server.mjs"].join(" ")).toBe(start);
  });

  it("refuses a start script that does not run server.mjs with node", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "parley-start-"));
    writeFileSync(
      path.join(dir, "package.json"),
      JSON.stringify({ scripts: { start: "next start" } }),
    );
    expect(() => npmStartNodeArgs(dir)).toThrow(/not "node \[flags\] server.mjs/);
  });
});
