import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { readRows } from "@/db/migrate";
import { withTenant } from "@/db/tenant";
import { hasNewInboxMessages } from "@/server/analysis/service/schedule";
import { conversationAnalysisJob } from "@/server/jobs/definitions/conversation-analysis";
import { claimNightlyAnalysis } from "@/server/jobs/scheduler";
import type { RunningWorker } from "@/server/jobs/worker";
import { deployIntentModel, PLANTED_TOPICS } from "@/test/analysis";
import { testDatabase } from "@/test/db";
import { signUpOwner } from "@/test/factories";
import { startTestWorker, waitForJobState } from "@/test/jobs";
import { INTENT_MESSAGES } from "@/test/suggestion-model";

/**
 * Issue #15 over the inbox: a topic whose volume triples between the two halves of the period
 * is flagged growing, a steady one is not; `training.analyze` scores the deployed model against
 * the templates agents sent and reports CSAT and resolution; the nightly run is due only when
 * new customer messages arrived.
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

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** `count` texts cycled from `texts`, at `days` days before today's noon plus a few minutes. */
function messagesAt(prefix: string, texts: readonly string[], count: number, days: number[]) {
  const noon = Date.parse(`${isoDay(Date.now())}T12:00:00Z`);
  return Array.from({ length: count }, (_, i) => ({
    externalId: `${prefix}-${i}`,
    text: texts[i % texts.length] as string,
    createdAt: new Date(noon - (days[i % days.length] as number) * DAY + i * 60_000),
  }));
}

describe("conversation analysis of the inbox", () => {
  it("flags a tripled topic as growing, scores agents' templates, and knows when a night run is due", async () => {
    const owner = await signUpOwner(db, { workspaceName: "Analysis inbox" });
    const ws = owner.workspace;
    const { templateIdOf } = await deployIntentModel(db, owner);
    // 14 days: days 13…7 before today are the earlier half, 6…0 the later one.
    const address = PLANTED_TOPICS.address?.messages ?? [];
    const crypto = PLANTED_TOPICS.crypto?.messages ?? [];
    const customer = [
      ...messagesAt("addr-old", address, 3, [12, 10, 8]),
      ...messagesAt("addr-new", address, 9, [5, 4, 3, 2, 1]),
      ...messagesAt("crypto-old", crypto, 5, [13, 11, 9]),
      ...messagesAt("crypto-new", crypto, 5, [6, 4, 2]),
      ...Object.entries(INTENT_MESSAGES).flatMap(([intent, texts]) =>
        messagesAt(intent, texts, texts.length, [12, 9, 6, 3, 1]),
      ),
    ];
    const before = await withTenant(db, ws.id, (tx) => hasNewInboxMessages(tx, new Date()));
    expect(before).toBe(false);
    await owner.caller.inbox.ingest({
      source: "api",
      conversations: customer.map((m) => ({
        externalId: m.externalId,
        messages: [
          { externalId: "m1", role: "customer" as const, text: m.text, createdAt: m.createdAt },
        ],
      })),
    });
    const conversations = await withTenant(db, ws.id, async (tx) =>
      readRows<{ id: string; external_id: string }>(
        await tx.execute(sql`select id, external_id from conversations`),
      ),
    );
    const idOf = new Map(conversations.map((c) => [c.external_id, c.id]));
    // Agents answered three card_arrival questions with its template and one with refund's.
    const card = templateIdOf.card_arrival as string;
    const sends: [string, string, number][] = [
      ["card_arrival-0", card, 5],
      ["card_arrival-1", card, 4],
      ["card_arrival-2", card, 4],
      ["card_arrival-3", templateIdOf.refund as string, 1],
    ];
    for (const [externalId, templateId, csat] of sends) {
      const conversationId = idOf.get(externalId) as string;
      await owner.caller.inbox.send({
        conversationId,
        text: "Here you go",
        templateId,
        renderedText: "Here you go",
      });
      await owner.caller.inbox.setStatus({ conversationId, status: "resolved", csat });
    }
    const from = isoDay(Date.now() - 13 * DAY);
    const to = isoDay(Date.now());

    const analysed = await owner.caller.training.analyze({ from, to });
    expect(analysed.scope).toEqual({ source: "inbox", datasetId: null, from, to });
    expect(analysed.modelVersion).toBe(1);
    expect(analysed.messages).toBe(customer.length);
    expect(analysed.sampled).toBe(false);
    expect(analysed.comparedMessages).toBe(4);
    expect(analysed.accuracyScore).toBe(0.75);
    expect(analysed.commonFailurePoints).toEqual([
      expect.objectContaining({
        expected: templateIdOf.refund,
        expectedName: "Intent refund",
        suggested: card,
        count: 1,
      }),
    ]);
    expect(analysed.satisfaction).toEqual({ csat: 3.5, csatResponses: 4, resolutionRate: 1 });

    expect(await withTenant(db, ws.id, (tx) => hasNewInboxMessages(tx, new Date()))).toBe(true);
    const { runId, jobId } = await owner.caller.analysis.start({ source: "inbox", from, to });
    const job = await waitForJobState(db, ws.id, jobId ?? "", ["completed", "failed"], 60_000);
    expect(job.state, job.error ?? "").toBe("completed");
    const run = await owner.caller.analysis.run({ runId });
    expect(run.periodFrom?.toISOString()).toBe(`${from}T00:00:00.000Z`);
    expect(run.periodTo?.getTime()).toBe(Date.parse(`${to}T00:00:00Z`) + DAY);
    expect(run.summary?.accuracyScore).toBe(0.75);

    const { patterns } = await owner.caller.analysis.patterns({ runId });
    const addressPattern = patterns.find((p) => p.keyPhrases.includes("home address"));
    const cryptoPattern = patterns.find((p) => p.keyPhrases.includes("bitcoin crypto"));
    expect(addressPattern).toMatchObject({
      previous: 3,
      current: 9,
      changeRatio: 3,
      growing: true,
      answered: false,
    });
    expect(cryptoPattern).toMatchObject({ previous: 5, current: 5, growing: false });
    expect(addressPattern?.series.reduce((s, b) => s + b.count, 0)).toBe(12);
    const gaps = await owner.caller.analysis.gaps.list({ runId });
    const addressGap = gaps.gaps.find((g) => g.keyPhrases.includes("home address"));
    expect(addressGap?.trend).toMatchObject({ previous: 3, current: 9, direction: "growing" });

    const { insights } = await owner.caller.analysis.insights({ runId });
    expect(insights.map((i) => i.kind)).toContain("growing_unanswered_topic");
    const growing = insights.find((i) => i.kind === "growing_unanswered_topic");
    expect(growing?.text).toMatch(/home address/);
    expect([...insights].sort((x, y) => y.impact - x.impact)).toEqual(insights);

    // Analysed now: nothing new since, so tonight's run is not due; the hour gates the claim.
    expect(await withTenant(db, ws.id, (tx) => hasNewInboxMessages(tx, new Date()))).toBe(false);
    const workerId = `worker-${ws.id}`;
    const afternoon = new Date("2026-12-03T14:00:00Z");
    expect(await claimNightlyAnalysis(db, workerId, 2, afternoon)).toBe(false);
    expect(await claimNightlyAnalysis(db, workerId, null, new Date("2026-12-03T02:10:00Z"))).toBe(
      false,
    );
  }, 120_000);
});
