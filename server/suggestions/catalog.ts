import { and, asc, eq, isNull, max } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { templates, templateTriggers, templateVariables } from "@/db/schema";
import type { TemplateTrigger } from "@/server/templates/language/trigger-schema";
import type { TemplateVariable } from "@/server/templates/language/variable-schema";
import { triggerFromRow, variableFromRow } from "@/server/templates/store/rows";
import { normalizeForMatching } from "@/server/templates/triggers/normalize-text";
import { buildTextIndex, type TextIndex } from "./text-match";

export interface CatalogTemplate {
  id: string;
  name: string;
  content: string;
  variables: TemplateVariable[];
  triggers: TemplateTrigger[];
}

/** The workspace's active templates as the suggestion engine needs them, with a text index. */
export interface Catalog {
  stamp: string;
  templates: CatalogTemplate[];
  byId: Map<string, number>;
  /** Every active trigger of every template in one list (one regex batch per request). */
  triggers: TemplateTrigger[];
  /** triggers[i] belongs to templates[triggerOwner[i]]. */
  triggerOwner: Int32Array;
  /**
   * Keyword and phrase values normalised once per catalog (normalizeForMatching), by trigger
   * index; null for the other kinds. Normalising 2,000 values per request cost 3.4 ms measured.
   */
  normalizedValues: (string | null)[];
  text: TextIndex;
  bytes: number;
}

/**
 * What changes when any template the catalog can hold changes: a save bumps updated_at, trash
 * sets deleted_at. Two index-only reads (the newest of each), whatever the number of templates;
 * it used to count the rows as well (a bitmap scan of all of them, ~1 ms per request at 1,000
 * templates), for purges — but only trashed templates are ever purged (trash-purge.ts) and the
 * only other delete cascades personal ones with their owner: neither kind is in the catalog.
 */
export async function catalogStamp(tx: Tx): Promise<string> {
  const [row] = await tx
    .select({
      updated: max(templates.updatedAt),
      deleted: max(templates.deletedAt),
    })
    .from(templates);
  return `${row?.updated?.toISOString() ?? ""}|${row?.deleted?.toISOString() ?? ""}`;
}

/**
 * Active, not trashed: drafts and archived templates are never suggested. Shared with everyone
 * only: the catalog is one per workspace, so personal and admins-only templates
 * (server/templates/store/visibility.ts) are never suggested to anybody.
 */
export async function loadCatalog(tx: Tx, stamp: string): Promise<Catalog> {
  const live = and(
    eq(templates.status, "active"),
    isNull(templates.deletedAt),
    eq(templates.visibility, "everyone"),
  );
  const rows = await tx
    .select({ id: templates.id, name: templates.name, content: templates.content })
    .from(templates)
    .where(live)
    .orderBy(asc(templates.id));
  const triggerRows = await tx
    .select()
    .from(templateTriggers)
    .innerJoin(templates, eq(templates.id, templateTriggers.templateId))
    .where(and(live, eq(templateTriggers.active, true)))
    .orderBy(asc(templateTriggers.templateId), asc(templateTriggers.position));
  const variableRowsList = await tx
    .select()
    .from(templateVariables)
    .innerJoin(templates, eq(templates.id, templateVariables.templateId))
    .where(live)
    .orderBy(asc(templateVariables.templateId), asc(templateVariables.position));
  const list: CatalogTemplate[] = rows.map((r) => ({ ...r, variables: [], triggers: [] }));
  const byId = new Map(list.map((t, i) => [t.id, i]));
  const triggers: TemplateTrigger[] = [];
  const owners: number[] = [];
  for (const { template_triggers: row } of triggerRows) {
    const i = byId.get(row.templateId);
    if (i === undefined) continue;
    const trigger = triggerFromRow(row);
    list[i]?.triggers.push(trigger);
    triggers.push(trigger);
    owners.push(i);
  }
  for (const { template_variables: row } of variableRowsList) {
    const i = byId.get(row.templateId);
    if (i !== undefined) list[i]?.variables.push(variableFromRow(row));
  }
  const text = buildTextIndex(
    list.map((t) => ({
      name: t.name,
      content: t.content,
      triggerText: t.triggers
        .filter((x) => x.kind === "keyword" || x.kind === "phrase")
        .map((x) => x.value)
        .join(" "),
    })),
  );
  // Rough: UTF-16 text twice (rows and index) plus per-entry overheads.
  let bytes = 0;
  for (const t of list)
    bytes += 400 + 4 * (t.name.length + t.content.length) + 200 * t.triggers.length;
  return {
    stamp,
    templates: list,
    byId,
    triggers,
    triggerOwner: Int32Array.from(owners),
    normalizedValues: triggers.map((t) =>
      t.kind === "keyword" || t.kind === "phrase" ? normalizeForMatching(t.value) : null,
    ),
    text,
    bytes,
  };
}
