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
    // A large import's rows, one per chunk, say which part they are.
    expect(
      describeAuditEntry({
        action: "template.import",
        entityType: "template",
        summary: { format: "csv", mode: "skip", chunk: 2, chunks: 5, created: 1250, skipped: 0 },
      }),
    ).toBe("Imported a CSV file (part 2 of 5): 1,250 created");
    expect(
      auditEntryHref(
        { action: "template.purge", entityType: "template", entityId: id, summary: {} },
        "acme",
      ),
    ).toBeNull();
  });

  it("training, insights and inbox actions read as sentences, with links where they live", () => {
    const entry = (action: string, entityType: string, summary: Record<string, unknown> = {}) => ({
      action,
      entityType,
      entityId: id,
      summary,
    });
    const deploy = entry("model.deploy", "model_version", { version: 3, previousVersion: 2 });
    expect(describeAuditEntry(deploy)).toBe("Deployed model version 3 (version 2 was live)");
    expect(auditEntryHref(deploy, "acme")).toBe(`/w/acme/training/versions/${id}`);
    expect(
      describeAuditEntry(
        entry("model.deploy", "model_version", { version: 1, previousVersion: null }),
      ),
    ).toBe("Deployed model version 1");
    expect(
      describeAuditEntry(
        entry("model.rollback", "model_version", { version: 1, previousVersion: 2 }),
      ),
    ).toBe("Rolled back from model version 2 to version 1");
    expect(
      describeAuditEntry(
        entry("model.scenarios_run", "model_version", { scenarios: 12, top1: 0.5833 }),
      ),
    ).toBe("Ran 12 test scenarios on a model version: 58% right");
    expect(
      describeAuditEntry(entry("model.train", "model_version", { version: 7, examples: 4471 })),
    ).toBe("Trained model version 7 on 4,471 examples");
    expect(
      describeAuditEntry(
        entry("inbox.ingest", "inbox", { source: "zendesk", received: 1200, stored: 1200 }),
      ),
    ).toBe("Pushed 1,200 messages into the inbox from “zendesk”");
    expect(describeAuditEntry(entry("inbox.webhook", "inbox", { received: 3, stored: 1 }))).toBe(
      "Received 1 new message (2 already there) by the inbox webhook",
    );
    expect(
      describeAuditEntry(entry("model.scenarios_run", "model_version", { scenarios: 1, top1: 1 })),
    ).toBe("Ran 1 test scenario on a model version: 100% right");
    const seeded = entry("analysis.start", "analysis_run", {
      source: "dataset",
      datasetId: "fcb1b264-27fb-4bcc-923d-6dc3e1fc6171",
      by: "seed",
    });
    // No raw ids in the sentence (the overview's "Recent activity" showed the dataset's uuid).
    expect(describeAuditEntry(seeded)).toBe("Ran a first analysis of the demo dataset");
    expect(auditEntryHref(seeded, "acme")).toBe(`/w/acme/insights?run=${id}`);
    expect(describeAuditEntry(entry("analysis.start", "analysis_run", { source: "inbox" }))).toBe(
      "Started an analysis of inbox messages",
    );
    const upload = entry("dataset.upload", "dataset", { name: "Chats", kind: "csv", bytes: 10 });
    expect(describeAuditEntry(upload)).toBe("Uploaded the dataset “Chats”");
    expect(auditEntryHref(upload, "acme")).toBe(`/w/acme/training/datasets/${id}`);
    const deleted = entry("dataset.delete", "dataset", { name: "Chats", rows: 1, examples: 0 });
    expect(describeAuditEntry(deleted)).toBe(
      "Deleted the dataset “Chats” (1 row, 0 training examples)",
    );
    expect(auditEntryHref(deleted, "acme")).toBeNull();
    expect(auditEntryHref(entry("model.train_start", "job"), "acme")).toBe(
      `/w/acme/training/jobs/${id}`,
    );
    expect(auditEntryHref(entry("job.cancel", "job"), "acme")).toBe("/w/acme/settings/jobs");
    const gap = entry("knowledge_gap.dismiss", "knowledge_gap", { reason: "seasonal" });
    expect(describeAuditEntry(gap)).toBe("Dismissed a knowledge gap: “seasonal”");
    expect(auditEntryHref(gap, "acme")).toBe(`/w/acme/insights/gaps/${id}`);
    expect(
      describeAuditEntry(
        entry("conversation.status", "conversation", { status: "resolved", csat: 5 }),
      ),
    ).toBe("Marked a conversation resolved (CSAT 5)");
    expect(
      describeAuditEntry(
        entry("ai.settings.update", "workspace", {
          enabled: true,
          provider: "openai",
          apiKey: "replaced",
        }),
      ),
    ).toBe("Changed the AI settings (provider openai, API key replaced)");
  });

  it("an unknown action falls back to its name and plain fields", () => {
    expect(
      describeAuditEntry({
        action: "future.thing",
        entityType: "future",
        summary: { count: 2, nested: { a: 1 } },
      }),
    ).toBe("future.thing (count: 2)");
  });

  it("offers actions by name in the filter list", () => {
    expect(actionLabel("template.restore_version")).toBe("Template: restore version");
  });
});
