"use client";

import { useQuery } from "@tanstack/react-query";
import { Fragment, type KeyboardEvent, type RefObject, useState } from "react";
import { useTRPC } from "@/components/providers/trpc-react-provider";
import { Badge } from "@/components/ui/badge";
import { classNames } from "@/lib/class-names";
import type { RouterOutputs } from "@/lib/router-types";
import { DraftPanel } from "./draft-panel";
import {
  type CustomerAttributes,
  confidenceLabel,
  customerFacts,
  noConfidentNote,
} from "./reply-text";
import type { Suggestions } from "./use-suggestions";

type Thread = RouterOutputs["inbox"]["get"];

/**
 * Beside the thread: the customer panel (attributes that pre-fill variables), the suggestions
 * (`1`–`3` insert them) and template search by name (`/`).
 */
export function ReplySidebar(props: {
  slug: string;
  isAdmin: boolean;
  /** Puts text (an AI draft, an FAQ answer) in the composer, for the agent to edit and send. */
  onInsertText: (text: string) => void;
  /** Undefined while a conversation loads: template search stays usable (`/` right after `j`). */
  thread: Thread | undefined;
  suggestions: Suggestions;
  onInsertSuggestion: (rank: number) => void;
  onInsertTemplate: (template: { id: string; name: string }) => void;
  searchRef: RefObject<HTMLInputElement | null>;
  /** Display classes from the inbox (below the thread on phones, a column on wide screens). */
  className: string;
}) {
  return (
    <aside
      className={classNames(
        "min-h-0 flex-col gap-4 overflow-y-auto border-t border-zinc-200 p-3 text-sm lg:border-t-0 lg:border-l",
        props.className,
      )}
    >
      {props.thread && (
        <ThreadFacts
          thread={props.thread}
          suggestions={props.suggestions}
          onInsertSuggestion={props.onInsertSuggestion}
        />
      )}
      {props.thread && (
        <DraftPanel
          key={props.thread.id}
          slug={props.slug}
          isAdmin={props.isAdmin}
          conversationId={props.thread.id}
          latestMessage={
            props.thread.messages.filter((m) => m.role === "customer").at(-1)?.text ?? null
          }
          auto={
            !props.suggestions.loading &&
            !props.suggestions.error &&
            (props.suggestions.items.length === 0 || props.suggestions.noConfidentSuggestion)
          }
          onInsert={props.onInsertText}
        />
      )}
      <TemplateSearch searchRef={props.searchRef} onPick={props.onInsertTemplate} />
    </aside>
  );
}

/** The customer panel and the suggestions of the open conversation. */
function ThreadFacts(props: {
  thread: Thread;
  suggestions: Suggestions;
  onInsertSuggestion: (rank: number) => void;
}) {
  const customer = (props.thread.customer ?? {}) as CustomerAttributes;
  return (
    <>
      <section aria-labelledby="customer-title" data-testid="customer-panel">
        <h3 id="customer-title" className="mb-1 text-xs font-semibold uppercase text-zinc-500">
          Customer
        </h3>
        <dl className="grid grid-cols-[auto_1fr] gap-x-2 gap-y-0.5 text-xs">
          {customerFacts(customer, props.suggestions.fromMessages).map((fact) => (
            <Fragment key={fact.label}>
              <dt className="text-zinc-500">{fact.label}</dt>
              <dd className="break-all" data-from-messages={fact.fromMessages || undefined}>
                {fact.value ?? "—"}
                {fact.fromMessages && (
                  <span
                    className="ml-1 text-[10px] text-zinc-500"
                    title="Not sent by the help desk: read from the customer's messages"
                  >
                    (from messages)
                  </span>
                )}
              </dd>
            </Fragment>
          ))}
          {Object.entries(customer.attributes ?? {}).map(([name, value]) => (
            <Attribute key={name} name={name} value={value} />
          ))}
          <dt className="text-zinc-500">Channel</dt>
          <dd>
            {props.thread.channel}
            {props.thread.language ? ` · ${props.thread.language}` : ""}
          </dd>
        </dl>
      </section>
      <section aria-labelledby="suggestions-title">
        <h3 id="suggestions-title" className="mb-1 text-xs font-semibold uppercase text-zinc-500">
          Suggestions
        </h3>
        {props.suggestions.loading && <p className="text-xs text-zinc-500">Finding templates…</p>}
        {props.suggestions.error && (
          <p className="text-xs text-red-600">{props.suggestions.error}</p>
        )}
        {!props.suggestions.loading && props.suggestions.items.length === 0 && (
          <p className="text-xs text-zinc-500">
            No suggestion for this message. Press / to search templates.
          </p>
        )}
        {props.suggestions.noConfidentSuggestion && props.suggestions.items.length > 0 && (
          <p className="mb-1 text-xs text-amber-700" data-testid="no-confident-note">
            {noConfidentNote(
              props.suggestions.noConfidentReason,
              props.suggestions.unfamiliarWords,
            )}
          </p>
        )}
        <ol className="space-y-2">
          {props.suggestions.items.map((s) => (
            <li key={s.templateId}>
              {/* A weak candidate (below the deployed model's threshold) is still one key
                  away, but looks it: dashed, and says so beside its percentage. */}
              <button
                type="button"
                data-testid="suggestion"
                data-low-confidence={s.lowConfidence || undefined}
                title={
                  s.lowConfidence
                    ? "A weak match: below the confidence the model needs to suggest it. Check it fits."
                    : undefined
                }
                onClick={() => props.onInsertSuggestion(s.rank)}
                className={`block w-full rounded border p-2 text-left hover:border-accent-500 ${
                  s.lowConfidence ? "border-dashed border-zinc-300" : "border-zinc-200"
                }`}
              >
                <span className="flex items-center gap-2">
                  <kbd className="rounded bg-zinc-100 px-1 text-[11px]">{s.rank}</kbd>
                  <span className="truncate font-medium">{s.name}</span>
                  <span className="ml-auto shrink-0 text-[11px] text-zinc-500">
                    {confidenceLabel(s.confidence)}
                    {s.lowConfidence && " · weak"}
                  </span>
                </span>
                {/* line-clamp is its own display (-webkit-box): `block` beside it undid it. */}
                <span
                  data-testid="suggestion-preview"
                  className="mt-1 line-clamp-3 text-xs text-zinc-600"
                >
                  {s.preview}
                </span>
                {s.missing.length > 0 && (
                  <Badge tone="warning" wraps>
                    needs {s.missing.join(", ")}
                  </Badge>
                )}
              </button>
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}

function Attribute({ name, value }: { name: string; value: string }) {
  return (
    <>
      <dt className="text-zinc-500">{name}</dt>
      <dd className="break-all">{value}</dd>
    </>
  );
}

function TemplateSearch(props: {
  searchRef: RefObject<HTMLInputElement | null>;
  onPick: (template: { id: string; name: string }) => void;
}) {
  const trpc = useTRPC();
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const search = useQuery({
    ...trpc.templates.search.queryOptions({ query: query.trim(), limit: 8, status: "active" }),
    enabled: query.trim().length > 0,
  });
  const items = search.data?.items ?? [];
  const pick = (index: number) => {
    const item = items[index];
    if (!item) return;
    props.onPick({ id: item.id, name: item.name });
    setQuery("");
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown") setActive((i) => Math.min(i + 1, items.length - 1));
    else if (event.key === "ArrowUp") setActive((i) => Math.max(i - 1, 0));
    else if (event.key === "Enter") pick(active);
    else if (event.key === "Escape") event.currentTarget.blur();
    else return;
    event.preventDefault();
  };
  return (
    <section aria-labelledby="template-search-title">
      <h3 id="template-search-title" className="mb-1 text-xs font-semibold uppercase text-zinc-500">
        Templates <kbd className="rounded bg-zinc-100 px-1 text-[11px] normal-case">/</kbd>
      </h3>
      <input
        ref={props.searchRef}
        type="search"
        aria-label="Search templates"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        placeholder="Search templates by name"
        className="w-full rounded-md border border-zinc-300 px-2 py-1 text-sm"
      />
      <ul className="mt-1" aria-label="Templates found">
        {items.map((item, index) => (
          <li key={item.id}>
            <button
              type="button"
              onClick={() => pick(index)}
              aria-current={index === active ? "true" : undefined}
              className={`block w-full truncate rounded px-2 py-1 text-left text-xs ${index === active ? "bg-accent-50" : "hover:bg-zinc-50"}`}
            >
              {item.name}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
