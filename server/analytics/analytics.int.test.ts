import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { readRows } from "@/db/migrate";
import { withTenant } from "@/db/tenant";
import { testDatabase } from "@/test/db";
import { addMember, type Caller, catchError, createKey, signUpOwner } from "@/test/factories";
import { orderStatusDraft, refundPolicyDraft } from "@/test/template-drafts";
import { addDays, recomputeDays, utcDay } from "./rollup";

/**
 * Issue #14: analytics read roll-ups for past days and live events for the recent ones, show
 * only templates the caller may see, filter by agent, compare around a version, export CSV
 * with formula-looking cells neutralised; the roll-up recompute is idempotent.
 */
let db: Database;
let owner: Awaited<ReturnType<typeof signUpOwner>>;
let agent: { user: { id: string }; caller: Caller };
let sharedId: string;
let personalId: string;
const INJECTION = '=HYPERLINK("http://evil.test","Click")';
const today = utcDay(new Date());
const period = { from: addDays(today, -29), to: today };
const pastDay = addDays(today, -10);

async function conversation(writer: Caller, id: string) {
  await writer.inbox.ingest({
    conversations: [
      {
        externalId: id,
        messages: [{ externalId: `${id}-1`, role: "customer", text: "Where is my order?" }],
      },
    ],
  });
  const found = (await owner.caller.inbox.list({ filter: "all", limit: 200 })).find(
    (c) => c.externalId === id,
  );
  if (!found) throw new Error("not ingested");
  return found.id;
}

beforeAll(async () => {
  db = await testDatabase();
  owner = await signUpOwner(db, { workspaceName: "Analytics" });
  agent = await addMember(db, owner.workspace, "agent");
  const writer = (await createKey(db, owner.caller, "write")).caller;
  sharedId = (await owner.caller.templates.create(orderStatusDraft({ name: INJECTION }))).id;
  personalId = (
    await agent.caller.templates.create({
      ...refundPolicyDraft({ name: "Agent's own words" }),
      visibility: "personal",
    })
  ).id;
  // Two conversations answered with the shared template (one edited), one with the personal.
  for (const [n, who, templateId, text] of [
    [1, owner.caller, sharedId, "rendered"],
    [2, agent.caller, sharedId, "rendered, edited"],
    [3, agent.caller, personalId, "rendered"],
  ] as const) {
    const id = await conversation(writer, `analytics-${n}`);
    await who.inbox.send({
      conversationId: id,
      text,
      templateId,
      renderedText: "rendered",
      shownTemplateIds: [templateId],
      chosenRank: 1,
    });
    await who.inbox.setStatus({ conversationId: id, status: "resolved", csat: n === 2 ? 3 : 5 });
  }
  // History: ten days ago, four sends of the shared template by the owner, rolled up.
  await withTenant(db, owner.workspace.id, async (tx) => {
    await tx.execute(sql`insert into template_usage_events
        (workspace_id, kind, template_id, actor_id, first_use, template_version, created_at)
      select ${owner.workspace.id}::uuid, 'sent', ${sharedId}::uuid, ${owner.user.id}, true, 1,
        ${pastDay}::date + interval '12 hours' from generate_series(1, 4)`);
    await recomputeDays(tx, owner.workspace.id, addDays(today, -40), addDays(today, -2));
  });
});

describe("analytics", () => {
  it("per template: past roll-ups plus live events, visible templates only", async () => {
    const mine = await owner.caller.analytics.templates(period);
    expect(mine.templates.map((t) => t.templateId)).toEqual([sharedId]);
    expect(mine.templates[0]).toMatchObject({
      uses: 6,
      conversations: 6,
      shown: 2,
      inserted: 2,
      acceptanceRate: 1,
      editRate: 1 / 6,
      avgCsat: 4,
      resolved: 2,
    });
    // The agent sees their personal template; the owner never does.
    const theirs = await agent.caller.analytics.templates(period);
    expect(theirs.templates.map((t) => t.templateId).sort()).toEqual([sharedId, personalId].sort());
    const hidden = await catchError(
      owner.caller.analytics.template({ ...period, templateId: personalId }),
    );
    expect(hidden.code).toBe("NOT_FOUND");
  });

  it("filters by agent and period; the trend has every day", async () => {
    const byAgent = await owner.caller.analytics.templates({ ...period, agentId: agent.user.id });
    expect(byAgent.templates[0]).toMatchObject({ templateId: sharedId, uses: 1, edited: 1 });
    const lastWeek = await owner.caller.analytics.overview({ from: addDays(today, -6), to: today });
    expect(lastWeek.daily).toHaveLength(7);
    expect(lastWeek.totals.uses).toBe(3);
    expect(lastWeek.totals.responseCount).toBe(3);
    const month = await owner.caller.analytics.overview(period);
    expect(month.daily.find((d) => d.day === pastDay)?.uses).toBe(4);
    const agents = await owner.caller.analytics.agents(period);
    expect(agents.find((a) => a.agentId === agent.user.id)?.sent).toBe(2);
    const categories = await owner.caller.analytics.categories(period);
    expect(categories.map((c) => c.name)).toContain("Orders");
  });

  it("template analytics: totals, trend, versions; compare around a version", async () => {
    const one = await owner.caller.analytics.template({ ...period, templateId: sharedId });
    expect(one.totals.uses).toBe(6);
    expect(one.versions.map((v) => [v.version, v.uses])).toEqual([[1, 6]]);
    const compared = await owner.caller.analytics.compare({ templateId: sharedId, version: 1 });
    // Version 1 was saved today: the history ten days ago is "before".
    expect(compared.before.uses).toBe(4);
    expect(compared.after?.uses).toBe(2);
  });

  it("recomputing a day range twice writes the same roll-ups", async () => {
    const snapshot = () =>
      withTenant(db, owner.workspace.id, async (tx) =>
        readRows<{ n: number; sent: number }>(
          await tx.execute(sql`select count(*)::int as n, coalesce(sum(sent), 0)::int as sent
            from analytics_daily`),
        ),
      );
    const before = await snapshot();
    await withTenant(db, owner.workspace.id, (tx) =>
      recomputeDays(tx, owner.workspace.id, addDays(today, -40), addDays(today, -2)),
    );
    expect(await snapshot()).toEqual(before);
  });

  it("exports CSV with formula-looking cells neutralised, and JSON", async () => {
    const csv = await owner.caller.analytics.export({ ...period, format: "csv" });
    expect(csv.contentType).toMatch(/^text\/csv/);
    const [header, row] = csv.body.split("\r\n");
    expect(header?.startsWith("template_id,template,category,uses")).toBe(true);
    expect(row).toContain(`"'=HYPERLINK(""http://evil.test"",""Click"")"`);
    expect(row).not.toMatch(/,=/);
    const json = await owner.caller.analytics.export({ ...period, format: "json" });
    expect(JSON.parse(json.body).templates[0].name).toBe(INJECTION);
  });

  it("another workspace sees none of it", async () => {
    const other = await signUpOwner(db, { workspaceName: "Analytics other" });
    expect((await other.caller.analytics.templates(period)).templates).toEqual([]);
    expect((await other.caller.analytics.overview(period)).totals.sent).toBe(0);
    const foreign = await catchError(
      other.caller.analytics.template({ ...period, templateId: sharedId }),
    );
    expect(foreign.code).toBe("NOT_FOUND");
    const rows = await withTenant(db, other.workspace.id, async (tx) =>
      readRows<{ n: number }>(
        await tx.execute(sql`select count(*)::int as n from analytics_daily`),
      ),
    );
    expect(rows[0]?.n).toBe(0);
  });
});
