/**
 * A run's gaps, patterns or insights as a downloadable file: CSV (the analytics export's writer:
 * cells starting with = + - @ are neutralised so a spreadsheet never runs them) or JSON.
 */
import { asc, desc, eq } from "drizzle-orm";
import type { Tx } from "@/db";
import { knowledgeGaps } from "@/db/schema";
import { toCsv } from "@/server/analytics/export";
import { listInsights, listPatterns, resolveRunId } from "./queries";
import { templateNames } from "./sources";

type What = "gaps" | "patterns" | "insights";
type Cell = string | number | null;

const joined = (values: readonly string[]) => values.join("; ");

async function gapTable(tx: Tx, runId: string) {
  const rows = await tx
    .select()
    .from(knowledgeGaps)
    .where(eq(knowledgeGaps.runId, runId))
    .orderBy(desc(knowledgeGaps.severity), asc(knowledgeGaps.id));
  const names = await templateNames(
    tx,
    rows.flatMap((r) => (r.suggestedAction.label ? [r.suggestedAction.label] : [])),
  );
  const records = rows.map((r) => ({
    id: r.id,
    status: r.status,
    size: r.size,
    severity: r.severity,
    failureRate: r.failureRate,
    cohesion: r.cohesion,
    keyPhrases: r.keyPhrases,
    trend: r.trend,
    suggestedAction: r.suggestedAction.kind,
    addExamplesTo: r.suggestedAction.label
      ? (names.get(r.suggestedAction.label) ?? r.suggestedAction.label)
      : null,
    examples: r.examples.map((e) => e.text),
    resolvedTemplateId: r.resolvedTemplateId,
  }));
  const header = [
    "gap_id",
    "status",
    "size",
    "severity",
    "failure_rate",
    "cohesion",
    "key_phrases",
    "trend",
    "suggested_action",
    "add_examples_to",
    "examples",
  ];
  const cells = records.map((r): Cell[] => [
    r.id,
    r.status,
    r.size,
    r.severity,
    r.failureRate,
    r.cohesion,
    joined(r.keyPhrases),
    typeof r.trend?.direction === "string" ? r.trend.direction : null,
    r.suggestedAction,
    r.addExamplesTo,
    joined(r.examples),
  ]);
  return { records, header, cells };
}

async function patternTable(tx: Tx, runId: string) {
  const { patterns } = await listPatterns(tx, { runId });
  const header = [
    "pattern_id",
    "topic",
    "key_phrases",
    "size",
    "previous",
    "current",
    "change_ratio",
    "growing",
    "answered",
    "examples",
  ];
  const cells = patterns.map((p): Cell[] => [
    p.id,
    p.topic,
    joined(p.keyPhrases),
    p.size,
    p.previous,
    p.current,
    p.changeRatio,
    p.growing ? "yes" : "no",
    p.answered ? "yes" : "no",
    joined(p.examples),
  ]);
  return { records: patterns, header, cells };
}

async function insightTable(tx: Tx, runId: string) {
  const { insights } = await listInsights(tx, { runId });
  const header = ["insight_id", "kind", "impact", "text", "narrated_by", "formula"];
  const cells = insights.map((i): Cell[] => [
    i.id,
    i.kind,
    i.impact,
    i.text,
    i.narratedBy,
    typeof i.basis.formula === "string" ? i.basis.formula : null,
  ]);
  return { records: insights, header, cells };
}

export async function exportRun(
  tx: Tx,
  input: { runId: string; what: What; format: "csv" | "json" },
) {
  const runId = (await resolveRunId(tx, input.runId)) as string;
  const table =
    input.what === "gaps"
      ? await gapTable(tx, runId)
      : input.what === "patterns"
        ? await patternTable(tx, runId)
        : await insightTable(tx, runId);
  const base = `analysis-${runId.slice(0, 8)}-${input.what}`;
  if (input.format === "json") {
    return {
      filename: `${base}.json`,
      contentType: "application/json",
      body: JSON.stringify({ runId, [input.what]: table.records }, null, 2),
    };
  }
  return {
    filename: `${base}.csv`,
    contentType: "text/csv; charset=utf-8",
    body: toCsv(table.header, table.cells),
  };
}
