import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { assignVariant } from "@/server/abtests/assignment";
import { testDatabase } from "@/test/db";
import { addMember, type Caller, catchError, createKey, signUpOwner } from "@/test/factories";
import { orderStatusDraft } from "@/test/template-drafts";

/**
 * An A/B test through tRPC: the power analysis sets the horizon, replies expose conversations to
 * their deterministic variant, the verdict stays hidden until every variant has the planned
 * sample, and promoting the winner makes its body the template's next version.
 */
let db: Database;
let owner: Caller;
let agent: Caller;
let writer: Caller;

beforeAll(async () => {
  db = await testDatabase();
  const signed = await signUpOwner(db, { workspaceName: "AB Corp" });
  owner = signed.caller;
  agent = (await addMember(db, signed.workspace, "agent")).caller;
  writer = (await createKey(db, owner, "write")).caller;
});

/** A resolution-rate test sized for a 60-point effect on a 30% base rate: tens per arm. */
const PLAN = {
  metric: "resolution_rate" as const,
  alpha: 0.05,
  power: 0.8,
  mde: 0.6,
  baseRate: 0.3,
};

describe("abTests", () => {
  it("runs a test to its horizon and promotes the winner", async () => {
    const template = await owner.templates.create(orderStatusDraft({ name: "AB t" }));
    const input = {
      templateId: template.id,
      name: "Friendlier wording",
      ...PLAN,
      variants: [
        { label: "Control", weight: 1 },
        { label: "Friendly", content: "Hi! Your order is on its way.", weight: 1 },
      ],
    };
    expect((await catchError(agent.abTests.create(input))).code).toBe("FORBIDDEN");
    const plan = await agent.abTests.plan({ ...input, variants: 2 });
    const test = await owner.abTests.create(input);
    expect(test.plannedPerVariant).toBe(plan.plannedPerVariant);
    expect(test.variants.map((v) => v.content)).toEqual([
      template.content,
      "Hi! Your order is on its way.",
    ]);
    expect((await catchError(owner.abTests.promote({ id: test.id }))).code).toBe("CONFLICT");
    await owner.abTests.start({ id: test.id });

    const planned = test.plannedPerVariant;
    const control = test.variants[0]?.id;
    // Conversations are split by a hash of random ids, so a fixed batch can leave one arm short of
    // its planned sample (about 2 runs in 100 with 2 × planned + 12). Top up until both can fill.
    const conversationsByArm = async () => {
      const all = await owner.inbox.list({ filter: "all", limit: 200 });
      const ab = all.filter((c) => c.externalId.startsWith("ab-"));
      const controls = ab.filter((c) => assignVariant(test.id, c.id, test.variants).id === control);
      return { list: ab, controls: controls.length, others: ab.length - controls.length };
    };
    let arms = await conversationsByArm();
    for (let batch = 0; arms.controls < planned || arms.others < planned; batch++) {
      expect(batch).toBeLessThan(8);
      await writer.inbox.ingest({
        conversations: Array.from({ length: planned }, (_, i) => ({
          externalId: `ab-${batch}-${i}`,
          messages: [{ externalId: "m1", role: "customer" as const, text: "Where is my order?" }],
        })),
      });
      arms = await conversationsByArm();
    }
    const list = arms.list;
    const seen = { control: 0, friendly: 0 };
    let hiddenChecked = false;
    for (const c of list) {
      const v = assignVariant(test.id, c.id, test.variants);
      const isControl = v.id === control;
      if (isControl ? seen.control >= planned : seen.friendly >= planned) continue;
      await owner.inbox.send({ conversationId: c.id, text: v.content, templateId: template.id });
      // Seeded outcomes: the friendly variant resolves every conversation, the control one in 5.
      const n = isControl ? seen.control++ : seen.friendly++;
      if (!isControl || n % 5 === 0)
        await owner.inbox.setStatus({ conversationId: c.id, status: "resolved" });
      if (!hiddenChecked && seen.control + seen.friendly === planned) {
        const early = await agent.abTests.results({ id: test.id });
        expect(early.state).toBe("collecting");
        expect(early.verdict).toBeNull();
        hiddenChecked = true;
      }
    }
    expect(seen).toEqual({ control: planned, friendly: planned });
    const results = await agent.abTests.results({ id: test.id });
    expect(results.state).toBe("ready");
    expect(results.variants.map((v) => v.n)).toEqual([planned, planned]);
    expect(results.variants[1]?.estimate).toBe(1);
    expect(results.verdict).toMatchObject({ test: "two_proportion_z", significant: true });
    expect(results.verdict?.winnerVariantId).toBe(test.variants[1]?.id);

    const promoted = await owner.abTests.promote({ id: test.id });
    const after = await owner.templates.get({ id: template.id });
    expect(promoted.version).toBe(template.currentVersion + 1);
    expect(after.content).toBe("Hi! Your order is on its way.");
    expect((await owner.abTests.get({ id: test.id })).status).toBe("completed");
  });
  it("lists tests with their template's name only for those who may see the template", async () => {
    const shared = await owner.templates.create(orderStatusDraft({ name: "AB shared" }));
    const personal = await owner.templates.create({
      ...orderStatusDraft({ name: "AB owner's own" }),
      visibility: "personal",
    });
    const base = {
      ...PLAN,
      variants: [
        { label: "Control", weight: 1 },
        { label: "B", content: "Another wording.", weight: 1 },
      ],
    };
    await owner.abTests.create({ ...base, templateId: shared.id, name: "On shared" });
    await owner.abTests.create({ ...base, templateId: personal.id, name: "On personal" });
    const nameIn = (list: { name: string; templateName: string | null }[], test: string) =>
      list.find((t) => t.name === test)?.templateName;
    const ownerList = await owner.abTests.list({});
    expect(nameIn(ownerList, "On shared")).toBe("AB shared");
    expect(nameIn(ownerList, "On personal")).toBe("AB owner's own");
    const agentList = await agent.abTests.list({});
    expect(nameIn(agentList, "On shared")).toBe("AB shared");
    // The agent may not see the owner's personal template: no name leaks through the list.
    expect(nameIn(agentList, "On personal")).toBeNull();
  });
});
