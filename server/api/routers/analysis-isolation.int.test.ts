import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { readRows } from "@/db/migrate";
import { withTenant } from "@/db/tenant";
import { completedAnalysis } from "@/test/analysis";
import { testDatabase } from "@/test/db";
import { type Caller, catchError, signUpOwner } from "@/test/factories";

/**
 * Conversation analysis is per workspace: B cannot list, read, resolve, dismiss, draft from or
 * export A's runs, gaps, patterns and insights (NOT_FOUND), and nothing of A changes. RLS
 * (forced) is checked directly too: B's tenant transaction sees none of A's analysis rows.
 */
const TABLES = [
  "analysis_runs",
  "knowledge_gaps",
  "gap_messages",
  "analysis_patterns",
  "analysis_insights",
] as const;

let db: Database;
let a: { workspaceId: string; runId: string; gapId: string; datasetId: string; templateId: string };
let b: Caller;
let bWorkspaceId: string;

async function rowsOfA() {
  const out: Record<string, string> = {};
  for (const table of TABLES) {
    const [row] = readRows<{ rows: string | null }>(
      await db.execute(sql`select string_agg(t::text, E'\\n' order by t::text) as rows
        from ${sql.identifier(table)} t where workspace_id = ${a.workspaceId}`),
    );
    out[table] = row?.rows ?? "";
  }
  const [examples] = readRows<{ n: number }>(
    await db.execute(sql`select count(*)::int as n from training_examples
      where workspace_id = ${a.workspaceId}`),
  );
  out.training_examples = String(examples?.n ?? 0);
  return out;
}

beforeAll(async () => {
  db = await testDatabase();
  const alpha = await signUpOwner(db, { workspaceName: "Analysis alpha" });
  const analysis = await completedAnalysis(db, alpha.workspace.id);
  const template = await alpha.caller.templates.create({
    name: "Alpha answer",
    content: "Alpha answer",
    status: "active",
  });
  a = { workspaceId: alpha.workspace.id, ...analysis, templateId: template.id };
  const beta = await signUpOwner(db, { workspaceName: "Analysis beta" });
  b = beta.caller;
  bWorkspaceId = beta.workspace.id;
});

describe("conversation analysis isolation", () => {
  it("A's analysis has rows in every analysis table (so the checks below mean something)", async () => {
    const rows = await rowsOfA();
    for (const table of TABLES) expect(rows[table], table).not.toBe("");
  });

  it("B gets NOT_FOUND for A's run, gap and export, and A's rows do not change", async () => {
    const before = await rowsOfA();
    const attempts: [string, () => Promise<unknown>][] = [
      ["run", () => b.analysis.run({ runId: a.runId })],
      ["gaps.list", () => b.analysis.gaps.list({ runId: a.runId })],
      ["gaps.get", () => b.analysis.gaps.get({ gapId: a.gapId })],
      ["gaps.resolve", () => b.analysis.gaps.resolve({ gapId: a.gapId, templateId: a.templateId })],
      ["gaps.dismiss", () => b.analysis.gaps.dismiss({ gapId: a.gapId, reason: "mine now" })],
      ["gaps.createTemplateDraft", () => b.analysis.gaps.createTemplateDraft({ gapId: a.gapId })],
      ["patterns", () => b.analysis.patterns({ runId: a.runId })],
      ["insights", () => b.analysis.insights({ runId: a.runId })],
      ["export gaps", () => b.analysis.export({ runId: a.runId, what: "gaps", format: "csv" })],
      [
        "export patterns",
        () => b.analysis.export({ runId: a.runId, what: "patterns", format: "json" }),
      ],
      [
        "export insights",
        () => b.analysis.export({ runId: a.runId, what: "insights", format: "csv" }),
      ],
      [
        "start on A's dataset",
        () => b.analysis.start({ source: "dataset", datasetId: a.datasetId }),
      ],
      ["analyze A's dataset", () => b.training.analyze({ datasetId: a.datasetId })],
    ];
    for (const [what, attempt] of attempts) {
      expect((await catchError(attempt())).code, what).toBe("NOT_FOUND");
    }
    expect(await rowsOfA()).toEqual(before);
    const drafts = readRows<{ n: number }>(
      await db.execute(sql`select count(*)::int as n from templates
        where workspace_id = ${bWorkspaceId} and status = 'draft'`),
    );
    expect(drafts[0]?.n).toBe(0);
  });

  it("B's lists hold nothing of A (no run of its own: empty)", async () => {
    expect(await b.analysis.runs({})).toEqual([]);
    expect(await b.analysis.gaps.list({})).toEqual({
      runId: null,
      gaps: [],
      total: 0,
      nextOffset: null,
    });
    expect(await b.analysis.patterns({})).toEqual({ runId: null, patterns: [] });
    expect(await b.analysis.insights({})).toEqual({ runId: null, insights: [] });
  });

  it("RLS: B's tenant transaction sees none of A's analysis rows, and cannot write into A", async () => {
    for (const table of TABLES) {
      const rows = await withTenant(db, bWorkspaceId, async (tx) =>
        readRows<{ n: number }>(
          await tx.execute(sql`select count(*)::int as n from ${sql.identifier(table)}`),
        ),
      );
      expect(rows[0]?.n, table).toBe(0);
    }
    const error = await withTenant(db, bWorkspaceId, (tx) =>
      tx.execute(sql`insert into analysis_runs (workspace_id, source, status)
        values (${a.workspaceId}, 'inbox', 'running')`),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    const updated = await withTenant(db, bWorkspaceId, async (tx) =>
      readRows<{ id: string }>(
        await tx.execute(
          sql`update knowledge_gaps set status = 'dismissed' where id = ${a.gapId} returning id`,
        ),
      ),
    );
    expect(updated).toEqual([]);
  });
});
