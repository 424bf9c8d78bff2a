import { uniqueEmail } from "@/test/factories";
import { orderStatusDraft } from "@/test/template-drafts";

/**
 * The isolation sweep's table (isolation-sweep.int.test.ts): for every procedure of appRouter,
 * how workspace B calls it with workspace A's ids. A procedure added to the router without an
 * entry here fails the sweep's first test, which says what to add.
 */
export type AIds = {
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

export type Fixture =
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

export const FIXTURES: Record<string, Fixture> = {
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
  "jobs.list": ws(() => [{}, { states: ["queued"], limit: 1 }, { name: "model-training" }]),
  "jobs.types": ws(),
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
  "inbox.counts": ws(),
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
  "training.versions": ws(() => [{}, { limit: 1, cursor: 2 }]),
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
