import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { analysisInsights, jobEvents, templates, trainingExamples } from "@/db/schema";
import { withTenant } from "@/db/tenant";
import { conversationAnalysisJob } from "@/server/jobs/definitions/conversation-analysis";
import type { RunningWorker } from "@/server/jobs/worker";
import { deployIntentModel, insertPlantedDataset, PLANTED_TOPICS, topicOf } from "@/test/analysis";
import { insertReadyDataset } from "@/test/datasets";
import { testDatabase } from "@/test/db";
import { addMember, catchError, signUpOwner } from "@/test/factories";
import { startTestWorker, waitForJobState } from "@/test/jobs";

/**
 * Issue #15 through the router and the job: three unanswered topics planted in a dataset come
 * back as three gaps with the right messages; the run's counts are the rows' counts; a resolved
 * gap's messages become training examples; a gap drafts a template from the agents' replies;
 * the CSV export defuses formulas; agents read but cannot act.
 */
let db: Database;
let worker: RunningWorker;

beforeAll(async () => {
  db = await testDatabase();
  worker = await startTestWorker([conversationAnalysisJob]);
});
afterAll(async () => {
  await worker.stop({ timeoutMs: 5_000 });
});

describe("conversation analysis of a dataset", () => {
  it("finds the three planted topics as gaps, with real counts, actions and export", async () => {
    const owner = await signUpOwner(db, { workspaceName: "Analysis planted" });
    const ws = owner.workspace;
    const { templateIdOf } = await deployIntentModel(db, owner);
    const datasetId = await insertPlantedDataset(db, ws.id);

    const { runId, jobId } = await owner.caller.analysis.start({ source: "dataset", datasetId });
    expect(jobId).not.toBeNull();
    const job = await waitForJobState(db, ws.id, jobId ?? "", ["completed", "failed"], 60_000);
    expect(job.state, job.error ?? "").toBe("completed");
    // Progress rises through the six steps: load → predict → cluster → patterns → insights → save.
    const events = await withTenant(db, ws.id, (tx) =>
      tx
        .select({ progress: jobEvents.progress, data: jobEvents.data })
        .from(jobEvents)
        .where(and(eq(jobEvents.jobId, jobId ?? ""), eq(jobEvents.kind, "progress")))
        .orderBy(asc(jobEvents.id)),
    );
    const percents = events.map((e) => e.progress ?? 0);
    expect([...percents].sort((x, y) => x - y)).toEqual(percents);
    expect(percents.at(-1)).toBe(100);
    const steps = events.map((e) => (e.data as { step?: number } | null)?.step);
    expect(new Set(steps)).toEqual(new Set([1, 2, 3, 4, 5, 6]));

    const run = await owner.caller.analysis.run({ runId });
    expect(run.status).toBe("done");
    expect(run.source).toBe("dataset");
    expect(run.datasetName).toBe("Planted topics");
    expect(run.modelVersion).toBe(1);
    const planted = Object.values(PLANTED_TOPICS).reduce((s, t) => s + t.messages.length, 0);
    expect(run.messages).toBe(30 + planted);
    expect(run.unconfident).toBeGreaterThanOrEqual(planted);
    expect(run.summary?.messages).toBe(run.messages);

    // Three gaps, one per planted topic, each holding exactly that topic's messages.
    const { gaps, total, nextOffset } = await owner.caller.analysis.gaps.list({ runId });
    expect(gaps).toHaveLength(3);
    expect({ total, nextOffset }).toEqual({ total: 3, nextOffset: null });
    // Pages of two: the same gaps in the same order (most severe first), the total on each page.
    const first = await owner.caller.analysis.gaps.list({ runId, limit: 2 });
    expect({ total: first.total, nextOffset: first.nextOffset }).toEqual({
      total: 3,
      nextOffset: 2,
    });
    const second = await owner.caller.analysis.gaps.list({ runId, limit: 2, offset: 2 });
    expect({ total: second.total, nextOffset: second.nextOffset }).toEqual({
      total: 3,
      nextOffset: null,
    });
    expect([...first.gaps, ...second.gaps].map((g) => g.id)).toEqual(gaps.map((g) => g.id));
    expect(gaps.map((g) => g.severity)).toEqual(gaps.map((g) => g.severity).sort((x, y) => y - x));
    const found = new Map<string, string>();
    for (const gap of gaps) {
      const detail = await owner.caller.analysis.gaps.get({ gapId: gap.id, limit: 200 });
      const topics = new Set(detail.messages.items.map((m) => topicOf(m.text)));
      expect(topics.size).toBe(1);
      const [topic] = [...topics];
      expect(topic).not.toBeNull();
      found.set(topic as string, gap.id);
      expect(detail.messages.total).toBe(PLANTED_TOPICS[topic as string]?.messages.length);
      expect(gap.examples.every((e) => topicOf(e.text) === topic)).toBe(true);
      if (gap.suggestedAction.kind === "add_examples") {
        expect(Object.values(templateIdOf)).toContain(gap.suggestedAction.label);
        expect(gap.suggestedAction.labelName).toMatch(/^Intent /);
      }
      expect(gap.severity).toBeGreaterThan(0);
    }
    expect([...found.keys()].sort()).toEqual(["address", "crypto", "pets"]);
    // Paging: two at a time, in order, no repeats.
    const cryptoGap = found.get("crypto") as string;
    const page1 = await owner.caller.analysis.gaps.get({ gapId: cryptoGap, limit: 2 });
    const page2 = await owner.caller.analysis.gaps.get({
      gapId: cryptoGap,
      limit: 2,
      offset: page1.messages.nextOffset ?? 0,
    });
    expect(page1.messages.nextOffset).toBe(2);
    expect(page2.messages.items.map((m) => m.id)).not.toContain(page1.messages.items[0]?.id);
    expect(page1.messages.items[0]?.reply).toMatch(/crypto|wallet/i);

    // Insights: every gap is the subject of one (the planted topics are new in the second half
    // of the dataset's period: "growing unanswered topic" naming its gap), computed (no AI
    // provider here), each with its formula.
    const { insights: ranked } = await owner.caller.analysis.insights({ runId });
    for (const gapId of found.values()) {
      expect(ranked.some((i) => i.basis.gap === gapId)).toBe(true);
    }
    for (const insight of ranked) {
      expect(insight.narratedBy).toBe("computed");
      expect(insight.impact).toBeGreaterThan(0);
      expect(String(insight.basis.formula)).toMatch(/impact = /);
    }
    expect(ranked.find((i) => i.basis.gap === cryptoGap)?.text).toMatch(/bitcoin/);
    // Each insight about a gap names it, with its status; the others name none.
    for (const insight of ranked) {
      const aboutGap = typeof insight.basis.gap === "string";
      expect(insight.gapId).toBe(aboutGap ? insight.basis.gap : null);
      expect(insight.gapStatus).toBe(aboutGap ? "open" : null);
    }
    // Listed in the run's ranking (stored rank 0, 1, …), not by the impact rounded to 0.1.
    const storedRanks = await withTenant(db, owner.workspace.id, (tx) =>
      tx
        .select({ id: analysisInsights.id, rank: analysisInsights.rank })
        .from(analysisInsights)
        .where(eq(analysisInsights.runId, runId))
        .orderBy(asc(analysisInsights.rank)),
    );
    expect(storedRanks.map((row) => row.rank)).toEqual(storedRanks.map((_, i) => i));
    expect(ranked.map((i) => i.id)).toEqual(storedRanks.map((row) => row.id));

    // Counts in the run list are the rows the lists return.
    const patterns = await owner.caller.analysis.patterns({ runId });
    const insights = await owner.caller.analysis.insights({ runId });
    let [listed] = await owner.caller.analysis.runs({});
    expect(listed?.id).toBe(runId);
    expect(listed?.counts).toEqual({
      gaps: 3,
      openGaps: 3,
      patterns: patterns.patterns.length,
      insights: insights.insights.length,
    });

    // A draft template from the agents' most central reply.
    const draft = await owner.caller.analysis.gaps.createTemplateDraft({ gapId: cryptoGap });
    expect(draft.basedOn).toBe("replies");
    expect(draft.body).toBe("Crypto trading is not offered yet; we will announce it in the app.");
    const stored = await owner.caller.templates.get({ id: draft.templateId });
    expect(stored.status).toBe("draft");
    expect(stored.content).toBe(draft.body);

    // A personal template is never trained on: refused, and the gap stays open.
    const personal = await owner.caller.templates.create({
      name: "My own answer",
      content: "My own answer",
      status: "active",
      visibility: "personal",
    });
    const refused = await catchError(
      owner.caller.analysis.gaps.resolve({ gapId: cryptoGap, templateId: personal.id }),
    );
    expect(refused.code).toBe("BAD_REQUEST");

    // Resolving the gap with that template: its messages become training examples.
    const resolved = await owner.caller.analysis.gaps.resolve({
      gapId: cryptoGap,
      templateId: draft.templateId,
    });
    expect(resolved.examplesAdded).toBe(PLANTED_TOPICS.crypto?.messages.length);
    const examples = await withTenant(db, ws.id, (tx) =>
      tx
        .select({ text: trainingExamples.text })
        .from(trainingExamples)
        .where(
          and(
            eq(trainingExamples.templateId, draft.templateId),
            eq(trainingExamples.source, "knowledge_gap"),
          ),
        ),
    );
    expect(examples.map((e) => e.text).sort()).toEqual(
      [...(PLANTED_TOPICS.crypto?.messages ?? [])].sort(),
    );
    const again = await catchError(
      owner.caller.analysis.gaps.resolve({ gapId: cryptoGap, templateId: draft.templateId }),
    );
    expect(again.code).toBe("CONFLICT");
    await owner.caller.analysis.gaps.dismiss({
      gapId: found.get("address") as string,
      reason: "seasonal",
    });
    [listed] = await owner.caller.analysis.runs({});
    expect(listed?.counts.openGaps).toBe(1);
    const open = await owner.caller.analysis.gaps.list({ runId, status: "open" });
    expect(open.gaps.map((g) => g.id)).toEqual([found.get("pets")]);
    expect(open.total).toBe(1);
    const dismissed = await owner.caller.analysis.gaps.list({ runId, status: "dismissed" });
    expect(dismissed.gaps.map((g) => g.id)).toEqual([found.get("address")]);
    expect(dismissed.total).toBe(1);
    // Insights follow their gaps' statuses.
    const acted = await owner.caller.analysis.insights({ runId });
    const statusOf = (gapId: string | undefined) =>
      acted.insights.find((i) => i.gapId === gapId)?.gapStatus;
    expect(statusOf(cryptoGap)).toBe("resolved");
    expect(statusOf(found.get("address"))).toBe("dismissed");

    // The CSV export: the formula-looking messages are neutralised, JSON keeps them as data.
    const csv = await owner.caller.analysis.export({ runId, what: "gaps", format: "csv" });
    expect(csv.contentType).toMatch(/text\/csv/);
    expect(csv.body).toContain(`"'=HYPERLINK(""http://evil.test""`);
    expect(csv.body).not.toMatch(/(^|[,\n])"?=/);
    expect(csv.body.split("\r\n")[0]).toMatch(/^gap_id,status,size,severity/);
    const json = await owner.caller.analysis.export({ runId, what: "gaps", format: "json" });
    const parsed = JSON.parse(json.body) as { gaps: { examples: string[] }[] };
    expect(parsed.gaps).toHaveLength(3);
    expect(parsed.gaps.flatMap((g) => g.examples).some((e) => e.startsWith("=HYPERLINK"))).toBe(
      true,
    );

    // An agent reads, but cannot start, resolve, dismiss or draft.
    const { caller: agent } = await addMember(db, ws, "agent");
    expect((await agent.analysis.gaps.list({ runId })).gaps).toHaveLength(3);
    const pets = found.get("pets") as string;
    const attempts = [
      () => agent.analysis.start({ source: "inbox" }),
      () => agent.analysis.gaps.resolve({ gapId: pets, templateId: templateIdOf.refund as string }),
      () => agent.analysis.gaps.dismiss({ gapId: pets }),
      () => agent.analysis.gaps.createTemplateDraft({ gapId: pets }),
    ];
    for (const attempt of attempts) expect((await catchError(attempt())).code).toBe("FORBIDDEN");
    const drafts = await withTenant(db, ws.id, (tx) =>
      tx.select({ id: templates.id }).from(templates).where(eq(templates.status, "draft")),
    );
    expect(drafts).toHaveLength(1);
  }, 120_000);

  it("marks a run failed with its error when the dataset has no messages, and writes nothing else", async () => {
    const owner = await signUpOwner(db, { workspaceName: "Analysis failed" });
    const knowledge = await insertReadyDataset(db, owner.workspace.id, {
      kind: "knowledge",
      rows: [{ kind: "article", title: "Cards", body: "All about cards" }],
    });
    const refused = await catchError(
      owner.caller.analysis.start({ source: "dataset", datasetId: knowledge }),
    );
    expect(refused.code).toBe("PRECONDITION_FAILED");
    // Agents' messages only: the job finds no customer message and fails the run.
    const datasetId = await insertReadyDataset(db, owner.workspace.id, {
      kind: "conversations",
      rows: [{ kind: "message", conversationId: "c1", role: "agent", text: "Hello?", at: null }],
    });
    const { runId, jobId } = await owner.caller.analysis.start({ source: "dataset", datasetId });
    const job = await waitForJobState(db, owner.workspace.id, jobId ?? "", ["failed"], 60_000);
    expect(job.error).toMatch(/no customer messages/i);
    const run = await owner.caller.analysis.run({ runId });
    expect(run.status).toBe("failed");
    expect(run.error).toMatch(/no customer messages/i);
    expect(run.counts).toEqual({ gaps: 0, openGaps: 0, patterns: 0, insights: 0 });
    expect(run.summary).toBeNull();
  }, 60_000);

  it("gives an undated dataset's topics with their sizes and no trend, in the list and the export", async () => {
    const owner = await signUpOwner(db, { workspaceName: "Analysis undated" });
    await deployIntentModel(db, owner);
    // The planted questions as an FAQ (no dates), each with its answer.
    const rows = Object.values(PLANTED_TOPICS).flatMap(({ messages, replies }) =>
      messages.map((question, i) => ({
        kind: "faq" as const,
        question,
        answer: replies[i % replies.length] ?? "",
      })),
    );
    const datasetId = await insertReadyDataset(db, owner.workspace.id, { kind: "faq", rows });
    const { runId, jobId } = await owner.caller.analysis.start({ source: "dataset", datasetId });
    const job = await waitForJobState(db, owner.workspace.id, jobId ?? "", ["completed", "failed"]);
    expect(job.state).toBe("completed");

    const { patterns } = await owner.caller.analysis.patterns({ runId });
    // The three planted topics, by their words.
    for (const word of [/bitcoin|crypto/, /address/, /pet|insurance/])
      expect(patterns.filter((p) => word.test(p.keyPhrases.join(" ")))).toHaveLength(1);
    // Each topic shows up to five of its own messages: one planted topic's questions each.
    for (const p of patterns) {
      expect(p.examples.length).toBeGreaterThan(0);
      expect(p.examples.length).toBeLessThanOrEqual(Math.min(5, p.size));
      const topics = new Set(p.examples.map(topicOf));
      expect(topics.size).toBe(1);
      expect(topics.has(null)).toBe(false);
    }
    for (const p of patterns) {
      expect(p).toMatchObject({
        previous: null,
        current: null,
        changeRatio: null,
        growing: false,
        series: [],
      });
      expect(p.size).toBeGreaterThanOrEqual(3);
    }
    expect(patterns.map((p) => p.size)).toEqual(
      [...patterns.map((p) => p.size)].sort((a, b) => b - a),
    );
    expect(patterns.reduce((sum, p) => sum + p.size, 0)).toBeLessThanOrEqual(rows.length);
    // No growth without dates, so no topic insight either.
    const { insights } = await owner.caller.analysis.insights({ runId });
    expect(insights.filter((i) => i.kind.includes("topic"))).toEqual([]);

    const csv = await owner.caller.analysis.export({ runId, what: "patterns", format: "csv" });
    const [header, first] = csv.body.trim().split(/\r?\n/);
    expect(header).toBe(
      "pattern_id,topic,key_phrases,size,previous,current,change_ratio,growing,answered,examples",
    );
    expect(first?.split(",")[0]).toBe(patterns[0]?.id);
  }, 60_000);
});
