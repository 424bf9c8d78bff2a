import { describe, expect, it } from "vitest";
import { actionLabel, auditEntryHref, describeAuditEntry } from "./describe-audit-entry";

const id = "1510f734-0000-4000-8000-000000000000";

describe("audit entries read as sentences", () => {
  it("template actions are sentences without internal ids", () => {
    const duplicate = {
      action: "template.duplicate",
      entityType: "template",
      entityId: id,
      summary: { name: "Copy of Refunds", from: "0f0e-…" },
    };
    expect(describeAuditEntry(duplicate)).toBe(
      "Made the copy “Copy of Refunds” of another template",
    );
    expect(auditEntryHref(duplicate, "acme")).toBe(`/w/acme/templates/${id}`);
    expect(
      describeAuditEntry({
        action: "template.import",
        entityType: "template",
        summary: {
          format: "json",
          mode: "overwrite",
          count: 3,
          created: 1,
          overwritten: 2,
          skipped: 4,
        },
      }),
    ).toBe("Imported a JSON file: 1 created, 2 overwritten, 4 skipped");
    expect(
      auditEntryHref(
        { action: "template.purge", entityType: "template", entityId: id, summary: {} },
        "acme",
      ),
    ).toBeNull();
  });

  it("offers actions by name in the filter list", () => {
    expect(actionLabel("template.restore_version")).toBe("Template: restore version");
  });
});
