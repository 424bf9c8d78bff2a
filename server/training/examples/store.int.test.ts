import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { withTenant } from "@/db/tenant";
import { testDatabase } from "@/test/db";
import { signUpOwner } from "@/test/factories";
import { orderStatusDraft, refundPolicyDraft } from "@/test/template-drafts";
import { insertTrainingExamples, loadTrainingExamples } from "./store";

let db: Database;

beforeAll(async () => {
  db = await testDatabase();
});

describe("training examples store", () => {
  it("deduplicates by text (case and spaces ignored), template and dataset", async () => {
    const owner = await signUpOwner(db);
    const template = await owner.caller.templates.create(orderStatusDraft());
    const result = await withTenant(db, owner.workspace.id, (tx) =>
      insertTrainingExamples(tx, owner.workspace.id, [
        { text: "Where is my order?", templateId: template.id, source: "labelled" },
        { text: "where is   my ORDER?", templateId: template.id, source: "labelled" },
        { text: "Has it shipped yet", templateId: template.id, source: "labelled" },
      ]),
    );
    expect(result.inserted).toBe(2);
    const examples = await withTenant(db, owner.workspace.id, (tx) => loadTrainingExamples(tx));
    expect(examples.map((e) => e.text).sort()).toEqual([
      "Has it shipped yet",
      "Where is my order?",
    ]);
  });

  it("never shows or accepts another workspace's examples", async () => {
    const alpha = await signUpOwner(db);
    const beta = await signUpOwner(db);
    const alphaTemplate = await alpha.caller.templates.create(refundPolicyDraft());
    await withTenant(db, alpha.workspace.id, (tx) =>
      insertTrainingExamples(tx, alpha.workspace.id, [
        { text: "I want my money back", templateId: alphaTemplate.id, source: "labelled" },
      ]),
    );
    const seenByBeta = await withTenant(db, beta.workspace.id, (tx) => loadTrainingExamples(tx));
    expect(seenByBeta).toEqual([]);
    // Beta writing a row that points at alpha's template is refused by RLS's WITH CHECK.
    await expect(
      withTenant(db, beta.workspace.id, (tx) =>
        insertTrainingExamples(tx, alpha.workspace.id, [
          { text: "sneaky", templateId: alphaTemplate.id, source: "labelled" },
        ]),
      ),
    ).rejects.toThrow();
    // …and under its own workspace id by the composite foreign key.
    await expect(
      withTenant(db, beta.workspace.id, (tx) =>
        insertTrainingExamples(tx, beta.workspace.id, [
          { text: "sneaky", templateId: alphaTemplate.id, source: "labelled" },
        ]),
      ),
    ).rejects.toThrow();
  });
});
