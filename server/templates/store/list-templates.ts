import { asc, desc, eq, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { templates } from "@/db/schema";
import { badRequest } from "@/server/errors";
import { cursorInt4, cursorText, cursorTimestamp } from "@/server/validation/cursor";
import type { TemplateStatus } from "../language/template-schema";
import type { TemplateScope } from "./template-scope";
import { selectSummaries, type TemplateSummary, toSummary } from "./template-summaries";

export const LIST_SORTS = ["updated", "name", "usage"] as const;
export type ListSort = (typeof LIST_SORTS)[number];

export type ListInput = {
  cursor?: string | null;
  limit: number;
  status?: TemplateStatus;
  categoryId?: string;
  tag?: string;
  language?: string;
  sort: ListSort;
};

export type TemplatePage<T> = { items: T[]; nextCursor: string | null };

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
): Promise<TemplatePage<TemplateSummary>> {
  const cursor = input.cursor ? decode(input.cursor, input.sort) : null;
  const { after, order } = keyset(input.sort, cursor);
  const rows = await selectSummaries(
    scope.tx,
    scope.workspace.id,
    {
      updatedKey: sql<string>`to_char(${templates.updatedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    },
    [
      after,
      input.status ? eq(templates.status, input.status) : undefined,
      input.categoryId ? eq(templates.categoryId, input.categoryId) : undefined,
      input.tag ? sql`${templates.tags} @> array[${input.tag}]::text[]` : undefined,
      input.language ? eq(templates.language, input.language) : undefined,
    ],
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
  return { items: page.map(({ updatedKey: _, ...row }) => toSummary(row)), nextCursor };
}
