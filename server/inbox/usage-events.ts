import { and, asc, desc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { readRows } from "@/db/migrate";
import { conversationMessages, templates, templateUsageEvents } from "@/db/schema";
import { getDeployedModelStamp } from "@/server/training/versions/deployed";

/**
 * Append-only usage events (suggestion shown/chosen, sent, resolved) that analytics roll up.
 * Never updated: the application role has no UPDATE or DELETE on the table.
 */
export type UsageEventKind =
  | "suggestion_shown"
  | "suggestion_chosen"
  | "sent"
  | "resolved"
  | "first_response"
  /** Copied out of the template library (copy-reply), outside any conversation. */
  | "copied";

export type NewUsageEvent = {
  kind: UsageEventKind;
  /** Null only for `copied`: a library copy belongs to no conversation. */
  conversationId: string | null;
  messageId?: string | null;
  templateId?: string | null;
  actorId?: string | null;
  rank?: number | null;
  editDistance?: number | null;
  outcome?: string | null;
  csat?: number | null;
  categoryId?: string | null;
  templateVersion?: number | null;
  modelVersion?: number | null;
  responseMs?: number | null;
  firstUse?: boolean | null;
};

export async function appendUsageEvents(
  tx: Tx,
  workspaceId: string,
  events: readonly NewUsageEvent[],
): Promise<void> {
  if (events.length === 0) return;
  await tx.insert(templateUsageEvents).values(
    events.map((e) => ({
      workspaceId,
      kind: e.kind,
      conversationId: e.conversationId,
      messageId: e.messageId ?? null,
      templateId: e.templateId ?? null,
      actorId: e.actorId ?? null,
      rank: e.rank ?? null,
      editDistance: e.editDistance ?? null,
      outcome: e.outcome ?? null,
      csat: e.csat ?? null,
      categoryId: e.categoryId ?? null,
      templateVersion: e.templateVersion ?? null,
      modelVersion: e.modelVersion ?? null,
      responseMs: e.responseMs ?? null,
      firstUse: e.firstUse ?? null,
    })),
  );
}

/** A conversation's usage events, oldest first (the API's view; analytics read roll-ups). */
export async function listUsageEvents(tx: Tx, conversationId: string) {
  return tx
    .select({
      kind: templateUsageEvents.kind,
      templateId: templateUsageEvents.templateId,
      messageId: templateUsageEvents.messageId,
      rank: templateUsageEvents.rank,
      editDistance: templateUsageEvents.editDistance,
      outcome: templateUsageEvents.outcome,
      csat: templateUsageEvents.csat,
      createdAt: templateUsageEvents.createdAt,
    })
    .from(templateUsageEvents)
    .where(eq(templateUsageEvents.conversationId, conversationId))
    .orderBy(asc(templateUsageEvents.createdAt), asc(templateUsageEvents.kind))
    .limit(1000);
}

/**
 * What a reply's events carry besides the reply itself, read before the reply is inserted:
 * whether it is the conversation's first agent reply (and how long the customer waited since
 * the first customer message, or the conversation's start), whether it is the template's first
 * use in the conversation, the template's category and version, the deployed model version.
 */
export async function replyDimensions(
  tx: Tx,
  conversation: { id: string; createdAt: Date },
  templateId: string | null,
  shownTemplateIds: readonly string[] = [],
) {
  const [prior] = readRows<{ agent: number; same: number; first_customer: string | null }>(
    await tx.execute(sql`select
        count(*) filter (where role = 'agent')::int as agent,
        count(*) filter (where role = 'agent' and template_id = ${templateId})::int as same,
        min(created_at) filter (where role = 'customer') as first_customer
      from ${conversationMessages} where conversation_id = ${conversation.id}`),
  );
  const ids = [...new Set([...(templateId ? [templateId] : []), ...shownTemplateIds])];
  const found =
    ids.length > 0
      ? await tx
          .select({
            id: templates.id,
            categoryId: templates.categoryId,
            templateVersion: templates.currentVersion,
          })
          .from(templates)
          .where(inArray(templates.id, ids))
      : [];
  const byTemplate = new Map(found.map((t) => [t.id, t]));
  const template = templateId ? byTemplate.get(templateId) : undefined;
  const model = await getDeployedModelStamp(tx);
  const started = prior?.first_customer ? new Date(prior.first_customer) : conversation.createdAt;
  return {
    firstReply: (prior?.agent ?? 0) === 0,
    responseMs: Math.max(0, Math.min(2_147_483_647, Date.now() - started.getTime())),
    firstUse: templateId ? (prior?.same ?? 0) === 0 : null,
    categoryId: template?.categoryId ?? null,
    templateVersion: template?.templateVersion ?? null,
    modelVersion: model?.version ?? null,
    /** Category and version of every template named (the shown suggestions too). */
    of: (id: string) => {
      const t = byTemplate.get(id);
      return { categoryId: t?.categoryId ?? null, templateVersion: t?.templateVersion ?? null };
    },
  };
}

/** Category and version each template had when it was last sent in the conversation. */
export async function sentTemplateDimensions(tx: Tx, conversationId: string) {
  const rows = await tx
    .select({
      templateId: templateUsageEvents.templateId,
      categoryId: templateUsageEvents.categoryId,
      templateVersion: templateUsageEvents.templateVersion,
      modelVersion: templateUsageEvents.modelVersion,
    })
    .from(templateUsageEvents)
    .where(
      and(
        eq(templateUsageEvents.conversationId, conversationId),
        eq(templateUsageEvents.kind, "sent"),
        isNotNull(templateUsageEvents.templateId),
      ),
    )
    .orderBy(desc(templateUsageEvents.createdAt))
    .limit(1000);
  const byTemplate = new Map<string, (typeof rows)[number]>();
  for (const row of rows) {
    if (row.templateId && !byTemplate.has(row.templateId)) byTemplate.set(row.templateId, row);
  }
  return byTemplate;
}

/**
 * A resolved conversation reopened by its customer writing again: one `resolved` event with the
 * outcome "reopened" per template its replies used (with the dimensions of its last send), or
 * one without a template, like setStatus does for a reopen by an agent.
 */
export async function appendReopenedEvents(
  tx: Tx,
  workspaceId: string,
  conversationIds: readonly string[],
): Promise<void> {
  if (conversationIds.length === 0) return;
  const ids = sql.join(
    conversationIds.map((id) => sql`(${id}::uuid)`),
    sql`, `,
  );
  await tx.execute(sql`
    insert into template_usage_events
      (workspace_id, kind, conversation_id, template_id, category_id, template_version,
       model_version, outcome)
    select ${workspaceId}::uuid, 'resolved', c.id, s.template_id, s.category_id,
      s.template_version, s.model_version, 'reopened'
    from (values ${ids}) as c(id)
    left join lateral (
      select distinct on (e.template_id) e.template_id, e.category_id, e.template_version,
        e.model_version
      from template_usage_events e
      where e.conversation_id = c.id and e.kind = 'sent' and e.template_id is not null
      order by e.template_id, e.created_at desc
    ) s on true`);
}
