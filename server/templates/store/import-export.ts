import { AppError } from "@/server/errors";
import { templateImportJob } from "@/server/jobs/definitions/template-import";
import { enqueueJob, jobActorOf } from "@/server/jobs/enqueue";
import { importChatwootCannedResponses } from "../interchange/chatwoot-import";
import { exportTemplatesCsv, importTemplatesCsv } from "../interchange/csv-interchange";
import type {
  ImportReport,
  RejectedTemplate,
  UnmappedPlaceholders,
} from "../interchange/import-report";
import { exportTemplatesJson, importTemplatesJson } from "../interchange/json-interchange";
import { importZendeskMacros } from "../interchange/zendesk-import";
import { IMPORT_FORMATS, type ImportFormat } from "./import-formats";
import { loadDrafts } from "./read-template";
import { storedDraft } from "./rows";
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
  return importers[format](content);
}

export type ImportResult = {
  /** True when the templates were written (all of them). */
  committed: boolean;
  /** Templates written, or on a dry run with nothing rejected, templates that would be. */
  imported: number;
  templateIds: string[];
  /** Every rejected row or entry; a file that cannot be read at all is one entry without line or index. */
  rejected: RejectedTemplate[];
  unmapped: UnmappedPlaceholders[];
  /** Set when the import was queued as a job (large files): follow it on /api/jobs/<id>/events. */
  jobId?: string;
};

/**
 * All or nothing: the importer validates every template exactly as saving would; if any is
 * rejected nothing is written and the report lists each rejection with its line (CSV) or
 * index. Otherwise all are inserted in the caller's transaction (which the procedure commits
 * or rolls back whole). A dry run only reports.
 */
export async function importTemplates(
  scope: TemplateScope,
  input: { format: ImportFormat; content: string; dryRun?: boolean },
): Promise<ImportResult> {
  if (!input.dryRun && input.content.length > IMPORT_JOB_MIN_BYTES) {
    return queueImport(scope, input);
  }
  const report = importers[input.format](input.content);
  const base = { templateIds: [], rejected: report.rejected, unmapped: report.unmapped };
  if (!input.dryRun && report.templates.length > IMPORT_JOB_MIN_TEMPLATES) {
    return queueImport(scope, input);
  }
  if (report.rejected.length > 0) return { ...base, committed: false, imported: 0 };
  if (input.dryRun) return { ...base, committed: false, imported: report.templates.length };
  const templateIds = await insertTemplates(scope.tx, {
    workspaceId: scope.workspace.id,
    userId: actingUserId(scope),
    drafts: report.templates.map(storedDraft),
    summary: () => `imported (${input.format})`,
  });
  await scope.audit({
    action: "template.import",
    entityType: "template",
    summary: { format: input.format, count: templateIds.length },
  });
  return { ...base, committed: true, imported: templateIds.length, templateIds };
}

/** Queues a large import; the file is stored with the job under RLS. */
async function queueImport(
  scope: TemplateScope,
  input: { format: ImportFormat; content: string },
): Promise<ImportResult> {
  const queued = await enqueueJob(
    scope,
    templateImportJob,
    {
      workspaceId: scope.workspace.id,
      actor: jobActorOf(scope.actor),
      format: input.format,
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
