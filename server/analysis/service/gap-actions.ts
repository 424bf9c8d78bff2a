/**
 * What admins do with a knowledge gap: resolve it with a template (its messages become training
 * examples of that template, source "knowledge_gap"), dismiss it, or create a draft template
 * from the agents' actual replies in the gap. Only an open gap can be resolved or dismissed.
 */
import { and, eq, isNotNull, isNull } from "drizzle-orm";
import { gapMessages, knowledgeGaps, templates } from "@/db/schema";
import { badRequest, conflict, notFound } from "@/server/errors";
import { createTemplate } from "@/server/templates/store/template-commands";
import type { TemplateScope } from "@/server/templates/store/template-scope";
import { insertTrainingExamples } from "@/server/training/examples/store";
import type { TenantScope } from "@/server/workspaces/scope";
import { mostCentral } from "./centrality";
import { findGap } from "./queries";

const actingUser = (scope: TenantScope) =>
  scope.actor.type === "user" ? scope.actor.userId : null;

async function decide(
  scope: TenantScope,
  gapId: string,
  status: "resolved" | "dismissed",
  templateId: string | null,
) {
  const [row] = await scope.tx
    .update(knowledgeGaps)
    .set({
      status,
      resolvedTemplateId: templateId,
      decidedBy: actingUser(scope),
      decidedAt: new Date(),
    })
    .where(and(eq(knowledgeGaps.id, gapId), eq(knowledgeGaps.status, "open")))
    .returning({ id: knowledgeGaps.id });
  if (!row) throw conflict("This gap was already resolved or dismissed");
}

export async function resolveGap(scope: TenantScope, input: { gapId: string; templateId: string }) {
  const gap = await findGap(scope.tx, input.gapId);
  const [template] = await scope.tx
    .select({ id: templates.id, visibility: templates.visibility, ownerId: templates.ownerId })
    .from(templates)
    .where(and(eq(templates.id, input.templateId), isNull(templates.deletedAt)));
  const someoneElses =
    template?.visibility === "personal" && template.ownerId !== actingUser(scope);
  if (!template || someoneElses) throw notFound("Template");
  // Training learns only shared templates: a personal one would silently learn nothing.
  if (template.visibility !== "everyone") {
    throw badRequest("Resolve a gap with a template shared with everyone", {
      templateId: ["Only templates shared with everyone are used for training"],
    });
  }
  await decide(scope, gap.id, "resolved", template.id);
  const messages = await scope.tx
    .select({ text: gapMessages.text })
    .from(gapMessages)
    .where(eq(gapMessages.gapId, gap.id));
  const { inserted } = await insertTrainingExamples(
    scope.tx,
    scope.workspace.id,
    messages.map((m) => ({ text: m.text, templateId: template.id, source: "knowledge_gap" })),
  );
  await scope.audit({
    action: "knowledge_gap.resolve",
    entityType: "knowledge_gap",
    entityId: gap.id,
    summary: { templateId: template.id, examplesAdded: inserted, messages: messages.length },
  });
  return {
    gapId: gap.id,
    status: "resolved" as const,
    templateId: template.id,
    examplesAdded: inserted,
  };
}

export async function dismissGap(scope: TenantScope, input: { gapId: string; reason?: string }) {
  const gap = await findGap(scope.tx, input.gapId);
  await decide(scope, gap.id, "dismissed", null);
  await scope.audit({
    action: "knowledge_gap.dismiss",
    entityType: "knowledge_gap",
    entityId: gap.id,
    summary: { reason: input.reason ?? null },
  });
  return { gapId: gap.id, status: "dismissed" as const };
}

/** Literal text in a template body: braces doubled (`{{` `}}` are literal braces). */
export const templateLiteral = (text: string) => text.replace(/[{}]/g, (brace) => brace + brace);

const MAX_BODY = 4_000;
const clip = (text: string, max: number) =>
  text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;

function phraseList(phrases: string[]) {
  const list = phrases.slice(0, 3);
  if (list.length <= 1) return list.join("");
  return `${list.slice(0, -1).join(", ")} and ${list.at(-1)}`;
}

/**
 * The draft's body: the most central of the agents' replies in the gap (the reply closest to
 * what they all say), or, when nobody replied, a greeting naming the gap's key phrases and the
 * gap's most typical question for the author to answer.
 */
export function draftBody(
  replies: string[],
  gap: { keyPhrases: string[]; examples: { text: string }[] },
) {
  if (replies.length > 0) {
    const best = replies[mostCentral(replies)] ?? replies[0] ?? "";
    return { body: clip(templateLiteral(best.trim()), MAX_BODY), basedOn: "replies" as const };
  }
  const topic = phraseList(gap.keyPhrases) || "your question";
  const example = gap.examples[0]?.text.trim();
  const lines = [
    `Hi {customer.first_name|there}, thanks for your message about ${templateLiteral(topic)}.`,
  ];
  if (example)
    lines.push("", `Customers ask, for example: "${templateLiteral(clip(example, 300))}"`);
  return { body: clip(lines.join("\n"), MAX_BODY), basedOn: "key_phrases" as const };
}

export async function createGapTemplateDraft(scope: TemplateScope, input: { gapId: string }) {
  const gap = await findGap(scope.tx, input.gapId);
  const replies = await scope.tx
    .select({ reply: gapMessages.reply })
    .from(gapMessages)
    .where(and(eq(gapMessages.gapId, gap.id), isNotNull(gapMessages.reply)));
  const texts = replies.flatMap((r) => (r.reply?.trim() ? [r.reply] : []));
  const { body, basedOn } = draftBody(texts, gap);
  const topic = (phraseList(gap.keyPhrases) || (gap.examples[0]?.text ?? "knowledge gap"))
    .replace(/\s+/g, " ")
    .trim();
  const name = clip(`Gap: ${topic}`, 120);
  const template = await createTemplate(
    scope,
    { name, content: body, status: "draft", tags: ["knowledge-gap"], language: "en" },
    { visibility: "everyone" },
  );
  await scope.audit({
    action: "knowledge_gap.draft_template",
    entityType: "knowledge_gap",
    entityId: gap.id,
    summary: { templateId: template.id, basedOn },
  });
  return {
    templateId: template.id,
    name: template.name,
    body: template.content,
    status: "draft" as const,
    basedOn,
  };
}
