import { sql } from "drizzle-orm";
import type { Database } from "@/db";
import { type DatabaseHandle, openDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { memberships, users, workspaces } from "@/db/schema";
import { withTenant } from "@/db/tenant";
import { addDays, recomputeDays, utcDay } from "@/server/analytics/rollup";
import { createContext } from "@/server/api/context";
import { createCaller } from "@/server/api/root";
import { getEnv } from "@/server/env";

export type BenchAnalyticsOptions = { events: number; iterations: number; keep: boolean };

const TEMPLATES = 50;
const AGENTS = 10;
const CATEGORIES = 5;
const DAYS = 90;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const ms = (v: number) => Math.round(v * 10) / 10;

/** A scratch workspace with an owner, agents, categories and templates (superuser inserts). */
async function scratch(db: Database) {
  const tag = crypto.randomUUID().slice(0, 8);
  const people = Array.from({ length: AGENTS }, (_, i) => ({
    id: crypto.randomUUID(),
    email: `bench-analytics-${tag}-${i}@example.test`,
    name: `Agent ${i}`,
  }));
  await db.insert(users).values(people);
  const [workspace] = await db
    .insert(workspaces)
    .values({ name: `Analytics bench ${tag}`, slug: `bench-analytics-${tag}` })
    .returning({ id: workspaces.id, slug: workspaces.slug });
  if (!workspace) throw new Error("could not create the scratch workspace");
  await db.insert(memberships).values(
    people.map((p, i) => ({
      workspaceId: workspace.id,
      userId: p.id,
      role: i === 0 ? ("owner" as const) : ("agent" as const),
    })),
  );
  await db.execute(sql`insert into template_categories (workspace_id, name)
    select ${workspace.id}::uuid, 'Category ' || g from generate_series(1, ${CATEGORIES}) g`);
  await db.execute(sql`insert into templates (workspace_id, name, content, category_id, status)
    select ${workspace.id}::uuid, 'Template ' || g, 'Hello {name}',
      (select id from template_categories c where c.workspace_id = ${workspace.id}::uuid
        order by c.name offset (g % ${CATEGORIES}) limit 1), 'active'
    from generate_series(1, ${TEMPLATES}) g`);
  return { workspace, owner: people[0] as (typeof people)[number], people };
}

/**
 * N usage events spread over the last 90 days in one generate_series INSERT: per ten events,
 * five suggestions shown, one inserted, two sent (a third edited), one outcome (one in eight
 * reopened, CSAT on most) and one first-response time; templates, agents and hours vary.
 */
async function seedEvents(db: Database, workspaceId: string, agentIds: string[], count: number) {
  const agents = sql.raw(`array[${agentIds.map((id) => `'${id}'`).join(",")}]::text[]`);
  await db.execute(sql`
    with t as (
      select array_agg(id order by name) as ids, array_agg(category_id order by name) as cats
      from templates where workspace_id = ${workspaceId}::uuid)
    insert into template_usage_events (workspace_id, kind, template_id, category_id,
      template_version, actor_id, rank, edit_distance, first_use, outcome, csat, response_ms,
      created_at)
    select ${workspaceId}::uuid,
      (array['suggestion_shown','suggestion_shown','suggestion_shown','suggestion_shown',
        'suggestion_shown','suggestion_chosen','sent','sent','resolved','first_response'])[1 + g % 10],
      t.ids[1 + (g * 7) % ${TEMPLATES}], t.cats[1 + (g * 7) % ${TEMPLATES}], 1 + g % 3,
      (${agents})[1 + (g / 10) % ${AGENTS}],
      case when g % 10 < 6 then 1 + g % 3 end,
      case when g % 10 in (6, 7) then (case when g % 3 = 0 then g % 40 else 0 end) end,
      case when g % 10 in (6, 7) then g % 20 = 6 or g % 20 = 7 end,
      case when g % 10 = 8 then (case when g % 80 = 8 then 'reopened' else 'resolved' end) end,
      case when g % 10 = 8 and g % 80 <> 8 and g % 4 <> 0 then 1 + (g / 10) % 5 end,
      case when g % 10 = 9 then 30000 + (g % 600) * 1000 end,
      now() - make_interval(secs => (g::float8 / ${count}) * ${DAYS} * 86400)
    from generate_series(1, ${count}) g, t`);
}

/**
 * `npm run cli -- bench analytics --events N`: seeds N usage events over 90 days in a scratch
 * workspace, rolls them up (the scheduled job's recompute), then times every dashboard query
 * through tRPC (a signed-in owner, membership check, tenant transaction, output validation)
 * `iterations` times over 7, 30 and 90-day periods. PostgreSQL when DATABASE_URL is set.
 */
export async function benchAnalytics(options: BenchAnalyticsOptions) {
  const url = getEnv().DATABASE_URL;
  const handle: DatabaseHandle = openDatabase({ url, dir: "memory://", max: 4 });
  try {
    await migrateDatabase(handle);
    const { db } = handle;
    const { workspace, owner, people } = await scratch(db);
    try {
      let started = performance.now();
      await seedEvents(
        db,
        workspace.id,
        people.map((p) => p.id),
        options.events,
      );
      await db.execute(sql`analyze template_usage_events`);
      const seedMs = performance.now() - started;
      const today = utcDay(new Date());
      started = performance.now();
      const rollupRows = await withTenant(db, workspace.id, (tx) =>
        recomputeDays(tx, workspace.id, addDays(today, -DAYS - 1), today),
      );
      await db.execute(sql`analyze analytics_daily`);
      const rollupMs = performance.now() - started;

      const caller = createCaller(
        await createContext({
          db,
          headers: new Headers({ "x-parley-workspace": workspace.slug }),
          getSessionUser: async () => ({ id: owner.id, email: owner.email, name: owner.name }),
        }),
      );
      const top = await caller.analytics.templates({ from: addDays(today, -DAYS + 1), to: today });
      const templateId = top.templates[0]?.templateId ?? "";
      const categoryId = top.templates[0]?.categoryId ?? undefined;
      const periods = [7, 30, 90].map((d) => ({ from: addDays(today, -d + 1), to: today }));
      const period = (i: number) => periods[i % periods.length] ?? { from: today, to: today };
      const queries: Record<string, (i: number) => Promise<unknown>> = {
        overview: (i) => caller.analytics.overview(period(i)),
        overview_filtered: (i) =>
          caller.analytics.overview({
            ...period(i),
            categoryId,
            agentId: owner.id,
          }),
        templates: (i) => caller.analytics.templates(period(i)),
        template: (i) => caller.analytics.template({ ...period(i), templateId }),
        agents: (i) => caller.analytics.agents(period(i)),
        categories: (i) => caller.analytics.categories(period(i)),
        compare: () =>
          caller.analytics.compare({ templateId, at: new Date(Date.now() - 30 * 864e5), days: 14 }),
        export_csv: (i) => caller.analytics.export({ ...period(i), format: "csv" }),
      };
      const all: number[] = [];
      const perQuery: Record<string, { p50_ms: number; p95_ms: number }> = {};
      for (const [name, run] of Object.entries(queries)) {
        await run(0); // warm-up
        const samples: number[] = [];
        for (let i = 0; i < options.iterations; i++) {
          const t0 = performance.now();
          await run(i);
          samples.push(performance.now() - t0);
        }
        samples.sort((a, b) => a - b);
        all.push(...samples);
        perQuery[name] = {
          p50_ms: ms(percentile(samples, 50)),
          p95_ms: ms(percentile(samples, 95)),
        };
      }
      all.sort((a, b) => a - b);
      return {
        driver: url ? "postgres" : "pglite",
        events: options.events,
        days: DAYS,
        templates: TEMPLATES,
        agents: AGENTS,
        seed_s: ms(seedMs / 1000),
        rollup_ms: ms(rollupMs),
        rollup_rows: rollupRows,
        iterations: options.iterations,
        p50_ms: ms(percentile(all, 50)),
        p95_ms: ms(percentile(all, 95)),
        queries: perQuery,
      };
    } finally {
      if (!options.keep) await db.execute(sql`delete from workspaces where id = ${workspace.id}`);
    }
  } finally {
    await handle.close();
  }
}
