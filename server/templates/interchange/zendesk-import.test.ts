import { describe, expect, it } from "vitest";
import { renderTemplate } from "../language/render-template";
import { runRegexInThread } from "../regex/regex-runner";
import { readFixture } from "./fixtures/read-fixture";
import { importZendeskMacros, splitZendeskTitle } from "./zendesk-import";

const US = { locale: "en-US", currency: "USD", timeZone: "UTC", runRegex: runRegexInThread };

describe("importZendeskMacros: the sample export", () => {
  const report = importZendeskMacros(readFixture("zendesk-macros.json"));
  const byName = new Map(report.templates.map((t) => [t.name, t]));

  it("imports the reply macros with categories from '::' titles", () => {
    expect(report.templates.map((t) => [t.category, t.name])).toEqual([
      ["Billing", "Refund approved"],
      ["Billing / Invoices", "Resend invoice"],
      ["Shipping", "Delayed order"],
      ["Account", "Password reset link"],
      ["Account", "Escalated to engineering"],
      ["Feedback", "Ask for a review"],
    ]);
  });

  it("maps placeholders to typed Parley variables", () => {
    const invoice = byName.get("Resend invoice");
    expect(invoice?.content).toBe(
      "Hello {customer.name},\n\nI've resent the invoice to {customer.email}. You can also download it any time from {ticket.url}.\n\nKind regards,\n{agent.first_name}\n{agent.signature}",
    );
    expect(invoice?.variables).toEqual([
      { name: "customer.name", type: "text", required: true },
      { name: "customer.email", type: "email", required: true },
      { name: "ticket.url", type: "url", required: true },
      { name: "agent.first_name", type: "text", required: true },
      { name: "agent.signature", type: "text", required: true },
    ]);
    expect(
      byName.get("Escalated to engineering")?.variables.map((v) => `${v.name}:${v.type}`),
    ).toEqual([
      "customer.first_name:text",
      "ticket.id:text",
      "ticket.subject:text",
      "ticket.priority:text",
      "team.name:text",
      "ticket.due_date:date",
      "agent.name:text",
    ]);
  });

  it("reads multi-value comment actions, tags and the active flag", () => {
    const review = byName.get("Ask for a review");
    expect(review?.content).toBe(
      "Thanks for being a {customer.organization} customer, {customer.first_name}!\nIf we helped today, would you leave us a short review? It takes a minute and helps other shoppers.",
    );
    expect(review?.tags).toEqual(["feedback", "review_request"]);
    expect(byName.get("Refund approved")).toMatchObject({
      status: "active",
      tags: ["refund", "refund_approved"],
    });
    expect(byName.get("Escalated to engineering")?.status).toBe("archived");
  });

  it("turns an HTML-only comment into text", () => {
    expect(byName.get("Password reset link")?.content).toBe(
      "Hi {{{{ticket.requester.first_name | capitalize}}}},\n\nYou can reset your password from the sign-in page: click Forgot password? and follow the email we send to {customer.email}.\n\nThe link expires after 24 hours & can be used once.\n\nThanks,\n{agent.name}",
    );
  });

  it("keeps Liquid and unknown placeholders as literal text and lists them per macro", () => {
    expect(report.unmapped).toEqual([
      {
        template: "Delayed order",
        placeholders: [
          "{% if ticket.requester.first_name %}",
          "{% else %}",
          "{% endif %}",
          "{{ticket.ticket_field_360012345678}}",
          "{{dc.shipping_policy_link}}",
        ],
      },
      {
        template: "Password reset link",
        placeholders: ["{{ticket.requester.first_name | capitalize}}"],
      },
    ]);
    const delayed = byName.get("Delayed order");
    const rendered = renderTemplate(
      delayed?.content ?? "",
      delayed?.variables ?? [],
      { customer: { first_name: "Ada" }, agent: { name: "Sam" } },
      US,
    );
    expect(rendered.missing).toEqual([]);
    expect(rendered.output).toContain(
      "{% if ticket.requester.first_name %}Hi Ada,{% else %}Hi there,{% endif %}",
    );
    expect(rendered.output).toContain("the new estimate is {{ticket.ticket_field_360012345678}}.");
    expect(rendered.output).toContain("use the code {SORRY10} at checkout");
  });

  it("rejects a macro without a comment and one without a title, by index", () => {
    expect(report.rejected).toEqual([
      {
        index: 4,
        name: "Close and tag as spam",
        errors: [
          "The macro adds no comment text, so it is not a reply template (its actions: status, set_tags, assignee_id).",
        ],
      },
      { index: 7, errors: ["The macro has no title."] },
    ]);
  });
});

describe("importZendeskMacros: other shapes and bad input", () => {
  it("accepts a single { macro } and a bare array", () => {
    const macro = {
      title: "Hi",
      actions: [{ field: "comment_value", value: "Hello {{current_user.name}}" }],
    };
    expect(importZendeskMacros(JSON.stringify({ macro })).templates).toMatchObject([
      { name: "Hi", category: null, content: "Hello {agent.name}" },
    ]);
    expect(importZendeskMacros(JSON.stringify([macro])).templates).toHaveLength(1);
  });

  it("reports malformed JSON and a foreign shape without throwing", () => {
    expect(importZendeskMacros("{ macros: [").rejected[0]?.errors[0]).toMatch(
      /^The file is not valid JSON: /,
    );
    expect(importZendeskMacros('{"tickets": []}').rejected).toEqual([
      { errors: ['This is not a Zendesk macros export: expected { "macros": [ ... ] }.'] },
    ]);
  });

  it("splits titles on '::' and trims the parts", () => {
    expect(splitZendeskTitle(" A :: B::C ")).toEqual({ name: "C", category: "A / B" });
    expect(splitZendeskTitle("Plain")).toEqual({ name: "Plain", category: null });
  });
});
