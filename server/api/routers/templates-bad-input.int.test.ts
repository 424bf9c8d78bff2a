import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { testDatabase } from "@/test/db";
import { type Caller, catchError, signUpOwner, type TestWorkspace } from "@/test/factories";
import { orderStatusDraft, refundPolicyDraft, templateRowCounts } from "@/test/template-drafts";

let db: Database;
let owner: Caller;
let workspace: TestWorkspace;
beforeAll(async () => {
  db = await testDatabase();
  ({ caller: owner, workspace } = await signUpOwner(db, { workspaceName: "Bad input" }));
});

const zero = { templates: 0, versions: 0, variables: 0, triggers: 0, categories: 0 };

describe("templates: bad input is a clear error and writes nothing", () => {
  it("1 MB of content", async () => {
    const error = await catchError(
      owner.templates.create(refundPolicyDraft({ content: "x".repeat(1_000_000) })),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toBe("The content is 1,000,000 characters long; the limit is 20,000.");
    expect(error.shape.data.fieldErrors).toEqual({ content: [error.message] });
  });

  it("500 variables", async () => {
    const variables = Array.from({ length: 500 }, (_, i) => ({
      name: `v${i}`,
      type: "text" as const,
    }));
    const content = variables.map((v) => `{${v.name}}`).join(" ");
    const error = await catchError(
      owner.templates.create(refundPolicyDraft({ content, variables })),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toBe("The template declares 500 variables; the limit is 50.");
  });

  it("an invalid regex trigger, and a catastrophically backtracking one", async () => {
    const invalid = await catchError(
      owner.templates.create(
        refundPolicyDraft({ triggers: [{ kind: "regex", value: "(refund" }] }),
      ),
    );
    expect(invalid.code).toBe("BAD_REQUEST");
    expect(invalid.shape.data.fieldErrors?.["triggers.0.value"]?.[0]).toMatch(
      /^Invalid regular expression/,
    );
    const nested = await catchError(
      owner.templates.create(refundPolicyDraft({ triggers: [{ kind: "regex", value: "(a+)+$" }] })),
    );
    expect(nested.message).toMatch(/repeats a group that itself repeats/);
    expect(await templateRowCounts(db, workspace.id)).toEqual(zero);
  });

  it("overlapping alternatives are refused when saved, naming the field", async () => {
    const error = await catchError(
      owner.templates.create(
        orderStatusDraft({
          content: "Code {code}",
          variables: [{ name: "code", type: "text", pattern: "(a|a)*b" }],
        }),
      ),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.shape.data.fieldErrors?.["variables.0.pattern"]?.[0]).toMatch(
      /alternatives can match the same text/,
    );
    expect(await templateRowCounts(db, workspace.id)).toEqual(zero);
  });

  it("a slow pattern the static screen lets through is stopped while rendering", async () => {
    // A polynomial chain: no nested or overlapping repetition, yet hours of backtracking.
    const draft = orderStatusDraft({
      content: "Code {code}",
      variables: [{ name: "code", type: "text", pattern: "a*a*a*a*a*a*a*b" }],
    });
    const created = await owner.templates.create(draft);
    const started = performance.now();
    const error = await catchError(
      owner.templates.render({ id: created.id, values: { code: "a".repeat(200) }, format: "text" }),
    );
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.shape.data.fieldErrors?.["values.code"]?.[0]).toMatch(
      /The pattern of code took too long on this value and was stopped/,
    );
  });

  it("content errors are reported with their position, per field", async () => {
    const error = await catchError(
      owner.templates.create(
        refundPolicyDraft({ content: "Hi {customer.first_name", variables: [] }),
      ),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.shape.data.fieldErrors?.content?.[0]).toMatch(/^Line 1, column 4: /);
  });

  it("an oversized import file is refused before it is read", async () => {
    const { caller, workspace: other } = await signUpOwner(db, { workspaceName: "Big file" });
    const error = await catchError(
      caller.templates.import({ format: "json", content: " ".repeat(10_000_001) }),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(await templateRowCounts(db, other.id)).toEqual(zero);
  });

  it("a draft that is not an object", async () => {
    const error = await catchError(owner.templates.create("hello" as never));
    expect(error.code).toBe("BAD_REQUEST");
  });
});
