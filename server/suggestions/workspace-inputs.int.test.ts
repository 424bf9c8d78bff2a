import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { templates } from "@/db/schema";
import { withTenant } from "@/db/tenant";
import { readInTenant } from "@/db/tenant-read";
import { createRegexBudget } from "@/server/templates/regex/regex-budget";
import { testDatabase, testDatabaseHandle } from "@/test/db";
import { signUpOwner } from "@/test/factories";
import { refundPolicyDraft } from "@/test/template-drafts";
import { type SuggestScope, suggestForMessage } from "./suggest";
import { INPUTS_TTL_MS } from "./workspace-inputs";

let db: Database;
beforeAll(async () => {
  db = await testDatabase();
});

/** suggestForMessage as the router calls it, counting the read transactions it opens. */
function countingScope(workspaceId: string) {
  const counter = { reads: 0 };
  const scope: SuggestScope = {
    workspace: { id: workspaceId, locale: "en-US", currency: "USD", timezone: "UTC" },
    userId: null,
    inTenant: (fn) => withTenant(db, workspaceId, fn),
    readInTenant: (fn) => {
      counter.reads++;
      return readInTenant(db, workspaceId, fn);
    },
    listen: async () => (await testDatabaseHandle()).listen,
  };
  const ask = (message: string) =>
    suggestForMessage(scope, { message, limit: 3 }, createRegexBudget({ ms: 250 }));
  return { counter, ask };
}

/** Asks until `done` holds, for less than the copy's time-to-live: only a NOTIFY can make it. */
async function untilNotified<T>(ask: () => Promise<T>, done: (answer: T) => boolean): Promise<T> {
  const started = performance.now();
  let answer = await ask();
  while (!done(answer) && performance.now() - started < INPUTS_TTL_MS - 1_000) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    answer = await ask();
  }
  return answer;
}

describe("what suggestions read, kept per process", () => {
  it("reads once, then answers from memory until a change elsewhere is announced", async () => {
    const owner = await signUpOwner(db, { workspaceName: "Kept inputs" });
    const ws = owner.workspace.id;
    const refund = await owner.caller.templates.create(refundPolicyDraft());
    const { counter, ask } = countingScope(ws);

    const first = await ask("I want a refund");
    expect(first.suggestions[0]?.name).toBe("Refund policy");
    expect(counter.reads).toBe(1);
    await ask("refund please");
    await ask("can I get a refund");
    expect(counter.reads).toBe(1);

    // Another process (here: a plain tenant transaction, no call into the suggestion engine)
    // renames the template; the table trigger's NOTIFY drops the kept copy.
    await withTenant(db, ws, (tx) =>
      tx
        .update(templates)
        .set({ name: "Refunds and returns", updatedAt: new Date() })
        .where(eq(templates.id, refund.id)),
    );
    const renamed = await untilNotified(
      () => ask("I want a refund"),
      (a) => a.suggestions[0]?.name === "Refunds and returns",
    );
    expect(renamed.suggestions[0]?.name).toBe("Refunds and returns");
    expect(counter.reads).toBe(2);
  });

  it("sees its own client's feedback at once", async () => {
    const a = await signUpOwner(db, { workspaceName: "Inputs feedback" });
    await a.caller.templates.create(refundPolicyDraft());
    const late = await a.caller.templates.create(
      refundPolicyDraft({ name: "Late parcel", triggers: [], content: "Sorry it is late." }),
    );
    const asked = await a.caller.suggestions.forMessage({ message: "refund for my late parcel" });
    expect(asked.suggestions.find((s) => s.templateId === late.id)?.reasons.pastChoices).toBe(0);
    await a.caller.suggestions.feedback({
      suggestionId: asked.suggestionId,
      chosenTemplateId: late.id,
    });
    // No waiting for the notification: the feedback dropped this process's copy at commit.
    const { counter, ask } = countingScope(a.workspace.id);
    const after = await ask("refund for my late parcel");
    expect(
      after.suggestions.find((s) => s.templateId === late.id)?.reasons.pastChoices,
    ).toBeGreaterThan(0);
    expect(counter.reads).toBe(1);
  });

  it("another workspace's changes never drop a workspace's copy, nor show it A's choices", async () => {
    const a = await signUpOwner(db, { workspaceName: "Inputs A" });
    const b = await signUpOwner(db, { workspaceName: "Inputs B" });
    await a.caller.templates.create(refundPolicyDraft());
    const bTemplate = await b.caller.templates.create(refundPolicyDraft());
    const inA = countingScope(a.workspace.id);
    const inB = countingScope(b.workspace.id);
    const renameB = async (name: string) => {
      await withTenant(db, b.workspace.id, (tx) =>
        tx
          .update(templates)
          .set({ name, updatedAt: new Date() })
          .where(eq(templates.id, bTemplate.id)),
      );
      const seen = await untilNotified(
        () => inB.ask("refund"),
        (answer) => answer.suggestions[0]?.name === name,
      );
      expect(seen.suggestions[0]?.name).toBe(name);
      expect(seen.suggestions.every((s) => s.reasons.pastChoices === 0)).toBe(true);
    };
    // Notifications arrive in commit order: once B's rename is seen, A's own earlier ones
    // (its template's creation) have been delivered too.
    await renameB("B first");
    await inA.ask("refund");
    expect(inA.counter.reads).toBe(1);
    await renameB("B second");
    await inA.ask("refund");
    expect(inA.counter.reads).toBe(1);
  });
});
