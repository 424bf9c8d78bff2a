import { sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { readRows } from "@/db/migrate";

export type KnowledgeSource = {
  datasetId: string;
  datasetName: string;
  line: number;
  /** FAQ question or article title. */
  heading: string;
  /** FAQ answer or article body, cut to `excerptChars`. */
  text: string;
  kind: "faq" | "article";
  score: number;
};

/**
 * Top-k FAQ/knowledge rows of the workspace's ready datasets for a customer message, by
 * PostgreSQL full-text search (works on PGlite too). The query's terms are OR-ed so a row
 * matching only part of the message still ranks; RLS on dataset_rows keeps it in the tenant.
 * Must run inside the caller's tenant transaction.
 */
export async function searchKnowledge(
  tx: Tx,
  input: { query: string; limit?: number; kinds?: ("faq" | "article")[]; excerptChars?: number },
): Promise<KnowledgeSource[]> {
  const terms = input.query
    .toLowerCase()
    .match(/[\p{L}\p{N}]{2,}/gu)
    ?.slice(0, 32);
  if (!terms || terms.length === 0) return [];
  const tsQuery = terms.join(" or ");
  const kinds = input.kinds ?? ["faq", "article"];
  const limit = Math.min(input.limit ?? 5, 20);
  const excerpt = input.excerptChars ?? 600;
  const result = await tx.execute(sql`
    with docs as (
      select r.dataset_id, d.name as dataset_name, r.line, r.data->>'kind' as kind,
             coalesce(r.data->>'question', r.data->>'title', '') as heading,
             coalesce(r.data->>'answer', r.data->>'body', '') as body
      from dataset_rows r
      join datasets d on d.workspace_id = r.workspace_id and d.id = r.dataset_id
      where d.status = 'ready' and r.data->>'kind' in (${sql.join(
        kinds.map((k) => sql`${k}`),
        sql`, `,
      )})
    )
    select dataset_id, dataset_name, line, kind, heading, left(body, ${excerpt}) as body,
           ts_rank(setweight(to_tsvector('english', heading), 'A') ||
                   setweight(to_tsvector('english', body), 'B'), q)::float8 as score
    from docs, websearch_to_tsquery('english', ${tsQuery}) q
    where (to_tsvector('english', heading) || to_tsvector('english', body)) @@ q
    order by score desc, dataset_name, line
    limit ${limit}
  `);
  return readRows<{
    dataset_id: string;
    dataset_name: string;
    line: number;
    kind: "faq" | "article";
    heading: string;
    body: string;
    score: number;
  }>(result).map((r) => ({
    datasetId: r.dataset_id,
    datasetName: r.dataset_name,
    line: Number(r.line),
    heading: r.heading,
    text: r.body,
    kind: r.kind,
    score: Number(r.score),
  }));
}
