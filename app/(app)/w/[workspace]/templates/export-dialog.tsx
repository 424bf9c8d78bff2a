"use client";

import { useMutation } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTRPC } from "@/components/providers/trpc-react-provider";
import type { ExportFormat } from "@/components/templates/template-types";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { pluralize } from "@/lib/format";
import { formErrorMessage } from "@/lib/trpc-errors";

type ExportDialogProps = {
  open: boolean;
  onClose: () => void;
  /** The templates the library shows now (after search and filters). */
  shownIds: string[];
  filtered: boolean;
};

function download(filename: string, mimeType: string, content: string) {
  const url = URL.createObjectURL(new Blob([content], { type: mimeType }));
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Give the browser a moment to start the download before the URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Export: JSON (everything, re-importable) or CSV (name, category, content, triggers). */
export function ExportDialog({ open, onClose, shownIds, filtered }: ExportDialogProps) {
  const trpc = useTRPC();
  const formatName = useId();
  const scopeName = useId();
  const [format, setFormat] = useState<ExportFormat>("json");
  const [onlyShown, setOnlyShown] = useState(false);
  const exportTemplates = useMutation(trpc.templates.export.mutationOptions());

  async function onExport() {
    try {
      const file = await exportTemplates.mutateAsync({
        format,
        ids: onlyShown ? shownIds : undefined,
      });
      download(file.filename, file.mimeType, file.content);
      onClose();
    } catch {
      // Shown below.
    }
  }

  const error = formErrorMessage(exportTemplates.error);
  const radio = "size-4 accent-accent-600";
  return (
    <Dialog
      open={open}
      onClose={() => {
        exportTemplates.reset();
        onClose();
      }}
      title="Export templates"
      description="A file to keep, move to another workspace or edit in a spreadsheet."
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button
            onClick={() => void onExport()}
            pending={exportTemplates.isPending}
            pendingLabel="Exporting…"
          >
            Download
          </Button>
        </>
      }
    >
      <fieldset className="space-y-2 pt-2">
        <legend className="text-sm font-medium text-zinc-800">Format</legend>
        <label className="flex items-start gap-2 text-sm">
          <input
            type="radio"
            name={formatName}
            checked={format === "json"}
            onChange={() => setFormat("json")}
            className={radio}
          />
          <span>
            JSON{" "}
            <span className="text-zinc-500">
              — everything: variables, triggers, status; imports back exactly.
            </span>
          </span>
        </label>
        <label className="flex items-start gap-2 text-sm">
          <input
            type="radio"
            name={formatName}
            checked={format === "csv"}
            onChange={() => setFormat("csv")}
            className={radio}
          />
          <span>
            CSV <span className="text-zinc-500">— name, category, content and triggers.</span>
          </span>
        </label>
      </fieldset>
      {filtered && shownIds.length > 0 ? (
        <fieldset className="space-y-2 pt-3">
          <legend className="text-sm font-medium text-zinc-800">Templates</legend>
          <label className="flex items-center gap-2 text-sm">
            <input
              type="radio"
              name={scopeName}
              checked={!onlyShown}
              onChange={() => setOnlyShown(false)}
              className={radio}
            />
            All templates in the workspace
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input
              type="radio"
              name={scopeName}
              checked={onlyShown}
              onChange={() => setOnlyShown(true)}
              className={radio}
            />
            The {pluralize(shownIds.length, "template")} shown now
          </label>
        </fieldset>
      ) : null}
      {error ? (
        <Alert tone="error" className="mt-3">
          {error}
        </Alert>
      ) : null}
    </Dialog>
  );
}
