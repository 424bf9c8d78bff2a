import { readFile } from "node:fs/promises";
import { eq } from "drizzle-orm";
import { type Database, getDatabase } from "@/db";
import { memberships, users, workspaces } from "@/db/schema";
import { withTenant } from "@/db/tenant";
import { runInWorkspace } from "@/server/access/run-in-workspace";
import { systemAccess } from "@/server/access/workspace-access";
import { type AiRegistry, defaultAiRegistry } from "@/server/ai/registry";
import { createContext } from "@/server/api/context";
import { createCaller } from "@/server/api/root";
import { modelTrainingJob } from "@/server/jobs/definitions/model-training";
import { startWorker } from "@/server/jobs/worker";
import { serving } from "@/server/suggestions/serving";
import type { TemplateDraft } from "@/server/templates/language/template-schema";
import { storedDraft } from "@/server/templates/store/rows";
import { insertTemplates } from "@/server/templates/store/write-template";
import { insertTrainingExamples } from "@/server/training/examples/store";
import { makeModelTrainingJob } from "@/server/training/jobs/train-job-handler";
import { readLabelledCsv } from "@/server/training/service/labelled-csv";
import { startTraining } from "@/server/training/service/start";
import { benchAiEmbed } from "./bench-ai-embed";
import { benchAiRerank } from "./bench-ai-rerank";
import { corpusTemplate, picker, seededRandom } from "./bench-search-corpus";
import { type ScoredRow, scoreRuns, waitForJob } from "./bench-suggest-score";

export type BenchSuggestOptions = {
  train: string;
  test: string;
  textCol: string;
  labelCol: string;
  oosLabel: string | null;
  /** Active templates in the workspace (one per label, then generated ones): latency at scale. */
  templates: number;
  /** Test rows run again with AI re-ranking off and on against a stub provider (0: skipped). */
  aiRerankRows?: number;
  /** Test rows run with the plain model, then re-trained with stub embeddings as features. */
  aiEmbedRows?: number;
};

const humanise = (label: string) => {
  const words = label.replace(/[_-]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** One template per label; the out-of-scope label's is a draft: trained on, never suggested. */
function labelTemplate(label: string, oos: boolean): TemplateDraft {
  return storedDraft({
    name: humanise(label),
    content: `Hi {customer.first_name|there}, about ${humanise(label).toLowerCase()}: here is what to do.`,
    status: oos ? "draft" : "active",
    category: null,
    tags: [],
    language: "en",
    variables: [],
    triggers: [],
  });
}

export async function scratchWorkspace(db: Database) {
  const tag = crypto.randomUUID().slice(0, 8);
  const user = { id: crypto.randomUUID(), email: `bench-${tag}@example.test`, name: "Bench Owner" };
  await db.insert(users).values(user);
  const [workspace] = await db
    .insert(workspaces)
    .values({ name: `Suggest bench ${tag}`, slug: `bench-suggest-${tag}` })
    .returning({ id: workspaces.id, slug: workspaces.slug, name: workspaces.name });
  if (!workspace) throw new Error("could not create the scratch workspace");
  await db
    .insert(memberships)
    .values({ workspaceId: workspace.id, userId: user.id, role: "owner" });
  return { user, workspace };
}

/**
 * `npm run cli -- bench suggest --train a.csv --test b.csv`: a scratch workspace with one
 * template per label, the train rows as labelled training examples (written through the
 * examples store), the untrained ranking measured on the test rows, then training and deploy
 * through the normal job (an in-process worker runs it), the ranking measured again through
 * `suggestions.forMessage`, and the workspace deleted. The threshold comes from the training
 * job's own held-out split; the test file is only scored.
 */
export async function benchSuggest(options: BenchSuggestOptions) {
  if (!process.env.DATABASE_URL) process.env.PGLITE_DIR ??= "memory://";
  const [trainText, testText] = await Promise.all([
    readFile(options.train, "utf8"),
    readFile(options.test, "utf8"),
  ]);
  const train = readLabelledCsv(trainText, options.textCol, options.labelCol);
  const test = readLabelledCsv(testText, options.textCol, options.labelCol);
  const labels = [...new Set(train.map((r) => r.label))].sort();
  const handle = await getDatabase();
  const { db } = handle;
  const { user, workspace } = await scratchWorkspace(db);
  // The training worker's AI providers: the server's, until --ai-embed hands it the stub's.
  let jobsAi: AiRegistry | null = null;
  const trainingJob = {
    ...modelTrainingJob,
    handler: async () => makeModelTrainingJob({ ai: () => jobsAi ?? defaultAiRegistry() }),
  };
  const worker = await startWorker(handle, {
    mode: "in-process",
    definitions: [trainingJob],
    heartbeatSeconds: 5,
  });
  try {
    const ws = workspace.id;
    const templateOf = new Map<string, string>();
    const fillers = Math.max(0, options.templates - labels.length);
    await withTenant(db, ws, async (tx) => {
      const ids = await insertTemplates(tx, {
        workspaceId: ws,
        userId: user.id,
        drafts: labels.map((l) => labelTemplate(l, l === options.oosLabel)),
        summary: () => "bench",
      });
      for (const [i, l] of labels.entries()) templateOf.set(l, ids[i] ?? "");
      const random = seededRandom(11);
      const pick = picker(random);
      const drafts = Array.from({ length: fillers }, (_, i) => ({
        ...storedDraft(corpusTemplate(i, pick, random)),
        status: "active" as const,
      }));
      if (drafts.length > 0)
        await insertTemplates(tx, {
          workspaceId: ws,
          userId: user.id,
          drafts,
          summary: () => "bench",
        });
      await insertTrainingExamples(
        tx,
        ws,
        train.map((r) => ({
          text: r.text,
          templateId: templateOf.get(r.label) ?? "",
          source: "labelled" as const,
          label: r.label,
        })),
      );
    });

    const caller = createCaller(
      await createContext({
        db,
        headers: new Headers({ "x-parley-workspace": workspace.slug }),
        getSessionUser: async () => user,
      }),
    );
    const ask = async (row: { text: string; label: string }): Promise<ScoredRow> => {
      const started = performance.now();
      const answer = await caller.suggestions.forMessage({
        message: row.text.slice(0, 20_000),
        limit: 3,
      });
      const ms = performance.now() - started;
      return {
        label: row.label,
        expected: templateOf.get(row.label) ?? null,
        ranked: answer.suggestions.map((s) => s.templateId),
        confident: answer.confident,
        ms,
        modelVersion: answer.model?.version ?? null,
      };
    };
    const baseline: ScoredRow[] = [];
    for (const row of test) baseline.push(await ask(row));

    const trainStarted = performance.now();
    const access = await systemAccess(db, ws);
    const { jobId } = await runInWorkspace(db, access, (scope) =>
      startTraining(scope, { deploy: true }),
    );
    await waitForJob(db, ws, jobId);
    const trainSeconds = (performance.now() - trainStarted) / 1000;

    // The deploy's NOTIFY reaches this process's LISTEN; the first call loads the model.
    const loadStarted = performance.now();
    let first = await ask(test[0] ?? { text: "hello", label: "" });
    while (first.modelVersion === null && performance.now() - loadStarted < 10_000) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      first = await ask(test[0] ?? { text: "hello", label: "" });
    }
    const modelLoadMs = performance.now() - loadStarted;
    const trained: ScoredRow[] = [];
    for (const row of test) trained.push(await ask(row));
    const aiRerank = options.aiRerankRows
      ? await benchAiRerank({
          db,
          workspaceSlug: workspace.slug,
          user,
          rows: test.slice(0, options.aiRerankRows),
          templateOf,
        })
      : undefined;
    const aiEmbed = options.aiEmbedRows
      ? await benchAiEmbed({
          db,
          workspaceId: ws,
          workspaceSlug: workspace.slug,
          user,
          rows: test.slice(0, options.aiEmbedRows),
          templateOf,
          setJobsAi: (registry) => {
            jobsAi = registry;
          },
        })
      : undefined;
    // The floor on this machine at this moment: the cheapest workspace query (access check and
    // one tenant transaction), timed the same way, so a loaded machine can be told apart.
    const floor: number[] = [];
    for (let i = 0; i < Math.min(500, test.length); i++) {
      const started = performance.now();
      await caller.workspace.get();
      floor.push(performance.now() - started);
    }
    floor.sort((a, b) => a - b);

    return {
      benchmark: "suggestions.forMessage",
      driver: handle.driver,
      train_rows: train.length,
      test_rows: test.length,
      labels: labels.length,
      active_templates:
        labels.length - (options.oosLabel && labels.includes(options.oosLabel) ? 1 : 0) + fillers,
      ...scoreRuns(baseline, trained, options.oosLabel),
      train_seconds: Math.round(trainSeconds * 10) / 10,
      model_load_ms: Math.round(modelLoadMs),
      floor_workspace_get_p95_ms:
        Math.round((floor[Math.floor(0.95 * floor.length)] ?? 0) * 100) / 100,
      model_memory_bytes: serving().models.stats().modelBytes,
      trained_through: "model-training job (in-process worker), deployed",
      ...(aiRerank ? { ai_rerank: aiRerank } : {}),
      ...(aiEmbed ? { ai_embed: aiEmbed } : {}),
    };
  } finally {
    await worker.stop().catch(() => undefined);
    await db.delete(workspaces).where(eq(workspaces.id, workspace.id));
    await db.delete(users).where(eq(users.id, user.id));
  }
}
