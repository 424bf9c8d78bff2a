/**
 * The training router's procedures as plain functions over the workspace context: each is one
 * call into server/training (domain code, free of tRPC), plus the audit rows the domain does
 * not write itself.
 */
import type { z } from "zod";
import {
  createScenario,
  deleteScenario,
  getScenarioRun,
  listScenarioRuns,
  listScenarios,
  updateScenario,
} from "@/server/training/scenarios/store";
import { evaluateRows, runScenariosOnVersion } from "@/server/training/service/evaluate";
import { compareVersions, trainingOverview } from "@/server/training/service/overview";
import { getTrainingProgress, listTrainingJobs } from "@/server/training/service/progress";
import { startTraining } from "@/server/training/service/start";
import {
  deployVersion,
  rollbackDeployment,
  rollbackTarget,
} from "@/server/training/versions/deployed";
import {
  getModelVersion,
  listDeploymentHistory,
  listModelVersions,
} from "@/server/training/versions/store";
import type { InTenant, WorkspaceContext } from "../trpc";
import type {
  evaluateInput,
  scenarioCreateInput,
  scenarioUpdateInput,
  startInput,
} from "./training.schema";

type Ctx = WorkspaceContext;

export const overview = (ctx: Ctx) => trainingOverview(ctx);

export const start = (ctx: Ctx, input: z.output<typeof startInput>) =>
  startTraining(ctx, { datasetIds: input.datasetIds, deploy: input.deploy });

export const trainOnScenarios = (ctx: Ctx, input: { deploy: boolean }) =>
  startTraining(ctx, { includeScenarios: true, deploy: input.deploy });

export const progress = (ctx: Ctx, input: { jobId: string }) => getTrainingProgress(ctx, input);

export const jobs = (ctx: Ctx, input: { limit: number }) => listTrainingJobs(ctx, input);

export const versions = async (ctx: Ctx, input: { limit: number; cursor?: number | null }) => ({
  ...(await listModelVersions(ctx.tx, { limit: input.limit, before: input.cursor })),
  deployments: await listDeploymentHistory(ctx.tx, 20),
  /** What "Roll back" would deploy; null: nothing earlier, so the page offers no rollback. */
  rollbackTo: await rollbackTarget(ctx.tx),
});

export async function version(ctx: Ctx, input: { id: string }) {
  const row = await getModelVersion(ctx.tx, input.id);
  const runs = await listScenarioRuns(ctx.tx, input.id, 10);
  return { ...row, scenarioRuns: runs };
}

export const compare = (ctx: Ctx, input: { a: string; b: string }) => compareVersions(ctx, input);

export const deploy = (ctx: Ctx, input: { versionId: string }) =>
  deployVersion(ctx, input.versionId, "deploy");

export const rollback = (ctx: Ctx, input: { versionId?: string }) =>
  rollbackDeployment(ctx, input.versionId);

export const scenarios = (ctx: Ctx) => listScenarios(ctx.tx);

export async function createScenarioHandler(ctx: Ctx, input: z.output<typeof scenarioCreateInput>) {
  const row = await createScenario(ctx.tx, ctx.workspace.id, input);
  await ctx.audit({ action: "scenario.create", entityType: "scenario", entityId: row.id });
  return row;
}

export async function updateScenarioHandler(ctx: Ctx, input: z.output<typeof scenarioUpdateInput>) {
  const { id, ...fields } = input;
  const row = await updateScenario(ctx.tx, ctx.workspace.id, id, fields);
  await ctx.audit({ action: "scenario.update", entityType: "scenario", entityId: row.id });
  return row;
}

export async function deleteScenarioHandler(ctx: Ctx, input: { id: string }) {
  const row = await deleteScenario(ctx.tx, ctx.workspace.id, input.id);
  await ctx.audit({ action: "scenario.delete", entityType: "scenario", entityId: row.id });
  return row;
}

export const runScenarios = (ctx: Ctx, input: { versionId: string }) =>
  runScenariosOnVersion(ctx, input);

export const scenarioRuns = (ctx: Ctx, input: { versionId?: string; limit: number }) =>
  listScenarioRuns(ctx.tx, input.versionId, input.limit);

export const scenarioRun = (ctx: Ctx, input: { id: string }) => getScenarioRun(ctx.tx, input.id);

/** Read-only: scores rows, writes nothing (so no generic audit row either). */
export async function evaluate(ctx: { inTenant: InTenant }, input: z.output<typeof evaluateInput>) {
  return evaluateRows(ctx.inTenant, input);
}
