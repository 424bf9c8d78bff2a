import { createHash } from "node:crypto";
import { type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import type { Tx } from "@/db";
import { readRows } from "@/db/migrate";
import { templates } from "@/db/schema";
import { badRequest } from "@/server/errors";
import type { TemplateStatus } from "../language/template-schema";
import type { TemplatePage } from "../store/list-templates";
import type { TemplateScope } from "../store/template-scope";
import { summariesById, type TemplateSummary } from "../store/template-summaries";
import { templateVisibleTo } from "../store/visibility";
import { highlightText, matchersFor, type Segment, snippet } from "./highlight";
import { buildTsQuery, correctableWords, type ParsedQuery, parseSearchQuery } from "./parse-query";

export type SearchInput = {
  query: string;
  cursor?: string | null;
  limit: number;
  status?: TemplateStatus;
  categoryId?: string;
  tags?: string[];
  language?: string;
  /** "mine": the caller's personal templates; "shared": the rest of what they see. */
  owner?: "mine" | "shared";
};

export type SearchHit = TemplateSummary & {
  highlights: { name: Segment[]; snippet: Segment[] };
  score: number;
  /**
   * How the hit matched: every typed word as typed ("exact"), only through a corrected
   * spelling ("corrected": say "did you mean"), or by most but not all words ("partial").
   */
  match: "exact" | "corrected" | "partial";
};

export type SearchPage = TemplatePage<SearchHit> & {
  /** The query with misspelled words replaced, when some results only match that way. */
  didYouMean: string | null;
  /** No template matches every word; these match most of them (trigger phrases by words). */
  partial: boolean;
};

/**
 * Candidates per search (template_search_candidates, migrations 0003 and 0005): up to
 * ANY_POOL matches as the GIN index yields them, plus up to TOP_POOL matches among the
 * POPULAR_SCAN most used templates. Work per query is bounded by these, not by how many of
 * 100,000 templates a two-letter prefix matches; a query matching fewer than ANY_POOL
 * templates is ranked completely. Pages go as deep as the pool.
 */
export const ANY_POOL = 200;
export const TOP_POOL = 50;
export const POPULAR_SCAN = 500;
const CORRECTIONS_PER_WORD = 3;

const textArray = (values: readonly string[] | undefined): SQL =>
  values && values.length > 0
    ? sql`array[${sql.join(
        values.map((v) => sql`${v}`),
        sql`, `,
      )}]::text[]`
    : sql`null::text[]`;

/** Misspelled words → words of the workspace's vocabulary that look like them. */
export async function findCorrections(tx: Tx, words: string[]): Promise<Map<string, string[]>> {
  const corrections = new Map<string, string[]>();
  if (words.length === 0) return corrections;
  const rows = readRows<{ term: string; word: string }>(
    await tx.execute(
      sql`select term, word from template_search_similar_terms(${textArray(words)}, ${CORRECTIONS_PER_WORD})`,
    ),
  );
  for (const { term, word } of rows)
    corrections.set(term, [...(corrections.get(term) ?? []), word]);
  return corrections;
}

export type RankedQuery = {
  tsquery: string;
  /** The query without corrections: what counts as an exact match, ranked first. */
  exact?: string | null;
  /** The typed words, for name similarity. */
  text: string;
  filters: Pick<SearchInput, "status" | "categoryId" | "tags" | "language" | "owner">;
  after: { score: number; id: string } | null;
  limit: number;
  /** templateVisibleTo over `searchedTemplate` (the query's alias `t`): whose templates count. */
  visible: SQL;
};

/** The alias rankedSearchSql reads templates under, for templateVisibleTo's columns. */
export const searchedTemplate = alias(templates, "t");

/**
 * One page of (id, score), best first. Score: ts_rank_cd with weights name 1.0 > triggers 0.4
 * > content 0.2, plus pg_trgm similarity of the name to the typed words (what lifts
 * "Refund policy" for "refnud polcy"), plus a pinch of usage to order equals by popularity.
 * The query text is one bound parameter of to_tsquery; filters are bound parameters too.
 */
export function rankedSearchSql(q: RankedQuery): SQL {
  const { status, categoryId, tags, language } = q.filters;
  return sql`
    with q as materialized (select to_tsquery('simple', ${q.tsquery}) as query),
    ranked as (
      select t.id,
        (ts_rank_cd('{0.1,0.2,0.4,1.0}'::real[], t.search, q.query)
          + similarity(lower(t.name), ${q.text})
          + ln(1 + t.usage_count) / 1000
          ${q.exact == null ? sql`` : sql`+ case when t.search @@ to_tsquery('simple', ${q.exact}) then 10 else 0 end`})::float8 as score
      from q
      cross join lateral template_search_candidates(
        q.query, ${status ?? null}::template_status, ${categoryId ?? null}::uuid,
        ${textArray(tags)}, ${language ?? null}::text, ${ANY_POOL}::int, ${TOP_POOL}::int, ${POPULAR_SCAN}::int
      ) as c(id)
      join templates t on t.id = c.id
      -- Never the trash; "any status" (no filter) leaves archived templates out too.
      where t.deleted_at is null ${status ? sql`` : sql`and t.status <> 'archived'`}
        and ${q.visible}
    )
    select id, score from ranked
    ${q.after ? sql`where (score, id) < (${q.after.score}::float8, ${q.after.id}::uuid)` : sql``}
    order by score desc, id desc
    limit ${q.limit + 1}`;
}

const cursorSchema = z.object({ s: z.number(), i: z.uuid(), h: z.string().max(16) });

/** Ties a cursor to its query and filters: a cursor reused with another query is refused. */
function fingerprint(tsquery: string, filters: RankedQuery["filters"]): string {
  return createHash("sha256")
    .update(JSON.stringify([tsquery, filters]))
    .digest("base64url")
    .slice(0, 12);
}

function decodeCursor(
  value: string,
  hash: string,
  partialHash: () => string | null,
): { score: number; id: string; partial: boolean } {
  try {
    const c = cursorSchema.parse(JSON.parse(Buffer.from(value, "base64url").toString("utf8")));
    if (c.h === hash) return { score: c.s, id: c.i, partial: false };
    if (c.h === partialHash()) return { score: c.s, id: c.i, partial: true };
  } catch {
    // reported below
  }
  throw badRequest("Invalid cursor", { cursor: ["Invalid cursor"] });
}

/** Parses the input and corrects misspellings: everything rankedSearchSql needs but paging. */
export async function prepareSearch(tx: Tx, input: SearchInput) {
  const parsed: ParsedQuery = parseSearchQuery(input.query);
  const corrections = await findCorrections(tx, correctableWords(parsed));
  const tsquery = buildTsQuery(parsed, corrections);
  const filters = {
    status: input.status,
    categoryId: input.categoryId,
    tags: input.tags,
    language: input.language,
    owner: input.owner,
  };
  return { parsed, corrections, tsquery, filters };
}

/**
 * The fallback when no template has every word: templates with at least half of them (and two
 * at least), so "where is my package" finds the trigger "where is my order". Only for plain
 * queries of three to six words; each combination is an AND, the combinations OR-ed.
 */
export function mostWordsTsQuery(parsed: ParsedQuery): string | null {
  const [group] = parsed.groups;
  if (parsed.groups.length !== 1 || !group) return null;
  if (group.some((c) => c.negated || c.words.length !== 1)) return null;
  const words = [...new Set(group.map((c) => c.words[0] ?? ""))].filter(Boolean);
  if (words.length < 3 || words.length > 6) return null;
  const need = Math.max(2, Math.ceil(words.length / 2));
  const combos: string[][] = [];
  const pick = (from: number, chosen: string[]) => {
    if (chosen.length === need) {
      combos.push(chosen);
      return;
    }
    for (let i = from; i < words.length; i++) pick(i + 1, [...chosen, words[i] ?? ""]);
  };
  pick(0, []);
  return combos
    .map(
      (combo) =>
        `(${combo.map((w, i) => `'${w}'${i === combo.length - 1 ? ":*" : ""}`).join(" & ")})`,
    )
    .join(" | ");
}

async function rankedRows(scope: TemplateScope, q: RankedQuery) {
  return readRows<{ id: string; score: number }>(await scope.tx.execute(rankedSearchSql(q)));
}

export async function searchTemplates(
  scope: TemplateScope,
  input: SearchInput,
): Promise<SearchPage> {
  const { parsed, corrections, tsquery: strict, filters } = await prepareSearch(scope.tx, input);
  const empty = { items: [], nextCursor: null, didYouMean: null, partial: false };
  if (strict === null) return empty;
  const exact = buildTsQuery(parsed);
  let tsquery = strict;
  let partial = false;
  let hash = fingerprint(tsquery, filters);
  const after = input.cursor
    ? decodeCursor(input.cursor, hash, () => {
        // A cursor of the most-words fallback carries that query's fingerprint.
        const most = mostWordsTsQuery(parsed);
        return most ? fingerprint(most, filters) : null;
      })
    : null;
  if (after?.partial) {
    tsquery = mostWordsTsQuery(parsed) ?? strict;
    partial = true;
    hash = fingerprint(tsquery, filters);
  }
  const t = searchedTemplate;
  const owner =
    input.owner === "mine"
      ? sql` and ${t.visibility} = 'personal'`
      : input.owner === "shared"
        ? sql` and ${t.visibility} <> 'personal'`
        : sql``;
  const visible = sql`${templateVisibleTo(scope, t)}${owner}`;
  const q = { tsquery, exact, text: parsed.text, filters, after, limit: input.limit, visible };
  let rows = await rankedRows(scope, q);
  if (rows.length === 0 && !after) {
    const most = mostWordsTsQuery(parsed);
    if (most) {
      rows = await rankedRows(scope, { ...q, tsquery: most });
      tsquery = most;
      partial = rows.length > 0;
      hash = fingerprint(tsquery, filters);
    }
  }
  const page = rows.slice(0, input.limit);
  const summaries = await summariesById(
    scope,
    page.map((r) => r.id),
  );
  const matchers = matchersFor(parsed.words, [...corrections.values()].flat());
  const items: SearchHit[] = [];
  for (const row of page) {
    const found = summaries.get(row.id);
    if (!found) continue;
    const { content, ...summary } = found;
    const score = Number(row.score);
    items.push({
      ...summary,
      highlights: {
        name: highlightText(summary.name, matchers),
        snippet: snippet(content, matchers),
      },
      // The exact-match bonus (10) is what separates exact hits from corrected ones.
      score: Math.round(score * 10_000) / 10_000,
      match: partial ? "partial" : exact !== null && score >= 10 ? "exact" : "corrected",
    });
  }
  const last = page.at(-1);
  const nextCursor =
    rows.length > input.limit && last
      ? Buffer.from(JSON.stringify({ s: Number(last.score), i: last.id, h: hash })).toString(
          "base64url",
        )
      : null;
  const corrected = items.some((i) => i.match === "corrected");
  return {
    items,
    nextCursor,
    didYouMean: corrected ? didYouMean(parsed, corrections) : null,
    partial,
  };
}

/** The typed query with each corrected word replaced by its closest vocabulary word. */
function didYouMean(
  parsed: ParsedQuery,
  corrections: ReadonlyMap<string, string[]>,
): string | null {
  let changed = false;
  const words = parsed.words.map((word) => {
    const [best] = (corrections.get(word) ?? []).filter((w) => w !== word);
    if (best) changed = true;
    return best ?? word;
  });
  return changed ? words.join(" ") : null;
}
