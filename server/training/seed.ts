/**
 * The demo workspace's model (`npm run demo`): trained in-process and deployed as version 1 the
 * first time the seed runs, so the training pages show real results at once. Idempotent: a
 * workspace that has any version is left alone.
 *
 * It trains on whatever training examples the workspace has (the labelled dataset the seed adds
 * for the demo templates). When there are none, it first writes a few hundred examples made from
 * the templates' own names, triggers and tags, and a handful of test scenarios, so the pages are
 * never empty; those examples say where they came from (label "seed: <template>").
 */
import { sql } from "drizzle-orm";
import type { Database } from "@/db";
import { readRows } from "@/db/migrate";
import { withTenant } from "@/db/tenant";
import { systemScopeIn } from "@/server/access/run-in-workspace";
import { runScenarios } from "./evaluation/scenarios";
import { insertTrainingExamples, loadTrainingExamples } from "./examples/store";
import { validateExamples } from "./jobs/validate";
import { serializeModel } from "./model/serialize";
import { DEFAULT_TRAINING, trainModel } from "./model/train";
import { createScenario, recordScenarioRun, scenariosForModel } from "./scenarios/store";
import { deployVersion } from "./versions/deployed";
import { versionMetrics } from "./versions/metrics";
import { createModelVersion } from "./versions/store";

type SeedWorkspace = {
  id: string;
  name: string;
  slug: string;
  locale: string;
  currency: string;
  timezone: string;
};

interface TemplateRow {
  id: string;
  name: string;
  tags: string[];
  triggers: string[];
}

async function demoTemplates(db: Database, workspaceId: string): Promise<TemplateRow[]> {
  return withTenant(db, workspaceId, async (tx) =>
    readRows<TemplateRow>(
      await tx.execute(sql`select t.id, t.name, t.tags,
          coalesce((select array_agg(g.value order by g.value) from template_triggers g
            where g.workspace_id = t.workspace_id and g.template_id = t.id), '{}') as triggers
        from templates t
        where t.status = 'active' and t.deleted_at is null
        order by t.name`),
    ),
  );
}

/** Customer-like phrasings of a template's name, triggers and tags. */
export function examplesFromTemplate(t: TemplateRow): string[] {
  const name = t.name.toLowerCase();
  const phrases = [name, ...t.triggers.map((g) => g.toLowerCase())];
  const frames = ["%s", "hi, %s?", "i need help with %s", "question about %s", "can you help: %s"];
  const out = new Set<string>();
  phrases.forEach((phrase, i) => {
    for (const [j, frame] of frames.entries()) {
      if ((i + j) % 2 === 0 || i === 0) out.add(frame.replace("%s", phrase));
    }
  });
  if (t.tags.length > 0) out.add(`${t.tags.join(" ")} ${name}`);
  return [...out];
}

/**
 * The demo start must stay within a few seconds of what it was: the seed's model learns from at
 * most this many examples per template (a labelled dataset of thousands of rows would otherwise
 * take ten seconds or more). A "train" run from the UI or the CLI uses every example.
 */
export const SEED_MAX_PER_TEMPLATE = 60;

export function capPerTemplate<T extends { templateId: string }>(rows: readonly T[], max: number) {
  const seen = new Map<string, number>();
  return rows.filter((row) => {
    const n = seen.get(row.templateId) ?? 0;
    seen.set(row.templateId, n + 1);
    return n < max;
  });
}

export async function seedDemoModel(
  db: Database,
  workspace: SeedWorkspace,
): Promise<{ trained: boolean; seededExamples: number; version: number | null; ms: number }> {
  const started = performance.now();
  const [versions] = readRows<{ n: number }>(
    await withTenant(db, workspace.id, (tx) =>
      tx.execute(sql`select count(*)::int as n from model_versions`),
    ),
  );
  if ((versions?.n ?? 0) > 0) {
    return { trained: false, seededExamples: 0, version: null, ms: performance.now() - started };
  }
  let examples = await withTenant(db, workspace.id, (tx) => loadTrainingExamples(tx));
  let seededExamples = 0;
  if (!validateExamples(examples).ok) {
    const templates = await demoTemplates(db, workspace.id);
    await withTenant(db, workspace.id, async (tx) => {
      const rows = templates.flatMap((t) =>
        examplesFromTemplate(t).map((text) => ({
          text,
          templateId: t.id,
          source: "labelled" as const,
          label: `seed: ${t.name}`,
        })),
      );
      seededExamples = (await insertTrainingExamples(tx, workspace.id, rows)).inserted;
      const existing = await scenariosForModel(tx);
      if (existing.length === 0) {
        for (const t of templates.filter((x) => x.triggers.length > 0).slice(0, 12)) {
          await createScenario(tx, workspace.id, {
            text: `Hello, ${t.triggers[t.triggers.length - 1]} please`,
            templateId: t.id,
            difficulty: "easy",
            tags: ["seed"],
          });
        }
      }
    });
    examples = await withTenant(db, workspace.id, (tx) => loadTrainingExamples(tx));
  }
  const check = validateExamples(examples);
  if (!check.ok) {
    return { trained: false, seededExamples, version: null, ms: performance.now() - started };
  }
  // In-process: the seed is a command-line step before the server starts, nothing to block.
  // No re-fit on every row: it halves the seed's training time; a "train" run from the UI
  // re-fits as usual.
  const rows = capPerTemplate(check.rows, SEED_MAX_PER_TEMPLATE);
  const model = trainModel(
    rows.map((e) => ({ text: e.text, label: e.templateId })),
    { ...DEFAULT_TRAINING, refit: false },
  );
  const bytes = serializeModel(model);
  const version = await withTenant(db, workspace.id, async (tx) => {
    const scenarios = await scenariosForModel(tx);
    const run = scenarios.length > 0 ? runScenarios(model, scenarios) : null;
    const names = readRows<{ id: string; name: string }>(
      await tx.execute(sql`select id, name from templates`),
    );
    const created = await createModelVersion(tx, workspace.id, {
      jobId: null,
      config: model.config,
      labels: model.labels,
      metrics: versionMetrics(
        model.metrics,
        model.labels,
        model.threshold,
        run,
        Object.fromEntries(names.map((n) => [n.id, n.name])),
      ),
      threshold: model.threshold,
      artifact: bytes,
      exampleCount: rows.length,
      createdBy: null,
      createdByLabel: "seed",
    });
    if (run) await recordScenarioRun(tx, workspace.id, created.id, run, "seed");
    await deployVersion(systemScopeIn(tx, workspace), created.id, "deploy");
    return created.version;
  });
  return { trained: true, seededExamples, version, ms: performance.now() - started };
}
