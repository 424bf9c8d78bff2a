"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type ChangeEvent, useEffect, useId, useState } from "react";
import { useJobEvents } from "@/components/jobs/use-job-events";
import { useTRPC } from "@/components/providers/trpc-react-provider";
import type {
  ImportFormat,
  ImportMode,
  TemplateImportResult,
} from "@/components/templates/template-types";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { controlClasses } from "@/components/ui/input";
import { LargeDialog } from "@/components/ui/large-dialog";
import { ProgressBar } from "@/components/ui/progress-bar";
import { Select } from "@/components/ui/select";
import { useCurrentWorkspace } from "@/components/workspace/workspace-context";
import { formatCount, pluralize } from "@/lib/format";
import { formErrorMessage } from "@/lib/trpc-errors";
import { detectImportFormat } from "./detect-import-format";
import { ImportReport } from "./import-report";

const formatOptions: { value: ImportFormat; label: string }[] = [
  { value: "json", label: "Parley JSON export" },
  { value: "csv", label: "CSV (name, category, content, triggers)" },
  { value: "zendesk", label: "Zendesk macros (API JSON)" },
  { value: "chatwoot", label: "Chatwoot canned responses (API JSON)" },
];

const modeOptions: { value: ImportMode; label: string }[] = [
  { value: "skip", label: "Skip them (keep what is here)" },
  { value: "overwrite", label: "Overwrite them (as a new version)" },
  { value: "copy", label: "Import them as copies" },
];

/** Above this a loaded file is not shown in the textarea, which would only slow the page. */
const MAX_SHOWN = 200_000;

type Checked = {
  result: TemplateImportResult;
  dryRun: boolean;
  content: string;
  format: ImportFormat;
  mode: ImportMode;
};

/** Import: pick a format, load or paste a file, check it (dry run), then import it whole. */
export function ImportDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const fileId = useId();
  const [format, setFormat] = useState<ImportFormat>("json");
  const [mode, setMode] = useState<ImportMode>("skip");
  const [content, setContent] = useState("");
  const [fileName, setFileName] = useState<string | null>(null);
  const [checked, setChecked] = useState<Checked | null>(null);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const importTemplates = useMutation(trpc.templates.import.mutationOptions());
  const { slug } = useCurrentWorkspace();
  // Large files (over 1 MB or 1,000 templates) are imported by a job; its progress streams in.
  const [jobId, setJobId] = useState<string | null>(null);
  const job = useJobEvents(jobId, slug);
  const jobFinished =
    job?.state === "done" || job?.state === "failed" || job?.state === "cancelled";
  useEffect(() => {
    if (job?.state === "done") {
      void queryClient.invalidateQueries({ queryKey: trpc.templates.pathKey() });
    }
  }, [job?.state, queryClient, trpc]);

  function reset() {
    setContent("");
    setFileName(null);
    setChecked(null);
    setJobId(null);
    setFileProblem(null);
    importTemplates.reset();
  }

  function close() {
    if (importTemplates.isPending) return;
    reset();
    onClose();
  }

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (!file) return;
    const text = await file.text();
    setChecked(null);
    const detected = detectImportFormat(file.name, text);
    if (detected.kind === "binary") {
      // Never dump a binary's bytes into the text box.
      setContent("");
      setFileName(null);
      setFileProblem(`${file.name}: ${detected.message}`);
      event.target.value = "";
      return;
    }
    setFileProblem(null);
    setFileName(`${file.name} (${formatCount(Math.ceil(file.size / 1024))} KB)`);
    setContent(text);
    if (detected.kind === "format") setFormat(detected.format);
  }

  function onPaste(text: string) {
    setContent(text);
    setFileName(null);
    setFileProblem(null);
    const detected = detectImportFormat("", text);
    if (detected.kind === "format") setFormat(detected.format);
    if (detected.kind === "binary") setFileProblem(detected.message);
  }

  async function run(dryRun: boolean) {
    try {
      const result = await importTemplates.mutateAsync({ format, content, dryRun, mode });
      setChecked({ result, dryRun, content, format, mode });
      if (result.jobId) setJobId(result.jobId);
      if (!dryRun && result.committed) {
        await queryClient.invalidateQueries({ queryKey: trpc.templates.pathKey() });
      }
    } catch {
      // Shown below.
    }
  }

  const current =
    checked && checked.content === content && checked.format === format && checked.mode === mode;
  const queued = Boolean(current && checked && !checked.dryRun && checked.result.jobId);
  const done = Boolean(
    current && checked && !checked.dryRun && (checked.result.committed || queued),
  );
  // Importing without a check first is allowed: a rejected file is reported the same way.
  const cleanCheck =
    current &&
    checked?.dryRun &&
    checked.result.rejected.length === 0 &&
    checked.result.imported > 0;
  const nothingToDo =
    current &&
    checked?.dryRun &&
    checked.result.rejected.length === 0 &&
    checked.result.imported === 0;
  const canImport = content.trim() !== "" && (!current || cleanCheck || nothingToDo);
  const error = formErrorMessage(importTemplates.error);

  return (
    <LargeDialog
      open={open}
      onClose={close}
      title="Import templates"
      description="Nothing is saved until you import, and an import is all or nothing: if any entry is rejected, no template is created."
      footer={
        done ? (
          <Button onClick={close}>{queued && !jobFinished ? "Close" : "Done"}</Button>
        ) : (
          <>
            <Button variant="secondary" onClick={close} disabled={importTemplates.isPending}>
              Cancel
            </Button>
            <Button
              variant="secondary"
              onClick={() => void run(true)}
              disabled={content.trim() === ""}
              pending={importTemplates.isPending && importTemplates.variables?.dryRun === true}
              pendingLabel="Checking…"
            >
              Check file
            </Button>
            <Button
              onClick={() => void run(false)}
              disabled={!canImport}
              pending={importTemplates.isPending && importTemplates.variables?.dryRun === false}
              pendingLabel="Importing…"
            >
              {cleanCheck && checked
                ? `Import ${pluralize(checked.result.imported, "template")}`
                : "Import"}
            </Button>
          </>
        )
      }
    >
      <div className="space-y-4">
        {done ? null : (
          <>
            <div className="grid gap-4 sm:grid-cols-2">
              <FormField label="Format">
                {(control) => (
                  <Select
                    {...control}
                    value={format}
                    onChange={(event) => setFormat(event.target.value as ImportFormat)}
                    options={formatOptions}
                  />
                )}
              </FormField>
              <FormField
                label="Templates whose name already exists"
                hint="Check the file to see which entries this affects."
              >
                {(control) => (
                  <Select
                    {...control}
                    value={mode}
                    onChange={(event) => setMode(event.target.value as ImportMode)}
                    options={modeOptions}
                  />
                )}
              </FormField>
              <div className="space-y-1.5">
                <label htmlFor={fileId} className="block text-sm font-medium text-zinc-800">
                  File
                </label>
                <input
                  id={fileId}
                  type="file"
                  accept=".json,.csv,application/json,text/csv"
                  onChange={(event) => void onFile(event)}
                  className="block w-full text-sm text-zinc-600 file:mr-3 file:rounded-md file:border file:border-zinc-300 file:bg-white file:px-3 file:py-2 file:text-sm file:font-medium file:text-zinc-800 hover:file:bg-zinc-50"
                />
              </div>
            </div>
            {fileName && content.length > MAX_SHOWN ? (
              <p className="text-sm text-zinc-600">
                Loaded {fileName}.{" "}
                <button type="button" className="underline" onClick={reset}>
                  Clear
                </button>
              </p>
            ) : (
              <FormField
                label="Or paste the file's contents"
                hint={fileName ? `Loaded from ${fileName}.` : undefined}
              >
                {(control) => (
                  <textarea
                    {...control}
                    value={content}
                    onChange={(event) => onPaste(event.target.value)}
                    rows={8}
                    spellCheck={false}
                    className={controlClasses("py-2 font-mono text-xs")}
                  />
                )}
              </FormField>
            )}
          </>
        )}
        {fileProblem ? <Alert tone="error">{fileProblem}</Alert> : null}
        {error ? <Alert tone="error">{error}</Alert> : null}
        {queued && job ? <ImportJobProgress job={job} /> : null}
        {checked && current && !queued ? (
          <ImportReport result={checked.result} dryRun={checked.dryRun} />
        ) : null}
      </div>
    </LargeDialog>
  );
}

/** The progress of a large import running as a job, fed by server-sent events. */
function ImportJobProgress({ job }: { job: NonNullable<ReturnType<typeof useJobEvents>> }) {
  const data = job.data ?? {};
  if (job.state === "done") {
    return data.committed ? (
      <Alert tone="success" title={`Imported ${pluralize(Number(data.imported), "template")}`} />
    ) : (
      <Alert tone="error" title="Nothing was imported">
        {pluralize(Number(data.rejectedCount ?? 0), "entry", "entries")} rejected. Check the file
        (dry run) to see each rejection.
      </Alert>
    );
  }
  if (job.state === "failed" || job.state === "cancelled") {
    return (
      <Alert tone="error" title={job.state === "failed" ? "The import failed" : "Import cancelled"}>
        {job.message ?? "See Settings → Jobs."}
      </Alert>
    );
  }
  return (
    <div className="space-y-1.5" data-testid="import-progress">
      <p className="text-sm text-zinc-700">
        {job.message ?? "Waiting for a worker…"} — you can close this dialog; the import goes on.
      </p>
      <ProgressBar value={job.progress} label="Import progress" />
    </div>
  );
}
