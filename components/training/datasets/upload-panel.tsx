"use client";

import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { useJobEvents } from "@/components/jobs/use-job-events";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { ProgressBar } from "@/components/ui/progress-bar";
import { Select } from "@/components/ui/select";
import { classNames } from "@/lib/class-names";
import { type UploadAnswer, uploadDatasetFile } from "./upload-file";

const KINDS = [
  { value: "labelled", label: "Labelled examples (CSV text,label · Rasa YAML)" },
  { value: "conversations", label: "Conversations (CSV, JSON, JSONL, Zendesk, Intercom)" },
  { value: "faq", label: "FAQ (CSV/JSON question,answer · Markdown Q&A)" },
  { value: "knowledge", label: "Knowledge (Markdown, text, HTML)" },
];

/**
 * Drag a file here (or choose one): it is uploaded with a progress bar, then the parse job's
 * progress streams in (server-sent events) until the dataset is ready or failed.
 */
export function UploadPanel({
  workspaceSlug,
  maxMb,
  onFinished,
}: {
  workspaceSlug: string;
  maxMb: number;
  onFinished: (datasetId: string) => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [kind, setKind] = useState("labelled");
  const [name, setName] = useState("");
  const [dragging, setDragging] = useState(false);
  const [uploadFraction, setUploadFraction] = useState<number | null>(null);
  const [answer, setAnswer] = useState<UploadAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const job = useJobEvents(answer?.jobId ?? null, workspaceSlug);
  const finished = job && ["done", "failed", "cancelled"].includes(job.state);

  const start = (file: File) => {
    setError(null);
    setAnswer(null);
    setLast(null);
    if (file.size > maxMb * 1024 * 1024) {
      setError(`${file.name} is larger than the ${maxMb} MB limit.`);
      return;
    }
    setUploadFraction(0);
    const { promise } = uploadDatasetFile({
      workspaceSlug,
      file,
      kind,
      name: name.trim() || file.name,
      onProgress: setUploadFraction,
    });
    promise
      .then((result) => {
        setAnswer(result);
        setName("");
      })
      .catch((failure: Error) => setError(failure.message))
      .finally(() => setUploadFraction(null));
  };

  const [last, setLast] = useState<{ id: string; name: string; ok: boolean } | null>(null);
  useEffect(() => {
    if (!answer || !finished) return;
    // Hand over once: the list refreshes, and a line links to the new dataset.
    // The job completes either way; its result says whether the dataset is ready or failed.
    const ok = job?.state === "done" && job.data?.status === "ready";
    setLast({ id: answer.dataset.id, name: answer.dataset.name, ok });
    setAnswer(null);
    onFinished(answer.dataset.id);
  }, [answer, finished, job?.state, job?.data, onFinished]);

  return (
    <Card aria-labelledby="upload-title">
      <CardHeader
        id="upload-title"
        title="Upload a dataset"
        description={`Up to ${maxMb} MB. Identical rows are dropped; rows with problems are listed with their line.`}
      />
      <CardBody className="space-y-4">
        <div className="grid gap-4 sm:grid-cols-2">
          <FormField label="Kind">
            {(field) => (
              <Select
                {...field}
                value={kind}
                onChange={(event) => setKind(event.target.value)}
                options={KINDS}
              />
            )}
          </FormField>
          <FormField label="Name" hint="Defaults to the file name.">
            {(field) => (
              <Input
                {...field}
                value={name}
                maxLength={200}
                onChange={(event) => setName(event.target.value)}
              />
            )}
          </FormField>
        </div>
        <label
          htmlFor="dataset-file"
          data-testid="dataset-drop-zone"
          onDragOver={(event) => {
            event.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(event) => {
            event.preventDefault();
            setDragging(false);
            const file = event.dataTransfer.files[0];
            if (file) start(file);
          }}
          className={classNames(
            "flex cursor-pointer flex-col items-center justify-center rounded-lg border-2 border-dashed px-6 py-10 text-center text-sm",
            dragging ? "border-accent-500 bg-accent-50" : "border-zinc-300 text-zinc-600",
          )}
        >
          <span className="font-medium text-zinc-800">Drop a file here</span>
          <span>or click to choose one</span>
          <input
            ref={input}
            id="dataset-file"
            aria-label="Dataset file"
            type="file"
            className="sr-only"
            disabled={uploadFraction !== null}
            onChange={(event) => {
              const file = event.target.files?.[0];
              if (file) start(file);
              event.target.value = "";
            }}
          />
        </label>
        {uploadFraction !== null ? (
          <ProgressBar value={uploadFraction * 100} label="Upload progress" />
        ) : null}
        {answer && !finished ? (
          <div className="space-y-1">
            <p className="text-sm text-zinc-600">
              Parsing {answer.dataset.name}… {job?.message ?? ""}
            </p>
            <ProgressBar value={job?.progress ?? 0} label="Parse progress" />
          </div>
        ) : null}
        {last ? (
          <p className="text-sm text-zinc-700" role="status">
            <Link
              className="font-medium text-accent-700 underline"
              href={`/w/${workspaceSlug}/training/datasets/${last.id}`}
            >
              {last.name}
            </Link>{" "}
            {last.ok
              ? "is parsed: open it to see its rows and problems."
              : "could not be parsed: open it to see why."}
          </p>
        ) : null}
        {answer?.duplicateOf ? (
          <Alert tone="warning" title="Uploaded before">
            This file is identical to the dataset “{answer.duplicateOf.name}”. It was uploaded
            again; delete one of them if you did not mean to.
          </Alert>
        ) : null}
        {error ? (
          <Alert tone="error" title="Upload failed">
            {error}
          </Alert>
        ) : null}
        <div>
          <Button variant="secondary" size="sm" onClick={() => input.current?.click()}>
            Choose a file…
          </Button>
        </div>
      </CardBody>
    </Card>
  );
}
