import { eq, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { type DatabaseHandle, openDatabase } from "@/db/client";
import { migrateDatabase, readRows } from "@/db/migrate";
import { memberships, templateCategories, users, workspaces } from "@/db/schema";
import { withTenant } from "@/db/tenant";
import { createContext } from "@/server/api/context";
import { createCaller } from "@/server/api/root";
import { SYSTEM_ACTOR } from "@/server/audit/actor";
import { getEnv } from "@/server/env";
import type { TemplateDraft } from "@/server/templates/language/template-schema";
import {
  prepareSearch,
  rankedSearchSql,
  searchedTemplate,
} from "@/server/templates/search/search-templates";
import { storedDraft } from "@/server/templates/store/rows";
import { summariesById } from "@/server/templates/store/template-summaries";
import { templateVisibleTo } from "@/server/templates/store/visibility";
import { insertTemplates } from "@/server/templates/store/write-template";
import { corpusTemplate, picker, seededRandom } from "./bench-search-corpus";
import { type BenchQuery, benchQueries } from "./bench-search-queries";

export type BenchSearchOptions = {
  templates: number;
  queries: number;
  limit: number;
  /** Leave the scratch workspace in place (to EXPLAIN its queries by hand). */
  keep?: boolean;
};

const SEED_BATCH = 2_000;
const WARMUP = 50;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const round = (ms: number) => Math.round(ms * 100) / 100;

function stats(samples: number[], prefix: string) {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = sorted.reduce((sum, v) => sum + v, 0) / Math.max(1, sorted.length);
  return {
    [`${prefix}p50_ms`]: round(percentile(sorted, 50)),
    [`${prefix}p95_ms`]: round(percentile(sorted, 95)),
    [`${prefix}p99_ms`]: round(percentile(sorted, 99)),
    [`${prefix}mean_ms`]: round(mean),
    [`${prefix}max_ms`]: round(sorted.at(-1) ?? 0),
  };
}

/** A user, a workspace and an owner membership, written as the connection's own role. */
async function scratchWorkspace(db: Database) {
  const tag = crypto.randomUUID().slice(0, 8);
  const user = { id: crypto.randomUUID(), email: `bench-${tag}@example.test`, name: "Bench Owner" };
  await db.insert(users).values(user);
  const [workspace] = await db
    .insert(workspaces)
    .values({ name: `Search bench ${tag}`, slug: `bench-search-${tag}` })
    .returning({ id: workspaces.id, slug: workspaces.slug });
  if (!workspace) throw new Error("could not create the scratch workspace");
  await db
    .insert(memberships)
    .values({ workspaceId: workspace.id, userId: user.id, role: "owner" });
  return { user, workspace };
}

/** N generated templates through the store's bulk insert, then usage counts with a long tail. */
async function seedTemplates(db: Database, workspaceId: string, userId: string, count: number) {
  const random = seededRandom(42);
  const pick = picker(random);
  for (let start = 0; start < count; start += SEED_BATCH) {
    const drafts: TemplateDraft[] = [];
    for (let i = start; i < Math.min(count, start + SEED_BATCH); i++) {
      drafts.push(storedDraft(corpusTemplate(i, pick, random)));
    }
    await withTenant(db, workspaceId, async (tx) => {
      const ids = await insertTemplates(tx, {
        workspaceId,
        userId,
        drafts,
        summary: () => "bench",
      });
      await tx.execute(sql`update templates
        set usage_count = floor(500 * power((abs(hashtext(id::text)) % 10000) / 10000.0, 4))::int
        where id in (${sql.join(
          ids.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`);
    });
  }
  // What autovacuum would have done by the time anyone searches: statistics for the planner,
  // the GIN pending list merged and the visibility map set.
  await db.execute(sql`vacuum analyze templates`);
  await db.execute(sql`vacuum analyze template_search_terms`);
}

async function timeEach(queries: BenchQuery[], run: (q: BenchQuery) => Promise<number>) {
  for (const q of queries.slice(0, WARMUP)) await run(q);
  const samples: number[] = [];
  let hits = 0;
  for (const q of queries) {
    const started = performance.now();
    const found = await run(q);
    samples.push(performance.now() - started);
    if (found > 0) hits++;
  }
  return { samples, hits };
}

/**
 * `npm run cli -- bench search`: seeds a scratch workspace, runs the query mix through the
 * `templates.search` procedure (a real signed-in owner, membership check, tenant transaction)
 * and the same searches as bare SQL inside one tenant transaction each, and drops the
 * workspace again. PostgreSQL when DATABASE_URL is set, otherwise a throwaway in-memory PGlite.
 */
export async function benchSearch(options: BenchSearchOptions) {
  const url = getEnv().DATABASE_URL;
  const handle: DatabaseHandle = openDatabase({ url, dir: "memory://", max: 4 });
  try {
    await migrateDatabase(handle);
    const { db } = handle;
    const { user, workspace } = await scratchWorkspace(db);
    try {
      const seedStarted = performance.now();
      await seedTemplates(db, workspace.id, user.id, options.templates);
      const seedMs = performance.now() - seedStarted;
      const categoryIds = (
        await db
          .select({ id: templateCategories.id })
          .from(templateCategories)
          .where(eq(templateCategories.workspaceId, workspace.id))
      ).map((c) => c.id);
      const queries = benchQueries(options.queries, categoryIds);

      const headers = new Headers({ "x-parley-workspace": workspace.slug });
      const caller = createCaller(
        await createContext({ db, headers, getSessionUser: async () => user }),
      );
      const procedure = await timeEach(queries, async (q) => {
        const page = await caller.templates.search({ ...q.input, limit: options.limit });
        return page.items.length;
      });

      let sqlSamples: number[] = [];
      await timeEach(queries, (q) =>
        withTenant(db, workspace.id, async (tx) => {
          const input = { ...q.input, limit: options.limit };
          const started = performance.now();
          const { parsed, tsquery, filters } = await prepareSearch(tx, input);
          if (tsquery === null) return 0;
          const rows = readRows<{ id: string }>(
            await tx.execute(
              rankedSearchSql({
                tsquery,
                text: parsed.text,
                filters,
                after: null,
                limit: options.limit,
                visible: templateVisibleTo({ actor: SYSTEM_ACTOR }, searchedTemplate),
              }),
            ),
          );
          await summariesById(
            { tx, workspace, actor: SYSTEM_ACTOR },
            rows.slice(0, options.limit).map((r) => r.id),
          );
          sqlSamples.push(performance.now() - started);
          return rows.length;
        }),
      );
      sqlSamples = sqlSamples.slice(-queries.length);

      const kinds: Record<string, number> = {};
      for (const q of queries) kinds[q.kind] = (kinds[q.kind] ?? 0) + 1;
      return {
        benchmark: "templates.search",
        driver: handle.driver,
        templates: options.templates,
        queries: queries.length,
        limit: options.limit,
        ...stats(procedure.samples, ""),
        ...stats(sqlSamples, "sql_"),
        queries_with_results: round(procedure.hits / queries.length),
        query_mix: kinds,
        seed_s: round(seedMs / 1000),
        budget_p95_ms: 20,
        ...(options.keep && { kept_workspace: workspace.id }),
      };
    } finally {
      if (!options.keep) {
        // Cascades to every template row of the scratch workspace.
        await db.delete(workspaces).where(eq(workspaces.id, workspace.id));
        await db.delete(users).where(eq(users.id, user.id));
      }
    }
  } finally {
    await handle.close();
  }
}
