import { type AnyColumn, and, asc, desc, eq, isNull, ne, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import { templates } from "@/db/schema";
import { badRequest } from "@/server/errors";
import { cursorInt4, cursorText, cursorTimestamp } from "@/server/validation/cursor";
import type { TemplateStatus } from "../language/template-schema";
import { favouritesOnly } from "./favourites";
import type { TemplateScope } from "./template-scope";
import { selectSummaries, type TemplateSummary, toSummary } from "./template-summaries";
import { templateVisibleTo } from "./visibility";

export const LIST_SORTS = ["updated", "name", "usage"] as const;
export type ListSort = (typeof LIST_SORTS)[number];

export type ListInput = {
  cursor?: string | null;
  limit: number;
  status?: TemplateStatus;
  categoryId?: string;
  tag?: string;
  language?: string;
  /** Only the signed-in person's favourites. */
  favourites?: boolean;
  /** "mine": the caller's personal templates; "shared": the rest of what they see. */
  owner?: "mine" | "shared";
  sort: ListSort;
};

/** A library row: one per translation group, with the group's languages for chips. */
export type TemplateListItem = TemplateSummary & { languages: string[] };

const variant = alias(templates, "variant");

/**
 * One row per translation group: a variant is listed only when no older variant of its group,
 * that the caller sees and the status filter keeps, exists (the original when it qualifies).
 */
function firstOfGroup(scope: TemplateScope, status: SQL): SQL {
  return sql`not exists (select 1 from ${templates} as variant
    where ${variant.workspaceId} = ${templates.workspaceId} and ${variant.groupId} = ${templates.groupId}
      and ${variant.deletedAt} is null and ${status} and ${templateVisibleTo(scope, variant)}
      and (${variant.createdAt}, ${variant.id}) < (${templates.createdAt}, ${templates.id}))`;
}

export type TemplatePage<T> = {
  items: T[];
  nextCursor: string | null;
  /**
   * How many templates match, on the first page of a list: exact up to COUNT_CAP, else
   * COUNT_CAP with `capped` (shown as "more than 10,000").
   */
  total?: { count: number; capped: boolean };
};

/** Counting stops here: an exact count of a huge workspace would cost more than it tells. */
export const COUNT_CAP = 10_000;

/**
 * Opaque to clients: the sort it belongs to and the last row's sort key and id. Updated times
 * travel as PostgreSQL prints them (microseconds), which a JS Date would round.
 */
const cursorSchema = z.discriminatedUnion("s", [
  z.object({ s: z.literal("updated"), v: cursorTimestamp, i: z.uuid() }),
  z.object({ s: z.literal("name"), v: cursorText(400), i: z.uuid() }),
  z.object({ s: z.literal("usage"), v: cursorInt4, i: z.uuid() }),
]);
type Cursor = z.infer<typeof cursorSchema>;

const encode = (cursor: Cursor) => Buffer.from(JSON.stringify(cursor)).toString("base64url");

function decode(value: string, sort: ListSort): Cursor {
  try {
    const cursor = cursorSchema.parse(JSON.parse(Buffer.from(value, "base64url").toString("utf8")));
    if (cursor.s === sort) return cursor;
  } catch {
    // reported below
  }
  throw badRequest("Invalid cursor", { cursor: ["Invalid cursor"] });
}

/** Keyset conditions and order for each sort; each has its (workspace_id, key, id) index. */
function keyset(sort: ListSort, cursor: Cursor | null): { after?: SQL; order: SQL[] } {
  switch (sort) {
    case "updated":
      return {
        after: cursor
          ? sql`(${templates.updatedAt}, ${templates.id}) < (${cursor.v}::timestamptz, ${cursor.i}::uuid)`
          : undefined,
        order: [desc(templates.updatedAt), desc(templates.id)],
      };
    case "name":
      return {
        after: cursor
          ? sql`(${templates.name}, ${templates.id}) > (${cursor.v}, ${cursor.i}::uuid)`
          : undefined,
        order: [asc(templates.name), asc(templates.id)],
      };
    case "usage":
      return {
        after: cursor
          ? sql`(${templates.usageCount}, ${templates.id}) < (${cursor.v}::int, ${cursor.i}::uuid)`
          : undefined,
        order: [desc(templates.usageCount), desc(templates.id)],
      };
  }
}

export async function listTemplates(
  scope: TemplateScope,
  input: ListInput,
): Promise<TemplatePage<TemplateListItem>> {
  const cursor = input.cursor ? decode(input.cursor, input.sort) : null;
  const { after, order } = keyset(input.sort, cursor);
  // "Any status" means the templates in use or in the works: archived ones are asked for.
  const status = (t: { status: AnyColumn }) =>
    input.status ? sql`${t.status} = ${input.status}` : sql`${t.status} <> 'archived'`;
  const filters = [
    status(templates),
    // A language filter lists that language's variants themselves; otherwise one row per group.
    input.language ? undefined : firstOfGroup(scope, status(variant)),
    input.owner === "mine" ? eq(templates.visibility, "personal") : undefined,
    input.owner === "shared" ? ne(templates.visibility, "personal") : undefined,
    input.categoryId ? eq(templates.categoryId, input.categoryId) : undefined,
    input.tag ? sql`${templates.tags} @> array[${input.tag}]::text[]` : undefined,
    input.language ? eq(templates.language, input.language) : undefined,
    input.favourites ? favouritesOnly(scope) : undefined,
  ];
  const rows = await selectSummaries(
    scope,
    {
      updatedKey: sql<string>`to_char(${templates.updatedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
      languages: sql<string[]>`array(select ${variant.language} from ${templates} as variant
        where ${variant.workspaceId} = ${templates.workspaceId} and ${variant.groupId} = ${templates.groupId}
          and ${variant.deletedAt} is null and ${templateVisibleTo(scope, variant)}
        order by ${variant.createdAt}, ${variant.id})`,
    },
    [after, ...filters],
  )
    .orderBy(...order)
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  let nextCursor: string | null = null;
  if (rows.length > input.limit && last) {
    const v =
      input.sort === "updated"
        ? last.updatedKey
        : input.sort === "name"
          ? last.name
          : last.usageCount;
    nextCursor = encode({ s: input.sort, v, i: last.id } as Cursor);
  }
  const items = page.map(({ updatedKey: _, languages, ...row }) => ({
    ...toSummary(row),
    languages,
  }));
  if (cursor !== null) return { items, nextCursor };
  // A first page that holds everything is its own count; otherwise count (up to the cap).
  const total =
    nextCursor === null
      ? { count: items.length, capped: false }
      : await countMatching(scope, filters);
  return { items, nextCursor, total };
}

async function countMatching(scope: TemplateScope, filters: (SQL | undefined)[]) {
  const capped = scope.tx
    .select({ one: sql`1` })
    .from(templates)
    .where(
      and(
        eq(templates.workspaceId, scope.workspace.id),
        isNull(templates.deletedAt),
        templateVisibleTo(scope, templates),
        ...filters,
      ),
    )
    .limit(COUNT_CAP + 1)
    .as("capped");
  const [row] = await scope.tx.select({ n: sql<number>`count(*)::int` }).from(capped);
  const n = row?.n ?? 0;
  return { count: Math.min(n, COUNT_CAP), capped: n > COUNT_CAP };
}
