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
import { type AIds, FIXTURES } from "./isolation-sweep.fixtures";

/**
 * Issue #7, "Must show": tenant isolation for every procedure of appRouter, found by walking
 * the router. Workspace B (its owner, and its write key) calls each procedure with ids that
 * belong to workspace A; B's owner also names A's workspace. Nothing of A comes back and none
 * of A's rows change. A procedure without an entry in FIXTURES fails the first test, which
 * says what to add, so a new procedure cannot go unswept.
 */
/**
 * What B may be told when it reaches for A's rows: never a success with A's data, never a 500.
 * PRECONDITION_FAILED: B asked to train on A's datasets and has nothing to learn from itself.
 */
const REFUSALS = new Set([
  "NOT_FOUND",
  "FORBIDDEN",
  "BAD_REQUEST",
  "CONFLICT",
  "PRECONDITION_FAILED",
]);

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
        `Add "${path}" to FIXTURES in server/api/routers/isolation-sweep.fixtures.ts: ` +
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
