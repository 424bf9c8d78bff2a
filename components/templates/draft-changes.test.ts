import { describe, expect, it } from "vitest";
import { fieldChanges, triggerChanges, variableChanges } from "./draft-changes";
import type { DraftLike } from "./editor-form";

const base: DraftLike = {
  name: "Order status",
  category: "Orders",
  content: "Hi {name}",
  status: "active",
  tags: ["orders"],
  language: "en",
  variables: [
    { name: "name", type: "text", required: true },
    { name: "order_date", type: "date", required: false },
  ],
  triggers: [
    { kind: "phrase", value: "where is my order", weight: 1, active: true },
    { kind: "keyword", value: "tracking", weight: 1, active: true },
  ],
};

describe("draft changes", () => {
  it("lists changed fields only", () => {
    expect(fieldChanges(base, { ...base, status: "draft", tags: [] })).toEqual([
      { field: "Status", from: "active", to: "draft" },
      { field: "Tags", from: "orders", to: "—" },
    ]);
  });

  it("matches variables by name", () => {
    const next: DraftLike = {
      ...base,
      variables: [
        { name: "name", type: "text", required: false },
        { name: "email", type: "email", required: true },
      ],
    };
    expect(variableChanges(base, next)).toEqual([
      { kind: "changed", label: "name", details: ["required: yes → no"] },
      { kind: "removed", label: "order_date", details: ["date"] },
      { kind: "added", label: "email", details: ["email"] },
    ]);
  });

  it("matches triggers by kind and value", () => {
    const next: DraftLike = {
      ...base,
      triggers: [
        { kind: "phrase", value: "where is my order", weight: 2, active: false },
        { kind: "regex", value: "track(ing)?", weight: 1, active: true },
      ],
    };
    expect(triggerChanges(base, next)).toEqual([
      {
        kind: "changed",
        label: "phrase: where is my order",
        details: ["weight: 1 → 2", "deactivated"],
      },
      { kind: "removed", label: "keyword: tracking", details: [] },
      { kind: "added", label: "regex: track(ing)?", details: [] },
    ]);
  });
});
