import { getDatabase } from "@/db";
import { DEMO, seedDemo } from "@/db/seed";
import { purgeExpiredTrash } from "@/server/templates/store/trash-purge";
import { benchJobs } from "./bench-jobs";
import { benchSearch } from "./bench-search";
import { createApiKeyCommand, createWorkspaceCommand } from "./workspace-commands";

type Values = Record<string, string | boolean | undefined>;
type OptionSpec = Record<string, { type: "string" | "boolean"; default?: string | boolean }>;

export type Command = {
  help: string;
  options: OptionSpec;
  /** Usage of the positional arguments the command takes (`bench search`); none when absent. */
  positionals?: string;
  // biome-ignore lint/suspicious/noExplicitAny: each command returns its own JSON shape
  run: (values: Values, positionals: string[]) => Promise<any>;
  // biome-ignore lint/suspicious/noExplicitAny: matches run's result
  describe: (result: any) => string;
};

export function requireString(values: Values, name: string): string {
  const value = values[name];
  if (typeof value !== "string" || value.trim() === "") throw new Error(`--${name} is required`);
  return value.trim();
}

export const commands: Record<string, Command> = {
  migrate: {
    help: "apply pending database migrations",
    options: {},
    run: async () => {
      const handle = await getDatabase();
      return { ok: true, driver: handle.driver };
    },
    describe: (r) => `migrations applied (${r.driver})`,
  },
  seed: {
    help: "create or refresh the demo workspace (idempotent)",
    options: { banner: { type: "boolean" } },
    run: async (values) => {
      const { db } = await getDatabase();
      const result = await seedDemo(db);
      return { ok: true, ...result, banner: values.banner === true };
    },
    describe: (r) =>
      r.banner
        ? [
            "",
            "  Parley demo workspace ready: Acme Store (/w/acme)",
            `  owner  ${DEMO.owner.email}  password ${DEMO.owner.password}`,
            `  agent  ${DEMO.agent.email}  password ${DEMO.agent.password}`,
            "",
          ].join("\n")
        : `demo workspace ${r.created.workspace ? "created" : "already present"} (${r.created.users} new users, ${r.created.templates} new templates)`,
  },
  "workspace:create": {
    help: "--name <n> --owner-email <e> --password <p>: a workspace and its owner",
    options: {
      name: { type: "string" },
      "owner-email": { type: "string" },
      password: { type: "string" },
    },
    run: (values) =>
      createWorkspaceCommand({
        name: requireString(values, "name"),
        ownerEmail: requireString(values, "owner-email"),
        password: typeof values.password === "string" ? values.password : undefined,
      }),
    describe: (r) =>
      `workspace "${r.workspace.name}" created at /w/${r.workspace.slug}, owner ${r.owner.email}${r.owner.created ? " (new account)" : ""}`,
  },
  "apikey:create": {
    help: "--workspace <slug> --name <n> [--scope read|write]: prints the key once",
    options: {
      workspace: { type: "string" },
      name: { type: "string" },
      scope: { type: "string", default: "read" },
    },
    run: (values) =>
      createApiKeyCommand({
        workspaceSlug: requireString(values, "workspace"),
        name: requireString(values, "name"),
        scope: requireString(values, "scope"),
      }),
    describe: (r) =>
      `${r.scope} key "${r.name}" for ${r.workspace}:\n${r.key}\n(shown only now; store it safely)`,
  },
  "templates:purge-trash": {
    help: "delete for good the templates that have been in a trash more than 30 days",
    options: {},
    run: async () => {
      const { db } = await getDatabase();
      return { ok: true, ...(await purgeExpiredTrash(db)) };
    },
    describe: (r) => `${r.purged} templates purged from ${r.workspaces} workspaces' trash`,
  },
  bench: {
    help: "search [--templates N] [--queries N] [--limit N] | jobs [--jobs N] [--rate N] [--latency-jobs N]",
    positionals: "search|jobs",
    options: {
      templates: { type: "string", default: "100000" },
      queries: { type: "string", default: "1000" },
      limit: { type: "string", default: "20" },
      keep: { type: "boolean" },
      jobs: { type: "string", default: "5000" },
      rate: { type: "string", default: "100" },
      "latency-jobs": { type: "string", default: "1000" },
    },
    run: (values, positionals) => {
      const [what] = positionals;
      if (what === "jobs" && positionals.length === 1) {
        return benchJobs({
          jobs: positiveInt(values, "jobs"),
          rate: positiveInt(values, "rate"),
          latencyJobs: positiveInt(values, "latency-jobs"),
        });
      }
      if (what !== "search" || positionals.length > 1) {
        throw new Error(
          "usage: bench search [--templates N] [--queries N] [--limit N] | bench jobs [--jobs N]",
        );
      }
      return benchSearch({
        templates: positiveInt(values, "templates"),
        queries: positiveInt(values, "queries"),
        limit: positiveInt(values, "limit"),
        keep: values.keep === true,
      });
    },
    describe: (r) =>
      "jobs_per_s" in r
        ? `${r.jobs} jobs (${r.driver}): ${r.jobs_per_s} jobs/s; pickup p50 ${r.pickup_p50_ms} ms, p95 ${r.pickup_p95_ms} ms at ${r.latency_rate_per_s}/s`
        : `templates.search on ${r.templates} templates (${r.driver}), ${r.queries} queries: p50 ${r.p50_ms} ms, p95 ${r.p95_ms} ms (bare SQL p50 ${r.sql_p50_ms} ms, p95 ${r.sql_p95_ms} ms)`,
  },
};

function positiveInt(values: Values, name: string): number {
  const value = Number(values[name]);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`--${name} must be a positive integer`);
  return value;
}
