import { AppError } from "@/server/errors";
import { templateImportJob } from "@/server/jobs/definitions/template-import";
import { enqueueJob, jobActorOf } from "@/server/jobs/enqueue";
import { importChatwootCannedResponses } from "../interchange/chatwoot-import";
import { exportTemplatesCsv, importTemplatesCsv } from "../interchange/csv-interchange";
import {
  fileRejected,
  type ImportReport,
  type RejectedTemplate,
  type UnmappedPlaceholders,
} from "../interchange/import-report";
import { exportTemplatesJson, importTemplatesJson } from "../interchange/json-interchange";
import { binaryFileProblem } from "../interchange/text-file";
import { importZendeskMacros } from "../interchange/zendesk-import";
import type { TemplateDraft } from "../language/template-schema";
import { IMPORT_FORMATS, type ImportFormat } from "./import-formats";
import {
  countActions,
  type ImportAction,
  type ImportMode,
  type ImportOutcome,
  planImport,
} from "./import-modes";
import { loadDrafts, loadTemplate } from "./read-template";
import { storedDraft } from "./rows";
import { saveNextVersion } from "./template-commands";
import { actingUserId, type TemplateScope } from "./template-scope";
import { insertTemplates } from "./write-template";

export { IMPORT_FORMATS, type ImportFormat };
export const EXPORT_FORMATS = ["json", "csv"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const importers: Record<ImportFormat, (text: string) => ImportReport> = {
  json: (text) => importTemplatesJson(text),
  csv: (text) => importTemplatesCsv(text),
  zendesk: (text) => importZendeskMacros(text),
  chatwoot: (text) => importChatwootCannedResponses(text),
};

/** Above either limit an import runs as a job with progress; below, in the request. */
export const IMPORT_JOB_MIN_BYTES = 1_000_000;
export const IMPORT_JOB_MIN_TEMPLATES = 1_000;

export function parseImport(format: ImportFormat, content: string): ImportReport {
  const binary = binaryFileProblem(content);
  return binary ? fileRejected(binary) : importers[format](content);
}

export type ImportResult = {
  /** True when the templates were written (all of them). */
  committed: boolean;
  /**
   * Templates written (created, copied or given a new version), or on a dry run with nothing
   * rejected, templates that would be.
   */
  imported: number;
  /** New templates and overwritten ones, in file order (skipped entries have none). */
  templateIds: string[];
  /** What is done with entries whose name a template already has. */
  mode: ImportMode;
  /** Per entry of the file, in order: created, skipped, overwritten, unchanged or copied. */
  outcomes: ImportOutcome[];
  counts: Record<ImportAction, number>;
  /** Every rejected row or entry; a file that cannot be read at all is one entry without line or index. */
  rejected: RejectedTemplate[];
  unmapped: UnmappedPlaceholders[];
  /** Set when the import was queued as a job (large files): follow it on /api/jobs/<id>/events. */
  jobId?: string;
};

const written = (counts: Record<ImportAction, number>) =>
  counts.create + counts.copy + counts.overwrite;

/**
 * All or nothing: the importer validates every template exactly as saving would; if any is
 * rejected nothing is written and the report lists each rejection with its line (CSV) or
 * index. Otherwise each entry is created, skipped, overwritten or copied per `mode`
 * (import-modes.ts) in the caller's transaction (which the procedure, or the import job,
 * commits or rolls back whole). A dry run only reports the plan and writes nothing, not even
 * an audit row.
 */
export async function importTemplates(
  scope: TemplateScope,
  input: { format: ImportFormat; content: string; dryRun?: boolean; mode?: ImportMode },
): Promise<ImportResult> {
  const mode = input.mode ?? "skip";
  if (!input.dryRun && input.content.length > IMPORT_JOB_MIN_BYTES) {
    return queueImport(scope, { ...input, mode });
  }
  const report = parseImport(input.format, input.content);
  if (!input.dryRun && report.templates.length > IMPORT_JOB_MIN_TEMPLATES) {
    return queueImport(scope, { ...input, mode });
  }
  const base = { rejected: report.rejected, unmapped: report.unmapped, mode };
  if (report.rejected.length > 0) {
    return {
      ...base,
      committed: false,
      imported: 0,
      templateIds: [],
      outcomes: [],
      counts: countActions([]),
    };
  }
  const plan = await planImport(
    scope.tx,
    scope.workspace.id,
    report.templates.map(storedDraft),
    mode,
  );
  if (input.dryRun) {
    const outcomes = plan.map((p) => p.outcome);
    const counts = countActions(outcomes);
    return {
      ...base,
      committed: false,
      imported: written(counts),
      templateIds: [],
      outcomes,
      counts,
    };
  }
  await applyImportPlan(scope, plan, input.format);
  const outcomes = plan.map((p) => p.outcome);
  const counts = countActions(outcomes);
  const templateIds = outcomes.flatMap((o) =>
    o.templateId !== null && o.action !== "unchanged" ? [o.templateId] : [],
  );
  await scope.audit({
    action: "template.import",
    entityType: "template",
    summary: {
      format: input.format,
      mode,
      count: templateIds.length,
      created: counts.create,
      copied: counts.copy,
      overwritten: counts.overwrite,
      skipped: counts.skip + counts.unchanged,
    },
  });
  return { ...base, committed: true, imported: written(counts), templateIds, outcomes, counts };
}

type Plan = Awaited<ReturnType<typeof planImport>>;

/** Writes a plan: creates and copies inserted together, overwrites as new versions. */
async function applyImportPlan(scope: TemplateScope, plan: Plan, format: ImportFormat) {
  const fresh = plan.filter((p) => p.outcome.action === "create" || p.outcome.action === "copy");
  const freshIds = await insertTemplates(scope.tx, {
    workspaceId: scope.workspace.id,
    userId: actingUserId(scope),
    drafts: fresh.map((p) => p.draft),
    summary: () => `imported (${format})`,
  });
  fresh.forEach((p, i) => {
    p.outcome.templateId = freshIds[i] ?? null;
  });
  for (const p of plan) {
    if (p.outcome.action !== "overwrite" || p.outcome.existingId === null) continue;
    const current = await loadTemplate(scope, p.outcome.existingId, { lock: true });
    const changes = await saveNextVersion(scope, current, p.draft, {
      summary: `overwritten by import (${format})`,
    });
    p.outcome.templateId = current.id;
    if (changes === "no changes") p.outcome.action = "unchanged";
  }
}

/**
 * One chunk of a large import, in the import job's step transaction: planned against what
 * the workspace has now (earlier chunks included) and written. Returns the chunk's counts.
 */
export async function importChunk(
  scope: TemplateScope,
  input: { drafts: TemplateDraft[]; mode: ImportMode; format: ImportFormat },
): Promise<Record<ImportAction, number>> {
  const plan = await planImport(scope.tx, scope.workspace.id, input.drafts, input.mode);
  await applyImportPlan(scope, plan, input.format);
  return countActions(plan.map((p) => p.outcome));
}

/** Queues a large import; the file is stored with the job under RLS. */
async function queueImport(
  scope: TemplateScope,
  input: { format: ImportFormat; content: string; mode: ImportMode },
): Promise<ImportResult> {
  const queued = await enqueueJob(
    scope,
    templateImportJob,
    {
      workspaceId: scope.workspace.id,
      actor: jobActorOf(scope.actor),
      format: input.format,
      mode: input.mode,
      bytes: input.content.length,
    },
    { input: input.content },
  );
  if (!queued) {
    throw new AppError("CONFLICT", "Another import is already running in this workspace");
  }
  return {
    committed: false,
    imported: 0,
    templateIds: [],
    mode: input.mode,
    outcomes: [],
    counts: countActions([]),
    rejected: [],
    unmapped: [],
    jobId: queued.jobId,
  };
}

export type ExportFile = { filename: string; mimeType: string; content: string };

/** JSON is full fidelity (imports back identically); CSV is the spreadsheet subset. */
export async function exportTemplates(
  scope: TemplateScope,
  input: { format: ExportFormat; ids?: string[] },
): Promise<ExportFile> {
  const drafts = await loadDrafts(scope, input.ids);
  await scope.audit({
    action: "template.export",
    entityType: "template",
    summary: { format: input.format, count: drafts.length, selected: input.ids !== undefined },
  });
  const date = new Date().toISOString().slice(0, 10);
  const base = `parley-templates-${scope.workspace.slug}-${date}`;
  return input.format === "json"
    ? {
        filename: `${base}.json`,
        mimeType: "application/json",
        content: exportTemplatesJson(drafts),
      }
    : {
        filename: `${base}.csv`,
        mimeType: "text/csv; charset=utf-8",
        content: exportTemplatesCsv(drafts),
      };
}
