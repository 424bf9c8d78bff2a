"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTRPC } from "@/components/providers/trpc-react-provider";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { useDateFormatting } from "@/components/workspace/workspace-context";
import { formatDateTime, pluralize } from "@/lib/format";
import type { RouterOutputs } from "@/lib/router-types";
import { formErrorMessage } from "@/lib/trpc-errors";
import { pct } from "./format";

type Scenarios = RouterOutputs["training"]["scenarios"]["list"];
type Run = RouterOutputs["training"]["scenarioRun"];
type Option = { value: string; label: string };
const DIFFICULTIES = ["easy", "medium", "hard"] as const;

/** Test scenarios: add, delete, run against any version, and one run's per-scenario results. */
export function ScenariosEditor(props: {
  initial: Scenarios;
  templates: Option[];
  versions: Option[];
  /** The version to run on first (a version page's link); else the shown run's, else the newest. */
  initialVersionId?: string;
  run: Run | null;
  slug: string;
  canManage: boolean;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const scenarios = useQuery({
    ...trpc.training.scenarios.list.queryOptions(),
    initialData: props.initial,
  });
  const [text, setText] = useState("");
  const [templateId, setTemplateId] = useState(props.templates[0]?.value ?? "");
  const [difficulty, setDifficulty] = useState<(typeof DIFFICULTIES)[number]>("medium");
  // The version asked for, else the one whose run is shown below (the deployed one's latest, or
  // the run just made), so "Run scenarios" re-runs what the page shows; else the newest.
  const [versionId, setVersionId] = useState(
    props.versions.find((v) => v.value === props.initialVersionId)?.value ??
      props.versions.find((v) => v.value === props.run?.versionId)?.value ??
      props.versions[0]?.value ??
      "",
  );
  const refresh = () => void scenarios.refetch();
  const create = useMutation(
    trpc.training.scenarios.create.mutationOptions({
      onSuccess: () => {
        setText("");
        refresh();
      },
    }),
  );
  const [deleting, setDeleting] = useState<{ id: string; text: string } | null>(null);
  const remove = useMutation(
    trpc.training.scenarios.delete.mutationOptions({
      onSuccess: () => {
        setDeleting(null);
        refresh();
      },
    }),
  );
  const run = useMutation(
    trpc.training.runScenarios.mutationOptions({
      onSuccess: (r) => router.push(`/w/${props.slug}/training/scenarios?run=${r.runId}`),
    }),
  );
  const error = formErrorMessage(create.error ?? remove.error ?? run.error);
  const list = scenarios.data ?? [];
  return (
    <div className="space-y-6">
      <Card aria-labelledby="scenarios-title">
        <CardHeader
          id="scenarios-title"
          title="Scenarios"
          description="A customer message and the template that should answer it. Every training run is scored on them."
          actions={
            props.canManage && props.versions.length > 0 ? (
              <>
                <Select
                  aria-label="Version to run against"
                  value={versionId}
                  onChange={(e) => setVersionId(e.target.value)}
                  options={props.versions}
                  className="h-8 w-40"
                />
                <Button
                  size="sm"
                  onClick={() => run.mutate({ versionId })}
                  pending={run.isPending}
                  pendingLabel="Running…"
                  disabled={list.length === 0}
                >
                  Run scenarios
                </Button>
              </>
            ) : null
          }
        />
        {error ? (
          <Alert tone="error" className="mx-5 my-3">
            {error}
          </Alert>
        ) : null}
        {props.canManage && props.templates.length === 0 ? (
          <p className="border-b border-zinc-100 px-5 py-3 text-sm text-zinc-600">
            A scenario names the template that should answer it, and this workspace has no active
            template yet.{" "}
            <Link className="font-medium text-accent-700" href={`/w/${props.slug}/templates/new`}>
              Write one
            </Link>
          </p>
        ) : null}
        {props.canManage && props.templates.length > 0 ? (
          <form
            className="flex flex-wrap items-end gap-2 border-b border-zinc-100 px-5 py-3"
            onSubmit={(e) => {
              e.preventDefault();
              create.mutate({ text, templateId, difficulty, tags: [] });
            }}
          >
            <Input
              aria-label="Customer message"
              placeholder="Customer message"
              value={text}
              onChange={(e) => setText(e.target.value)}
              className="min-w-64 flex-1"
            />
            <Select
              aria-label="Expected template"
              value={templateId}
              onChange={(e) => setTemplateId(e.target.value)}
              options={props.templates}
              className="w-56"
            />
            <Select
              aria-label="Difficulty"
              value={difficulty}
              onChange={(e) => setDifficulty(e.target.value as (typeof DIFFICULTIES)[number])}
              options={DIFFICULTIES.map((d) => ({ value: d, label: d }))}
              className="w-32"
            />
            <Button type="submit" pending={create.isPending} pendingLabel="Adding…">
              Add
            </Button>
          </form>
        ) : null}
        <ul className="divide-y divide-zinc-100 text-sm">
          {list.map((s) => (
            <li key={s.id} className="flex items-center gap-3 px-5 py-2">
              <span className="min-w-0 flex-1">{s.text}</span>
              <span className="text-zinc-500">→ {s.templateName}</span>
              <Badge>{s.difficulty}</Badge>
              {props.canManage ? (
                <Button
                  variant="ghost"
                  size="sm"
                  onClick={() => setDeleting({ id: s.id, text: s.text })}
                >
                  Delete
                </Button>
              ) : null}
            </li>
          ))}
          {list.length === 0 ? (
            <li className="px-5 py-6 text-center text-zinc-500">No scenarios yet.</li>
          ) : null}
        </ul>
      </Card>
      <Dialog
        open={deleting !== null}
        onClose={() => setDeleting(null)}
        title="Delete this scenario?"
        description={`“${deleting?.text ?? ""}” is no longer scored in training runs. Past runs keep their results.`}
        footer={
          <>
            <Button variant="secondary" onClick={() => setDeleting(null)}>
              Keep it
            </Button>
            <Button
              variant="danger"
              pending={remove.isPending}
              pendingLabel="Deleting…"
              onClick={() => deleting && remove.mutate({ id: deleting.id })}
            >
              Delete
            </Button>
          </>
        }
      />
      {props.run ? (
        <RunResults
          run={props.run}
          version={props.versions.find((v) => v.value === props.run?.versionId)?.label ?? null}
        />
      ) : null}
    </div>
  );
}

function RunResults({ run, version }: { run: Run; version: string | null }) {
  const summary = run.summary as {
    overall: { count: number; top1: number; top3: number; passed: number };
  };
  const formatting = useDateFormatting();
  return (
    <Card aria-labelledby="run-title">
      <CardHeader
        id="run-title"
        title={`Scenario run${version ? ` on ${version}` : ""}, ${formatDateTime(run.createdAt, formatting)}`}
        description={`${pluralize(summary.overall.count, "scenario")}: top-1 ${pct(summary.overall.top1)}, top-3 ${pct(summary.overall.top3)}, passed (right and confident) ${pct(summary.overall.passed)}`}
      />
      <ul className="divide-y divide-zinc-100 text-sm" data-testid="scenario-results">
        {run.results.map((r) => (
          <li key={r.id} className="flex items-center gap-3 px-5 py-2">
            <Badge tone={r.passed ? "success" : r.rank === 1 ? "warning" : "danger"}>
              {r.passed ? "passed" : r.rank === 1 ? "not confident" : "missed"}
            </Badge>
            <span className="min-w-0 flex-1">{r.text}</span>
            <span className="text-zinc-500">
              expected {r.expectedName}
              {/* Where a miss put the right template: second is a near miss, absent is not. */}
              {r.rank !== null && r.rank > 1 ? ` (ranked ${r.rank})` : ""}
              {r.rank === null ? " (not in the top 5)" : ""}; got {r.predictedName ?? "nothing"} (
              {pct(r.confidence, 0)})
            </span>
          </li>
        ))}
      </ul>
    </Card>
  );
}
