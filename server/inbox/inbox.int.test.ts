import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { readRows } from "@/db/migrate";
import { templateUsageEvents, trainingExamples } from "@/db/schema";
import { withTenant } from "@/db/tenant";
import { testDatabase } from "@/test/db";
import { type Caller, catchError, createKey, signUpOwner } from "@/test/factories";
import { orderStatusDraft } from "@/test/template-drafts";
import type { IngestInput } from "./schemas";

let db: Database;
let owner: Awaited<ReturnType<typeof signUpOwner>>;
let writer: Caller;
let reader: Caller;

beforeAll(async () => {
  db = await testDatabase();
  owner = await signUpOwner(db, { workspaceName: "Inbox Ingest" });
  writer = (await createKey(db, owner.caller, "write")).caller;
  reader = (await createKey(db, owner.caller, "read")).caller;
});

function batch(prefix: string, conversationsCount: number, messagesEach: number): IngestInput {
  return {
    source: "helpdesk",
    conversations: Array.from({ length: conversationsCount }, (_, c) => ({
      externalId: `${prefix}-c${c}`,
      customer: { name: `Customer ${c}`, email: `c${c}@example.test`, orderNumbers: [`ORD-${c}`] },
      messages: Array.from({ length: messagesEach }, (_, m) => ({
        externalId: `${prefix}-c${c}-m${m}`,
        role: "customer" as const,
        text: `Where is my order ORD-${c}? (${m})`,
      })),
    })),
  };
}

async function countOf(workspaceId: string, prefix: string) {
  return withTenant(db, workspaceId, async (tx) => {
    const [c] = readRows<{ n: number }>(
      await tx.execute(
        sql`select count(*)::int as n from conversations where external_id like ${`${prefix}-%`}`,
      ),
    );
    const [m] = readRows<{ n: number }>(
      await tx.execute(
        sql`select count(*)::int as n from conversation_messages where external_id like ${`${prefix}-%`}`,
      ),
    );
    return { conversations: c?.n ?? 0, messages: m?.n ?? 0 };
  });
}

describe("inbox.ingest", () => {
  it("stores a batch once: the same batch twice stores nothing twice", async () => {
    const input = batch("twice", 10, 50);
    const first = await writer.inbox.ingest(input);
    expect(first).toEqual({ conversations: 10, received: 500, stored: 500, duplicates: 0 });
    const second = await writer.inbox.ingest(input);
    expect(second).toEqual({ conversations: 10, received: 500, stored: 0, duplicates: 500 });
    // The audit log says what arrived, per call.
    const { items } = await owner.caller.audit.list({ action: "inbox.ingest" });
    expect(items.slice(0, 2).map((i) => i.summary)).toEqual([
      { source: "helpdesk", received: 500, stored: 0 },
      { source: "helpdesk", received: 500, stored: 500 },
    ]);
    expect(await countOf(owner.workspace.id, "twice")).toEqual({
      conversations: 10,
      messages: 500,
    });
    const list = await owner.caller.inbox.list({ filter: "all", limit: 200 });
    const one = list.find((c) => c.externalId === "twice-c3");
    expect(one).toMatchObject({ messageCount: 50, customer: { name: "Customer 3" } });
  });

  it("takes concurrent copies of one batch and still stores each message once", async () => {
    const input = batch("race", 5, 20);
    const results = await Promise.all([1, 2, 3].map(() => writer.inbox.ingest(input)));
    expect(results.reduce((sum, r) => sum + r.stored, 0)).toBe(100);
    expect(await countOf(owner.workspace.id, "race")).toEqual({ conversations: 5, messages: 100 });
  });

  it("refuses more than 500 messages, a read key, and ingests nothing then", async () => {
    const tooMany = await catchError(writer.inbox.ingest(batch("big", 3, 200)));
    expect(tooMany.code).toBe("BAD_REQUEST");
    const readOnly = await catchError(reader.inbox.ingest(batch("ro", 1, 1)));
    expect(readOnly.code).toBe("FORBIDDEN");
    expect(await countOf(owner.workspace.id, "big")).toEqual({ conversations: 0, messages: 0 });
    expect(await countOf(owner.workspace.id, "ro")).toEqual({ conversations: 0, messages: 0 });
  });
});

describe("replies, resolving and what they leave behind", () => {
  it("stores the template and edit distance, appends usage events, and learns on resolve", async () => {
    const template = await owner.caller.templates.create(orderStatusDraft({ name: "Where is it" }));
    await writer.inbox.ingest({
      conversations: [
        {
          externalId: "reply-1",
          customer: { name: "Ada", orderNumbers: ["AB-1234"] },
          messages: [{ externalId: "m1", role: "customer", text: "Where is my parcel AB-1234?" }],
        },
      ],
    });
    const [summary] = (await owner.caller.inbox.list({ filter: "all", limit: 200 })).filter(
      (c) => c.externalId === "reply-1",
    );
    if (!summary) throw new Error("not ingested");
    const rendered = "Your order AB-1234 shipped.";
    const sent = await owner.caller.inbox.send({
      conversationId: summary.id,
      text: "Your order AB-1234 has shipped.",
      templateId: template.id,
      renderedText: rendered,
      shownTemplateIds: [template.id],
      chosenRank: 1,
    });
    expect(sent.editDistance).toBe(4);
    await owner.caller.inbox.note({ conversationId: summary.id, text: "Customer is a VIP" });
    const resolved = await owner.caller.inbox.setStatus({
      conversationId: summary.id,
      status: "resolved",
      csat: 5,
    });
    expect(resolved.trainingExamples).toBe(1);
    const thread = await owner.caller.inbox.get({ id: summary.id });
    expect(thread).toMatchObject({ status: "resolved", outcome: "resolved", csat: 5 });
    expect(thread.messages.map((m) => m.role)).toEqual(["customer", "agent", "note"]);
    await withTenant(db, owner.workspace.id, async (tx) => {
      const events = await tx
        .select({
          kind: templateUsageEvents.kind,
          rank: templateUsageEvents.rank,
          csat: templateUsageEvents.csat,
          editDistance: templateUsageEvents.editDistance,
          firstUse: templateUsageEvents.firstUse,
          templateVersion: templateUsageEvents.templateVersion,
          responseMs: templateUsageEvents.responseMs,
        })
        .from(templateUsageEvents)
        .where(eq(templateUsageEvents.conversationId, summary.id))
        .orderBy(templateUsageEvents.createdAt, templateUsageEvents.kind);
      expect(events.map((e) => e.kind).sort()).toEqual([
        "first_response",
        "resolved",
        "sent",
        "suggestion_chosen",
        "suggestion_shown",
      ]);
      expect(events.find((e) => e.kind === "resolved")?.csat).toBe(5);
      expect(events.find((e) => e.kind === "sent")).toMatchObject({
        editDistance: 4,
        firstUse: true,
        templateVersion: 1,
      });
      expect(events.find((e) => e.kind === "first_response")?.responseMs).toBeGreaterThanOrEqual(0);
      const examples = await tx
        .select({ text: trainingExamples.text, source: trainingExamples.source })
        .from(trainingExamples)
        .where(eq(trainingExamples.templateId, template.id));
      expect(examples).toEqual([{ text: "Where is my parcel AB-1234?", source: "agent_choice" }]);
    });
    // Usage events are append-only for the application: UPDATE is refused (42501).
    const update = await withTenant(db, owner.workspace.id, (tx) =>
      tx.execute(sql`update template_usage_events set csat = 1`),
    ).then(
      () => "updated",
      (e: { code?: string; cause?: { code?: string } }) => e.code ?? e.cause?.code,
    );
    expect(update).toBe("42501");
  });

  it("reopens a resolved conversation when its customer writes again", async () => {
    await writer.inbox.ingest({
      conversations: [
        { externalId: "reopen", messages: [{ externalId: "a", role: "customer", text: "Hi" }] },
      ],
    });
    const [c] = (await owner.caller.inbox.list({ filter: "open", limit: 200 })).filter(
      (x) => x.externalId === "reopen",
    );
    if (!c) throw new Error("missing");
    await owner.caller.inbox.setStatus({ conversationId: c.id, status: "resolved" });
    await writer.inbox.ingest({
      conversations: [
        {
          externalId: "reopen",
          messages: [{ externalId: "b", role: "customer", text: "Still broken" }],
        },
      ],
    });
    expect(await owner.caller.inbox.get({ id: c.id })).toMatchObject({
      status: "open",
      outcome: "reopened",
    });
    const events = await owner.caller.inbox.usageEvents({ id: c.id });
    expect(events.map((e) => [e.kind, e.outcome])).toEqual([
      ["resolved", "resolved"],
      ["resolved", "reopened"],
    ]);
  });

  it("lists a nameless conversation with the name its customer last signed, read from whole messages", async () => {
    // A long message: its sign-off lies past the preview's 280 characters.
    const long = `My parcel for order A77123 has not arrived. ${"I have checked with my neighbours and the post office twice. ".repeat(6)}Thanks, Maria`;
    expect(long.length).toBeGreaterThan(400);
    await writer.inbox.ingest({
      conversations: [
        {
          externalId: "signed",
          messages: [
            { externalId: "1", role: "customer", text: "Hello? Regards, Sam" },
            { externalId: "2", role: "agent", text: "Hi, we are on it. Thanks, Team" },
            { externalId: "3", role: "customer", text: long },
          ],
        },
      ],
    });
    const listed = async () =>
      (await owner.caller.inbox.list({ filter: "all", limit: 200 })).find(
        (c) => c.externalId === "signed",
      );
    const first = await listed();
    expect(first?.preview).not.toContain("Maria");
    expect(first?.customerSignedName).toBe("Maria");
    // A later unsigned message keeps the name; a later signed one replaces it.
    await writer.inbox.ingest({
      conversations: [
        {
          externalId: "signed",
          messages: [{ externalId: "4", role: "customer", text: "Any news?" }],
        },
      ],
    });
    expect((await listed())?.customerSignedName).toBe("Maria");
    await writer.inbox.ingest({
      conversations: [
        {
          externalId: "signed",
          messages: [
            { externalId: "5", role: "customer", text: "Still waiting. Cheers, Maria Lopez" },
          ],
        },
      ],
    });
    expect((await listed())?.customerSignedName).toBe("Maria Lopez");
    // Another workspace's list does not hold it.
    const other = await signUpOwner(db, { workspaceName: "Inbox Signed Other" });
    const theirs = await other.caller.inbox.list({ filter: "all", limit: 200 });
    expect(theirs.some((c) => c.customerSignedName === "Maria Lopez")).toBe(false);
  });

  it("assigns to members only and filters mine and unassigned", async () => {
    await writer.inbox.ingest({
      conversations: [
        { externalId: "assign", messages: [{ externalId: "a", role: "customer", text: "Hello" }] },
      ],
    });
    const [c] = (await owner.caller.inbox.list({ filter: "unassigned", limit: 200 })).filter(
      (x) => x.externalId === "assign",
    );
    if (!c) throw new Error("missing");
    const stranger = await catchError(
      owner.caller.inbox.assign({ conversationId: c.id, userId: "nobody" }),
    );
    expect(stranger.code).toBe("NOT_FOUND");
    await owner.caller.inbox.assign({ conversationId: c.id, userId: owner.user.id });
    const mine = await owner.caller.inbox.list({ filter: "mine", limit: 200 });
    expect(mine.map((x) => x.id)).toContain(c.id);
    const unassigned = await owner.caller.inbox.list({ filter: "unassigned", limit: 200 });
    expect(unassigned.map((x) => x.id)).not.toContain(c.id);
    const byKey = await writer.inbox.list({ filter: "mine", limit: 200 });
    expect(byKey).toEqual([]);
  });

  it("keeps the webhook secret encrypted at rest and shows it only on rotation", async () => {
    const { secret } = await owner.caller.inbox.settings.rotateSecret();
    expect(secret).toMatch(/^whsec_/);
    const [row] = readRows<{ stored: string }>(
      await db.execute(
        sql`select webhook_secret_encrypted as stored from inbox_settings where workspace_id = ${owner.workspace.id}`,
      ),
    );
    expect(row?.stored).toMatch(/^v1:/);
    expect(row?.stored).not.toContain(secret.slice(6));
    expect(await owner.caller.inbox.settings.get()).toMatchObject({ hasSecret: true });
    const byKey = await catchError(writer.inbox.settings.rotateSecret());
    expect(byKey.code).toBe("FORBIDDEN");
  });
});
