import path from "node:path";
import { defineConfig } from "vitest/config";

/**
 * Three projects: `unit` (pure logic), and the integration suite (`*.int.test.ts`, routers
 * through createCaller against a real database) twice — on PGlite always, on PostgreSQL when
 * TEST_DATABASE_URL is set (CI sets it). Playwright specs under e2e/ are never picked up.
 */
const alias = { "@": path.resolve(import.meta.dirname) };
const exclude = ["node_modules/**", "e2e/**", ".next/**", ".data/**"];
const postgresUrl = process.env.TEST_DATABASE_URL;
/**
 * With PostgreSQL given (CI), every integration file runs there, and on PGlite only the files
 * whose behaviour depends on the driver: transactions and pooling, LISTEN/NOTIFY, jobs, streamed
 * uploads, suggestions serving, the inbox, the seed, tenancy and the isolation sweeps. Running
 * all of them twice took over half of CI's 30 minutes. Without PostgreSQL, all run on PGlite.
 */
const pgliteAlongsidePostgres = [
  "db/**/*.int.test.ts",
  "cli/**/*.int.test.ts",
  "app/**/*.int.test.ts",
  "server/access/**/*.int.test.ts",
  "server/http/**/*.int.test.ts",
  "server/jobs/**/*.int.test.ts",
  "server/inbox/**/*.int.test.ts",
  "server/suggestions/**/*.int.test.ts",
  "server/training/datasets-store/**/*.int.test.ts",
  "server/api/routers/isolation*.int.test.ts",
  "server/api/routers/suggestions.int.test.ts",
  "server/api/routers/datasets.int.test.ts",
];
// next-auth imports `next/server` without an extension, which Node's ESM loader refuses;
// inlined, Vite resolves it, so route handlers can be tested through their real imports.
const server = { deps: { inline: ["next-auth"] } };

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["**/*.test.ts"],
          exclude: [...exclude, "**/*.int.test.ts"],
          environment: "node",
        },
      },
      {
        resolve: { alias },
        test: {
          name: "pglite",
          server,
          include: postgresUrl ? pgliteAlongsidePostgres : ["**/*.int.test.ts"],
          // *.pg.int.test.ts need PostgreSQL (several processes on one database).
          exclude: [...exclude, "**/*.pg.int.test.ts"],
          environment: "node",
          testTimeout: 30_000,
          hookTimeout: 60_000,
          env: {
            DATABASE_URL: "",
            PGLITE_DIR: "memory://",
            AUTH_SECRET: "test-secret-at-least-16-chars",
          },
        },
      },
      ...(postgresUrl
        ? [
            {
              resolve: { alias },
              test: {
                name: "postgres",
                server,
                include: ["**/*.int.test.ts"],
                exclude,
                environment: "node",
                testTimeout: 30_000,
                hookTimeout: 60_000,
                env: { DATABASE_URL: postgresUrl, AUTH_SECRET: "test-secret-at-least-16-chars" },
              },
            },
          ]
        : []),
    ],
  },
});
