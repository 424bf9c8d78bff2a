import { describe, expect, it } from "vitest";
import type { TemplateDraft } from "../language/template-schema";
import { describeChanges } from "./change-summary";

const base: TemplateDraft = {
  name: "Order status",
  category: "Orders",
  content: "Order {order_id} is {status}.",
  status: "active",
  tags: ["orders"],
  language: "en",
  variables: [
    { name: "order_id", type: "text", required: true },
    { name: "status", type: "text", required: false },
  ],
  triggers: [{ kind: "keyword", value: "tracking", weight: 1, active: true }],
};

describe("describeChanges", () => {
  it("names changed fields and counts changed variables and triggers", () => {
    const after: TemplateDraft = {
      ...base,
      content: "Order {order_id}.",
      variables: [{ name: "order_id", type: "text", required: false }],
    };
    expect(describeChanges(base, after)).toBe("content, 2 variables");
    expect(describeChanges(base, { ...base, name: "X", status: "draft", tags: [] })).toBe(
      "name, status, tags",
    );
    expect(
      describeChanges(base, {
        ...base,
        triggers: [
          ...base.triggers,
          { kind: "phrase", value: "where is it", weight: 1, active: true },
        ],
      }),
    ).toBe("1 trigger");
  });

  it("reports no changes for equal drafts, and reordering as a change", () => {
    expect(describeChanges(base, structuredClone(base))).toBe("no changes");
    expect(describeChanges(base, { ...base, variables: [...base.variables].reverse() })).toBe(
      "1 variable",
    );
  });
});
