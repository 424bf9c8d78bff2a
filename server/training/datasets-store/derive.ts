/**
 * Training examples from conversation and FAQ datasets:
 * - conversations: each (customer turn, agent reply) pair whose reply matches a template of the
 *   workspace (reply-matcher.ts, score ≥ threshold and a clear lead) gives customer → template,
 *   with the match score kept (source "conversation");
 * - FAQ: on request, one draft template per distinct answer, and question → that template
 *   (source "faq").
 * Both rewrite the dataset's examples, so running them again does not pile up duplicates.
 */
import { and, asc, eq, gt, isNull, ne } from "drizzle-orm";
import type { Tx } from "@/db";
import { datasetRows, datasets, templates } from "@/db/schema";
import { badRequest } from "@/server/errors";
import { requireValidDraft } from "@/server/templates/store/require-valid-draft";
import { insertTemplates } from "@/server/templates/store/write-template";
import type { TenantScope } from "@/server/workspaces/scope";
import { conversationPairs, faqPairs } from "../datasets/examples";
import {
  DEFAULT_REPLY_MARGIN,
  DEFAULT_REPLY_THRESHOLD,
  makeReplyMatcher,
} from "../datasets/reply-matcher";
import type { DatasetRow } from "../datasets/types";
import { deleteDatasetExamples, insertTrainingExamples } from "../examples/store";
import { requireDataset } from "./queries";

/** FAQ templates made at most per request: an admin finishes each draft by hand. */
export const MAX_FAQ_TEMPLATES = 1_000;

async function requireReady(tx: Tx, id: string, kind: string) {
  const dataset = await requireDataset(tx, id);
  if (dataset.kind !== kind) throw badRequest(`This is not a ${kind} dataset.`);
  if (dataset.status !== "ready") throw badRequest("The dataset is not ready yet.");
  return dataset;
}

async function* allRows(tx: Tx, datasetId: string): AsyncGenerator<DatasetRow> {
  let after = -1;
  for (;;) {
    const page = await tx
      .select({ seq: datasetRows.seq, line: datasetRows.line, row: datasetRows.data })
      .from(datasetRows)
      .where(and(eq(datasetRows.datasetId, datasetId), gt(datasetRows.seq, after)))
      .orderBy(asc(datasetRows.seq))
      .limit(5_000);
    if (page.length === 0) return;
    after = page.at(-1)?.seq ?? after;
    for (const { line, row } of page) yield { line, row };
  }
}

async function collectRows(tx: Tx, datasetId: string): Promise<DatasetRow[]> {
  const rows: DatasetRow[] = [];
  for await (const row of allRows(tx, datasetId)) rows.push(row);
  return rows;
}

export async function matchConversationReplies(
  scope: TenantScope,
  input: { id: string; threshold?: number; minMargin?: number },
) {
  const { tx } = scope;
  const dataset = await requireReady(tx, input.id, "conversations");
  const live = await tx
    .select({ id: templates.id, content: templates.content })
    .from(templates)
    .where(and(isNull(templates.deletedAt), ne(templates.status, "archived")));
  if (live.length === 0) throw badRequest("The workspace has no templates to match replies to.");
  const pairs = conversationPairs(await collectRows(tx, dataset.id));
  const threshold = input.threshold ?? DEFAULT_REPLY_THRESHOLD;
  const minMargin = input.minMargin ?? DEFAULT_REPLY_MARGIN;
  const matcher = makeReplyMatcher(live, {
    threshold,
    minMargin,
    // idf learns which words are common in replies from a sample of them (reply-matcher.ts).
    idfTexts: pairs.filter((_, i) => i % 20 === 0).map((p) => p.reply),
  });
  const examples = pairs.flatMap((pair) => {
    const found = matcher.match(pair.reply);
    return found
      ? [
          {
            text: pair.customer,
            templateId: found.templateId,
            source: "conversation" as const,
            datasetId: dataset.id,
            matchScore: Math.round(found.score * 1000) / 1000,
          },
        ]
      : [];
  });
  await deleteDatasetExamples(tx, dataset.id);
  const { inserted } = await insertTrainingExamples(tx, scope.workspace.id, examples);
  await scope.audit({
    action: "dataset.match_replies",
    entityType: "dataset",
    entityId: dataset.id,
    summary: { pairs: pairs.length, matched: examples.length, threshold, minMargin },
  });
  return {
    pairs: pairs.length,
    matched: examples.length,
    examples: inserted,
    threshold,
    minMargin,
  };
}

/** Braces are placeholders in templates: an answer's own braces become literal ones. */
const literal = (text: string) => text.replaceAll("{", "{{").replaceAll("}", "}}");

function nameFor(question: string, taken: Set<string>): string {
  const base = question.replace(/\s+/g, " ").trim().slice(0, 80) || "FAQ answer";
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base} (${n})`;
  taken.add(name.toLowerCase());
  return name;
}

export async function createFaqTemplates(scope: TenantScope, input: { id: string }) {
  const { tx } = scope;
  const dataset = await requireReady(tx, input.id, "faq");
  const pairs = faqPairs(await collectRows(tx, dataset.id));
  const byAnswer = new Map<string, { question: string; questions: string[] }>();
  for (const pair of pairs) {
    const key = pair.answer.trim();
    const entry = byAnswer.get(key);
    if (entry) entry.questions.push(pair.question);
    else byAnswer.set(key, { question: pair.question, questions: [pair.question] });
  }
  if (byAnswer.size > MAX_FAQ_TEMPLATES) {
    throw badRequest(
      `The FAQ has ${byAnswer.size} distinct answers; at most ${MAX_FAQ_TEMPLATES} templates are made at once.`,
    );
  }
  const taken = new Set(
    (await tx.select({ name: templates.name }).from(templates)).map((t) => t.name.toLowerCase()),
  );
  const entries = [...byAnswer.entries()];
  const drafts = entries.map(([answer, { question }]) =>
    requireValidDraft({
      name: nameFor(question, taken),
      category: "FAQ",
      content: literal(answer).slice(0, 20_000),
      status: "draft",
      tags: ["faq"],
      language: "en",
      variables: [],
      triggers: [],
    }),
  );
  const ids = await insertTemplates(tx, {
    workspaceId: scope.workspace.id,
    userId: scope.actor.type === "user" ? scope.actor.userId : null,
    drafts,
    summary: () => `created from FAQ dataset "${dataset.name}"`,
  });
  const examples = entries.flatMap(([, { questions }], i) =>
    questions.map((text) => ({
      text,
      templateId: ids[i] ?? "",
      source: "faq" as const,
      datasetId: dataset.id,
    })),
  );
  await deleteDatasetExamples(tx, dataset.id);
  const { inserted } = await insertTrainingExamples(tx, scope.workspace.id, examples);
  await tx.update(datasets).set({ updatedAt: new Date() }).where(eq(datasets.id, dataset.id));
  await scope.audit({
    action: "dataset.create_faq_templates",
    entityType: "dataset",
    entityId: dataset.id,
    summary: { templates: ids.length, examples: inserted },
  });
  return { templates: ids.length, examples: inserted };
}
