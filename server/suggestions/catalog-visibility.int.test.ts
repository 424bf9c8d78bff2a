import { describe, expect, it } from "vitest";
import { withTenant } from "@/db/tenant";
import { testDatabase } from "@/test/db";
import { addMember, signUpOwner } from "@/test/factories";
import { refundPolicyDraft } from "@/test/template-drafts";
import { catalogStamp, loadCatalog } from "./catalog";

/** Issue #11: the workspace's one suggestion catalog never holds personal or admins-only templates. */
describe("suggestion catalog and template visibility", () => {
  it("holds shared-with-everyone templates only, and notices a move", async () => {
    const db = await testDatabase();
    const { caller: owner, workspace } = await signUpOwner(db, { workspaceName: "Catalog vis" });
    const { caller: agent } = await addMember(db, workspace, "agent");
    const shared = await owner.templates.create(refundPolicyDraft({ name: "Shared" }));
    await owner.templates.create({
      ...refundPolicyDraft({ name: "Admins" }),
      visibility: "admins",
    });
    await agent.templates.create(refundPolicyDraft({ name: "Mine" }));
    const names = () =>
      withTenant(db, workspace.id, async (tx) => {
        const stamp = await catalogStamp(tx);
        return { stamp, names: (await loadCatalog(tx, stamp)).templates.map((t) => t.name) };
      });
    const before = await names();
    expect(before.names).toEqual(["Shared"]);
    await owner.templates.update({
      id: shared.id,
      expectedVersion: 1,
      ...refundPolicyDraft({ name: "Shared" }),
      visibility: "personal",
    });
    const after = await names();
    expect(after.names).toEqual([]);
    expect(after.stamp).not.toBe(before.stamp);
  });
});
