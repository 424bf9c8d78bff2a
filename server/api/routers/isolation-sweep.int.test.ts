import { TRPCError } from "@trpc/server";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { readRows } from "@/db/migrate";
import { startSession } from "@/server/auth/sessions";
import { stepsJob } from "@/server/jobs/definitions/diagnostics";
import { modelTrainingJob } from "@/server/jobs/definitions/model-training";
import { ensureJobQueues } from "@/server/jobs/queues";
import { settledSuggestion } from "@/server/suggestions/event-buffer";
import { completedAnalysis } from "@/test/analysis";
import { insertReadyDataset } from "@/test/datasets";
import { testDatabase } from "@/test/db";
import {
  addMember,
  type Caller,
  callerFor,
  createKey,
  signUpOwner,
  type TestUser,
  type TestWorkspace,
  uniqueEmail,
} from "@/test/factories";
import { enqueueAsSystem } from "@/test/jobs";
import { callProcedure, listProcedures } from "@/test/router-walk";
import { orderStatusDraft, refundPolicyDraft } from "@/test/template-drafts";
import { trainedWorkspace } from "@/test/training";

/**
 * Issue #7, "Must show": tenant isolation for every procedure of appRouter, found by walking
 * the router. Workspace B (its owner, and its write key) calls each procedure with ids that
 * belong to workspace A; B's owner also names A's workspace. Nothing of A comes back and none
 * of A's rows change. A procedure without an entry in FIXTURES fails the first test, which
 * says what to add, so a new procedure cannot go unswept.
 */
type AIds = {
  workspaceId: string;
  templateId: string;
  categoryId: string;
  invitationId: string;
  keyId: string;
  ownerId: string;
  agentId: string;
  /** A signed-in session of A's owner (user_sessions). */
  sessionId: string;
  /** A queued background job of A (job_runs, job_events). */
  jobId: string;
  /** A conversation of A's inbox, with a customer message. */
  conversationId: string;
  /** An answer of suggestions.forMessage in A (suggestion_events). */
  suggestionId: string;
  /** A's deployed model version, a scenario, its run, and a queued training job. */
  versionId: string;
  scenarioId: string;
  scenarioRunId: string;
  trainingJobId: string;
  /** A ready labelled dataset of A (datasets, dataset_rows) mapped to A's template. */
  datasetId: string;
  /** A proposed optimisation of A's template (template_optimizations). */
  optimizationId: string;
  /** A running A/B test of A's template (ab_tests, ab_test_variants, ab_test_assignments). */
  abTestId: string;
  /** A finished conversation analysis of A (analysis_runs, knowledge_gaps, gap_messages, …). */
  analysisDatasetId: string;
  analysisRunId: string;
  gapId: string;
};

type Fixture =
  /** Runs inside a workspace: called as B with A's ids, and with A's slug. */
  | { scope: "workspace"; inputs: (a: AIds) => unknown[] }
  /** Signed in but across workspaces (the switcher): B's answer holds nothing of A. */
  | { scope: "user"; inputs: (a: AIds) => unknown[] }
  /** Not tied to a workspace at all; say why, and where it is tested. */
  | { scope: "none"; reason: string };

const none = (reason: string): Fixture => ({ scope: "none", reason });
const ws = (inputs: (a: AIds) => unknown[] = () => [undefined]): Fixture => ({
  scope: "workspace",
  inputs,
});

/** Thirty days to today (UTC): the analytics procedures' period. */
const ANALYTICS_PERIOD = {
  from: new Date(Date.now() - 29 * 864e5).toISOString().slice(0, 10),
  to: new Date().toISOString().slice(0, 10),
};

const FIXTURES: Record<string, Fixture> = {
  "auth.signUp": none("public: creates a new account and workspace (auth.int.test.ts)"),
  "auth.invitation": none("public: the secret token is the access check (accept-invitation)"),
  "auth.acceptInvitation": none("public: the secret token is the access check"),
  "account.sessions": { scope: "user", inputs: () => [undefined] },
  "account.revokeSession": { scope: "user", inputs: (a) => [{ id: a.sessionId }] },
  "account.signOutEverywhere": { scope: "user", inputs: () => [undefined] },
  "account.changePassword": {
    scope: "user",
    inputs: () => [{ currentPassword: "not the password", newPassword: "a new password 1" }],
  },
  "workspace.mine": { scope: "user", inputs: () => [undefined] },
  "workspace.create": { scope: "user", inputs: () => [{ name: "Beta second" }] },
  "workspace.get": ws(),
  "workspace.update": ws(() => [{ name: "Beta renamed" }]),
  "workspace.members.list": ws(),
  "workspace.members.invite": ws(() => [{ email: uniqueEmail("sweep-invite"), role: "agent" }]),
  "workspace.members.changeRole": ws((a) => [{ userId: a.agentId, role: "owner" }]),
  "workspace.members.remove": ws((a) => [{ userId: a.agentId }, { userId: a.ownerId }]),
  "workspace.invitations.list": ws(),
  "workspace.invitations.revoke": ws((a) => [{ id: a.invitationId }]),
  "apiKeys.create": ws(() => [{ name: "beta key", scope: "read" }]),
  "apiKeys.list": ws(),
  "apiKeys.revoke": ws((a) => [{ id: a.keyId }]),
  "audit.list": ws((a) => [{}, { actorId: a.ownerId }, { entityType: "template" }]),
  "audit.actors": ws(),
  "audit.exportCsv": ws((a) => [{}, { actorId: a.ownerId }]),
  "templates.list": ws((a) => [{}, { categoryId: a.categoryId }, { tag: "zanzibar-tag" }]),
  "templates.get": ws((a) => [{ id: a.templateId }]),
  "templates.search": ws((a) => [
    { query: "Zanzibar" },
    { query: "zanzibr escalaton" },
    { query: "secret", categoryId: a.categoryId },
  ]),
  "templates.validate": ws(() => [{ draft: orderStatusDraft() }]),
  "templates.render": ws((a) => [
    { id: a.templateId, values: {} },
    { id: a.templateId, values: {}, language: "de" },
  ]),
  "templates.recordUse": ws((a) => [{ id: a.templateId }]),
  "templates.create": ws(() => [orderStatusDraft({ name: "Beta order", category: "Secret ops" })]),
  "templates.update": ws((a) => [{ id: a.templateId, expectedVersion: 1, ...orderStatusDraft() }]),
  "templates.archive": ws((a) => [{ id: a.templateId }]),
  "templates.restore": ws((a) => [{ id: a.templateId }]),
  "templates.duplicate": ws((a) => [{ id: a.templateId }]),
  "templates.import": ws(() => [{ format: "json", content: "{}", dryRun: true }]),
  "templates.export": ws((a) => [{ format: "json", ids: [a.templateId] }, { format: "csv" }]),
  "templates.versions.list": ws((a) => [{ id: a.templateId }]),
  "templates.versions.get": ws((a) => [{ id: a.templateId, version: 1 }]),
  "templates.versions.restore": ws((a) => [{ id: a.templateId, version: 1 }]),
  "templates.categories.list": ws(),
  "templates.categories.rename": ws((a) => [{ id: a.categoryId, name: "Taken over" }]),
  "templates.categories.remove": ws((a) => [{ id: a.categoryId }]),
  "templates.categories.merge": ws((a) => [{ id: a.categoryId, into: a.categoryId }]),
  "templates.languages": ws(),
  "templates.remove": ws((a) => [{ ids: [a.templateId] }]),
  "templates.bulk": ws((a) => [
    { ids: [a.templateId], action: "archive" },
    { ids: [a.templateId], action: "trash" },
  ]),
  "templates.trash.list": ws(),
  "templates.trash.restore": ws((a) => [{ ids: [a.templateId] }]),
  "templates.favourites.list": ws(),
  "templates.favourites.set": ws((a) => [{ id: a.templateId, favourite: true }]),
  "suggestions.forMessage": ws((a) => [
    { message: "Zanzibar escalation: I want my refund", limit: 10 },
    // A's inbox conversation id: its customer and messages must not pre-fill B's suggestions.
    { message: "Where is my order?", conversationId: a.conversationId, limit: 10 },
  ]),
  "suggestions.feedback": ws((a) => [
    { suggestionId: a.suggestionId, chosenTemplateId: null },
    { suggestionId: a.suggestionId, chosenTemplateId: a.templateId },
  ]),
  "templates.translations.list": ws((a) => [{ id: a.templateId }]),
  "templates.translations.add": ws((a) => [{ id: a.templateId, language: "fr" }]),
  "templates.optimize": ws((a) => [
    { templateId: a.templateId },
    { templateId: a.templateId, goal: "x" },
  ]),
  "templates.optimizations.list": ws((a) => [{ templateId: a.templateId }]),
  "templates.optimizations.accept": ws((a) => [{ id: a.optimizationId }]),
  "templates.optimizations.discard": ws((a) => [{ id: a.optimizationId }]),
  "ai.settings.get": ws(),
  "ai.settings.update": ws(() => [
    {
      enabled: false,
      provider: "default",
      baseUrl: null,
      models: {},
      dailyCallLimit: 1,
      dailyTokenLimit: null,
    },
  ]),
  "ai.usage": ws(() => [{}]),
  "analytics.overview": ws(() => [ANALYTICS_PERIOD]),
  "analytics.templates": ws(() => [ANALYTICS_PERIOD]),
  "analytics.template": ws((a) => [{ ...ANALYTICS_PERIOD, templateId: a.templateId }]),
  "analytics.compare": ws((a) => [
    { templateId: a.templateId },
    { templateId: a.templateId, version: 1 },
    { modelVersionId: a.versionId },
  ]),
  "analytics.agents": ws((a) => [ANALYTICS_PERIOD, { ...ANALYTICS_PERIOD, agentId: a.agentId }]),
  "analytics.categories": ws((a) => [{ ...ANALYTICS_PERIOD, categoryId: a.categoryId }]),
  "analytics.export": ws((a) => [
    { ...ANALYTICS_PERIOD, format: "csv" },
    { ...ANALYTICS_PERIOD, format: "json", categoryId: a.categoryId },
  ]),
  "analytics.backfill": ws(() => [ANALYTICS_PERIOD]),
  "jobs.list": ws(() => [{}]),
  "jobs.get": ws((a) => [{ id: a.jobId }]),
  "jobs.cancel": ws((a) => [{ id: a.jobId }]),
  "jobs.retry": ws((a) => [{ id: a.jobId }]),
  // B ingesting A's external ids creates B's own conversation; A's rows stay as they were.
  "inbox.ingest": ws(() => [
    {
      source: "api",
      conversations: [
        {
          externalId: "zanzibar-conv",
          messages: [{ externalId: "m1", role: "customer", text: "hi" }],
        },
      ],
    },
  ]),
  "inbox.list": ws(() => [
    { filter: "all", limit: 200 },
    { filter: "open", limit: 50 },
  ]),
  "inbox.get": ws((a) => [{ id: a.conversationId }]),
  "inbox.assignees": ws(),
  "inbox.usageEvents": ws((a) => [{ id: a.conversationId }]),
  "inbox.send": ws((a) => [
    { conversationId: a.conversationId, text: "taken over" },
    { conversationId: crypto.randomUUID(), text: "x", templateId: a.templateId, renderedText: "x" },
  ]),
  "inbox.note": ws((a) => [{ conversationId: a.conversationId, text: "taken over" }]),
  "inbox.setStatus": ws((a) => [{ conversationId: a.conversationId, status: "resolved", csat: 1 }]),
  "inbox.draft": ws((a) => [{ conversationId: a.conversationId }]),
  "inbox.assign": ws((a) => [
    { conversationId: a.conversationId, userId: null },
    { conversationId: a.conversationId, userId: a.agentId },
  ]),
  "inbox.settings.get": ws(),
  // A public literal (TEST-NET-3): loopback would be refused by the SSRF guard before isolation.
  "inbox.settings.update": ws(() => [{ outboundUrl: "https://203.0.113.9/stolen" }]),
  "inbox.settings.rotateSecret": ws(),
  "training.overview": ws(),
  "training.start": ws((a) => [{ datasetIds: [a.templateId] }]),
  "training.trainOnScenarios": ws(() => [{}]),
  "training.progress": ws((a) => [{ jobId: a.trainingJobId }, { jobId: a.jobId }]),
  "training.jobs": ws(() => [{}]),
  "training.versions": ws(() => [{}]),
  "training.version": ws((a) => [{ id: a.versionId }]),
  "training.compare": ws((a) => [{ a: a.versionId, b: a.versionId }]),
  "training.deploy": ws((a) => [{ versionId: a.versionId }]),
  "training.rollback": ws((a) => [{ versionId: a.versionId }]),
  "training.scenarios.list": ws(),
  "training.scenarios.create": ws((a) => [
    { text: "Zanzibar sneak", templateId: a.templateId, difficulty: "easy", tags: [] },
  ]),
  "training.scenarios.update": ws((a) => [
    { id: a.scenarioId, text: "taken over", templateId: a.templateId },
  ]),
  "training.scenarios.delete": ws((a) => [{ id: a.scenarioId }]),
  "training.runScenarios": ws((a) => [{ versionId: a.versionId }]),
  "training.scenarioRuns": ws((a) => [{ versionId: a.versionId }, {}]),
  "training.scenarioRun": ws((a) => [{ id: a.scenarioRunId }]),
  "training.evaluate": ws((a) => [
    { versionId: a.versionId, rows: [{ text: "where is my order", label: "Zanzibar escalation" }] },
  ]),
  "datasets.list": ws(),
  "datasets.get": ws((a) => [{ id: a.datasetId }]),
  "datasets.rows": ws((a) => [{ id: a.datasetId }, { id: a.datasetId, cursor: 0 }]),
  "datasets.labels": ws((a) => [{ id: a.datasetId }]),
  "datasets.mapLabels": ws((a) => [
    { id: a.datasetId, mapping: [{ label: "zanzibar_label", templateId: a.templateId }] },
    { id: a.datasetId, mapping: [{ label: "zanzibar_label", templateId: null }] },
  ]),
  "datasets.createMissingTemplates": ws((a) => [{ id: a.datasetId }]),
  "datasets.matchReplies": ws((a) => [{ id: a.datasetId, threshold: 0 }]),
  "datasets.createFaqTemplates": ws((a) => [{ id: a.datasetId }]),
  "datasets.delete": ws((a) => [{ id: a.datasetId }]),
  "abTests.plan": ws(() => [{ metric: "resolution_rate", mde: 0.1, baseRate: 0.3 }]),
  "abTests.list": ws((a) => [{}, { templateId: a.templateId }]),
  "abTests.get": ws((a) => [{ id: a.abTestId }]),
  "abTests.results": ws((a) => [{ id: a.abTestId }]),
  "abTests.create": ws((a) => [
    {
      templateId: a.templateId,
      name: "taken over",
      metric: "resolution_rate",
      mde: 0.3,
      baseRate: 0.3,
      variants: [{ label: "A" }, { label: "B", content: "taken over" }],
    },
  ]),
  "abTests.start": ws((a) => [{ id: a.abTestId }]),
  "abTests.stop": ws((a) => [{ id: a.abTestId }]),
  "abTests.promote": ws((a) => [{ id: a.abTestId }]),
  "analysis.start": ws((a) => [
    { source: "dataset", datasetId: a.analysisDatasetId },
    { source: "inbox" },
  ]),
  "analysis.runs": ws(() => [{}]),
  "analysis.run": ws((a) => [{ runId: a.analysisRunId }]),
  "analysis.gaps.list": ws((a) => [{}, { runId: a.analysisRunId }, { status: "open" }]),
  "analysis.gaps.get": ws((a) => [{ gapId: a.gapId }]),
  "analysis.gaps.resolve": ws((a) => [{ gapId: a.gapId, templateId: a.templateId }]),
  "analysis.gaps.dismiss": ws((a) => [{ gapId: a.gapId, reason: "taken over" }]),
  "analysis.gaps.createTemplateDraft": ws((a) => [{ gapId: a.gapId }]),
  "analysis.patterns": ws((a) => [{}, { runId: a.analysisRunId }]),
  "analysis.insights": ws((a) => [{}, { runId: a.analysisRunId }]),
  "analysis.export": ws((a) => [
    { runId: a.analysisRunId, what: "gaps", format: "csv" },
    { runId: a.analysisRunId, what: "insights", format: "json" },
  ]),
  "training.analyze": ws((a) => [{}, { datasetId: a.analysisDatasetId }]),
};

/** What B may be told when it reaches for A's rows: never a success with A's data, never a 500. */
const REFUSALS = new Set(["NOT_FOUND", "FORBIDDEN", "BAD_REQUEST", "CONFLICT"]);

let db: Database;
let a: AIds & { owner: TestUser; workspace: TestWorkspace; markers: string[] };
let bOwner: Caller;
let bKey: Caller;
let bOwnerUser: TestUser;
let bOwnerAtA: Caller;
let bKeyAtA: Caller;

beforeAll(async () => {
  db = await testDatabase();
  const alpha = await signUpOwner(db, { workspaceName: "Alpha Sweep" });
  const { user: agent } = await addMember(db, alpha.workspace, "agent");
  const key = await createKey(db, alpha.caller, "write");
  const { invitation } = await alpha.caller.workspace.members.invite({
    email: uniqueEmail("alpha-invitee"),
    role: "agent",
  });
  const template = await alpha.caller.templates.create(
    refundPolicyDraft({
      name: "Zanzibar escalation",
      category: "Secret ops",
      tags: ["zanzibar-tag"],
    }),
  );
  const abTest = await alpha.caller.abTests.create({
    templateId: template.id,
    name: "Zanzibar A/B",
    metric: "resolution_rate",
    alpha: 0.05,
    power: 0.8,
    mde: 0.3,
    baseRate: 0.3,
    variants: [
      { label: "Zanzibar control", weight: 1 },
      { label: "Zanzibar variant", content: "Zanzibar variant body", weight: 1 },
    ],
  });
  await alpha.caller.abTests.start({ id: abTest.id });
  const sessionId = await startSession(db, alpha.user.id, { ip: null, userAgent: "alpha" });
  // No provider in this suite: the local optimiser writes A's proposal (and A's AI settings).
  const optimization = await alpha.caller.templates.optimize({ templateId: template.id });
  await alpha.caller.ai.settings.update({
    enabled: true,
    provider: "openai",
    baseUrl: null,
    models: { optimize: "zanzibar-model" },
    apiKey: "sk-zanzibar-secret-key",
    dailyCallLimit: 7,
    dailyTokenLimit: null,
  });
  // A job no worker runs here (its own queue), so it stays queued and cancellable.
  const sweepSteps = { ...stepsJob, name: "test-steps-sweep" };
  await ensureJobQueues(db, [sweepSteps]);
  const jobId = await enqueueAsSystem(db, sweepSteps, {
    workspaceId: alpha.workspace.id,
    actor: { type: "system", label: "system" },
    steps: 1,
    stepMs: 0,
  });
  await key.caller.inbox.ingest({
    source: "api",
    conversations: [
      {
        externalId: "zanzibar-conv",
        customer: { name: "Zanzibar Customer", email: "zanzibar@example.test" },
        messages: [{ externalId: "m1", role: "customer", text: "Zanzibar secret order" }],
      },
    ],
  });
  const [conversation] = await alpha.caller.inbox.list({ filter: "all", limit: 10 });
  if (!conversation) throw new Error("A's conversation was not ingested");
  await alpha.caller.inbox.settings.rotateSecret();
  // A reply with a template leaves A's usage events behind (the reply's id marks them).
  const reply = await alpha.caller.inbox.send({
    conversationId: conversation.id,
    text: "Zanzibar reply",
    templateId: template.id,
    renderedText: "Zanzibar rendered",
  });
  const trained = await trainedWorkspace(db, alpha);
  // Its own queue too: on PostgreSQL another file's training worker must not run it mid-sweep.
  const sweepTraining = { ...modelTrainingJob, name: "test-training-sweep" };
  await ensureJobQueues(db, [sweepTraining]);
  const trainingJobId = await enqueueAsSystem(db, sweepTraining, {
    workspaceId: alpha.workspace.id,
    actor: { type: "system", label: "system" },
    datasetIds: [],
    deploy: false,
    scenariosInTraining: false,
  });
  // After the deploy, so A's suggestion comes from A's model.
  const suggestion = await alpha.caller.suggestions.forMessage({
    message: "Zanzibar escalation: I want my refund",
  });
  await settledSuggestion(suggestion.suggestionId); // its event is written behind the answer
  const datasetId = await insertReadyDataset(db, alpha.workspace.id, {
    name: "Zanzibar dataset",
    rows: [{ kind: "example", text: "Zanzibar secret question", label: "zanzibar_label" }],
  });
  await alpha.caller.datasets.mapLabels({
    id: datasetId,
    mapping: [{ label: "zanzibar_label", templateId: template.id }],
  });
  // A's conversation analysis: bitcoin, home address and pet insurance gaps.
  const analysis = await completedAnalysis(db, alpha.workspace.id);
  a = {
    analysisDatasetId: analysis.datasetId,
    analysisRunId: analysis.runId,
    gapId: analysis.gapId,
    suggestionId: suggestion.suggestionId,
    sessionId,
    datasetId,
    jobId,
    conversationId: conversation.id,
    versionId: trained.versionId,
    scenarioId: trained.scenarioId,
    scenarioRunId: trained.runId,
    trainingJobId,
    optimizationId: optimization.optimizationId,
    abTestId: abTest.id,
    owner: alpha.user,
    workspace: alpha.workspace,
    workspaceId: alpha.workspace.id,
    templateId: template.id,
    categoryId: template.category?.id ?? "",
    invitationId: invitation.id,
    keyId: key.id,
    ownerId: alpha.user.id,
    agentId: agent.id,
    markers: [
      alpha.workspace.id,
      alpha.workspace.slug,
      template.id,
      template.category?.id ?? "",
      "Zanzibar",
      alpha.user.email,
      agent.email,
      key.id,
      invitation.id,
      sessionId,
      jobId,
      conversation.id,
      reply.id,
      suggestion.suggestionId,
      trained.versionId,
      trained.scenarioId,
      trained.runId,
      trained.orderId,
      trained.refundId,
      trainingJobId,
      datasetId,
      optimization.optimizationId,
      abTest.id,
      ...abTest.variants.map((v) => v.id),
      analysis.datasetId,
      analysis.runId,
      analysis.gapId,
      "bitcoin",
      "zanzibar-model",
      "sk-zanzibar",
    ],
  };
  const beta = await signUpOwner(db, { workspaceName: "Beta Sweep" });
  await beta.caller.templates.create(orderStatusDraft());
  bOwner = beta.caller;
  bOwnerUser = beta.user;
  const betaKey = await createKey(db, beta.caller, "write");
  bKey = betaKey.caller;
  bKeyAtA = await callerFor(db, { apiKey: betaKey.key, slug: alpha.workspace.slug });
  bOwnerAtA = await callerFor(db, { user: beta.user, slug: alpha.workspace.slug });
});

/** Every row of A in every tenant table (and A's workspace row), as text, read as superuser. */
async function rowsOfA(): Promise<Record<string, string>> {
  const tables = readRows<{ table_name: string }>(
    await db.execute(sql`select table_name from information_schema.columns
      where table_schema = 'public' and column_name = 'workspace_id' order by table_name`),
  ).map((r) => r.table_name);
  const out: Record<string, string> = {};
  for (const table of [...tables, "workspaces"]) {
    const column = table === "workspaces" ? "id" : "workspace_id";
    const [row] = readRows<{ rows: string | null }>(
      await db.execute(sql`select string_agg(t::text, E'\n' order by t::text) as rows
        from ${sql.identifier(table)} t where ${sql.identifier(column)} = ${a.workspaceId}`),
    );
    out[table] = row?.rows ?? "";
  }
  // Per-user rows that A's people own: their sessions and their user rows.
  const [people] = readRows<{ sessions: string | null; users: string | null }>(
    await db.execute(sql`select
      (select string_agg(s::text, E'\n' order by s::text) from user_sessions s
        where s.user_id in (${a.ownerId}, ${a.agentId})) as sessions,
      (select string_agg(u::text, E'\n' order by u::text) from users u
        where u.id in (${a.ownerId}, ${a.agentId})) as users`),
  );
  out.user_sessions = people?.sessions ?? "";
  out.users = people?.users ?? "";
  return out;
}

function fixtureProblems(paths: string[]): string[] {
  const missing = paths
    .filter((path) => !(path in FIXTURES))
    .map(
      (path) =>
        `Add "${path}" to FIXTURES in server/api/routers/isolation-sweep.int.test.ts: ` +
        `ws((a) => [inputs using workspace A's ids]) if it runs in a workspace, ` +
        `{ scope: "user", ... } if it spans the caller's workspaces, or none("why") if neither.`,
    );
  const stale = Object.keys(FIXTURES)
    .filter((path) => !paths.includes(path))
    .map((path) => `Remove "${path}" from FIXTURES: appRouter has no such procedure.`);
  return [...missing, ...stale];
}

async function outcome(caller: Caller, path: string, input: unknown) {
  try {
    return { ok: true as const, result: await callProcedure(caller, path, input) };
  } catch (error) {
    if (error instanceof TRPCError) return { ok: false as const, code: error.code };
    throw error;
  }
}

describe("isolation sweep over every procedure of appRouter", () => {
  const procedures = listProcedures();

  it("has a fixture for every procedure (and none for procedures that are gone)", () => {
    expect(fixtureProblems(procedures.map((p) => p.path))).toEqual([]);
  });

  it("tells the developer what to add when a procedure has no fixture", () => {
    const paths = [...procedures.map((p) => p.path), "templates.newThing"];
    expect(fixtureProblems(paths)).toEqual([
      expect.stringMatching(
        /^Add "templates\.newThing" to FIXTURES in server\/api\/routers\/isolation-sweep/,
      ),
    ]);
  });

  it("B (owner and write key) given A's ids never gets A's data, and A's rows never change", async () => {
    const before = await rowsOfA();
    const problems: string[] = [];
    for (const { path } of procedures) {
      const fixture = FIXTURES[path];
      if (!fixture || fixture.scope === "none") continue;
      const callers: [string, Caller][] =
        fixture.scope === "workspace"
          ? [
              ["B's owner", bOwner],
              ["B's key", bKey],
            ]
          : [["B's owner", bOwner]];
      for (const input of fixture.inputs(a)) {
        for (const [who, caller] of callers) {
          const answer = await outcome(caller, path, input);
          const where = `${who}: ${path}(${JSON.stringify(input)?.slice(0, 80)})`;
          if (!answer.ok) {
            if (!REFUSALS.has(answer.code)) problems.push(`${where} → ${answer.code}`);
            continue;
          }
          const text = JSON.stringify(answer.result) ?? "";
          const leaked = a.markers.filter((m) => m && text.includes(m));
          if (leaked.length > 0) problems.push(`${where} returned A's ${leaked.join(", ")}`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(await rowsOfA()).toEqual(before);
  });

  it("B's owner naming A's workspace gets NOT_FOUND, B's key FORBIDDEN, from every workspace procedure", async () => {
    const before = await rowsOfA();
    const problems: string[] = [];
    for (const { path } of procedures) {
      const fixture = FIXTURES[path];
      if (fixture?.scope !== "workspace") continue;
      for (const input of fixture.inputs(a)) {
        for (const [caller, expected] of [
          [bOwnerAtA, "NOT_FOUND"],
          [bKeyAtA, "FORBIDDEN"],
        ] as const) {
          const answer = await outcome(caller, path, input);
          const code = answer.ok ? "a success" : answer.code;
          if (code !== expected) problems.push(`${path}(${JSON.stringify(input)}) → ${code}`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(await rowsOfA()).toEqual(before);
    expect(bOwnerUser.id).not.toBe(a.ownerId);
  });
});
