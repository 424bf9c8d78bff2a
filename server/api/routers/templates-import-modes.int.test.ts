import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { testDatabase } from "@/test/db";
import { type Caller, signUpOwner } from "@/test/factories";
import { orderStatusDraft, refundPolicyDraft } from "@/test/template-drafts";

let db: Database;
beforeAll(async () => {
  db = await testDatabase();
});

async function names(caller: Caller) {
  const { items } = await caller.templates.list({ sort: "name", limit: 100 });
  return items.map((t) => t.name);
}

async function exportedWorkspace() {
  const owner = await signUpOwner(db, { workspaceName: "Re-import" });
  await owner.caller.templates.create(orderStatusDraft());
  await owner.caller.templates.create(refundPolicyDraft());
  const file = await owner.caller.templates.export({ format: "json" });
  return { ...owner, file: file.content };
}

describe("templates.import: what happens to names the workspace already has", () => {
  it("skip (the default) creates nothing on a re-import, and the dry run says so per entry", async () => {
    const { caller, file } = await exportedWorkspace();
    const dry = await caller.templates.import({ format: "json", content: file, dryRun: true });
    expect(dry).toMatchObject({ committed: false, imported: 0, mode: "skip" });
    expect(dry.outcomes.map((o) => [o.name, o.action])).toEqual([
      ["Order status", "skip"],
      ["Refund policy", "skip"],
    ]);
    const done = await caller.templates.import({ format: "json", content: file });
    expect(done).toMatchObject({ committed: true, imported: 0, templateIds: [] });
    expect(done.counts).toMatchObject({ skip: 2, create: 0 });
    expect(await names(caller)).toEqual(["Order status", "Refund policy"]);
  });

  it("overwrite saves changed entries as a new version of the same template", async () => {
    const { caller, file } = await exportedWorkspace();
    const parsed = JSON.parse(file);
    parsed.templates[0].content = "Your order {order_id} is on its way.";
    parsed.templates[0].variables = [{ name: "order_id", type: "text", required: true }];
    parsed.templates.push({ ...parsed.templates[1], name: "Brand new" });
    const content = JSON.stringify(parsed);

    const dry = await caller.templates.import({
      format: "json",
      content,
      dryRun: true,
      mode: "overwrite",
    });
    expect(dry.outcomes.map((o) => o.action)).toEqual(["overwrite", "overwrite", "create"]);

    const done = await caller.templates.import({ format: "json", content, mode: "overwrite" });
    expect(done.outcomes.map((o) => [o.name, o.action])).toEqual([
      ["Order status", "overwrite"],
      ["Refund policy", "unchanged"],
      ["Brand new", "create"],
    ]);
    expect(done.imported).toBe(2);
    expect(await names(caller)).toEqual(["Brand new", "Order status", "Refund policy"]);
    const order = done.outcomes[0];
    const versions = await caller.templates.versions.list({ id: order?.existingId ?? "" });
    expect(versions.map((v) => [v.version, v.changeSummary])).toEqual([
      [2, "overwritten by import (json)"],
      [1, "created"],
    ]);
    const detail = await caller.templates.get({ id: order?.templateId ?? "" });
    expect(detail.content).toBe("Your order {order_id} is on its way.");
  });

  it("copy creates each existing name again as '<name> (copy)', then '(copy 2)'", async () => {
    const { caller, file } = await exportedWorkspace();
    const first = await caller.templates.import({ format: "json", content: file, mode: "copy" });
    expect(first.outcomes.map((o) => o.savedAs)).toEqual([
      "Order status (copy)",
      "Refund policy (copy)",
    ]);
    await caller.templates.import({ format: "json", content: file, mode: "copy" });
    expect((await names(caller)).sort()).toEqual([
      "Order status",
      "Order status (copy 2)",
      "Order status (copy)",
      "Refund policy",
      "Refund policy (copy 2)",
      "Refund policy (copy)",
    ]);
  });

  it("a dry run (Check file) writes no audit row; the import writes one", async () => {
    const { caller, file } = await exportedWorkspace();
    const before = (await caller.audit.list({ limit: 100 })).items.length;
    await caller.templates.import({ format: "json", content: file, dryRun: true });
    expect((await caller.audit.list({ limit: 100 })).items.length).toBe(before);
    await caller.templates.import({ format: "json", content: file, mode: "copy" });
    const after = (await caller.audit.list({ limit: 100 })).items;
    expect(after.length).toBe(before + 1);
    expect(after[0]).toMatchObject({ action: "template.import" });
  });

  it("refuses a binary file plainly, as a file-level problem", async () => {
    const { caller } = await exportedWorkspace();
    const png = "\uFFFDPNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR\u0000\u0000";
    const result = await caller.templates.import({ format: "json", content: png, dryRun: true });
    expect(result.committed).toBe(false);
    expect(result.rejected).toEqual([
      { errors: [expect.stringContaining("This is not a text file")] },
    ]);
  });
});
