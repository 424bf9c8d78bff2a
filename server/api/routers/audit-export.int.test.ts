import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { withTenant } from "@/db/tenant";
import { SYSTEM_ACTOR } from "@/server/audit/actor";
import { recordAudit } from "@/server/audit/record";
import { parseCsv } from "@/server/templates/interchange/csv-parse";
import { testDatabase } from "@/test/db";
import { addMember, signUpOwner } from "@/test/factories";
import { orderStatusDraft } from "@/test/template-drafts";

let db: Database;
beforeAll(async () => {
  db = await testDatabase();
});

describe("audit log: person filter and CSV export", () => {
  it("lists the people in the log and exports readable, formula-safe CSV", async () => {
    const { caller, user, workspace } = await signUpOwner(db, { workspaceName: "Audit CSV" });
    const admin = await addMember(db, workspace, "admin");
    await caller.templates.create(orderStatusDraft({ name: '=HYPERLINK("http://x")' }));
    await admin.caller.templates.create(orderStatusDraft({ name: "@SUM(1)" }));

    const actors = await caller.audit.actors();
    expect(actors.map((a) => a.actorId).sort()).toEqual([user.id, admin.user.id].sort());

    const byAdmin = await caller.audit.list({ actorId: admin.user.id });
    expect(byAdmin.items.map((i) => i.action)).toEqual(["template.create"]);

    const file = await caller.audit.exportCsv({ action: "template.create" });
    expect(file.filename).toMatch(/^parley-audit-.+\.csv$/);
    expect(file.rows).toBe(2);
    const rows = parseCsv(file.content).records.map((r) => r.fields);
    expect(rows[0]).toEqual([
      "time",
      "person",
      "what",
      "action",
      "entity_type",
      "entity_id",
      "ip",
      "details",
    ]);
    const whats = rows.slice(1).map((r) => r[2]);
    expect(whats.sort()).toEqual([
      'Created the template “=HYPERLINK("http://x")”',
      "Created the template “@SUM(1)”",
    ]);
    // The details cell starts with "{", so only cells that begin with = + - @ get the quote:
    const raw = file.content;
    expect(raw).not.toMatch(/(^|,)=HYPERLINK/m);
    const exported = await caller.audit.exportCsv({ from: new Date(Date.now() + 60_000) });
    expect(exported.rows).toBe(0);
  });

  it("neutralises every cell that begins with = + - @", async () => {
    const { caller, workspace } = await signUpOwner(db, { workspaceName: "Audit formula" });
    await withTenant(db, workspace.id, (tx) =>
      recordAudit(tx, workspace.id, SYSTEM_ACTOR, {
        action: "=2+3",
        entityType: "@cmd",
        entityId: "-1",
        summary: { note: "+x" },
      }),
    );
    const file = await caller.audit.exportCsv({});
    const rows = parseCsv(file.content).records.map((r) => r.fields);
    const row = rows.find((r) => r[3] === "'=2+3");
    expect(row?.slice(2, 6)).toEqual(["'=2+3 (note: +x)", "'=2+3", "'@cmd", "'-1"]);
    for (const r of rows) for (const cell of r) expect(cell).not.toMatch(/^[=+\-@]/);
  });
});
