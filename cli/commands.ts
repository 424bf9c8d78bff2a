import { getDatabase } from "@/db";
import { DEMO, seedDemo } from "@/db/seed";
import { purgeExpiredTrash } from "@/server/templates/store/trash-purge";
import { benchAbTest } from "./bench-abtest";
import { BANKING77_DIR, benchAnalysis, benchAnalysisOrder, FIXED_HOLDOUT } from "./bench-analysis";
import { benchAnalytics } from "./bench-analytics";
import { benchGaps } from "./bench-gaps";
import { benchIngest } from "./bench-ingest";
import { benchIngestApi } from "./bench-ingest-api";
import { benchJobs } from "./bench-jobs";
import { benchSearch } from "./bench-search";
import { benchSuggest } from "./bench-suggest";
import { datasetUploadCommand } from "./dataset-commands";
import { trainingCommands } from "./training-commands";
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
  ...trainingCommands,
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
        : `demo workspace ${r.created.workspace ? "created" : "already present"} (${r.created.users} new users, ${r.created.templates} new templates, ${r.created.messages} new inbox messages)`,
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
  "dataset:upload": {
    help: "--workspace <slug> --file <path> --kind conversations|faq|knowledge|labelled [--name <n>]",
    options: {
      workspace: { type: "string" },
      file: { type: "string" },
      kind: { type: "string" },
      name: { type: "string" },
    },
    run: (values) =>
      datasetUploadCommand({
        workspaceSlug: requireString(values, "workspace"),
        file: requireString(values, "file"),
        kind: requireString(values, "kind"),
        name: typeof values.name === "string" ? values.name : undefined,
      }),
    describe: (r) =>
      [
        r.status === "ready"
          ? `dataset "${r.name}" ready: ${r.rows} rows (${r.format}), ${r.duplicates} duplicates dropped, ${r.errors} row errors`
          : `dataset "${r.name}" failed: ${r.error}`,
        ...r.firstErrors.map(
          (e: { line: number; reason: string }) => `  line ${e.line}: ${e.reason}`,
        ),
        r.duplicateOf ? `note: the same file was uploaded before as "${r.duplicateOf.name}"` : "",
        `id ${r.id}`,
      ]
        .filter(Boolean)
        .join("\n"),
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
    help: "search [--templates N] [--queries N] [--limit N] | jobs [--jobs N] [--rate N] [--latency-jobs N] | ingest [--rows N] | analytics [--events N] [--iterations N] | abtest [--simulations N] [--seed N] | ingest-api [--clients N] [--seconds N] [--batch N] [--port N] | suggest --train <csv> --test <csv> [--text-col text] [--label-col category] [--oos-label oos] [--templates N] [--ai-rerank N] [--ai-embed N] | gaps --train <csv> --test <csv> --holdout-labels a,b,… [--scale N] | analysis [--messages N] [--model <file>] [--train <csv>] [--test <csv>] [--holdout-labels a,b,…] [--order in-process,worker]",
    positionals: "search|jobs|suggest|ingest|ingest-api|analytics|abtest|gaps|analysis",
    options: {
      templates: { type: "string", default: "100000" },
      queries: { type: "string", default: "1000" },
      limit: { type: "string", default: "20" },
      keep: { type: "boolean" },
      jobs: { type: "string", default: "5000" },
      rate: { type: "string", default: "100" },
      "latency-jobs": { type: "string", default: "1000" },
      train: { type: "string" },
      test: { type: "string" },
      "text-col": { type: "string", default: "text" },
      "label-col": { type: "string", default: "category" },
      "oos-label": { type: "string" },
      clients: { type: "string", default: "200" },
      seconds: { type: "string", default: "30" },
      batch: { type: "string", default: "500" },
      port: { type: "string", default: "3299" },
      rows: { type: "string", default: "200000" },
      "ai-rerank": { type: "string", default: "0" },
      "ai-embed": { type: "string", default: "0" },
      events: { type: "string", default: "1000000" },
      iterations: { type: "string", default: "30" },
      simulations: { type: "string", default: "1000" },
      seed: { type: "string", default: "1" },
      "holdout-labels": { type: "string" },
      scale: { type: "string", default: "0" },
      messages: { type: "string", default: "100000" },
      model: { type: "string" },
      order: { type: "string", default: "in-process,worker" },
    },
    run: (values, positionals) => {
      const [what] = positionals;
      if (what === "abtest" && positionals.length === 1) {
        return Promise.resolve(
          benchAbTest({
            simulations: positiveInt(values, "simulations"),
            seed: positiveInt(values, "seed"),
          }),
        );
      }
      if (what === "ingest-api" && positionals.length === 1) {
        return benchIngestApi({
          clients: positiveInt(values, "clients"),
          seconds: positiveInt(values, "seconds"),
          batch: positiveInt(values, "batch"),
          port: positiveInt(values, "port"),
        });
      }
      if (what === "jobs" && positionals.length === 1) {
        return benchJobs({
          jobs: positiveInt(values, "jobs"),
          rate: positiveInt(values, "rate"),
          latencyJobs: positiveInt(values, "latency-jobs"),
        });
      }
      if (what === "suggest" && positionals.length === 1) {
        return benchSuggest({
          train: requireString(values, "train"),
          test: requireString(values, "test"),
          textCol: requireString(values, "text-col"),
          labelCol: requireString(values, "label-col"),
          oosLabel: typeof values["oos-label"] === "string" ? values["oos-label"] : null,
          // --templates defaults to the search bench's 100,000; here only an explicit value counts.
          templates: process.argv.includes("--templates") ? positiveInt(values, "templates") : 0,
          aiRerankRows: process.argv.includes("--ai-rerank") ? positiveInt(values, "ai-rerank") : 0,
          aiEmbedRows: process.argv.includes("--ai-embed") ? positiveInt(values, "ai-embed") : 0,
        });
      }
      if (what === "analytics" && positionals.length === 1) {
        return benchAnalytics({
          events: positiveInt(values, "events"),
          iterations: positiveInt(values, "iterations"),
          keep: values.keep === true,
        });
      }
      if (what === "gaps" && positionals.length === 1) {
        const scale = Number(values.scale ?? 0);
        if (!Number.isInteger(scale) || scale < 0)
          throw new Error("--scale must be an integer ≥ 0");
        return benchGaps({
          train: requireString(values, "train"),
          test: requireString(values, "test"),
          textCol: requireString(values, "text-col"),
          labelCol: requireString(values, "label-col"),
          holdout: requireString(values, "holdout-labels")
            .split(",")
            .map((l) => l.trim())
            .filter(Boolean),
          scale,
        });
      }
      if (what === "analysis" && positionals.length === 1) {
        const holdout = values["holdout-labels"];
        return benchAnalysis({
          messages: positiveInt(values, "messages"),
          model: typeof values.model === "string" ? values.model : null,
          train: typeof values.train === "string" ? values.train : `${BANKING77_DIR}/train.csv`,
          test: typeof values.test === "string" ? values.test : `${BANKING77_DIR}/test.csv`,
          holdout:
            typeof holdout === "string"
              ? holdout
                  .split(",")
                  .map((l) => l.trim())
                  .filter(Boolean)
              : FIXED_HOLDOUT,
          order: benchAnalysisOrder(String(values.order)),
        });
      }
      if (what === "ingest" && positionals.length === 1) {
        return benchIngest({ rows: positiveInt(values, "rows") });
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
      "not_confident" in r
        ? `analysis of ${r.messages} messages in ${r.seconds.total} s (predict ${r.seconds.predict}, gaps ${r.seconds.gaps}, patterns ${r.seconds.patterns}; load ${r.load_average.before[0]}): ${r.not_confident} not confident, ${r.gaps} gaps, ${r.patterns} patterns`
        : "rollup_rows" in r
          ? `analytics dashboards over ${r.events} events (${r.driver}), ${r.iterations} runs per query: p50 ${r.p50_ms} ms, p95 ${r.p95_ms} ms; roll-up ${r.rollup_ms} ms`
          : "holdout_found" in r
            ? `gaps on ${r.test_rows} test rows (${r.unconfident} not confident): ${r.gaps} gaps, held-out labels found ${r.holdout_found}/${r.holdout_total} (${r.found.join(", ")}) in ${r.seconds} s${r.scale ? `; ${r.scale.messages} messages in ${r.scale.seconds} s` : ""}`
            : "aa_reject_rate" in r
              ? `${r.simulations} simulated A/A and A/B tests at ${r.planned_per_variant} per variant in ${r.seconds} s: aa_reject_rate ${r.aa_reject_rate}, power_observed ${r.power_observed}`
              : "rows_per_s" in r
                ? `${r.rows} rows, ${r.bytes} bytes (${r.driver}) in ${r.seconds} s: ${r.rows_per_s} rows/s, ${r.mb_per_s} MB/s, peak RSS ${r.peak_rss_mb} MB`
                : "messages_per_s" in r
                  ? `ingest over HTTP (${r.driver}, ${r.clients} clients, ${r.seconds} s): ${r.messages_per_s} messages/s, sent ${r.sent}, stored ${r.stored}, errors ${r.errors}, p95 ${r.p95_ms} ms`
                  : "baseline_top1" in r
                    ? `suggestions on ${r.test_rows} test rows, ${r.labels} labels (${r.driver}): top1 ${r.top1} (untrained ${r.baseline_top1}), top3 ${r.top3}, p95 ${r.p95_ms} ms`
                    : "jobs_per_s" in r
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
