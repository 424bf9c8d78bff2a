import { defineConfig, devices } from "@playwright/test";
import { npmStartNodeArgs } from "./scripts/npm-start-args";

/**
 * End-to-end tests in Debian's Chromium against a production build (`next build` runs first,
 * in scripts/e2e.sh). The database is TEST_DATABASE_URL when set (CI), else a fresh embedded
 * one under .data/e2e-pglite. scripts/e2e.sh seeds the demo workspace into it first.
 */
const port = Number(process.env.E2E_PORT ?? 3210);
// 127.0.0.1 on purpose: Next reports its own origin as "localhost", so anything that trusted
// that origin (Auth.js redirects did) would break for people who open Parley by IP address.
const baseURL = `http://127.0.0.1:${port}`;
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const databaseEnv: Record<string, string> = process.env.TEST_DATABASE_URL
  ? { DATABASE_URL: process.env.TEST_DATABASE_URL }
  : { PGLITE_DIR: `${process.cwd()}/.data/e2e-pglite` };

export default defineConfig({
  testDir: "./e2e",
  testMatch: /.*\.spec\.ts/,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [
    ["list"],
    ["json", { outputFile: ".data/test-results/playwright.json" }],
    ...(process.env.CI ? [] : [["html", { open: "never" }] as const]),
  ],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromium,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts/ },
    {
      name: "chromium",
      use: { ...devices["Desktop Chrome"], channel: undefined },
      dependencies: ["setup"],
    },
  ],
  webServer: {
    // server.mjs, as `npm start` (its node flags too): the front server sets client addresses and
    // security headers.
    command: `node ${npmStartNodeArgs().join(" ")} server.mjs -p ${port} -H 127.0.0.1`,
    url: `${baseURL}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      ...databaseEnv,
      AUTH_SECRET: "e2e-secret-for-playwright-only-0123456789",
      APP_URL: baseURL,
      LOG_LEVEL: "warn",
      NODE_ENV: "production",
      // The specs' stub servers (AI provider, helpdesk webhook) listen on loopback, which the
      // SSRF guard refuses for admin-set URLs unless the operator allows it.
      OUTBOUND_ALLOW_HOSTS: "127.0.0.1",
    },
  },
});
