import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { testDatabase } from "@/test/db";
import { addMember, catchError, signUpOwner } from "@/test/factories";
import { orderStatusDraft, refundPolicyDraft } from "@/test/template-drafts";

let db: Database;
beforeAll(async () => {
  db = await testDatabase();
});

describe("template categories: merge", () => {
  it("moves every template into the other category and deletes the emptied one", async () => {
    const { caller, workspace } = await signUpOwner(db, { workspaceName: "Categories" });
    await caller.templates.create(orderStatusDraft({ name: "A", category: "Shipping" }));
    await caller.templates.create(orderStatusDraft({ name: "B", category: "Delivery" }));
    await caller.templates.create(refundPolicyDraft({ name: "C", category: "Delivery" }));
    const before = await caller.templates.categories.list();
    const shipping = before.find((c) => c.name === "Shipping")?.id ?? "";
    const delivery = before.find((c) => c.name === "Delivery")?.id ?? "";

    const merged = await caller.templates.categories.merge({ id: delivery, into: shipping });
    expect(merged).toEqual({ into: { id: shipping, name: "Shipping" }, moved: 2 });
    expect(await caller.templates.categories.list()).toEqual([
      { id: shipping, name: "Shipping", templateCount: 3 },
    ]);
    const audit = await caller.audit.list({ action: "template_category.merge" });
    expect(audit.items[0]?.summary).toEqual({ from: "Delivery", into: "Shipping", templates: 2 });

    expect(
      (await catchError(caller.templates.categories.merge({ id: shipping, into: shipping }))).code,
    ).toBe("BAD_REQUEST");
    const agent = await addMember(db, workspace, "agent");
    const refused = await catchError(
      agent.caller.templates.categories.merge({ id: shipping, into: delivery }),
    );
    expect(refused.code).toBe("FORBIDDEN");
  });

  it("cannot merge another workspace's category", async () => {
    const a = await signUpOwner(db, { workspaceName: "Cat A" });
    const b = await signUpOwner(db, { workspaceName: "Cat B" });
    await a.caller.templates.create(orderStatusDraft({ category: "Secret" }));
    await b.caller.templates.create(orderStatusDraft({ category: "Mine" }));
    const [secret] = await a.caller.templates.categories.list();
    const [mine] = await b.caller.templates.categories.list();
    const attempt = b.caller.templates.categories.merge({
      id: secret?.id ?? "",
      into: mine?.id ?? "",
    });
    expect((await catchError(attempt)).code).toBe("NOT_FOUND");
    expect((await a.caller.templates.categories.list()).map((c) => c.templateCount)).toEqual([1]);
  });
});
