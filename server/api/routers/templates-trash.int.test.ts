import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { TRASH_DAYS } from "@/server/templates/store/trash";
import { purgeExpiredTrash } from "@/server/templates/store/trash-purge";
import { testDatabase } from "@/test/db";
import { addMember, type Caller, signUpOwner } from "@/test/factories";
import { orderStatusDraft, refundPolicyDraft } from "@/test/template-drafts";

let db: Database;
beforeAll(async () => {
  db = await testDatabase();
});

async function catchError(promise: Promise<unknown>): Promise<TRPCError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCError) return error;
    throw error;
  }
  throw new Error("expected an error");
}

async function listed(caller: Caller, status?: "draft" | "active" | "archived") {
  const { items } = await caller.templates.list({ sort: "name", limit: 100, status });
  return items.map((t) => t.name);
}

async function withThree() {
  const owner = await signUpOwner(db, { workspaceName: "Trash" });
  const ids: string[] = [];
  for (const name of ["Alpha reply", "Beta reply", "Gamma reply"]) {
    ids.push((await owner.caller.templates.create(orderStatusDraft({ name }))).id);
  }
  return { ...owner, ids };
}

describe("templates trash", () => {
  it("a deleted template leaves the library, search, export and get; restore brings it back", async () => {
    const { caller, ids } = await withThree();
    const [alpha = "", beta = ""] = ids;
    expect(await caller.templates.remove({ ids: [alpha] })).toEqual({ count: 1 });

    expect(await listed(caller)).toEqual(["Beta reply", "Gamma reply"]);
    const hits = await caller.templates.search({ query: "alpha", limit: 10 });
    expect(hits.items).toEqual([]);
    expect((await catchError(caller.templates.get({ id: alpha }))).code).toBe("NOT_FOUND");
    const file = JSON.parse((await caller.templates.export({ format: "json" })).content);
    expect(file.templates.map((t: { name: string }) => t.name)).toEqual([
      "Beta reply",
      "Gamma reply",
    ]);

    const trash = await caller.templates.trash.list();
    expect(trash.map((t) => t.name)).toEqual(["Alpha reply"]);
    const [entry] = trash;
    const days = ((entry?.purgeAfter.getTime() ?? 0) - (entry?.deletedAt.getTime() ?? 0)) / 864e5;
    expect(days).toBe(TRASH_DAYS);

    // Restoring one that is not in the trash refuses the whole request.
    expect((await catchError(caller.templates.trash.restore({ ids: [alpha, beta] }))).code).toBe(
      "NOT_FOUND",
    );
    expect(await caller.templates.trash.restore({ ids: [alpha] })).toEqual({ count: 1 });
    expect(await listed(caller)).toEqual(["Alpha reply", "Beta reply", "Gamma reply"]);
    expect(await caller.templates.trash.list()).toEqual([]);
    expect((await caller.templates.get({ id: alpha })).currentVersion).toBe(1);
  });

  it("purgeExpiredTrash deletes only what has been in the trash longer than 30 days", async () => {
    const { caller, ids } = await withThree();
    const [alpha = "", beta = ""] = ids;
    await caller.templates.remove({ ids: [alpha] });
    await purgeExpiredTrash(db, { now: new Date(Date.now() + (TRASH_DAYS - 1) * 864e5) });
    expect((await caller.templates.trash.list()).map((t) => t.id)).toEqual([alpha]);

    await caller.templates.remove({ ids: [beta] });
    const result = await purgeExpiredTrash(db, {
      now: new Date(Date.now() + (TRASH_DAYS + 1) * 864e5),
    });
    expect(result.purged).toBeGreaterThanOrEqual(2);
    expect(await caller.templates.trash.list()).toEqual([]);
    expect(await listed(caller)).toEqual(["Gamma reply"]);
    const audit = await caller.audit.list({ action: "template.purge" });
    expect(audit.items.map((a) => a.entityId).sort()).toEqual([alpha, beta].sort());
    expect(audit.items[0]?.actorLabel).toBe("system");
  });

  it("agents cannot delete or restore shared templates, and see only their own trash", async () => {
    const { caller, workspace, ids } = await withThree();
    const agent = await addMember(db, workspace, "agent");
    expect((await catchError(agent.caller.templates.remove({ ids }))).code).toBe("FORBIDDEN");
    await caller.templates.remove({ ids: ids.slice(0, 1) });
    const restore = agent.caller.templates.trash.restore({ ids: ids.slice(0, 1) });
    expect((await catchError(restore)).code).toBe("FORBIDDEN");
    expect(await agent.caller.templates.trash.list()).toEqual([]);
    // Their own personal template: theirs to delete and restore; the admin never sees it.
    const mine = await agent.caller.templates.create(refundPolicyDraft({ name: "My note" }));
    expect(mine.visibility).toBe("personal");
    await agent.caller.templates.remove({ ids: [mine.id] });
    expect((await agent.caller.templates.trash.list()).map((t) => t.name)).toEqual(["My note"]);
    expect((await caller.templates.trash.list()).map((t) => t.name)).not.toContain("My note");
    await agent.caller.templates.trash.restore({ ids: [mine.id] });
    expect((await agent.caller.templates.get({ id: mine.id })).name).toBe("My note");
  });
});

describe("templates.bulk", () => {
  it("archives three templates at once; 'any status' no longer lists them", async () => {
    const { caller, ids } = await withThree();
    const other = await caller.templates.create(refundPolicyDraft());
    expect(await caller.templates.bulk({ ids, action: "archive" })).toEqual({ changed: 3 });
    expect(await listed(caller)).toEqual(["Refund policy"]);
    expect(await listed(caller, "archived")).toEqual(["Alpha reply", "Beta reply", "Gamma reply"]);
    const search = await caller.templates.search({ query: "reply", limit: 10 });
    expect(search.items).toEqual([]);
    const archived = await caller.templates.search({ query: "reply", status: "archived" });
    expect(archived.items).toHaveLength(3);
    expect((await caller.templates.get({ id: other.id })).status).toBe("active");
    // Archiving again changes nothing.
    expect(await caller.templates.bulk({ ids, action: "archive" })).toEqual({ changed: 0 });
  });

  it("moves to a category and adds a tag, each as a new version", async () => {
    const { caller, ids } = await withThree();
    await caller.templates.bulk({ ids, action: "move", category: "Escalations" });
    await caller.templates.bulk({ ids: ids.slice(0, 2), action: "tag", tag: "vip" });
    const [alpha, , gamma] = await Promise.all(ids.map((id) => caller.templates.get({ id })));
    expect(alpha?.category?.name).toBe("Escalations");
    expect(alpha?.tags).toEqual(["shipping", "orders", "vip"]);
    expect(alpha?.currentVersion).toBe(3);
    expect(gamma?.tags).toEqual(["shipping", "orders"]);
    expect(gamma?.currentVersion).toBe(2);
  });

  it("is all or nothing: one template at the tag limit rolls every change back", async () => {
    const { caller, ids } = await withThree();
    const full = Array.from({ length: 20 }, (_, i) => `t${i}`);
    const crowded = await caller.templates.create(
      orderStatusDraft({ name: "Crowded", tags: full }),
    );
    const error = await catchError(
      caller.templates.bulk({ ids: [...ids, crowded.id], action: "tag", tag: "vip" }),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toContain('"Crowded" cannot take this change');
    expect((await caller.templates.get({ id: ids[0] ?? "" })).tags).not.toContain("vip");
  });

  it("deletes many at once into the trash", async () => {
    const { caller, ids } = await withThree();
    expect(await caller.templates.bulk({ ids, action: "trash" })).toEqual({ changed: 3 });
    expect(await listed(caller)).toEqual([]);
    expect(await caller.templates.trash.list()).toHaveLength(3);
  });

  it("refuses bad input with messages written for people", async () => {
    const { caller, ids } = await withThree();
    const none = await catchError(caller.templates.bulk({ ids: [], action: "archive" }));
    expect(none.code).toBe("BAD_REQUEST");
    expect(none.message).toContain("Select at least one template.");
    const many = Array.from({ length: 501 }, () => crypto.randomUUID());
    expect((await catchError(caller.templates.remove({ ids: many }))).message).toContain(
      "At most 500 templates at once.",
    );
    expect((await catchError(caller.templates.remove({ ids: ["nope"] }))).code).toBe("BAD_REQUEST");
    const long = await catchError(
      caller.templates.bulk({ ids, action: "tag", tag: "x".repeat(51) }),
    );
    expect(long.message).toContain("A tag is at most 50 characters.");
    const noTag = await catchError(caller.templates.bulk({ ids, action: "tag" }));
    expect(noTag.message).toContain("Type the tag to add");
  });
});
