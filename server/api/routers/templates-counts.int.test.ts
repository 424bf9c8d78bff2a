import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { testDatabase } from "@/test/db";
import { signUpOwner } from "@/test/factories";
import { refundPolicyDraft } from "@/test/template-drafts";

let db: Database;
beforeAll(async () => {
  db = await testDatabase();
});

describe("templates: real counts and the languages in use", () => {
  it("the first page carries the exact number of matches; later pages do not", async () => {
    const { caller } = await signUpOwner(db, { workspaceName: "Counts" });
    for (let i = 0; i < 7; i++) {
      await caller.templates.create(
        refundPolicyDraft({ name: `Reply ${i}`, language: i < 5 ? "en" : "de" }),
      );
    }
    await caller.templates.create(
      refundPolicyDraft({ name: "Old", status: "archived", language: "fr" }),
    );
    const first = await caller.templates.list({ limit: 3, sort: "name" });
    expect(first.items).toHaveLength(3);
    expect(first.total).toEqual({ count: 7, capped: false });
    const second = await caller.templates.list({
      limit: 3,
      sort: "name",
      cursor: first.nextCursor,
    });
    expect(second.total).toBeUndefined();
    expect((await caller.templates.list({ limit: 3, language: "de" })).total).toEqual({
      count: 2,
      capped: false,
    });
    expect((await caller.templates.list({ limit: 3, status: "archived" })).total?.count).toBe(1);
  });

  it("lists only the languages templates are written in, most used first", async () => {
    const { caller } = await signUpOwner(db, { workspaceName: "Languages" });
    expect(await caller.templates.languages()).toEqual([]);
    await caller.templates.create(refundPolicyDraft({ name: "A", language: "pt-BR" }));
    await caller.templates.create(refundPolicyDraft({ name: "B", language: "en" }));
    await caller.templates.create(refundPolicyDraft({ name: "C", language: "en" }));
    expect(await caller.templates.languages()).toEqual([
      { language: "en", count: 2 },
      { language: "pt-BR", count: 1 },
    ]);
  });
});
