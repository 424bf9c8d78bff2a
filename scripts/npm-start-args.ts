import { readFileSync } from "node:fs";
import path from "node:path";

/**
 * The node flags `npm start` gives server.mjs. package.json's start script is the one place they
 * are written; the end-to-end tests (playwright.config.ts) and the HTTP benches
 * (bench/http-session.ts) read them from there, so they run the server as users do.
 */
export function npmStartNodeArgs(root = process.cwd()): string[] {
  const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as {
    scripts?: { start?: string };
  };
  const words = (pkg.scripts?.start ?? "").trim().split(/\s+/);
  const server = words.indexOf("server.mjs");
  if (words[0] !== "node" || server < 0) {
    throw new Error(
      `package.json's start script is not "node [flags] server.mjs …": ${words.join(" ")}`,
    );
  }
  return words.slice(1, server);
}
