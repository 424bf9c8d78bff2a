import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { testDatabase } from "@/test/db";
import { type Caller, catchError, signUpOwner } from "@/test/factories";
import { orderStatusDraft } from "@/test/template-drafts";

let db: Database;
let owner: Caller;
beforeAll(async () => {
  db = await testDatabase();
  ({ caller: owner } = await signUpOwner(db, { workspaceName: "Templates Render" }));
  await owner.workspace.update({ locale: "de-DE", currency: "EUR", timezone: "Europe/Berlin" });
});

const values = { order_id: "AB-1234", ship_date: "2024-03-05", total: "1234.5" };

describe("templates.render", () => {
  it("formats dates and money by the workspace's locale and currency", async () => {
    const t = await owner.templates.create(orderStatusDraft());
    const result = await owner.templates.render({ id: t.id, values, format: "text" });
    expect(result).toEqual({
      output: "Hi there! Your order AB-1234 shipped on 5. März 2024 and costs 1.234,50\u00a0€.",
      missing: [],
      invalid: [],
      diagnostics: [],
      variant: { id: t.id, name: t.name, language: "en" },
    });
  });

  it("flags a bad date and a value that fails its pattern, and lists what is missing", async () => {
    const t = await owner.templates.create(orderStatusDraft());
    const result = await owner.templates.render({
      id: t.id,
      values: { order_id: "12345", ship_date: "2024-02-30" },
      format: "text",
    });
    expect(result.invalid.map((i) => i.name)).toEqual(["order_id", "ship_date"]);
    expect(result.missing).toEqual(["total"]);
    expect(result.output).toContain("{total}");
  });

  it("previews an unsaved draft, escaping values in HTML", async () => {
    const result = await owner.templates.render({
      draft: { name: "x", content: "Hi {name}", variables: [{ name: "name", type: "text" }] },
      values: { name: "<script>alert(1)</script>" },
      format: "html",
    });
    expect(result.output).toBe("<p>Hi &lt;script&gt;alert(1)&lt;/script&gt;</p>");
    const broken = await owner.templates.render({
      draft: { name: "x", content: "Hi {name", variables: [] },
      values: {},
      format: "text",
    });
    expect(broken.diagnostics[0]).toMatchObject({
      severity: "error",
      code: "unclosed-placeholder",
    });
  });

  it("needs exactly one of id and draft", async () => {
    const neither = await catchError(owner.templates.render({ values: {}, format: "text" }));
    expect(neither.code).toBe("BAD_REQUEST");
  });

  it("validate reports issues and diagnostics without saving", async () => {
    const report = await owner.templates.validate({
      draft: { name: "", content: "Hi {customer", variables: [{ name: "x", type: "text" }] },
    });
    expect(report.ok).toBe(false);
    expect(report.issues.map((i) => i.path)).toEqual(["name"]);
    const ok = await owner.templates.validate({ draft: orderStatusDraft() });
    expect(ok).toEqual({ ok: true, issues: [], diagnostics: [] });
  });

  it("formats a saved template's Markdown as HTML or plain text, values inert", async () => {
    const t = await owner.templates.create({
      name: "Formatted shipping reply",
      content:
        "Hi **{customer.first_name|there}**,\n- [Track](https://track.example/{tracking})\n- *Thanks*",
      variables: [{ name: "tracking", type: "text", required: true }],
    });
    const input = {
      id: t.id,
      values: { "customer.first_name": "<script>x</script> **Ada**", tracking: "1Z 9" },
    };
    const html = await owner.templates.render({ ...input, format: "html" });
    expect(html.output).toBe(
      '<p>Hi <strong>&lt;script&gt;x&lt;/script&gt; **Ada**</strong>,</p><ul><li><a href="https://track.example/1Z%209" rel="noopener noreferrer">Track</a></li><li><em>Thanks</em></li></ul>',
    );
    const text = await owner.templates.render({ ...input, format: "text" });
    expect(text.output).toBe(
      "Hi <script>x</script> **Ada**,\n- Track (https://track.example/1Z 9)\n- Thanks",
    );
  });
});
