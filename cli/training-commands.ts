import { readFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { getDatabase } from "@/db";
import { jobRuns, workspaces } from "@/db/schema";
import { withTenant } from "@/db/tenant";
import { runInWorkspace, type WorkspaceScope } from "@/server/access/run-in-workspace";
import { systemAccess } from "@/server/access/workspace-access";
import { modelTrainingJob } from "@/server/jobs/definitions/model-training";
import { startWorker } from "@/server/jobs/worker";
import { evaluateRows } from "@/server/training/service/evaluate";
import { readLabelledCsv } from "@/server/training/service/labelled-csv";
import { getTrainingProgress } from "@/server/training/service/progress";
import { startTraining } from "@/server/training/service/start";
import { deployVersion } from "@/server/training/versions/deployed";
import { findVersionByNumber } from "@/server/training/versions/store";
import type { Command } from "./commands";

type Values = Record<string, string | boolean | undefined>;

function required(values: Values, name: string): string {
  const value = values[name];
  if (typeof value !== "string" || value.trim() === "") throw new Error(`--${name} is required`);
  return value.trim();
}

function versionNumber(values: Values): number | undefined {
  if (values.version === undefined) return undefined;
  const n = Number(values.version);
  if (!Number.isInteger(n) || n < 1) throw new Error("--version must be a positive integer");
  return n;
}

/** The operator acts in a workspace as the system scope (owner's rights, audited "system"). */
async function inWorkspace<T>(slug: string, fn: (scope: WorkspaceScope) => Promise<T>) {
  const { db } = await getDatabase();
  const [workspace] = await db
    .select({ id: workspaces.id })
    .from(workspaces)
    .where(eq(workspaces.slug, slug.toLowerCase()))
    .limit(1);
  if (!workspace) throw new Error(`no workspace with slug "${slug}"`);
  return runInWorkspace(db, await systemAccess(db, workspace.id), fn);
}

/**
 * `train --wait` runs the job in this process (a worker for the training queue only), so it
 * works on PGlite, where no other process can open the database; on PostgreSQL a running
 * `npm run worker` may take the job instead, and this waits for it all the same.
 */
async function train(values: Values) {
  const slug = required(values, "workspace");
  const dataset = typeof values.dataset === "string" ? values.dataset.trim() : undefined;
  const started = performance.now();
  const queued = await inWorkspace(slug, async (scope) => ({
    workspaceId: scope.workspace.id,
    ...(await startTraining(scope, {
      datasetIds: dataset ? [dataset] : [],
      deploy: values.deploy === true,
    })),
  }));
  if (values.wait !== true) return { jobId: queued.jobId, state: "queued" };
  const handle = await getDatabase();
  const worker = await startWorker(handle, { mode: "in-process", definitions: [modelTrainingJob] });
  try {
    let lastMessage = "";
    for (;;) {
      const [row] = await withTenant(handle.db, queued.workspaceId, (tx) =>
        tx
          .select({ state: jobRuns.state, progress: jobRuns.progress, message: jobRuns.message })
          .from(jobRuns)
          .where(eq(jobRuns.id, queued.jobId)),
      );
      if (values.json !== true && row?.message && row.message !== lastMessage) {
        lastMessage = row.message;
        process.stderr.write(`${String(row.progress).padStart(3)}%  ${row.message}\n`);
      }
      if (row && ["completed", "failed", "cancelled"].includes(row.state)) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } finally {
    await worker.stop({ timeoutMs: 5_000 });
  }
  const progress = await inWorkspace(slug, (scope) =>
    getTrainingProgress(scope, { jobId: queued.jobId }),
  );
  return {
    jobId: queued.jobId,
    state: progress.job.state,
    error: progress.job.error,
    version: progress.version?.version ?? null,
    versionId: progress.version?.id ?? null,
    result: progress.job.result,
    seconds: Math.round((performance.now() - started) / 100) / 10,
  };
}

export const trainingCommands: Record<string, Command> = {
  train: {
    help: "--workspace <slug> [--dataset <id>] [--deploy] [--wait]: train a model version",
    options: {
      workspace: { type: "string" },
      dataset: { type: "string" },
      deploy: { type: "boolean" },
      wait: { type: "boolean" },
    },
    run: (values) => train(values),
    describe: (r) =>
      r.state === "queued"
        ? `training job ${r.jobId} queued (a worker runs it; add --wait to run it here)`
        : r.state === "completed"
          ? `model version ${r.version} trained in ${r.seconds} s (held-out top-1 ${r.result?.top1?.toFixed?.(4) ?? "n/a"})`
          : `training ${r.state}: ${r.error ?? ""}`,
  },
  deploy: {
    help: "--workspace <slug> --version <n>: deploy a model version",
    options: { workspace: { type: "string" }, version: { type: "string" } },
    run: (values) => {
      const version = versionNumber(values);
      if (version === undefined) throw new Error("--version is required");
      return inWorkspace(required(values, "workspace"), async (scope) => {
        const id = await findVersionByNumber(scope.tx, scope.workspace.id, version);
        return deployVersion(scope, id, "deploy");
      });
    },
    describe: (r) =>
      r.changed
        ? `model version ${r.version} deployed`
        : `model version ${r.version} was already deployed`,
  },
  evaluate: {
    help: "--workspace <slug> --file <csv> [--text-col text] [--label-col label] [--version <n>]",
    options: {
      workspace: { type: "string" },
      file: { type: "string" },
      "text-col": { type: "string", default: "text" },
      "label-col": { type: "string", default: "label" },
      version: { type: "string" },
    },
    run: async (values) => {
      const version = versionNumber(values);
      const rows = readLabelledCsv(
        readFileSync(required(values, "file"), "utf8"),
        required(values, "text-col"),
        required(values, "label-col"),
      );
      const slug = required(values, "workspace");
      const versionId =
        version === undefined
          ? undefined
          : await inWorkspace(slug, (scope) =>
              findVersionByNumber(scope.tx, scope.workspace.id, version),
            );
      const { perTemplate, ...result } = await evaluateRows((fn) => inWorkspace(slug, fn), {
        versionId,
        rows,
      });
      return { ...result, perTemplate: perTemplate.length };
    },
    describe: (r) =>
      `version ${r.version}: top-1 ${r.top1.toFixed(4)}, top-3 ${r.top3.toFixed(4)}, macro-F1 ${r.macroF1.toFixed(4)} on ${r.scored} of ${r.rows} rows` +
      (r.unmatched.length ? ` (${r.unmatched.length} labels match no template)` : "") +
      `; confident on ${(r.coverage * 100).toFixed(1)}% at ${(r.answeredPrecision * 100).toFixed(1)}% precision`,
  },
};
