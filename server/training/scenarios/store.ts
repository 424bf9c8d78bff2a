/**
 * Test scenarios (customer message → expected template) and their runs against model versions.
 * Inside a tenant transaction; RLS scopes every statement, writes name the workspace because the
 * policy's WITH CHECK demands it. A template from another workspace is refused by the composite
 * foreign key (and reported as not found before that).
 */
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { Tx } from "@/db";
import { scenarioResults, scenarioRuns, templates, trainingScenarios } from "@/db/schema";
import { notFound } from "@/server/errors";
import type { ScenarioRun } from "../evaluation/scenarios";
import { insertTrainingExamples } from "../examples/store";

export interface ScenarioInput {
  text: string;
  templateId: string;
  difficulty: string;
  tags: string[];
}

const columns = {
  id: trainingScenarios.id,
  text: trainingScenarios.text,
  templateId: trainingScenarios.templateId,
  templateName: templates.name,
  difficulty: trainingScenarios.difficulty,
  tags: trainingScenarios.tags,
  createdAt: trainingScenarios.createdAt,
  updatedAt: trainingScenarios.updatedAt,
};

async function assertTemplate(tx: Tx, workspaceId: string, templateId: string) {
  const [row] = await tx
    .select({ id: templates.id })
    .from(templates)
    .where(and(eq(templates.workspaceId, workspaceId), eq(templates.id, templateId)));
  if (!row) throw notFound("Template");
}

export async function listScenarios(tx: Tx, limit = 500) {
  return tx
    .select(columns)
    .from(trainingScenarios)
    .innerJoin(
      templates,
      and(
        eq(templates.workspaceId, trainingScenarios.workspaceId),
        eq(templates.id, trainingScenarios.templateId),
      ),
    )
    .orderBy(asc(trainingScenarios.createdAt), asc(trainingScenarios.id))
    .limit(limit);
}

export async function createScenario(tx: Tx, workspaceId: string, input: ScenarioInput) {
  await assertTemplate(tx, workspaceId, input.templateId);
  const [row] = await tx
    .insert(trainingScenarios)
    .values({ workspaceId, ...input })
    .returning({ id: trainingScenarios.id });
  if (!row) throw new Error("scenario insert returned nothing");
  return row;
}

export async function updateScenario(
  tx: Tx,
  workspaceId: string,
  id: string,
  input: ScenarioInput,
) {
  await assertTemplate(tx, workspaceId, input.templateId);
  const [row] = await tx
    .update(trainingScenarios)
    .set({ ...input, updatedAt: new Date() })
    .where(and(eq(trainingScenarios.workspaceId, workspaceId), eq(trainingScenarios.id, id)))
    .returning({ id: trainingScenarios.id });
  if (!row) throw notFound("Scenario");
  return row;
}

export async function deleteScenario(tx: Tx, workspaceId: string, id: string) {
  const [row] = await tx
    .delete(trainingScenarios)
    .where(and(eq(trainingScenarios.workspaceId, workspaceId), eq(trainingScenarios.id, id)))
    .returning({ id: trainingScenarios.id });
  if (!row) throw notFound("Scenario");
  return row;
}

/** The scenarios as the evaluation code wants them (expected label = template id). */
export async function scenariosForModel(tx: Tx) {
  const rows = await tx
    .select({
      id: trainingScenarios.id,
      text: trainingScenarios.text,
      expectedLabel: trainingScenarios.templateId,
      difficulty: trainingScenarios.difficulty,
    })
    .from(trainingScenarios)
    .orderBy(asc(trainingScenarios.createdAt), asc(trainingScenarios.id));
  return rows;
}

/** `trainOnScenarios`: every scenario becomes a training example (source "scenario"). */
export async function addScenariosToTrainingData(tx: Tx, workspaceId: string) {
  const scenarios = await scenariosForModel(tx);
  const { inserted } = await insertTrainingExamples(
    tx,
    workspaceId,
    scenarios.map((s) => ({ text: s.text, templateId: s.expectedLabel, source: "scenario" })),
  );
  return { scenarios: scenarios.length, inserted };
}

/** Stores a scenario run and each scenario's result; returns the run's id. */
export async function recordScenarioRun(
  tx: Tx,
  workspaceId: string,
  versionId: string,
  run: ScenarioRun,
  actorLabel: string,
): Promise<string> {
  const [row] = await tx
    .insert(scenarioRuns)
    .values({
      workspaceId,
      versionId,
      summary: {
        overall: run.overall,
        byDifficulty: run.byDifficulty,
        unknownLabels: run.unknownLabels,
      },
      actorLabel,
    })
    .returning({ id: scenarioRuns.id });
  if (!row) throw new Error("scenario run insert returned nothing");
  if (run.results.length > 0) {
    await tx.insert(scenarioResults).values(
      run.results.map((r) => ({
        workspaceId,
        runId: row.id,
        scenarioId: r.id ?? null,
        text: r.text,
        expectedTemplateId: r.expectedLabel,
        predictedTemplateId: r.predictedLabel,
        difficulty: r.difficulty,
        confidence: r.confidence,
        confident: r.confident,
        rank: r.rank,
        passed: r.passed,
      })),
    );
  }
  return row.id;
}

/** Runs newest first (optionally of one version), without their per-scenario rows. */
export async function listScenarioRuns(tx: Tx, versionId?: string, limit = 50) {
  return tx
    .select({
      id: scenarioRuns.id,
      versionId: scenarioRuns.versionId,
      summary: scenarioRuns.summary,
      actorLabel: scenarioRuns.actorLabel,
      createdAt: scenarioRuns.createdAt,
    })
    .from(scenarioRuns)
    .where(versionId ? eq(scenarioRuns.versionId, versionId) : undefined)
    .orderBy(desc(scenarioRuns.createdAt))
    .limit(limit);
}

/** One run with every scenario's result and the template names involved. */
export async function getScenarioRun(tx: Tx, runId: string) {
  const [run] = await tx
    .select({
      id: scenarioRuns.id,
      versionId: scenarioRuns.versionId,
      summary: scenarioRuns.summary,
      actorLabel: scenarioRuns.actorLabel,
      createdAt: scenarioRuns.createdAt,
    })
    .from(scenarioRuns)
    .where(eq(scenarioRuns.id, runId));
  if (!run) throw notFound("Scenario run");
  const results = await tx
    .select()
    .from(scenarioResults)
    .where(eq(scenarioResults.runId, runId))
    .orderBy(asc(scenarioResults.passed), asc(scenarioResults.text));
  const ids = [
    ...new Set(
      results.flatMap((r) => [r.expectedTemplateId, r.predictedTemplateId]).filter(Boolean),
    ),
  ] as string[];
  const names =
    ids.length > 0
      ? await tx
          .select({ id: templates.id, name: templates.name })
          .from(templates)
          .where(inArray(templates.id, ids))
      : [];
  const nameOf = new Map(names.map((n) => [n.id, n.name]));
  return {
    ...run,
    results: results.map((r) => ({
      id: r.id,
      scenarioId: r.scenarioId,
      text: r.text,
      difficulty: r.difficulty,
      expectedTemplateId: r.expectedTemplateId,
      expectedName: nameOf.get(r.expectedTemplateId) ?? "(deleted template)",
      predictedTemplateId: r.predictedTemplateId,
      predictedName: r.predictedTemplateId
        ? (nameOf.get(r.predictedTemplateId) ?? "(deleted template)")
        : null,
      confidence: r.confidence,
      confident: r.confident,
      rank: r.rank,
      passed: r.passed,
    })),
  };
}
