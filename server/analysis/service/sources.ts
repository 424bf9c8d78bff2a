/**
 * What a conversation analysis reads: the customer messages of a dataset or of a period of the
 * inbox, each with what the agent did (the template they sent, their reply text) and the
 * outcome where the data has one (CSAT, resolution). Call inside a tenant transaction.
 */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { readRows } from "@/db/migrate";
import { datasetRows, datasets, templates, trainingExamples } from "@/db/schema";
import { AppError, notFound } from "@/server/errors";
import type { Row } from "@/server/training/datasets/types";
import { exampleTextHash } from "@/server/training/examples/store";

export interface SourceMessage {
  /** "inbox:<message id>" or "dataset:<dataset id>:<row seq>": unique within a run. */
  ref: string;
  text: string;
  at: Date | null;
  /** The template the agent answered with; null: none or unknown. */
  agentTemplateId: string | null;
  /** The agent's reply text, when the source has it. */
  reply: string | null;
  csat: number | null;
  resolved: boolean | null;
}

export interface LoadedSource {
  messages: SourceMessage[];
  /** For insights and file names: 'dataset "Q3 tickets"', "inbox, 2026-11-01 – 2026-11-30". */
  label: string;
  datasetName: string | null;
  /** Customer messages the source has (more than `messages` when a limit cut them). */
  total: number;
}

const MAX_TEXT = 2_000;
const clip = (text: string) => (text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text);

function parseAt(value: string | null): Date | null {
  if (!value) return null;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? null : at;
}

/** Customer messages of a conversations dataset, each with the agent's next reply. */
function conversationMessages(datasetId: string, rows: { seq: number; data: Row }[]) {
  const out: SourceMessage[] = [];
  const pending = new Map<string, SourceMessage>();
  for (const { seq, data } of rows) {
    if (data.kind !== "message" || data.role === "note") continue;
    if (data.role === "customer") {
      const message: SourceMessage = {
        ref: `dataset:${datasetId}:${seq}`,
        text: clip(data.text),
        at: parseAt(data.at),
        agentTemplateId: null,
        reply: null,
        csat: null,
        resolved: null,
      };
      out.push(message);
      pending.set(data.conversationId, message);
    } else {
      const waiting = pending.get(data.conversationId);
      if (waiting && waiting.reply === null) waiting.reply = clip(data.text);
      pending.delete(data.conversationId);
    }
  }
  return out;
}

export async function loadDatasetSource(tx: Tx, datasetId: string): Promise<LoadedSource> {
  const [dataset] = await tx
    .select({
      name: datasets.name,
      kind: datasets.kind,
      status: datasets.status,
      labelMapping: datasets.labelMapping,
    })
    .from(datasets)
    .where(eq(datasets.id, datasetId));
  if (!dataset) throw notFound("Dataset");
  if (dataset.status !== "ready") {
    throw new AppError(
      "PRECONDITION_FAILED",
      "The dataset is not ready (still parsing, or failed)",
    );
  }
  const rows = await tx
    .select({ seq: datasetRows.seq, data: datasetRows.data })
    .from(datasetRows)
    .where(eq(datasetRows.datasetId, datasetId))
    .orderBy(asc(datasetRows.seq));
  let messages: SourceMessage[] = [];
  if (dataset.kind === "conversations") {
    messages = conversationMessages(datasetId, rows);
    // Replies matched to templates (datasets.matchReplies) say which template the agent used.
    const matched = await tx
      .select({ hash: trainingExamples.textHash, templateId: trainingExamples.templateId })
      .from(trainingExamples)
      .where(
        and(eq(trainingExamples.datasetId, datasetId), eq(trainingExamples.source, "conversation")),
      );
    const byHash = new Map(matched.map((m) => [m.hash, m.templateId]));
    for (const m of messages) m.agentTemplateId = byHash.get(exampleTextHash(m.text)) ?? null;
  } else {
    for (const { seq, data } of rows) {
      const ref = `dataset:${datasetId}:${seq}`;
      const base = { ref, at: null, csat: null, resolved: null };
      if (data.kind === "example") {
        const templateId = dataset.labelMapping[data.label] ?? null;
        messages.push({ ...base, text: clip(data.text), agentTemplateId: templateId, reply: null });
      } else if (data.kind === "faq") {
        messages.push({
          ...base,
          text: clip(data.question),
          agentTemplateId: null,
          reply: clip(data.answer),
        });
      }
    }
  }
  messages = messages.filter((m) => m.text.trim().length > 0);
  if (messages.length === 0) {
    throw new AppError("PRECONDITION_FAILED", "The dataset has no customer messages to analyse");
  }
  return {
    messages,
    label: `dataset "${dataset.name}"`,
    datasetName: dataset.name,
    total: messages.length,
  };
}

type InboxRow = {
  id: string;
  conversation_id: string;
  text: string;
  at: Date | string;
  csat: number | null;
  outcome: string | null;
  status: string;
  reply: string | null;
  reply_template: string | null;
};

/**
 * Customer messages of the inbox created in [from, to), each with the agent's first reply
 * before the customer's next message. CSAT and resolution are per conversation: they go with
 * the conversation's first message in the period, so a long thread counts once.
 */
export async function loadInboxSource(
  tx: Tx,
  period: { from: Date; to: Date },
  limit: number,
): Promise<LoadedSource> {
  const rows = readRows<InboxRow>(
    await tx.execute(sql`
      select m.id, m.conversation_id, m.text, m.created_at as at, c.csat, c.outcome, c.status,
        r.text as reply, r.template_id as reply_template
      from conversation_messages m
      join conversations c on c.workspace_id = m.workspace_id and c.id = m.conversation_id
      left join lateral (
        select a.text, a.template_id from conversation_messages a
        where a.workspace_id = m.workspace_id and a.conversation_id = m.conversation_id
          and a.role = 'agent' and a.created_at > m.created_at
          and not exists (
            select 1 from conversation_messages n
            where n.workspace_id = m.workspace_id and n.conversation_id = m.conversation_id
              and n.role = 'customer' and n.created_at > m.created_at and n.created_at < a.created_at)
        order by a.created_at limit 1
      ) r on true
      where m.role = 'customer' and m.created_at >= ${period.from.toISOString()}::timestamptz
        and m.created_at < ${period.to.toISOString()}::timestamptz
      order by m.created_at desc, m.id
      limit ${limit}`),
  ).reverse();
  const seen = new Set<string>();
  const messages = rows
    .filter((r) => r.text.trim().length > 0)
    .map((r): SourceMessage => {
      const first = !seen.has(r.conversation_id);
      seen.add(r.conversation_id);
      const resolved = r.outcome === "resolved" ? true : r.outcome === "reopened" ? false : null;
      return {
        ref: `inbox:${r.id}`,
        text: clip(r.text),
        at: r.at instanceof Date ? r.at : new Date(r.at),
        agentTemplateId: r.reply_template,
        reply: r.reply === null ? null : clip(r.reply),
        csat: first ? r.csat : null,
        resolved: first ? resolved : null,
      };
    });
  const [counted] = readRows<{ n: number }>(
    await tx.execute(sql`select count(*)::int as n from conversation_messages
      where role = 'customer' and created_at >= ${period.from.toISOString()}::timestamptz
        and created_at < ${period.to.toISOString()}::timestamptz`),
  );
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const last = new Date(period.to.getTime() - 1);
  return {
    messages,
    label: `inbox, ${day(period.from)} – ${day(last)}`,
    datasetName: null,
    total: Math.max(counted?.n ?? 0, messages.length),
  };
}

/** Current names of templates (deleted ones are absent). */
export async function templateNames(tx: Tx, ids: readonly string[]) {
  const wanted = [...new Set(ids)].filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  if (wanted.length === 0) return new Map<string, string>();
  const rows = await tx
    .select({ id: templates.id, name: templates.name })
    .from(templates)
    .where(inArray(templates.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}
