import { eq } from "drizzle-orm";
import type { Tx } from "@/db";
import { jobRuns } from "@/db/schema";
import { formatCount } from "@/lib/format";
import type { JobHandler } from "@/server/jobs/define-job";
import { PermanentJobError } from "@/server/jobs/define-job";
import type { TemplateImportPayload } from "@/server/jobs/definitions/template-import";
import { importChunk, parseImport } from "./import-export";
import { storedDraft } from "./rows";

/** Templates written per step: one short transaction each. */
export const IMPORT_CHUNK = 250;

/**
 * A large import in the worker: the whole file is validated first (nothing is written if any
 * entry is rejected, as for small imports), then written in chunks of IMPORT_CHUNK templates
 * with the chosen mode (skip, overwrite, copy), each chunk one resumable step with its own
 * audit row, progress after each. A retry skips committed chunks. `imported` counts entries
 * processed; the audit rows say how many were created, copied, overwritten or skipped.
 */
export const runTemplateImportJob: JobHandler<TemplateImportPayload> = async (context, payload) => {
  const content = await context.input();
  if (content === null) throw new PermanentJobError("The import file is no longer available");
  await context.progress(1, "Checking the file");
  const report = parseImport(payload.format, content);
  if (report.rejected.length > 0) {
    return {
      committed: false,
      imported: 0,
      rejected: report.rejected.slice(0, 200),
      rejectedCount: report.rejected.length,
    };
  }
  const drafts = report.templates.map(storedDraft);
  const chunks = Math.max(1, Math.ceil(drafts.length / IMPORT_CHUNK));
  await context.progress(5, `Importing ${formatCount(drafts.length)} templates`);
  for (let index = 0; index < chunks; index++) {
    const chunk = drafts.slice(index * IMPORT_CHUNK, (index + 1) * IMPORT_CHUNK);
    await context.step(index + 1, async (scope) => {
      const counts = await importChunk(scope, {
        drafts: chunk,
        mode: payload.mode,
        format: payload.format,
      });
      await scope.audit({
        action: "template.import",
        entityType: "template",
        summary: {
          format: payload.format,
          mode: payload.mode,
          job: context.jobId,
          chunk: index + 1,
          chunks,
          created: counts.create,
          copied: counts.copy,
          overwritten: counts.overwrite,
          skipped: counts.skip + counts.unchanged,
        },
      });
    });
    const done = Math.min(drafts.length, (index + 1) * IMPORT_CHUNK);
    await context.progress(
      5 + ((index + 1) / chunks) * 95,
      `${formatCount(done)} of ${formatCount(drafts.length)} templates`,
      {
        done,
        total: drafts.length,
      },
    );
  }
  await context.run(({ tx }) => clearInput(tx, context.jobId));
  return { committed: true, imported: drafts.length, rejected: [], rejectedCount: 0 };
};

async function clearInput(tx: Tx, jobId: string) {
  await tx.update(jobRuns).set({ input: null }).where(eq(jobRuns.id, jobId));
}
