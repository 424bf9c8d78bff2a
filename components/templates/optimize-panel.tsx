"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTRPC } from "@/components/providers/trpc-react-provider";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { formErrorMessage } from "@/lib/trpc-errors";
import type { OptimizeResult } from "@/server/templates/optimize/optimize-template";
import { LineDiffView } from "./line-diff-view";
import { templatesPath } from "./template-types";
import { useOptimizeStream } from "./use-optimize-stream";

type OptimizePanelProps = { slug: string; templateId: string; dirty: boolean };

/**
 * "Optimise wording": the rewrite streams in, then a diff against the saved text, what changed
 * and why, and accept (a new version, its origin recorded) or discard. Without a provider the
 * result comes from the rule-based optimiser and says so.
 */
export function OptimizePanel({ slug, templateId, dirty }: OptimizePanelProps) {
  const [open, setOpen] = useState(false);
  const [goal, setGoal] = useState("");
  const { state, start, reset } = useOptimizeStream(slug, templateId);
  const trpc = useTRPC();
  const router = useRouter();
  const accept = useMutation(trpc.templates.optimizations.accept.mutationOptions());
  const discard = useMutation(trpc.templates.optimizations.discard.mutationOptions());
  const busy = state.phase === "streaming";

  if (!open) {
    return (
      <div>
        <Button variant="secondary" onClick={() => setOpen(true)}>
          Optimise wording
        </Button>
      </div>
    );
  }

  async function onAccept(result: OptimizeResult) {
    const saved = await accept.mutateAsync({ id: result.optimizationId });
    router.push(`${templatesPath(slug, templateId)}?optimized=${saved.acceptedVersion}`);
    router.refresh();
  }

  async function onDiscard(result: OptimizeResult) {
    await discard.mutateAsync({ id: result.optimizationId });
    reset();
  }

  return (
    <Card aria-labelledby="optimize-title">
      <CardHeader
        id="optimize-title"
        title="Optimise wording"
        description="A rewrite of the saved content that keeps every placeholder. Nothing changes until you accept it."
        actions={
          <Button
            variant="ghost"
            size="sm"
            onClick={() => {
              reset();
              setOpen(false);
            }}
          >
            Close
          </Button>
        }
      />
      <CardBody className="space-y-4">
        <form
          className="flex flex-wrap items-end gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            void start(goal);
          }}
        >
          <div className="min-w-64 flex-1 space-y-1">
            <Label htmlFor="optimize-goal">Goal (optional)</Label>
            <Input
              id="optimize-goal"
              value={goal}
              maxLength={500}
              onChange={(e) => setGoal(e.target.value)}
              placeholder="e.g. shorter, more empathetic"
            />
          </div>
          <Button type="submit" pending={busy} pendingLabel="Optimising…" disabled={dirty}>
            Optimise
          </Button>
        </form>
        {dirty ? (
          <p className="text-sm text-amber-700">
            Save your changes first: the rewrite starts from the saved version.
          </p>
        ) : null}
        {state.phase === "streaming" ? (
          <div className="space-y-1">
            {state.note ? <p className="text-sm text-amber-700">{state.note}</p> : null}
            <pre
              data-testid="optimize-stream"
              aria-live="polite"
              className="min-h-16 rounded-md border border-zinc-200 bg-zinc-50 p-3 text-sm whitespace-pre-wrap"
            >
              {state.text}
            </pre>
          </div>
        ) : null}
        {state.phase === "failed" ? (
          <Alert tone="error" title="The optimisation failed">
            {state.message}
          </Alert>
        ) : null}
        {state.phase === "done" ? (
          <OptimizeResultView
            result={state.result}
            pending={accept.isPending || discard.isPending}
            error={formErrorMessage(accept.error ?? discard.error)}
            onAccept={() => void onAccept(state.result).catch(() => {})}
            onDiscard={() => void onDiscard(state.result).catch(() => {})}
          />
        ) : null}
      </CardBody>
    </Card>
  );
}

function OptimizeResultView(props: {
  result: OptimizeResult;
  pending: boolean;
  error: string | null;
  onAccept: () => void;
  onDiscard: () => void;
}) {
  const { result } = props;
  return (
    <div className="space-y-4" data-testid="optimize-result">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        {result.source === "ai" ? (
          <Badge tone="accent">AI-written · {result.model}</Badge>
        ) : (
          <Badge tone="neutral">Rule-based · not AI-written</Badge>
        )}
      </div>
      {result.notice ? <Alert>{result.notice}</Alert> : null}
      <div className="space-y-1">
        <h3 className="text-sm font-medium text-zinc-900">Changes</h3>
        <LineDiffView before={result.originalTemplate} after={result.optimizedTemplate} />
      </div>
      {result.improvementAreas.length > 0 ? (
        <div className="space-y-1">
          <h3 className="text-sm font-medium text-zinc-900">Improvement areas</h3>
          <ul className="list-disc space-y-1 pl-5 text-sm text-zinc-700">
            {result.improvementAreas.map((a) => (
              <li key={`${a.area}-${a.change}`}>
                <span className="font-medium">{a.area}:</span> {a.change}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {result.findings.length > 0 ? (
        <details className="text-sm text-zinc-700">
          <summary className="cursor-pointer font-medium text-zinc-900">
            Rule-based findings on the current text ({result.findings.length})
          </summary>
          <ul className="mt-1 list-disc space-y-1 pl-5">
            {result.findings.map((f) => (
              <li key={`${f.rule}-${f.message}`}>{f.message}</li>
            ))}
          </ul>
        </details>
      ) : null}
      <p className="text-sm text-zinc-600">
        <span className="font-medium text-zinc-900">Expected performance gain:</span>{" "}
        {result.expectedPerformanceGain.percent === null
          ? "not estimated"
          : `${result.expectedPerformanceGain.percent}%`}{" "}
        — {result.expectedPerformanceGain.basis}.
      </p>
      {props.error ? <Alert tone="error">{props.error}</Alert> : null}
      <div className="flex gap-2">
        <Button onClick={props.onAccept} pending={props.pending} pendingLabel="Saving…">
          Accept as new version
        </Button>
        <Button variant="secondary" onClick={props.onDiscard} disabled={props.pending}>
          Discard
        </Button>
      </div>
    </div>
  );
}
