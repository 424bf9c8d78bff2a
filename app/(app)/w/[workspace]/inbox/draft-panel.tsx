"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useRef } from "react";
import { useTRPC } from "@/components/providers/trpc-react-provider";
import { Button } from "@/components/ui/button";
import type { RouterOutputs } from "@/lib/router-types";
import { formErrorMessage } from "@/lib/trpc-errors";

type Draft = RouterOutputs["inbox"]["draft"];
type Source = Draft["sources"][number];

/**
 * When no template fits (issue #13, point 4): an AI draft grounded in the workspace's FAQ and
 * knowledge datasets, with its cited sources, or — with no provider — the closest FAQ answers.
 * Asked for by itself when there is no confident suggestion, and on demand. Inserting puts the
 * text in the editable composer; nothing here sends.
 */
export function DraftPanel(props: {
  slug: string;
  isAdmin: boolean;
  conversationId: string;
  /** The latest customer message: a new one asks again. */
  latestMessage: string | null;
  /** No confident suggestion: ask without waiting for the agent. */
  auto: boolean;
  onInsert: (text: string) => void;
}) {
  const trpc = useTRPC();
  const draft = useMutation(trpc.inbox.draft.mutationOptions());
  const asked = useRef<string | null>(null);
  const key = `${props.conversationId}\n${props.latestMessage ?? ""}`;
  const { mutate, reset } = draft;
  useEffect(() => {
    if (asked.current === key) return;
    reset();
    asked.current = null;
    if (props.auto && props.latestMessage) {
      asked.current = key;
      mutate({ conversationId: props.conversationId });
    }
  }, [key, props.auto, props.latestMessage, props.conversationId, mutate, reset]);
  const ask = () => {
    asked.current = key;
    mutate({ conversationId: props.conversationId });
  };
  const result = draft.data;
  const title = result?.mode === "faq" ? "Closest FAQ answers" : "AI draft — check before sending";
  return (
    <section aria-labelledby="draft-title" data-testid="draft-panel">
      <h3 id="draft-title" className="mb-1 text-xs font-semibold uppercase text-zinc-500">
        {title}
      </h3>
      {!result && !draft.isPending && (
        <Button type="button" variant="secondary" size="sm" onClick={ask}>
          Draft a reply from the FAQ
        </Button>
      )}
      {draft.isPending && (
        <p className="text-xs text-zinc-500" role="status">
          Drafting from your FAQ and knowledge…
        </p>
      )}
      {draft.error && (
        <div className="space-y-1">
          <p className="text-xs text-red-600" role="alert">
            {formErrorMessage(draft.error)}
          </p>
          <Button type="button" variant="ghost" size="sm" onClick={ask}>
            Try again
          </Button>
        </div>
      )}
      {result?.mode === "ai" && (
        <div className="space-y-2">
          <p
            className="whitespace-pre-wrap rounded border border-amber-300 bg-amber-50 p-2 text-xs"
            data-testid="ai-draft"
          >
            {result.reply}
          </p>
          {result.ungrounded && (
            <p className="text-xs text-amber-700">
              This draft cites none of your FAQ or knowledge: check every fact.
            </p>
          )}
          <Button type="button" size="sm" onClick={() => props.onInsert(result.reply)}>
            Insert into reply
          </Button>
          {result.sources.length > 0 && (
            <>
              <h4 className="text-[11px] font-semibold text-zinc-500">Sources</h4>
              <SourceList sources={result.sources} />
            </>
          )}
          <Button type="button" variant="ghost" size="sm" onClick={ask}>
            Draft again
          </Button>
        </div>
      )}
      {result?.mode === "faq" && (
        <div className="space-y-2">
          <p className="text-xs text-zinc-600">
            {result.reason === "switched_off"
              ? "AI is switched off for this workspace, so no draft was written."
              : "No AI provider is configured, so no draft was written."}{" "}
            {props.isAdmin && (
              <Link href={`/w/${props.slug}/settings/ai`} className="text-accent-700 underline">
                Settings → AI
              </Link>
            )}
          </p>
          {result.sources.length === 0 ? (
            <p className="text-xs text-zinc-500">No FAQ answer matches this conversation.</p>
          ) : (
            <SourceList sources={result.sources} onInsert={props.onInsert} />
          )}
        </div>
      )}
    </section>
  );
}

/** Sources as expandable entries (a native details element: keyboard and screen-reader ready). */
function SourceList(props: { sources: Source[]; onInsert?: (text: string) => void }) {
  return (
    <ol className="space-y-1" aria-label="Sources">
      {props.sources.map((s, i) => (
        <li key={s.id} className="rounded border border-zinc-200 p-2 text-xs" data-testid="source">
          <details open={Boolean(props.onInsert) && i === 0}>
            <summary className="cursor-pointer font-medium">
              [{i + 1}] {s.title || "(untitled)"}
            </summary>
            <p className="mt-1 whitespace-pre-wrap text-zinc-700">{s.snippet}</p>
            <p className="mt-1 text-[11px] text-zinc-500">
              {s.datasetName}, line {s.line}
            </p>
          </details>
          {props.onInsert && (
            <Button
              type="button"
              variant="secondary"
              size="sm"
              className="mt-1"
              onClick={() => props.onInsert?.(s.snippet)}
              aria-label={`Insert answer ${i + 1} into reply`}
            >
              Insert
            </Button>
          )}
        </li>
      ))}
    </ol>
  );
}
